// The 4-bit layer's CPU paths against the dense computation on the same dequantized weight:
// the fused GEMV of generation steps (within fp32-summation tolerance, weights rounded exactly as
// the dense path rounds them), and the re-dequantizing autograd function (input and bias gradients
// equal to autograd through the dense weight, bit for bit); and the peftdesk:: operators the layer
// calls (CPU and Meta implementations registered; the weight's tensors give back exactly the codec's
// bytes and statistics; quantizing through the operators gives the codec's bytes).
// LibTorch headers first: they use the identifier `slots`, which QtCore defines as a macro.
#include <ATen/ATen.h>
#include <c10/core/GradMode.h>

#include <ATen/core/dispatch/Dispatcher.h>

#include "peftdesk/dequant4bit_fast.h"
#include "peftdesk/quant4bit.h"
#include "quant/linear4bit.h"
#include "quant/quant4bit_ops.h"

#include <QtTest>

using namespace peftdesk;

class TestLinear4bit : public QObject {
  Q_OBJECT
 private slots:
  void operatorsRegistered() {
    for (const char* op : {"peftdesk::decode_absmax", "peftdesk::dequantize_4bit_into", "peftdesk::gemv_4bit", "peftdesk::quantize_4bit"}) {
      const auto h = c10::Dispatcher::singleton().findSchema({op, ""});
      QVERIFY2(h.has_value(), op);
      QVERIFY2(h->hasKernelForDispatchKey(c10::DispatchKey::CPU), op);
      QVERIFY2(h->hasKernelForDispatchKey(c10::DispatchKey::Meta), op);
    }
    // Double quantization: one host implementation for every device, and a shape-only one.
    const auto dq = c10::Dispatcher::singleton().findSchema({"peftdesk::quantize_absmax", ""});
    QVERIFY(dq.has_value());
    QVERIFY(dq->hasKernelForDispatchKey(c10::DispatchKey::CompositeExplicitAutograd));
    QVERIFY(dq->hasKernelForDispatchKey(c10::DispatchKey::Meta));
  }

  // Quantizing through the quantize_4bit / quantize_absmax operators (blocks over the intra-op
  // threads) gives the codec's bytes: packed codes, statistics, double-quant codes and offset, for
  // every load dtype, both types, partial last blocks and an odd element count.
  void quantizeOperatorIsTheCodec() {
    at::manual_seed(4);
    struct Case {
      std::vector<int64_t> shape;
      int64_t blocksize;
    };
    const std::vector<Case> cases = {{{40, 96}, 64}, {{7, 9}, 64}, {{333, 1001}, 128}, {{1024, 1024}, 64}};
    int checked = 0;
    for (const Case& c : cases)
      for (at::ScalarType dt : {at::kFloat, at::kBFloat16, at::kHalf})
        for (quant::QuantType type : {quant::QuantType::NF4, quant::QuantType::FP4})
          for (bool dq : {false, true}) {
            const at::Tensor w = (at::randn(c.shape) * 0.05).to(dt).contiguous();
            const quant::Quantized4bit ref = quant::quantize4bit(w.data_ptr(), ops::elementTypeOf(dt), c.shape, type, c.blocksize, dq);
            QuantizationOptions o;
            o.enabled = true;
            o.type = type;
            o.blocksize = c.blocksize;
            o.doubleQuant = dq;
            const auto q = Quant4bitWeight::quantize(w, o);
            const QString what = QString("shape %1x%2 dtype %3 %4 dq %5").arg(c.shape[0]).arg(c.shape[1]).arg(int(dt))
                                     .arg(quant::quantTypeName(type)).arg(dq);
            QVERIFY2(q->hostPacked() == ref.packed, qPrintable(what));
            const quant::QuantState4bit back = q->hostState();
            QCOMPARE(back.doubleQuant, ref.state.doubleQuant);
            QVERIFY2(back.dtype == ref.state.dtype && back.shape == ref.state.shape && back.code == ref.state.code, qPrintable(what));
            if (dq) {
              QVERIFY2(back.qabsmax == ref.state.qabsmax && back.nestedAbsmax == ref.state.nestedAbsmax, qPrintable(what));
              QVERIFY2(std::memcmp(&back.offset, &ref.state.offset, 4) == 0, qPrintable(what));
              QVERIFY2(back.nestedCode == ref.state.nestedCode && back.nestedBlocksize == ref.state.nestedBlocksize, qPrintable(what));
            } else {
              QVERIFY2(std::memcmp(back.absmax.data(), ref.state.absmax.data(), ref.state.absmax.size() * 4) == 0, qPrintable(what));
            }
            // The meta device: the same shapes, no data.
            const auto m = Quant4bitWeight::quantize(w, o, c10::Device(c10::kMeta));
            QVERIFY(m->packed().is_meta());
            QCOMPARE(m->packed().numel(), static_cast<int64_t>(ref.packed.size()));
            QCOMPARE(m->state().doubleQuant, ref.state.doubleQuant);
            QCOMPARE(m->residentBytes(), q->residentBytes());
            ++checked;
          }
    QCOMPARE(checked, 48);
    // A dtype the codec does not take is refused by name.
    QuantizationOptions o;
    o.enabled = true;
    bool refused = false;
    try {
      Quant4bitWeight::quantize(at::zeros({4, 64}, at::kDouble), o);
    } catch (const std::exception& e) {
      refused = std::string(e.what()).find("float32, bfloat16 or float16") != std::string::npos;
    }
    QVERIFY(refused);
  }

