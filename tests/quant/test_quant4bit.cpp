// bitsandbytes-compatible 4-bit quantization (spec §6): the CPU reference against bitsandbytes
// 0.48.2 on the CPU (fixtures from tests/reference/make_nf4_vectors.py) byte for byte, plus the
// TV-12 hand vector without Python.
#include <QtTest>

#include <cmath>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>

#include "peftdesk/dequant4bit_fast.h"
#include "peftdesk/error.h"
#include "peftdesk/quant4bit.h"
#include "peftdesk/quant4bit_reference.h"
#include "peftdesk/safetensors.h"
#include "peftdesk_codec/quant4bit_codec.h"
#include "test_support.h"

using namespace peftdesk;
using namespace peftdesk::quant;

namespace {

std::string hexOf(const std::vector<uint8_t>& bytes) {
  static const char* d = "0123456789abcdef";
  std::string s;
  for (uint8_t b : bytes) {
    s += d[b >> 4];
    s += d[b & 15];
  }
  return s;
}

template <typename T>
std::vector<T> tensorAs(const SafetensorsFile& f, const char* name) {
  const TensorInfo& info = f.at(name);
  std::vector<T> v(static_cast<size_t>((info.end - info.begin) / sizeof(T)));
  std::memcpy(v.data(), f.data(info), info.end - info.begin);
  return v;
}

bool sameBits(const std::vector<float>& a, const std::vector<float>& b, std::string* where) {
  if (a.size() != b.size()) {
    *where = "size " + std::to_string(a.size()) + " vs " + std::to_string(b.size());
    return false;
  }
  for (size_t i = 0; i < a.size(); ++i)
    if (std::memcmp(&a[i], &b[i], 4) != 0 && !(std::isnan(a[i]) && std::isnan(b[i]))) {
      *where = "[" + std::to_string(i) + "] " + QString::number(a[i], 'g', 9).toStdString() + " vs " +
               QString::number(b[i], 'g', 9).toStdString();
      return false;
    }
  return true;
}

std::string firstByteDiff(const std::vector<uint8_t>& a, const std::vector<uint8_t>& b) {
  if (a.size() != b.size()) return "size " + std::to_string(a.size()) + " vs " + std::to_string(b.size());
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i]) return "[" + std::to_string(i) + "] " + std::to_string(a[i]) + " vs " + std::to_string(b[i]);
  return {};
}

QString nf4Dir() { return test::fixturesDir() + "/nf4"; }

}  // namespace

class TestQuant4bit : public QObject {
  Q_OBJECT
 private slots:
  void handVectorTv12();
  void oddLengthPacksLowNibbleZero();
  void badBlocksizeThrows();
  void dynamicMapTable();
  void fp16Conversions();
  void nf4RoundingRules();
  void referenceCases();
  void referenceBlockwise8();
  void fastDequantizeMatchesReference();
};

void TestQuant4bit::handVectorTv12() {
  std::vector<float> x(64);
  for (int i = 0; i < 64; ++i) x[i] = (i - 31.5f) / 32.0f;
  Quantized4bit q = quantize4bit(x.data(), ElementType::F32, {64}, QuantType::NF4, 64, false);
  QCOMPARE(q.state.absmax.size(), size_t(1));
  QCOMPARE(q.state.absmax[0], 0.984375f);
  QCOMPARE(QString::fromStdString(hexOf(q.packed)),
           QStringLiteral("00000111111112222233344445556667788899aaabbbccccddddeeeeeeefffff"));
  std::vector<float> back(64);
  dequantize4bit(q.packed.data(), q.state, back.data());
  QCOMPARE(back[0], -0.984375f);
  QCOMPARE(back[63], 0.984375f);
}

