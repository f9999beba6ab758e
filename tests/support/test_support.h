// Shared helpers for the Qt Test executables: where the fixtures and third-party test files are,
// running peftdesk-cli and capturing its output, comparing float buffers.
#pragma once

#include <QString>
#include <QStringList>
#include <string>
#include <vector>

namespace peftdesk::test {

// Folder of ../shared/testdata; empty when missing (callers QSKIP with the reason).
QString testDataDir();
// Folder where tests/reference/*.py wrote fixtures for this ctest run.
QString fixturesDir();
QString sourceDir();
QString pythonPath();

struct ProcessResult {
  int exitCode = -1;
  QString stdoutText;
  QString stderrText;
};
ProcessResult runCli(const QStringList& args, int timeoutMs = 120000);
ProcessResult runProcess(const QString& program, const QStringList& args, int timeoutMs = 120000);

// Largest |a-b| over two equally sized buffers; +inf if sizes differ or any value is NaN.
double maxAbsDiff(const std::vector<float>& a, const std::vector<float>& b);

}  // namespace peftdesk::test