  // The weight's device tensors hold exactly the codec's output: dequantized values equal the
  // reference codec's (fp32, bit for bit), decoded double-quant statistics equal the codec's
  // decoded absmax, and reading everything back gives the bytes a checkpoint stores.
  void weightTensorsAreTheCodecsBytes() {
    at::manual_seed(3);
    const at::Tensor w = at::randn({40, 96}) * 0.05;
    for (bool dq : {false, true}) {
      const quant::Quantized4bit ref = quant::quantize4bit(w.data_ptr(), quant::ElementType::F32, {40, 96}, quant::QuantType::NF4, 64, dq);
      const auto q = Quant4bitWeight::fromState(ref.packed, ref.state);
      std::vector<float> expected(w.numel());
      quant::dequantize4bit(ref.packed.data(), ref.state, expected.data());
      const at::Tensor got = q->dequantize(at::kFloat).contiguous();
      QVERIFY(std::memcmp(got.data_ptr<float>(), expected.data(), expected.size() * 4) == 0);
      const at::Tensor absmax = q->absmax().contiguous();
      QCOMPARE(absmax.numel(), static_cast<int64_t>(ref.state.absmax.size()));
      QVERIFY(std::memcmp(absmax.data_ptr<float>(), ref.state.absmax.data(), ref.state.absmax.size() * 4) == 0);
      const quant::QuantState4bit back = q->hostState();
      QVERIFY(q->hostPacked() == ref.packed);
      QCOMPARE(back.doubleQuant, dq);
      if (dq) {
        QVERIFY(back.qabsmax == ref.state.qabsmax);
        QVERIFY(back.nestedAbsmax == ref.state.nestedAbsmax);
        QVERIFY(q->state().qabsmax.empty() && q->state().nestedAbsmax.empty());  // resident on the device only
      } else {
        QVERIFY(back.absmax == ref.state.absmax);
      }
      // The meta device: the same weight, shapes only.
      const auto m = Quant4bitWeight::fromState(ref.packed, ref.state, c10::Device(c10::kMeta));
      const at::Tensor shaped = m->dequantize(at::kBFloat16);
      QVERIFY(shaped.is_meta());
      QCOMPARE(shaped.sizes().vec(), std::vector<int64_t>({40, 96}));
    }
  }

  void fusedGemvMatchesDense() {
    if (!quant::gemv4bitRowsAvailable()) QSKIP("machine: no AVX-512 here: generation uses the dequantize + linear path");
    at::manual_seed(1);
    for (at::ScalarType dt : {at::kFloat, at::kBFloat16, at::kHalf})
      for (bool dq : {false, true})
        for (int64_t rows : {1, 3, 4}) {
          const at::Tensor w = at::randn({200, 96}) * 0.05;
          QuantizationOptions o;
          o.enabled = true;
          o.doubleQuant = dq;
          const auto q = Quant4bitWeight::quantize(w.to(dt), o);
          const at::Tensor x = at::randn({rows, 96}).to(dt);
          const at::Tensor bias = at::randn({200}).to(dt);
          c10::NoGradGuard noGrad;
          const at::Tensor got = linear4bit(x.unsqueeze(0), q, bias).squeeze(0).to(at::kDouble);
          const at::Tensor ref = at::linear(x.to(at::kDouble), q->dequantize(dt).to(at::kDouble), bias.to(at::kDouble));
          const double err = (got - ref).abs().max().item<double>();
          const double scale = ref.abs().max().item<double>();
          const double ulp = dt == at::kFloat ? 1e-6 : dt == at::kBFloat16 ? 1.0 / 128 : 1.0 / 1024;
          QVERIFY2(err <= ulp * scale, qPrintable(QString("dtype %1 dq %2 rows %3: err %4 scale %5")
                                                      .arg(int(dt)).arg(dq).arg(rows).arg(err).arg(scale)));
        }
  }

  void backwardRedequantizesExactly() {
    at::manual_seed(2);
    for (at::ScalarType dt : {at::kFloat, at::kBFloat16}) {
      QuantizationOptions o;
      o.enabled = true;
      const auto q = Quant4bitWeight::quantize((at::randn({48, 64}) * 0.05).to(dt), o);
      const at::Tensor x0 = at::randn({2, 5, 64}).to(dt);
      const at::Tensor b0 = at::randn({48}).to(dt);
      const at::Tensor gy = at::randn({2, 5, 48}).to(dt);
      at::Tensor x1 = x0.clone().requires_grad_(true), b1 = b0.clone().requires_grad_(true);
      linear4bit(x1, q, b1).backward(gy);
      at::Tensor x2 = x0.clone().requires_grad_(true), b2 = b0.clone().requires_grad_(true);
      at::linear(x2, q->dequantize(dt), b2).backward(gy);
      QVERIFY(at::equal(x1.grad(), x2.grad()));
      QVERIFY(at::equal(b1.grad(), b2.grad()));
      // Only the input needs a gradient (the usual QLoRA case): still exact, bias untouched.
      at::Tensor x3 = x0.clone().requires_grad_(true);
      linear4bit(x3, q, b0).backward(gy);
      QVERIFY(at::equal(x3.grad(), x2.grad()));
    }
  }
};

QTEST_APPLESS_MAIN(TestLinear4bit)
#include "test_linear4bit.moc"