void TestQuant4bit::oddLengthPacksLowNibbleZero() {
  // bitsandbytes 0.48.2's CPU path cannot pack an odd count (it raises); CUDA pads the final low
  // nibble with 0. The reference does the latter, and the even prefix is unaffected.
  std::vector<float> x = {0.5f, -1.0f, 0.25f, 1.0f, -0.1f, 0.07f, 0.9f};
  Quantized4bit odd = quantize4bit(x.data(), ElementType::F32, {7}, QuantType::NF4, 32, false);
  Quantized4bit even = quantize4bit(x.data(), ElementType::F32, {6}, QuantType::NF4, 32, false);
  QCOMPARE(odd.packed.size(), size_t(4));
  QCOMPARE(int(odd.packed[3] & 0x0f), 0);
  QCOMPARE(int(odd.packed[3] >> 4), 15);  // 0.9 is nearer 1.0 than 0.7229568
  for (int i = 0; i < 3; ++i) QCOMPARE(odd.packed[i], even.packed[i]);
}

void TestQuant4bit::badBlocksizeThrows() {
  float x[4] = {1, 2, 3, 4};
  QVERIFY_THROWS_EXCEPTION(peftdesk::Error, quantize4bit(x, ElementType::F32, {4}, QuantType::NF4, 48, false));
  QVERIFY_THROWS_EXCEPTION(peftdesk::Error, quantize4bit(x, ElementType::F32, {4}, QuantType::NF4, 8192, false));
  QVERIFY(isValidBlocksize(32) && isValidBlocksize(4096) && !isValidBlocksize(16));
  QuantType t;
  QVERIFY(parseQuantType("fp4", &t) && t == QuantType::FP4);
  ElementType e;
  QVERIFY(parseElementType("bfloat16", &e) && e == ElementType::BF16);
  QCOMPARE(QString(elementTypeName(ElementType::F16)), QStringLiteral("float16"));
}

void TestQuant4bit::dynamicMapTable() {
  const auto& m = dynamicMap();
  QCOMPARE(m.size(), size_t(256));
  QCOMPARE(m[0], -0.992968738079071f);
  QCOMPARE(m[127], 0.0f);
  QCOMPARE(m[255], 1.0f);
  for (int i = 1; i < 256; ++i) QVERIFY(m[i - 1] < m[i]);
  QCOMPARE(dynamicMapCpuBackend()[0], -1.0f);
}

void TestQuant4bit::fp16Conversions() {
  // torch.float16 rounding of a few awkward values (round to nearest even, subnormals, overflow)
  std::vector<float> x = {1.0f, 65504.0f, 65519.0f, 65520.0f, 6.1035156e-05f, 5.9604645e-08f, 2.9802322e-08f,
                          2.9802326e-08f, 1.0009765625f, 1.00048828125f};
  Quantized4bit dummy;  // (silences unused warnings on some compilers)
  (void)dummy;
  QuantState4bit st;
  st.blocksize = 32;
  st.shape = {2};
  st.code.assign(16, 0.0f);
  st.absmax = {1.0f};
  // use dequantize4bitAs with a code table holding the value: result = f16(code) * 1 -> f16
  for (float v : x) {
    st.code[0] = v;
    uint8_t packed = 0;
    uint16_t out[2];
    dequantize4bitAs(&packed, st, ElementType::F16, out);
    uint16_t expect = 0;
    if (v == 1.0f) expect = 0x3c00;
    else if (v == 65504.0f || v == 65519.0f) expect = 0x7bff;
    else if (v == 65520.0f) expect = 0x7c00;
    else if (v == 6.1035156e-05f) expect = 0x0400;
    else if (v == 5.9604645e-08f) expect = 0x0001;
    else if (v == 2.9802322e-08f) expect = 0x0000;  // exactly 2^-25 ties to even (0)
    else if (v == 2.9802326e-08f) expect = 0x0001;
    else if (v == 1.0009765625f) expect = 0x3c01;
    else if (v == 1.00048828125f) expect = 0x3c00;  // tie -> even
    QCOMPARE(out[0], expect);
  }
}

