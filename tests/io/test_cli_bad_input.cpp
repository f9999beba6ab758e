// Bad input through the CLI: each broken model folder or argument gives one clear line on stderr
// naming the file / field / tensor, a non-zero exit code, no crash, and no damaged output.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <nlohmann/json.hpp>

#include "test_support.h"

namespace {

QString fixtureModel() { return peftdesk::test::fixturesDir() + "/models/llama_gqa"; }

// Copies the fixture model into a fresh folder and returns its path.
QString copyModel(const QTemporaryDir& tmp, const QString& name) {
  const QString dst = tmp.path() + "/" + name;
  QDir().mkpath(dst);
  for (const QString& f : QDir(fixtureModel()).entryList(QDir::Files)) QFile::copy(fixtureModel() + "/" + f, dst + "/" + f);
  return dst;
}

void editConfig(const QString& dir, const std::function<void(nlohmann::json&)>& edit) {
  QFile f(dir + "/config.json");
  QVERIFY(f.open(QIODevice::ReadOnly));
  auto j = nlohmann::json::parse(f.readAll().toStdString());
  f.close();
  edit(j);
  QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
  f.write(QByteArray::fromStdString(j.dump(2)));
}

}  // namespace

class TestCliBadInput : public QObject {
  Q_OBJECT
 private:
  QTemporaryDir tmp_;

  void expectFailure(const QStringList& args, const QStringList& mustContain, int expectedExit = 1) {
    const auto r = peftdesk::test::runCli(args);
    QVERIFY2(r.exitCode == expectedExit, qPrintable(QString("exit %1, stderr: %2").arg(r.exitCode).arg(r.stderrText)));
    const QString line = r.stderrText.trimmed();
    QVERIFY2(!line.contains('\n'), qPrintable("expected one line, got: " + line));
    for (const QString& s : mustContain) QVERIFY2(line.contains(s), qPrintable("'" + s + "' not in: " + line));
    QVERIFY(r.stdoutText.isEmpty());
  }

 private slots:
  void initTestCase() { QVERIFY2(QFile::exists(fixtureModel() + "/config.json"), "fixture_tiny_models did not run"); }

  void missingFolder() { expectFailure({"info", tmp_.path() + "/nope"}, {"/nope", "model folder not found"}); }

  void truncatedWeights() {
    const QString d = copyModel(tmp_, "truncated");
    QFile f(d + "/model.safetensors");
    QVERIFY(f.resize(f.size() - 100));
    expectFailure({"forward", d, "--ids", "1,2", "--out", tmp_.path() + "/x.safetensors"}, {d + "/model.safetensors", "truncated"});
    expectFailure({"info", d}, {"model.safetensors", "truncated"});
  }

  void headerLengthPastEnd() {
    const QString d = copyModel(tmp_, "header");
    QFile f(d + "/model.safetensors");
    QVERIFY(f.open(QIODevice::ReadWrite));
    f.write(QByteArray("\xff\xff\xff\x00\x00\x00\x00\x00", 8));
    f.close();
    expectFailure({"info", d}, {"model.safetensors", "header length"});
  }

  void missingConfigKey() {
    const QString d = copyModel(tmp_, "nokey");
    editConfig(d, [](nlohmann::json& j) { j.erase("num_hidden_layers"); });
    expectFailure({"info", d}, {"config.json", "num_hidden_layers", "missing required key"});
  }

  void unsupportedArchitecture() {
    const QString d = copyModel(tmp_, "arch");
    editConfig(d, [](nlohmann::json& j) { j["model_type"] = "falcon"; });
    expectFailure({"forward", d, "--ids", "1", "--out", tmp_.path() + "/y.safetensors"}, {"config.json", "unsupported architecture 'falcon'"});
  }

  void shapeMismatch() {
    const QString d = copyModel(tmp_, "shape");
    editConfig(d, [](nlohmann::json& j) { j["intermediate_size"] = 96; });
    expectFailure({"forward", d, "--ids", "1", "--out", tmp_.path() + "/z.safetensors"},
                  {"model.safetensors", "mlp.gate_proj.weight", "does not match config.json"});
  }

  void missingWeightsFile() {
    const QString d = copyModel(tmp_, "noweights");
    QFile::remove(d + "/model.safetensors");
    QFile bin(d + "/pytorch_model.bin");
    QVERIFY(bin.open(QIODevice::WriteOnly));
    bin.write("not really a pickle");
    bin.close();
    expectFailure({"info", d}, {d, "no model.safetensors", "pickle checkpoints are refused"});
  }

  void missingTokenizer() {
    expectFailure({"generate", fixtureModel(), "--prompt", "hello"}, {"no tokenizer found"});
    expectFailure({"tokenize", fixtureModel(), "--text", "hello"}, {"no tokenizer found"});
  }

  void badArguments() {
    expectFailure({"forward", fixtureModel(), "--ids", "1,x", "--out", "o.safetensors"}, {"--ids", "'x'"}, 2);
    expectFailure({"forward", fixtureModel(), "--idz", "1"}, {"unknown option --idz"}, 2);
    expectFailure({"generate", fixtureModel(), "--ids", "1", "--top-p", "0"}, {"--top-p"}, 2);
    expectFailure({"forward", fixtureModel(), "--ids", "1,99999", "--out", tmp_.path() + "/v.safetensors"},
                  {"99999", "outside the vocabulary"}, 2);
    expectFailure({"frobnicate"}, {}, 2);
  }

  void failedForwardKeepsExistingOutput() {
    const QString out = tmp_.path() + "/keep.safetensors";
    auto ok = peftdesk::test::runCli({"forward", fixtureModel(), "--ids", "3,4,5", "--out", out});
    QCOMPARE(ok.exitCode, 0);
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray before = f.readAll();
    f.close();
    expectFailure({"forward", fixtureModel(), "--ids", "3,99999", "--out", out}, {"outside the vocabulary"}, 2);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), before);
  }
};

QTEST_GUILESS_MAIN(TestCliBadInput)
#include "test_cli_bad_input.moc"
