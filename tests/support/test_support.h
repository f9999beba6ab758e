// Shared helpers for the Qt Test executables: where the fixtures and third-party test files are,
// running peftdesk-cli and capturing its output, comparing float buffers.
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "peftdesk/model.h"
#include "peftdesk/safetensors.h"

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
QString cliPath();  // the peftdesk-cli of this build

// Trains a short run on the bundled demo model and dataset with `peftdesk-cli train` into runDir
// (RUN.json written next to it as runDir.json): the given method, cutoff 96, learning rate 3e-3,
// batch 8, 10 steps, then `patch` merged in (JSON merge patch). Returns runDir, or an empty
// string (the CLI's stderr logged) when training failed.
QString trainDemoRun(const QString& runDir, const nlohmann::json& method, const nlohmann::json& patch = nlohmann::json::object());
ProcessResult runProcess(const QString& program, const QStringList& args, int timeoutMs = 120000);

// Largest |a-b| over two equally sized buffers; +inf if sizes differ or any value is NaN.
double maxAbsDiff(const std::vector<float>& a, const std::vector<float>& b);

// A JSON file's top-level object ({} when it cannot be read).
QJsonObject readJsonObject(const QString& path);
// [[1, 2, 3], [4, 5]] from fixture JSON.
std::vector<std::vector<int32_t>> idRows(const QJsonArray& rows);
// A float32 tensor of a safetensors file as a vector.
std::vector<float> floatTensor(const SafetensorsFile& file, const std::string& name);
// Largest |ours - ref| over the real (unpadded) positions of right-padded [B, T, V] logits;
// +inf when the sizes differ or a value is NaN.
double maxDiffOnRealTokens(const Logits& ours, const std::vector<float>& ref, const std::vector<std::vector<int32_t>>& rows);
// Same against a tensor of a file, whose shape must equal ours.
double maxDiffOnRealTokens(const Logits& ours, const SafetensorsFile& file, const std::string& tensor,
                           const std::vector<std::vector<int32_t>>& rows);

// Parity with the reference stack is asserted exact (max |diff| == 0): both sides run the same
// LibTorch kernels in the same order on the same machine (decision 4). The exception is a fixture
// with Qwen3-MoE experts, which transformers 5 runs fused (one batched matmul over all experts)
// where we run them expert by expert (a case named "…qwen3_moe…"), and a PiSSA / OLoRA start
// ("pissa_…", "olora_…"), where PEFT stores the residual W − s·B₀A₀ and we subtract s·B₀A₀x
// (decision 46); such a case gets the bound given for it.
double parityBound(const QString& caseName, double measuredBound);

// What `f` throws (its what()), or empty when it returns.
QString errorOf(const std::function<void()>& f);

}  // namespace peftdesk::test