void TestQuant4bit::nf4RoundingRules() {
  using namespace peftdesk::codec;
  // The fast NF4 coder equals the full fp32 argmin (checked exhaustively over all 2^31 floats in
  // [-1, 1] when written; here a dense sample around every threshold plus a stride over [-1, 1]).
  // The CUDA decision tree differs from the CPU argmin on exactly four fp32 values, each one
  // equal to an fp32 threshold whose fp32 distances favour the upper code.
  const float cudaDiffers[4] = {0x1.ec90c6p-4f, -0x1.e079d8p-3f, -0x1.5bd4ecp-2f, -0x1.38a4ep-1f};
  const uint8_t argminCode[4] = {9, 5, 4, 2};
  for (int i = 0; i < 4; ++i) {
    QCOMPARE(int(pdNearestCode16(cudaDiffers[i], kNf4Code)), int(argminCode[i]));
    QCOMPARE(int(pdNf4CodeNearest(cudaDiffers[i])), int(argminCode[i]));
    QCOMPARE(int(pdNf4CodeTree(cudaDiffers[i])), int(argminCode[i]) - 1);
  }
  int64_t checked = 0, treeDiff = 0;
  auto check = [&](float f) {
    ++checked;
    const uint8_t a = pdNearestCode16(f, kNf4Code);
    QCOMPARE(int(pdNf4CodeNearest(f)), int(a));
    if (pdNf4CodeTree(f) != a) ++treeDiff;
  };
  for (float t : kNf4Thresholds) {
    float f = t;
    for (int k = 0; k < 2000; ++k) f = std::nextafter(f, -2.0f);
    for (int k = 0; k < 4000; ++k, f = std::nextafter(f, 2.0f)) check(f);
  }
  for (uint32_t u = 0; u < 0x3f800001u; u += 9973) {
    check(bitsFloat(u));
    check(-bitsFloat(u));
  }
  QCOMPARE(int(pdNf4CodeNearest(std::nanf(""))), 0);
  QCOMPARE(int(pdNf4CodeTree(std::nanf(""))), 0);
  QCOMPARE(treeDiff, int64_t(4));
  QVERIFY(checked > 100000);
}

