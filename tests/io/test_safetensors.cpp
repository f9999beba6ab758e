// safetensors reader/writer: the spec's hand-checkable bytes (TV-1), byte equality with Python's
// safetensors.torch.save_file (run live), round trips, and every malformed-file rule.
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <cstring>
#include <fstream>

#include "peftdesk/error.h"
#include "peftdesk/safetensors.h"
#include "test_support.h"

using namespace peftdesk;

namespace {

std::string readAll(const QString& path) {
  std::ifstream in(path.toStdString(), std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string fileImage(const std::string& header, const std::string& data) {
  std::string out(8, '\0');
  uint64_t n = header.size();
  for (int i = 0; i < 8; ++i) out[i] = static_cast<char>(n >> (8 * i));
  return out + header + data;
}

// Error text for an in-memory file, empty if it parsed.
QString errorOf(const std::string& image) {
  try {
    SafetensorsFile::fromMemory(reinterpret_cast<const uint8_t*>(image.data()), image.size(), "bad.safetensors");
  } catch (const Error& e) {
    return QString::fromStdString(e.what());
  }
  return {};
}

}  // namespace

class TestSafetensors : public QObject {
  Q_OBJECT
 private slots:
  void specWorkedExample() {
    // spec §1.1: a = F32 [1, 2], b = BF16 [1, -2], metadata {"format": "pt"} → 164 bytes.
    QTemporaryDir dir;
    const float a[] = {1.0f, 2.0f};
    const uint16_t b[] = {0x3f80, 0xc000};
    const QString path = dir.path() + "/x.safetensors";
    writeSafetensors(path.toStdString(), {{"b", DType::BF16, {2}, b, 4}, {"a", DType::F32, {2}, a, 8}});
    const std::string bytes = readAll(path);
    QCOMPARE(bytes.size(), size_t(164));
    const std::string header =
        R"({"__metadata__":{"format":"pt"},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"BF16","shape":[2],"data_offsets":[8,12]}})";
    QCOMPARE(bytes.substr(8, 140), header);
    QCOMPARE(bytes.substr(148, 4), std::string(4, ' '));
    QCOMPARE(static_cast<uint8_t>(bytes[0]), uint8_t(0x90));
    const unsigned char data[] = {0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x00, 0x40, 0x80, 0x3f, 0x00, 0xc0};
    QVERIFY(std::memcmp(bytes.data() + 152, data, 12) == 0);
  }

  void roundTripAllDTypes() {
    QTemporaryDir dir;
    const QString path = dir.path() + "/all.safetensors";
    std::vector<uint8_t> blob(64);
    for (size_t i = 0; i < blob.size(); ++i) blob[i] = static_cast<uint8_t>(i * 7 + 1);
    const DType all[] = {DType::Bool, DType::U8, DType::I8, DType::F8_E5M2, DType::F8_E4M3, DType::I16, DType::U16,
                         DType::F16, DType::BF16, DType::I32, DType::U32, DType::F32, DType::F64, DType::I64, DType::U64};
    std::vector<TensorBytes> tensors;
    for (DType d : all) {
      const int64_t n = 8 / static_cast<int64_t>(dtypeSize(d));
      tensors.push_back({std::string("t_") + dtypeName(d), d, {n}, blob.data(), 8});
    }
    tensors.push_back({"scalar", DType::F32, {}, blob.data(), 4});
    tensors.push_back({"empty", DType::F32, {2, 0}, blob.data(), 0});
    tensors.push_back({"needs \"escape\"\\ ü", DType::U8, {3}, blob.data(), 3});
    writeSafetensors(path.toStdString(), tensors, {{"format", "pt"}});
    auto f = SafetensorsFile::open(path.toStdString());
    QCOMPARE(f->tensors().size(), tensors.size());
    QCOMPARE(f->metadata().at("format"), std::string("pt"));
    for (const auto& t : tensors) {
      const TensorInfo& info = f->at(t.name);
      QCOMPARE(info.dtype, t.dtype);
      QCOMPARE(info.shape, t.shape);
      QCOMPARE(info.end - info.begin, uint64_t(t.byteSize));
      QVERIFY(std::memcmp(f->data(info), t.data, t.byteSize) == 0);
      // Canonical layout: every tensor starts at a multiple of its element size (and of 8 in the file).
      QCOMPARE(info.begin % dtypeSize(info.dtype), uint64_t(0));
    }
  }

  void sameBytesAsPython() {
    const QString python = test::pythonPath();
    if (python.isEmpty() || !QFile::exists(python)) QSKIP("project venv python not found (PEFTDESK_PYTHON)");
    QTemporaryDir dir;
    std::vector<float> w(6 * 5);
    for (size_t i = 0; i < w.size(); ++i) w[i] = 0.25f * i - 3;
    std::vector<uint16_t> h(7);
    for (size_t i = 0; i < h.size(); ++i) h[i] = static_cast<uint16_t>(0x3c00 + i);
    std::vector<int64_t> ids = {5, -1, 7};
    std::vector<uint8_t> u = {1, 2, 3, 4, 5};
    const QString ours = dir.path() + "/ours.safetensors", theirs = dir.path() + "/theirs.safetensors";
    writeSafetensors(ours.toStdString(), {{"model.layers.0.weight", DType::F32, {6, 5}, w.data(), w.size() * 4},
                                          {"b.half", DType::F16, {7}, h.data(), 14},
                                          {"a.ids", DType::I64, {3}, ids.data(), 24},
                                          {"z", DType::U8, {5}, u.data(), 5}});
    const QString script = QString(R"(
import sys, torch
from safetensors.torch import save_file
t = {"model.layers.0.weight": (torch.arange(30, dtype=torch.float32) * 0.25 - 3).reshape(6, 5),
     "b.half": torch.tensor([0x3c00 + i for i in range(7)], dtype=torch.int16).view(torch.float16),
     "a.ids": torch.tensor([5, -1, 7]), "z": torch.tensor([1, 2, 3, 4, 5], dtype=torch.uint8)}
save_file(t, sys.argv[1], metadata={"format": "pt"})
)");
    const auto r = test::runProcess(python, {"-c", script, theirs});
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    QCOMPARE(readAll(ours), readAll(theirs));
  }

  void atomicWriteKeepsOldFileOnFailure() {
    QTemporaryDir dir;
    const QString path = dir.path() + "/keep.safetensors";
    const float one = 1.0f;
    writeSafetensors(path.toStdString(), {{"x", DType::F32, {1}, &one, 4}});
    const std::string before = readAll(path);
    bool threw = false;
    try {
      // Byte count does not match the shape: rejected before anything is written.
      writeSafetensors(path.toStdString(), {{"x", DType::F32, {2}, &one, 4}});
    } catch (const Error&) {
      threw = true;
    }
    QVERIFY(threw);
    QCOMPARE(readAll(path), before);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);  // no temp file left
  }

  void rejectsMalformed_data() {
    QTest::addColumn<QByteArray>("image");
    QTest::addColumn<QString>("expected");
    const std::string f32x2(8, '\0');
    auto img = [](const std::string& header, const std::string& data) {
      const std::string s = fileImage(header, data);
      return QByteArray(s.data(), static_cast<int>(s.size()));
    };
    QTest::newRow("shorter than 8 bytes") << QByteArray("\x05\x00", 2) << "shorter than the 8-byte header length";
    {
      std::string s(8, '\0');
      s[0] = '\x40';  // header length 64, nothing follows
      QTest::newRow("header past end") << QByteArray(s.data(), 8) << "runs past the end of the file";
    }
    {
      std::string s(16, ' ');
      uint64_t n = 200'000'000;
      for (int i = 0; i < 8; ++i) s[i] = static_cast<char>(n >> (8 * i));
      QTest::newRow("header over 100 MB") << QByteArray(s.data(), 16) << "exceeds the 100000000-byte limit";
    }
    QTest::newRow("not json") << img("{\"a\":", "") << "not valid JSON";
    QTest::newRow("not an object") << img("[1,2]", "") << "not a JSON object";
    QTest::newRow("unknown dtype") << img(R"({"a":{"dtype":"Q4","shape":[2],"data_offsets":[0,8]}})", f32x2) << "unknown dtype 'Q4'";
    QTest::newRow("shape/bytes mismatch") << img(R"({"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}})", f32x2)
                                          << "shape x dtype is 12 bytes but data_offsets span 8";
    QTest::newRow("truncated data") << img(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})", std::string(4, '\0'))
                                    << "the file is truncated";
    QTest::newRow("trailing bytes") << img(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})", std::string(12, '\0'))
                                    << "trailing bytes";
    QTest::newRow("overlap") << img(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})", f32x2)
                             << "overlaps the previous tensor";
    QTest::newRow("hole") << img(R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})", f32x2) << "hole in the data buffer";
    QTest::newRow("end before begin") << img(R"({"a":{"dtype":"F32","shape":[0],"data_offsets":[8,0]}})", f32x2) << "end < begin";
    QTest::newRow("negative dim") << img(R"({"a":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}})", f32x2) << "non-negative integers";
    QTest::newRow("non-string metadata") << img(R"({"__metadata__":{"format":1}})", "") << "is not a string";
    QTest::newRow("duplicate key") << img(R"({"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]},"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}})", "x")
                                   << "duplicate keys";
    QTest::newRow("offsets not integers") << img(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":["0",8]}})", f32x2)
                                          << "'data_offsets' must be two non-negative integers";
  }

  void rejectsMalformed() {
    QFETCH(QByteArray, image);
    QFETCH(QString, expected);
    const QString err = errorOf(image.toStdString());
    QVERIFY2(err.startsWith("bad.safetensors"), qPrintable(err));  // names the file
    QVERIFY2(err.contains(expected), qPrintable(err));
  }

  void acceptsHeaderWhitespaceAndUnalignedOffsets() {
    // Other writers may pad with whitespace and need not align data: accept both.
    const std::string image = fileImage(R"(  {"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]},"b":{"dtype":"F32","shape":[1],"data_offsets":[1,5]}} )",
                                        std::string("\x07\x00\x00\x80\x3f", 5));
    auto f = SafetensorsFile::fromMemory(reinterpret_cast<const uint8_t*>(image.data()), image.size(), "x");
    float v = 0;
    std::memcpy(&v, f->data(f->at("b")), 4);
    QCOMPARE(v, 1.0f);
  }
};

QTEST_APPLESS_MAIN(TestSafetensors)
#include "test_safetensors.moc"
