// See tensor_bridge.h.
#include "model/tensor_bridge.h"

#include "peftdesk/error.h"

namespace peftdesk {

at::ScalarType toScalarType(DType d, const std::string& file, const std::string& tensor) {
  switch (d) {
    case DType::Bool: return at::kBool;
    case DType::U8: return at::kByte;
    case DType::I8: return at::kChar;
    case DType::I16: return at::kShort;
    case DType::F16: return at::kHalf;
    case DType::BF16: return at::kBFloat16;
    case DType::I32: return at::kInt;
    case DType::F32: return at::kFloat;
    case DType::F64: return at::kDouble;
    case DType::I64: return at::kLong;
    case DType::F8_E5M2: return at::kFloat8_e5m2;
    case DType::F8_E4M3: return at::kFloat8_e4m3fn;
    case DType::U16: return at::kUInt16;
    case DType::U32: return at::kUInt32;
    case DType::U64: return at::kUInt64;
  }
  throw Error(ErrorCategory::Unsupported, std::string("dtype ") + dtypeName(d) + " is not supported", {file, -1, -1, {}, tensor});
}

DType toDType(at::ScalarType t) {
  switch (t) {
    case at::kBool: return DType::Bool;
    case at::kByte: return DType::U8;
    case at::kChar: return DType::I8;
    case at::kShort: return DType::I16;
    case at::kHalf: return DType::F16;
    case at::kBFloat16: return DType::BF16;
    case at::kInt: return DType::I32;
    case at::kFloat: return DType::F32;
    case at::kDouble: return DType::F64;
    case at::kLong: return DType::I64;
    case at::kFloat8_e5m2: return DType::F8_E5M2;
    case at::kFloat8_e4m3fn: return DType::F8_E4M3;
    default: break;
  }
  throw Error(ErrorCategory::Unsupported, std::string("cannot store torch dtype ") + c10::toString(t) + " in safetensors");
}

at::Tensor loadTensor(const WeightRef& ref, std::optional<at::ScalarType> target) {
  const TensorInfo& info = *ref.info;
  const at::ScalarType stored = toScalarType(info.dtype, ref.file->path().string(), info.name);
  const uint8_t* ptr = ref.file->data(info);
  const size_t elementSize = dtypeSize(info.dtype);
  at::Tensor view;
  if (info.numel() == 0) {
    view = at::empty(info.shape, at::TensorOptions().dtype(stored));
  } else if (reinterpret_cast<uintptr_t>(ptr) % elementSize == 0) {
    auto keep = ref.file;  // the mapping lives as long as any view of it
    view = at::from_blob(const_cast<uint8_t*>(ptr), info.shape, [keep](void*) mutable { keep.reset(); },
                         at::TensorOptions().dtype(stored));
  } else {
    view = at::empty(info.shape, at::TensorOptions().dtype(stored));
    std::memcpy(view.data_ptr(), ptr, info.end - info.begin);
  }
  if (target && *target != stored) return view.to(*target);
  return view;
}

void TensorsForWriting::add(const std::string& name, const at::Tensor& t) {
  at::Tensor c = t.detach().to(at::kCPU).contiguous();
  keepAlive.push_back(c);
  TensorBytes b;
  b.name = name;
  b.dtype = toDType(c.scalar_type());
  b.shape.assign(c.sizes().begin(), c.sizes().end());
  b.data = c.data_ptr();
  b.byteSize = c.nbytes();
  entries.push_back(std::move(b));
}

}  // namespace peftdesk