void TestQuant4bit::referenceCases() {
  std::ifstream in((nf4Dir() + "/index.json").toStdString());
  if (!in) QFAIL("fixtures missing: run through ctest (fixture_nf4_vectors)");
  nlohmann::json index = nlohmann::json::parse(in);
  int exact = 0, total = 0;
  QStringList failures;
  for (const auto& c : index["cases"]) {
    const std::string name = c.get<std::string>();
    if (qEnvironmentVariableIsSet("PEFTDESK_TEST_VERBOSE")) qInfo("case %s", name.c_str());
    ++total;
    auto f = SafetensorsFile::open((nf4Dir() + "/" + QString::fromStdString(name) + ".safetensors").toStdString());
    const auto& md = f->metadata();
    QuantType qt;
    ElementType et;
    QVERIFY(parseQuantType(md.at("quant_type"), &qt));
    QVERIFY(parseElementType(md.at("dtype"), &et));
    const int64_t bs = std::stoll(md.at("blocksize"));
    const bool dq = md.at("double_quant") == "1";
    const bool zeroBlock = md.at("zero_block") == "1";
    std::vector<int64_t> shape = nlohmann::json::parse(md.at("shape")).get<std::vector<int64_t>>();
    const TensorInfo& inInfo = f->at("input");
    std::vector<uint8_t> inBytes(f->data(inInfo), f->data(inInfo) + (inInfo.end - inInfo.begin));
    Quantized4bit q = quantize4bit(inBytes.data(), et, shape, qt, bs, dq);
    const auto packedRef = tensorAs<uint8_t>(*f, "packed");
    std::string why;
    QStringList caseFail;
    if (!zeroBlock && q.packed != packedRef)
      caseFail << QString("packed %1").arg(QString::fromStdString(firstByteDiff(q.packed, packedRef)));
    if (!sameBits(q.state.code, tensorAs<float>(*f, "quant_map"), &why))
      caseFail << QString("quant_map %1").arg(QString::fromStdString(why));
    std::vector<float> absmaxRef;
    if (dq) {
      if (q.state.qabsmax != tensorAs<uint8_t>(*f, "qabsmax"))
        caseFail << QString("qabsmax %1").arg(QString::fromStdString(firstByteDiff(q.state.qabsmax, tensorAs<uint8_t>(*f, "qabsmax"))));
      if (!sameBits(q.state.nestedAbsmax, tensorAs<float>(*f, "nested_absmax"), &why))
        caseFail << QString("nested_absmax %1").arg(QString::fromStdString(why));
      if (!sameBits(q.state.nestedCode, tensorAs<float>(*f, "nested_code"), &why))
        caseFail << QString("nested_code %1").arg(QString::fromStdString(why));
      if (!sameBits({q.state.offset}, tensorAs<float>(*f, "offset"), &why))
        caseFail << QString("offset %1").arg(QString::fromStdString(why));
      absmaxRef = tensorAs<float>(*f, "absmax_deq");
      if (!sameBits(q.state.absmax, absmaxRef, &why))
        caseFail << QString("absmax_deq %1").arg(QString::fromStdString(why));
    } else {
      absmaxRef = tensorAs<float>(*f, "absmax");
      if (!sameBits(q.state.absmax, absmaxRef, &why)) caseFail << QString("absmax %1").arg(QString::fromStdString(why));
    }
    // Dequantization of bnb's own bytes and absmax, with the table bnb's CPU path multiplies by
    // (the 4-digit FP4 table there; the stored quant_map elsewhere).
    QuantState4bit st = q.state;
    st.absmax = absmaxRef;
    if (qt == QuantType::FP4) {
      static const float cpuFp4[16] = {0.0f, 0.0052f, 0.6667f, 1.0f, 0.3333f, 0.5f, 0.1667f, 0.25f,
                                       0.0f, -0.0052f, -0.6667f, -1.0f, -0.3333f, -0.5f, -0.1667f, -0.25f};
      st.code.assign(cpuFp4, cpuFp4 + 16);
    }
    std::vector<float> deq(static_cast<size_t>(st.numel()));
    dequantize4bit(packedRef.data(), st, deq.data());
    if (!sameBits(deq, tensorAs<float>(*f, "dequant_f32"), &why))
      caseFail << QString("dequant_f32 %1").arg(QString::fromStdString(why));
    if (et != ElementType::F32) {
      std::vector<uint16_t> nat(static_cast<size_t>(st.numel()));
      dequantize4bitAs(packedRef.data(), st, et, nat.data());
      if (nat != tensorAs<uint16_t>(*f, "dequant_native")) caseFail << "dequant_native differs";
    }
    if (zeroBlock) {  // our own bytes must dequantize to what bnb's do
      std::vector<float> mine(deq.size());
      dequantize4bit(q.packed.data(), st, mine.data());
      if (!sameBits(mine, deq, &why) && test::maxAbsDiff(mine, deq) != 0.0)
        caseFail << QString("zero block dequant %1").arg(QString::fromStdString(why));
    }
    if (caseFail.isEmpty()) ++exact;
    else failures << QString::fromStdString(name) + ": " + caseFail.join("; ");
  }
  qInfo("%d of %d bitsandbytes cases bit-exact (%d shapes the reference cannot quantize: odd n)", exact, total,
        int(index["unsupported_by_reference"].size()));
  for (const QString& s : failures) qWarning("%s", qPrintable(s));
  QVERIFY(total > 50);
  QVERIFY2(failures.isEmpty(), qPrintable(failures.join("\n")));
}

