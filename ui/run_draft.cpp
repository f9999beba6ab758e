// See run_draft.h.
#include "run_draft.h"

#include "method_catalog.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <filesystem>

#include "peftdesk/atomic_file.h"
#include "peftdesk/json_file.h"
#include "peftdesk/trainer.h"

namespace peftdesk::ui {
namespace {

using json = nlohmann::json;

std::vector<std::string> splitKey(const std::string& dotted) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    const size_t dot = dotted.find('.', start);
    parts.push_back(dotted.substr(start, dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return parts;
}

const char* const kPathKeys[] = {"model.path", "model.adapter", "data.path", "data.eval_path", "output_dir"};

}  // namespace

RunDraft::RunDraft(QObject* parent) : QObject(parent) {}

json RunDraft::value(const std::string& dottedKey) const {
  const json* node = &doc_;
  for (const std::string& part : splitKey(dottedKey)) {
    if (!node->is_object() || !node->contains(part)) return nullptr;
    node = &(*node)[part];
  }
  return *node;
}

json RunDraft::effectiveValue(const std::string& dottedKey) const {
  json v = value(dottedKey);
  if (!v.is_null()) return v;
  const json* node = &parsed().resolved;
  for (const std::string& part : splitKey(dottedKey)) {
    if (!node->is_object() || !node->contains(part)) return nullptr;
    node = &(*node)[part];
  }
  return *node;
}

void RunDraft::set(const std::string& dottedKey, const json& v) {
  if (value(dottedKey) == v) return;
  parsed_.reset();
  const std::vector<std::string> parts = splitKey(dottedKey);
  json* node = &doc_;
  for (size_t i = 0; i + 1 < parts.size(); ++i) {
    if (!(*node)[parts[i]].is_object()) (*node)[parts[i]] = json::object();
    node = &(*node)[parts[i]];
  }
  if (v.is_null()) node->erase(parts.back());
  else (*node)[parts.back()] = v;
  emit changed(QString::fromStdString(dottedKey));
}

void RunDraft::replace(json document) {
  doc_ = document.is_object() ? std::move(document) : json::object();
  parsed_.reset();
  emit reset();
}

json RunDraft::defaultDocument(const QString& modelDir, const QString& dataPath, const QString& workspaceDir) {
  return json{
      {"model", {{"path", modelDir.toStdString()}}},
      // Dropout 0 as PEFT and LLaMA-Factory default it (and LoRA on fused mixture-of-experts
      // parameters, which "all-linear" becomes on Qwen3-MoE, cannot have any).
      {"method",
       {{"peft_type", "LORA"}, {"task_type", "CAUSAL_LM"}, {"r", 16}, {"lora_alpha", 32}, {"lora_dropout", 0.0},
        {"target_modules", "all-linear"}}},
      {"data", {{"path", dataPath.toStdString()}, {"template", "auto"}, {"cutoff_len", 128}, {"val_size", 0.1}}},
      {"train",
       {{"learning_rate", 3e-3}, {"num_train_epochs", 8}, {"per_device_train_batch_size", 8}, {"gradient_accumulation_steps", 1},
        {"lr_scheduler_type", "cosine"}, {"warmup_steps", 5}, {"logging_steps", 1}, {"eval_steps", 30}, {"save_steps", 50},
        {"seed", 42}}},
      {"output_dir", suggestOutputDir(workspaceDir, QStringLiteral("lora")).toStdString()},
  };
}

QString RunDraft::methodLabel(const json& doc) {
  const json& method = fieldOrNull(doc, "method");
  if (!method.is_object()) return QStringLiteral("run");
  if (method.contains("finetuning_type") && method["finetuning_type"].is_string()) return QString::fromStdString(method["finetuning_type"].get<std::string>());
  const std::string type = stringOrDefault(method, "peft_type", "");
  if (type == "LORA") {
    const bool quantized = doc.contains("model") && doc["model"].is_object() && doc["model"].contains("quantization") &&
                           !doc["model"]["quantization"].is_null();
    if (quantized) return QStringLiteral("qlora");
    const bool dora = method.contains("use_dora") && method["use_dora"].is_boolean() && method["use_dora"].get<bool>();
    return dora ? QStringLiteral("dora") : QStringLiteral("lora");
  }
  for (const MethodRow& row : methodCatalog())
    if (row.peftType && type == row.peftType) return QString::fromLatin1(row.id);
  return QStringLiteral("run");
}

QString RunDraft::suggestOutputDir(const QString& workspaceDir, const QString& methodLabel) {
  const QString stem = methodLabel.toLower() + QDateTime::currentDateTime().toString(QStringLiteral("-yyyyMMdd-HHmmss"));
  QString candidate = QDir(workspaceDir).filePath(stem);
  for (int i = 2; QFileInfo::exists(candidate); ++i) candidate = QDir(workspaceDir).filePath(stem + QStringLiteral("-%1").arg(i));
  return QDir::cleanPath(candidate);
}

const RunDraft::Parsed& RunDraft::parsed() const {
  if (!parsed_) {
    Parsed p;
    p.resolved = parseRunConfig(doc_, {}, &p.problems).resolved;
    if (!p.resolved.is_object()) p.resolved = json::object();
    parsed_ = std::move(p);
  }
  return *parsed_;
}

std::vector<ConfigProblem> RunDraft::problems() const {
  std::vector<ConfigProblem> out = parsed().problems;
  // The output folder is checked afresh: its state on disk changes without an edit (a run starts).
  const json outDir = value("output_dir");
  if (outDir.is_string() && !outDir.get<std::string>().empty()) {
    const std::string why = checkOutputFolder(outDir.get<std::string>(), StartMode::Fresh);
    if (!why.empty()) out.push_back({"output_dir", why});
  }
  return out;
}

std::vector<ConfigProblem> RunDraft::problemsFor(const std::string& prefix) const {
  std::vector<ConfigProblem> out;
  for (auto& p : problems()) {
    if (p.field.compare(0, prefix.size(), prefix) == 0) out.push_back(std::move(p));
  }
  return out;
}

void RunDraft::saveTo(const QString& file) const {
  writeFileAtomically(file.toStdString(), doc_.dump(2) + "\n");
}

void RunDraft::loadFrom(const QString& file) {
  json doc = readJsonFile(file.toStdString());
  makePathsAbsolute(doc, QFileInfo(file).absolutePath().toStdString());
  replace(std::move(doc));
}

QString RunDraft::cliCommand(const QString& runJsonPath, const QString& cliProgram) {
  auto quote = [](const QString& s) {
    static const QString safe = QStringLiteral("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-+=:,@");
    for (const QChar c : s) {
      if (!safe.contains(c)) return QStringLiteral("'") + QString(s).replace(QStringLiteral("'"), QStringLiteral("'\\''")) + QStringLiteral("'");
    }
    return s;
  };
  return quote(cliProgram) + QStringLiteral(" train ") + quote(runJsonPath);
}

void makePathsAbsolute(json& doc, const std::string& baseDir) {
  for (const char* key : kPathKeys) {
    const std::vector<std::string> parts = splitKey(key);
    json* node = &doc;
    bool found = true;
    for (const std::string& part : parts) {
      if (!node->is_object() || !node->contains(part)) {
        found = false;
        break;
      }
      node = &(*node)[part];
    }
    if (!found || !node->is_string() || node->get<std::string>().empty()) continue;
    std::filesystem::path p = node->get<std::string>();
    if (p.is_relative()) *node = (std::filesystem::path(baseDir) / p).lexically_normal().string();
  }
}

}  // namespace peftdesk::ui
