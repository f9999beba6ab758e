// See form_binder.h.
#include "form_binder.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>
#include <cmath>

#include "run_draft.h"

namespace peftdesk::ui {
namespace {

using json = nlohmann::json;

QString fieldText(const char* text) { return QCoreApplication::translate("Fields", text); }

QString jsonText(const json& v) {
  if (v.is_null()) return {};
  if (v.is_string()) return QString::fromStdString(v.get<std::string>());
  return QString::fromStdString(v.dump());
}

// A number typed as text: "2e-4", "0.0003". Text that is not a number stays text, so the core's
// validator reports it ("must be a number") instead of the form silently dropping it.
json parseNumberText(const QString& text) {
  const QString t = text.trimmed();
  if (t.isEmpty()) return nullptr;
  bool ok = false;
  const double d = t.toDouble(&ok);
  if (ok && std::isfinite(d)) return d;
  return t.toStdString();
}

// "q_proj, v_proj" → ["q_proj", "v_proj"]; integers when asked ("0, 1, 2" → [0, 1, 2]). A piece
// that is not an integer stays a string so the validator names it.
json parseListText(const QString& text, bool integers) {
  json out = json::array();
  for (const QString& piece : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
    const QString t = piece.trimmed();
    if (t.isEmpty()) continue;
    bool ok = false;
    const qlonglong n = t.toLongLong(&ok);
    if (integers && ok) out.push_back(n);
    else out.push_back(t.toStdString());
  }
  return out.empty() ? json(nullptr) : out;
}

QString listText(const json& v) {
  if (!v.is_array()) return jsonText(v);
  QStringList parts;
  for (const json& e : v) parts << jsonText(e);
  return parts.join(QStringLiteral(", "));
}

json choiceValue(const QString& data) {
  if (data == QLatin1String("true")) return true;
  if (data == QLatin1String("false")) return false;
  return data.toStdString();
}

QLineEdit* lineEditOf(QWidget* editor) {
  if (auto* e = qobject_cast<QLineEdit*>(editor)) return e;
  return editor->findChild<QLineEdit*>();
}

}  // namespace

FormBinder::FormBinder(RunDraft* draft, QObject* parent) : QObject(parent), draft_(draft) {
  connect(draft_, &RunDraft::reset, this, [this] {
    refreshEditors();
    refreshProblems();
  });
  // A change may replace a whole object ("method") under several bound keys: re-read them all
  // (cheap, and editors skip identical values).
  connect(draft_, &RunDraft::changed, this, [this] {
    if (!updating_) refreshEditors();
    refreshProblems();
  });
}

void FormBinder::addFields(QFormLayout* form, const std::vector<FieldSpec>& specs) {
  QWidget* parent = form->parentWidget();
  for (const FieldSpec& spec : specs) {
    Row row{spec, new QLabel(parent), nullptr, new QLabel(parent)};
    switch (spec.kind) {
      case FieldKind::Integer: {
        auto* box = new QSpinBox(parent);
        box->setRange(static_cast<int>(spec.minimum), static_cast<int>(spec.maximum));
        box->setSingleStep(static_cast<int>(spec.step));
        box->setAccelerated(true);
        row.editor = box;
        connect(box, &QSpinBox::valueChanged, this, [this, key = std::string(spec.key)] { writeBack(*find(key)); });
        break;
      }
      case FieldKind::Real: {
        auto* box = new QDoubleSpinBox(parent);
        box->setRange(spec.minimum, spec.maximum);
        box->setDecimals(spec.decimals);
        box->setSingleStep(spec.step);
        row.editor = box;
        connect(box, &QDoubleSpinBox::valueChanged, this, [this, key = std::string(spec.key)] { writeBack(*find(key)); });
        break;
      }
      case FieldKind::Scientific:
      case FieldKind::List:
      case FieldKind::IntList:
      case FieldKind::Text: {
        auto* edit = new QLineEdit(parent);
        edit->setClearButtonEnabled(spec.kind == FieldKind::Text);
        row.editor = edit;
        connect(edit, &QLineEdit::textEdited, this, [this, key = std::string(spec.key)] { writeBack(*find(key)); });
        break;
      }
      case FieldKind::Folder:
      case FieldKind::File: {
        auto* box = new QWidget(parent);
        auto* h = new QHBoxLayout(box);
        h->setContentsMargins(0, 0, 0, 0);
        auto* edit = new QLineEdit(box);
        auto* browse = new QPushButton(box);
        browse->setObjectName(QStringLiteral("browse"));
        h->addWidget(edit, 1);
        h->addWidget(browse);
        box->setFocusProxy(edit);
        row.editor = box;
        connect(edit, &QLineEdit::textEdited, this, [this, key = std::string(spec.key)] { writeBack(*find(key)); });
        connect(browse, &QPushButton::clicked, this, [this, edit, kind = spec.kind, key = std::string(spec.key)] {
          const QString start = edit->text();
          const QString chosen = kind == FieldKind::Folder
                                     ? QFileDialog::getExistingDirectory(edit->window(), QCoreApplication::translate("Fields", "Choose a folder"), start)
                                     : QFileDialog::getOpenFileName(edit->window(), QCoreApplication::translate("Fields", "Choose a file"), start);
          if (chosen.isEmpty()) return;
          edit->setText(chosen);
          writeBack(*find(key));
        });
        break;
      }
      case FieldKind::Choice: {
        auto* combo = new QComboBox(parent);
        // As narrow as a short choice allows (the popup shows every choice whole), so the longest
        // choice of a longer language does not widen the form.
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(14);
        for (const Choice& c : spec.choices) combo->addItem(QString(), QString::fromUtf8(c.value));
        row.editor = combo;
        connect(combo, &QComboBox::activated, this, [this, key = std::string(spec.key)] { writeBack(*find(key)); });
        break;
      }
      case FieldKind::Flag: {
        auto* check = new QCheckBox(parent);
        row.editor = check;
        connect(check, &QCheckBox::toggled, this, [this, key = std::string(spec.key)] { writeBack(*find(key)); });
        break;
      }
    }
    row.editor->setObjectName(QString::fromUtf8(spec.key));
    row.label->setBuddy(row.editor);
    row.error->setWordWrap(true);
    row.error->setObjectName(QString::fromUtf8(spec.key) + QStringLiteral(".error"));
    row.error->setStyleSheet(QStringLiteral("color: #d32f2f;"));
    row.error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    row.error->hide();
    auto* cell = new QWidget(parent);
    auto* v = new QVBoxLayout(cell);
    v->setContentsMargins(0, 0, 0, 0);
    v->setSpacing(2);
    v->addWidget(row.editor);
    v->addWidget(row.error);
    cell->setFocusProxy(row.editor);
    form->addRow(row.label, cell);
    rows_.push_back(row);
  }
  retranslate();
  refreshEditors();
}

void FormBinder::retranslate() {
  for (const Row& row : rows_) {
    row.label->setText(fieldText(row.spec.label) + QStringLiteral(":"));
    row.editor->setToolTip(fieldText(row.spec.tooltip));
    row.label->setToolTip(fieldText(row.spec.tooltip));
    row.editor->setAccessibleName(fieldText(row.spec.label));
    row.editor->setAccessibleDescription(fieldText(row.spec.tooltip));
    if (auto* combo = qobject_cast<QComboBox*>(row.editor)) {
      for (int i = 0; i < combo->count() && i < static_cast<int>(row.spec.choices.size()); ++i) {
        combo->setItemText(i, fieldText(row.spec.choices[static_cast<size_t>(i)].label));
      }
    }
    if (auto* box = qobject_cast<QSpinBox*>(row.editor); box && row.spec.specialText) box->setSpecialValueText(fieldText(row.spec.specialText));
    if (auto* box = qobject_cast<QDoubleSpinBox*>(row.editor); box && row.spec.specialText) box->setSpecialValueText(fieldText(row.spec.specialText));
    if (auto* browse = row.editor->findChild<QPushButton*>(QStringLiteral("browse"))) browse->setText(QCoreApplication::translate("Fields", "Browse…"));
  }
}

void FormBinder::refreshEditors() {
  for (const Row& row : rows_) readInto(row);
}

void FormBinder::readInto(const Row& row) {
  // An absent key shows the default the core would apply (so Shuffle appears on).
  json v = draft_->effectiveValue(row.spec.key);
  if (v.is_null() && row.spec.defaultJson) v = json::parse(row.spec.defaultJson, nullptr, false);
  QSignalBlocker block(row.editor);
  if (auto* box = qobject_cast<QSpinBox*>(row.editor)) {
    QSignalBlocker b(box);
    box->setValue(v.is_number() ? static_cast<int>(v.get<double>()) : box->minimum());
  } else if (auto* dbox = qobject_cast<QDoubleSpinBox*>(row.editor)) {
    dbox->setValue(v.is_number() ? v.get<double>() : dbox->minimum());
  } else if (auto* combo = qobject_cast<QComboBox*>(row.editor)) {
    const QString value = v.is_boolean() ? QString::fromLatin1(v.get<bool>() ? "true" : "false") : jsonText(v);
    // A value the list does not offer (from a file or an import: init_lora_weights pissa_niter_4)
    // is shown as itself in one marked row after the offered ones, never as the first choice.
    // Lists a page extends with rows of its own (the Train page's devices) keep their own rule.
    constexpr int kShownAsItself = Qt::UserRole + 1;
    const int last = combo->count() - 1;
    if (last >= 0 && combo->itemData(last, kShownAsItself).toBool()) combo->removeItem(last);
    int i = combo->findData(value);
    if (i < 0 && !v.is_null() && !value.isEmpty() && combo->count() == static_cast<int>(row.spec.choices.size())) {
      combo->addItem(value, value);
      i = combo->count() - 1;
      combo->setItemData(i, true, kShownAsItself);
    }
    combo->setCurrentIndex(i >= 0 ? i : 0);
  } else if (auto* check = qobject_cast<QCheckBox*>(row.editor)) {
    check->setChecked(v.is_boolean() && v.get<bool>());
  } else if (QLineEdit* edit = lineEditOf(row.editor)) {
    QSignalBlocker b(edit);
    const bool list = row.spec.kind == FieldKind::List || row.spec.kind == FieldKind::IntList;
    const QString shown = list ? listText(v) : jsonText(v);
    // While typing a list ("q_proj, "), the text and the value may differ only in separators.
    if (edit->text() != shown && !(list && edit->hasFocus() && parseListText(edit->text(), row.spec.kind == FieldKind::IntList) == v)) {
      edit->setText(shown);
    }
  }
}

void FormBinder::writeBack(const Row& row) {
  json v;
  if (auto* box = qobject_cast<QSpinBox*>(row.editor)) {
    v = row.spec.specialText && box->value() == box->minimum() ? json(nullptr) : json(box->value());
  } else if (auto* dbox = qobject_cast<QDoubleSpinBox*>(row.editor)) {
    v = row.spec.specialText && dbox->value() == dbox->minimum() ? json(nullptr) : json(dbox->value());
  } else if (auto* combo = qobject_cast<QComboBox*>(row.editor)) {
    v = choiceValue(combo->currentData().toString());
  } else if (auto* check = qobject_cast<QCheckBox*>(row.editor)) {
    v = check->isChecked();
  } else if (QLineEdit* edit = lineEditOf(row.editor)) {
    if (row.spec.kind == FieldKind::Scientific) v = parseNumberText(edit->text());
    else if (row.spec.kind == FieldKind::List || row.spec.kind == FieldKind::IntList) v = parseListText(edit->text(), row.spec.kind == FieldKind::IntList);
    else v = edit->text().isEmpty() ? json(nullptr) : json(edit->text().toStdString());
  }
  updating_ = true;
  draft_->set(row.spec.key, v);
  updating_ = false;
}

int FormBinder::refreshProblems() {
  const std::vector<ConfigProblem> problems = draft_->problems();
  int shown = 0;
  for (const Row& row : rows_) {
    QStringList lines;
    const std::string key = row.spec.key;
    for (const ConfigProblem& p : problems) {
      if (p.field == key || p.field.compare(0, key.size() + 1, key + ".") == 0) lines << QString::fromStdString(p.message);
    }
    row.error->setText(lines.join(QLatin1Char('\n')));
    row.error->setVisible(!lines.isEmpty());
    shown += static_cast<int>(lines.size());
  }
  return shown;
}

QWidget* FormBinder::editor(const std::string& key) const {
  const Row* r = find(key);
  return r ? r->editor : nullptr;
}

QString FormBinder::problemText(const std::string& key) const {
  const Row* r = find(key);
  return r && r->error->isVisible() ? r->error->text() : QString();
}

void FormBinder::setEnabled(bool enabled) {
  for (const Row& row : rows_) row.editor->setEnabled(enabled);
}

const FormBinder::Row* FormBinder::find(const std::string& key) const {
  for (const Row& r : rows_) {
    if (key == r.spec.key) return &r;
  }
  return nullptr;
}

}  // namespace peftdesk::ui