void TestQuant4bit::referenceBlockwise8() {
  std::ifstream in((nf4Dir() + "/index.json").toStdString());
  if (!in) QFAIL("fixtures missing: run through ctest (fixture_nf4_vectors)");
  nlohmann::json index = nlohmann::json::parse(in);
  for (const auto& c : index["q8"]) {
    const std::string name = c.get<std::string>();
    auto f = SafetensorsFile::open((nf4Dir() + "/" + QString::fromStdString(name) + ".safetensors").toStdString());
    const auto a = tensorAs<float>(*f, "input");
    std::vector<uint8_t> q(a.size());
    std::vector<float> absmax((a.size() + 255) / 256);
    quantizeBlockwise8(a.data(), int64_t(a.size()), 256, dynamicMapCpuBackend().data(), q.data(), absmax.data());
    QCOMPARE(QString::fromStdString(firstByteDiff(q, tensorAs<uint8_t>(*f, "code"))), QString());
    std::string why;
    QVERIFY2(sameBits(absmax, tensorAs<float>(*f, "absmax"), &why), why.c_str());
    QVERIFY2(sameBits(dynamicMapCpuBackend(), tensorAs<float>(*f, "map"), &why), why.c_str());
  }
}

void TestQuant4bit::fastDequantizeMatchesReference() {
  // Every ISA path this CPU has, every output dtype, both code tables, blocksizes, and element
  // ranges that start / end off the vector groups: the bits of dequantize4bitAs.
  std::vector<quant::CpuIsa> isas{quant::CpuIsa::Portable};
  if (quant::bestCpuIsa() != quant::CpuIsa::Portable) isas.push_back(quant::CpuIsa::Avx2);
  if (quant::bestCpuIsa() == quant::CpuIsa::Avx512) isas.push_back(quant::CpuIsa::Avx512);
  qInfo("fast dequantize: best ISA here %s", quant::cpuIsaName(quant::bestCpuIsa()));
  std::mt19937 rng(3);
  std::normal_distribution<float> nd;
  int cases = 0;
  for (int64_t bs : {32, 64, 256, 4096})
    for (quant::QuantType qt : {quant::QuantType::NF4, quant::QuantType::FP4})
      for (int64_t n : {bs * 5 + 13, int64_t(8195)}) {
        std::vector<float> x(static_cast<size_t>(n));
        for (auto& v : x) v = nd(rng) * 3.0f;
        x[5] = 1e-41f;  // a subnormal product for the fp16 / bf16 rounding
        const quant::Quantized4bit q = quant::quantize4bit(x.data(), quant::ElementType::F32, {n}, qt, bs, false);
        for (quant::ElementType et : {quant::ElementType::F32, quant::ElementType::BF16, quant::ElementType::F16}) {
          const size_t esize = et == quant::ElementType::F32 ? 4 : 2;
          std::vector<uint8_t> ref(static_cast<size_t>(n) * esize);
          quant::dequantize4bitAs(q.packed.data(), q.state, et, ref.data());
          for (quant::CpuIsa isa : isas)
            for (auto [b, e] : {std::pair<int64_t, int64_t>{0, n}, {3, n - 5}, {17, 18}, {40, 40 + 33}}) {
              std::vector<uint8_t> got(static_cast<size_t>(e - b) * esize, 0xAB);
              quant::dequantize4bitRange(q.packed.data(), q.state.code.data(), q.state.absmax.data(), bs, b, e, et,
                                         got.data(), isa);
              QVERIFY2(std::memcmp(got.data(), ref.data() + b * esize, got.size()) == 0,
                       qPrintable(QString("isa %1 dtype %2 bs %3 n %4 range [%5, %6)")
                                      .arg(quant::cpuIsaName(isa)).arg(int(et)).arg(bs).arg(n).arg(b).arg(e)));
              ++cases;
            }
        }
      }
  qInfo("%d fast-dequantize cases bit-exact", cases);
}

QTEST_APPLESS_MAIN(TestQuant4bit)
#include "test_quant4bit.moc"
