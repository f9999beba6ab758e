// The run being configured: one RUN.json document (DESIGN.md §3) that every form page reads and
// edits by dotted key ("train.learning_rate"). It is the single source of truth of the form, so
// what the user sets is exactly what Save writes, what `peftdesk-cli train` would run, and what
// validation (the core's own parseRunConfig) checks — problems come back per field for inline
// messages. Paths are kept absolute.
#pragma once

#include <QObject>
#include <QString>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "peftdesk/run_config.h"

namespace peftdesk::ui {

class RunDraft : public QObject {
  Q_OBJECT
 public:
  explicit RunDraft(QObject* parent = nullptr);

  const nlohmann::json& document() const { return doc_; }
  // null when absent.
  nlohmann::json value(const std::string& dottedKey) const;
  // The value a run would use: the draft's, else the core's default (from the resolved config).
  nlohmann::json effectiveValue(const std::string& dottedKey) const;
  // A null value removes the key (the core's default applies). Emits changed(key) when different.
  void set(const std::string& dottedKey, const nlohmann::json& value);
  // Replaces the whole document (load, reopen a run); emits reset().
  void replace(nlohmann::json document);

  // The document a fresh start uses: the bundled demo model and data with LoRA; output in the
  // workspace under a new name.
  static nlohmann::json defaultDocument(const QString& modelDir, const QString& dataPath, const QString& workspaceDir);
  // "lora", "qlora", "dora", "ia3", "prefix", "prompt", "full", "freeze": names run folders.
  static QString methodLabel(const nlohmann::json& document);
  // "WORKSPACE/lora-20261122-140501" (a name not used yet).
  static QString suggestOutputDir(const QString& workspaceDir, const QString& methodLabel);

  // Every problem the core's parser finds, plus the output folder check for a fresh start.
  std::vector<ConfigProblem> problems() const;
  std::vector<ConfigProblem> problemsFor(const std::string& keyPrefix) const;

  // RUN.json on disk. Relative paths in a loaded file resolve against its folder.
  void saveTo(const QString& file) const;  // throws peftdesk::Error
  void loadFrom(const QString& file);      // throws peftdesk::Error
  // The command that runs this configuration once saved to `runJsonPath`.
  static QString cliCommand(const QString& runJsonPath, const QString& cliProgram = QStringLiteral("peftdesk-cli"));

 signals:
  void changed(const QString& dottedKey);
  void reset();

 private:
  // One parse of the document serves every binder and effectiveValue() until the next edit
  // (each page's binder asks for the problems after every change).
  struct Parsed {
    std::vector<ConfigProblem> problems;
    nlohmann::json resolved;
  };
  const Parsed& parsed() const;

  nlohmann::json doc_ = nlohmann::json::object();
  mutable std::optional<Parsed> parsed_;  // empty = stale
};

// Makes the path-valued keys of a RUN.json absolute against baseDir.
void makePathsAbsolute(nlohmann::json& document, const std::string& baseDir);

}  // namespace peftdesk::ui
