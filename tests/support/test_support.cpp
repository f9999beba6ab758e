// See test_support.h.
#include "test_support.h"

#include <QFile>

#include <QDir>
#include <QJsonDocument>
#include <QProcess>
#include <QProcessEnvironment>
#include <cmath>
#include <limits>

namespace peftdesk::test {

static QString envDir(const char* name) {
  const QString v = qEnvironmentVariable(name);
  return (!v.isEmpty() && QDir(v).exists()) ? QDir(v).absolutePath() : QString();
}

QString testDataDir() { return envDir("PEFTDESK_TESTDATA"); }
QString fixturesDir() { return qEnvironmentVariable("PEFTDESK_FIXTURES"); }
QString sourceDir() { return qEnvironmentVariable("PEFTDESK_SOURCE_DIR"); }
QString pythonPath() { return qEnvironmentVariable("PEFTDESK_PYTHON"); }

ProcessResult runProcess(const QString& program, const QStringList& args, int timeoutMs) {
  QProcess p;
  p.start(program, args);
  ProcessResult r;
  if (!p.waitForFinished(timeoutMs)) {
    p.kill();
    p.waitForFinished();
    r.stderrText = "timed out or failed to start: " + program;
    return r;
  }
  r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
  r.stdoutText = QString::fromUtf8(p.readAllStandardOutput());
  r.stderrText = QString::fromUtf8(p.readAllStandardError());
  return r;
}

QString cliPath() { return QStringLiteral(PEFTDESK_CLI_PATH); }

QString trainDemoRun(const QString& runDir, const nlohmann::json& method, const nlohmann::json& patch) {
  const QString demo = sourceDir() + QStringLiteral("/resources/demo");
  nlohmann::json run = {{"model", {{"path", (demo + "/model").toStdString()}}},
                        {"method", method},
                        {"data", {{"path", (demo + "/data/demo_alpaca.json").toStdString()}, {"cutoff_len", 96}}},
                        {"train", {{"learning_rate", 3e-3}, {"max_steps", 10}, {"per_device_train_batch_size", 8}, {"gradient_accumulation_steps", 1}}},
                        {"output_dir", runDir.toStdString()}};
  run.merge_patch(patch);
  QFile f(runDir + QStringLiteral(".json"));
  if (!f.open(QIODevice::WriteOnly)) return {};
  f.write(QByteArray::fromStdString(run.dump()));
  f.close();
  const ProcessResult r = runCli({QStringLiteral("train"), f.fileName(), QStringLiteral("--quiet")}, 300000);
  if (r.exitCode != 0) qWarning("%s", qPrintable(r.stderrText));
  return r.exitCode == 0 ? runDir : QString();
}

ProcessResult runCli(const QStringList& args, int timeoutMs) {
  return runProcess(QStringLiteral(PEFTDESK_CLI_PATH), args, timeoutMs);
}

double maxAbsDiff(const std::vector<float>& a, const std::vector<float>& b) {
  if (a.size() != b.size()) return std::numeric_limits<double>::infinity();
  double m = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    const double d = std::fabs(double(a[i]) - double(b[i]));
    if (std::isnan(d)) return std::numeric_limits<double>::infinity();
    m = std::max(m, d);
  }
  return m;
}

QJsonObject readJsonObject(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  return QJsonDocument::fromJson(f.readAll()).object();
}

std::vector<std::vector<int32_t>> idRows(const QJsonArray& rows) {
  std::vector<std::vector<int32_t>> out;
  for (const auto& r : rows) {
    out.emplace_back();
    for (const auto& v : r.toArray()) out.back().push_back(v.toInt());
  }
  return out;
}

std::vector<float> floatTensor(const SafetensorsFile& file, const std::string& name) {
  const TensorInfo& info = file.at(name);
  const float* p = reinterpret_cast<const float*>(file.data(info));
  return std::vector<float>(p, p + info.numel());
}

double maxDiffOnRealTokens(const Logits& ours, const std::vector<float>& ref, const std::vector<std::vector<int32_t>>& rows) {
  if (ours.values.size() != ref.size() || ours.shape.size() != 3) return std::numeric_limits<double>::infinity();
  const int64_t T = ours.shape[1], V = ours.shape[2];
  double worst = 0;
  for (size_t b = 0; b < rows.size(); ++b)
    for (size_t t = 0; t < rows[b].size(); ++t)
      for (int64_t v = 0; v < V; ++v) {
        const size_t i = (b * T + t) * V + v;
        const double d = std::fabs(double(ours.values[i]) - double(ref[i]));
        if (std::isnan(d)) return std::numeric_limits<double>::infinity();
        worst = std::max(worst, d);
      }
  return worst;
}

double maxDiffOnRealTokens(const Logits& ours, const SafetensorsFile& file, const std::string& tensor,
                           const std::vector<std::vector<int32_t>>& rows) {
  if (file.at(tensor).shape != ours.shape) return std::numeric_limits<double>::infinity();
  return maxDiffOnRealTokens(ours, floatTensor(file, tensor), rows);
}

double parityBound(const QString& caseName, double measuredBound) {
  const bool runsFusedExperts = caseName.contains("qwen3_moe");
  const bool subtractsStart = caseName.startsWith("pissa_") || caseName.startsWith("olora_");
  return runsFusedExperts || subtractsStart ? measuredBound : 0.0;
}

QString errorOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return QString::fromUtf8(e.what());
  }
  return {};
}

}  // namespace peftdesk::test
