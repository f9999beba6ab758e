// The Method page: LoRA (+ DoRA, rsLoRA, LoRA+), QLoRA, IA³, prefix and prompt tuning, and full /
// freeze fine-tuning for comparison, chosen on method cards (Qt Quick, method_cards.h: each with
// its trainable parameters, file size and memory for the current model), with every field of the
// chosen method's configuration below. Targets are
// picked from the model's real linear modules (read from its files, not typed from memory). The
// trainable-parameter count, the per-module tree and the adapter file size are recomputed in the
// background as fields change (exactly what `peftdesk-cli params` reports); a measured dry run
// gives seconds per step and peak memory on this machine.
#pragma once

#include <QWidget>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "memory_estimate_view.h"
#include "peftdesk/parameter_report.h"

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QListWidget;
class QPushButton;
class QStackedWidget;
class QTimer;
class QTreeWidget;

namespace peftdesk::ui {

class BackgroundQueue;
class FormBinder;
class MethodCards;
class QuickPanel;
class RunDraft;

class MethodPage : public QWidget {
  Q_OBJECT
 public:
  explicit MethodPage(RunDraft* draft, QWidget* parent = nullptr);

  // An id of the method catalog (method_catalog.h): "lora", "qlora", "dora", "ia3", "prefix",
  // "prompt", "full", "freeze".
  void chooseMethod(const QString& method);
  // The run configuration the form would hold after chooseMethod(method) (the cards count it).
  nlohmann::json documentWith(const QString& method) const;
  MethodCards* cards() const { return cards_; }
  QuickPanel* chooser() const { return chooser_; }
  QString currentMethod() const;
  // The last completed count (valid when countError() is empty).
  const ParameterReport& report() const { return report_; }
  // The memory estimate of the whole draft (absent while a setting is invalid) and its text.
  const std::optional<MemoryEstimate>& memoryEstimate() const { return memoryEstimate_; }
  QString estimateText() const;
  QString countError() const { return countError_; }
  bool counting() const;  // a count or the module list is still being computed
  QString summaryText() const;
  QStringList targetChoices() const;       // module suffixes offered
  void setTargets(const QStringList& suffixes);  // empty = all-linear
  FormBinder* binder(const QString& family) const;
  QTreeWidget* tree() const { return tree_; }
  QPushButton* measureButton() const { return measure_; }
  QString measureText() const;

 signals:
  void countUpdated();
  void cardsUpdated();
  void modulesLoaded();
  void measured();

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();
  void syncFromDraft();
  void loadModules();
  void scheduleCount();
  void runCount();
  void runCardCounts();
  void showReport();
  void writeTargets();
  void runMeasure();

  RunDraft* draft_;
  BackgroundQueue* countJobs_;
  BackgroundQueue* cardJobs_;
  BackgroundQueue* measureJobs_;
  BackgroundQueue* modulesJobs_;
  QTimer* countTimer_;
  MethodCards* cards_;
  QuickPanel* chooser_;
  QLabel* methodTitle_;
  QStackedWidget* familyForms_;
  std::vector<std::pair<QString, FormBinder*>> binders_;
  QGroupBox* quantBox_;
  FormBinder* quantBinder_;
  QGroupBox* targetsBox_;
  QCheckBox* allLinear_;
  QListWidget* targets_;
  QLabel* ffLabel_;
  QListWidget* feedforward_;
  QGroupBox* countBox_;
  QLabel* summary_;
  QTreeWidget* tree_;
  QGroupBox* costBox_;
  QLabel* estimate_;
  QPushButton* measure_;
  QLabel* measureResult_;
  ParameterReport report_;
  std::optional<MemoryEstimate> memoryEstimate_;
  std::shared_ptr<DataShapeCache> shapes_ = std::make_shared<DataShapeCache>();
  QString countError_;
  QString modulesFor_;
  QStringList suffixes_;
  bool syncing_ = false;
  // Each method's settings as the user left them, while the page lives: switching LoRA → IA³ →
  // LoRA brings back the rank, targets and LoRA+ ratio instead of the defaults. Keyed by the
  // method document's family ("lora" for LoRA and QLoRA, which share their method keys).
  struct Remembered {
    nlohmann::json method;
    nlohmann::json quantization;  // QLoRA's model.quantization
    nlohmann::json loraplusRatio;
  };
  std::map<QString, Remembered> remembered_;
  struct MethodChoice {
    nlohmann::json method;
    nlohmann::json quantization;                 // null: no 4-bit base
    std::optional<nlohmann::json> loraplusRatio;  // absent: left as it is
  };
  std::optional<MethodChoice> choiceFor(const QString& method) const;
};

}  // namespace peftdesk::ui
