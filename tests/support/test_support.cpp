// See test_support.h.
#include "test_support.h"

#include <QDir>
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

}  // namespace peftdesk::test
