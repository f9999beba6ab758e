// Form fields bound to keys of the RunDraft. Pages describe their fields as rows of a table
// (FieldSpec: key, label, one-line tooltip, editor kind, range); the binder builds the editor,
// keeps it and the draft in sync both ways, and shows the core validator's message for that key
// in red under the field. Labels and tooltips are marked with QT_TRANSLATE_NOOP and translated
// when shown, so a language switch only needs retranslate().
#pragma once

#include <QObject>
#include <QString>
#include <nlohmann/json.hpp>
#include <vector>

class QFormLayout;
class QLabel;
class QWidget;

namespace peftdesk::ui {

class RunDraft;

enum class FieldKind {
  Integer,     // QSpinBox
  Real,        // QDoubleSpinBox
  Scientific,  // QLineEdit holding a number like 2e-4 (text that is not a number goes to the validator as is)
  Text,        // QLineEdit; empty = key removed
  Choice,      // QComboBox; item data = the JSON value
  Flag,        // QCheckBox
  List,        // QLineEdit: comma-separated names ↔ a JSON array of strings; empty = key removed
  IntList,     // QLineEdit: comma-separated integers ↔ a JSON array of integers
  Folder,      // QLineEdit + Browse (folder)
  File,        // QLineEdit + Browse (file or folder)
};

struct Choice {
  const char* value;  // JSON value stored: "true" / "false" as booleans, anything else as a string
  const char* label;  // shown (translated in the binder's context)
};

struct FieldSpec {
  const char* key;      // dotted RUN.json key
  const char* label;    // QT_TRANSLATE_NOOP("Fields", ...)
  const char* tooltip;  // one line: what the hyper-parameter does
  FieldKind kind;
  double minimum = 0, maximum = 0;  // Integer / Real ranges (wide on purpose: the validator explains)
  int decimals = 0;
  double step = 1;
  std::vector<Choice> choices = {};
  const char* specialText = nullptr;  // Integer / Real: text shown at the minimum, which means "key absent"
  const char* defaultJson = nullptr;  // shown when the key is absent and the core has no default for it (method fields)
};

class FormBinder : public QObject {
  Q_OBJECT
 public:
  FormBinder(RunDraft* draft, QObject* parent);
  // Adds the rows to `form` (editor + error label per field).
  void addFields(QFormLayout* form, const std::vector<FieldSpec>& specs);
  void retranslate();
  // Re-reads every editor from the draft (after a reset or an outside change).
  void refreshEditors();
  // Shows the draft's current problems under the fields this binder owns; returns how many.
  int refreshProblems();
  QWidget* editor(const std::string& key) const;
  QString problemText(const std::string& key) const;  // the shown message ("" = none)
  void setEnabled(bool enabled);

 private:
  struct Row {
    FieldSpec spec;
    QLabel* label;
    QWidget* editor;
    QLabel* error;
  };
  void writeBack(const Row& row);
  void readInto(const Row& row);
  const Row* find(const std::string& key) const;

  RunDraft* draft_;
  std::vector<Row> rows_;
  bool updating_ = false;
};

}  // namespace peftdesk::ui
