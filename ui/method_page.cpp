// See method_page.h.
#include "method_page.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <map>

#include "background_queue.h"
#include "error_text.h"
#include "field_tables.h"
#include "form_binder.h"
#include "memory_estimate_view.h"
#include "method_cards.h"
#include "method_catalog.h"
#include "peftdesk/model_summary.h"
#include "peftdesk/parameter_plan.h"
#include "peftdesk/step_probe.h"
#include "quick_panel.h"
#include "run_draft.h"

namespace peftdesk::ui {
namespace {

using json = nlohmann::json;

constexpr int kCountDelayMs = 150;
constexpr int kMeasureSteps = 3;

QString suffixOf(const std::string& module) {
  const size_t dot = module.rfind('.');
  return QString::fromStdString(dot == std::string::npos ? module : module.substr(dot + 1));
}

json stringList(const QStringList& l) {
  json a = json::array();
  for (const QString& s : l) a.push_back(s.toStdString());
  return a;
}


struct CountResult {
  ParameterReport report;
  json summary;
  QString problem;  // a configuration problem in model.* / method.* (shown instead of a count)
  std::optional<MemoryEstimate> estimate;  // absent when the run's other settings do not parse yet
  QString estimateNote;                    // why the estimate assumed the cutoff, or why there is none
};

}  // namespace

MethodPage::MethodPage(RunDraft* draft, QWidget* parent)
    : QWidget(parent),
      draft_(draft),
      countJobs_(new BackgroundQueue(this)),
      cardJobs_(new BackgroundQueue(this)),
      measureJobs_(new BackgroundQueue(this)),
      modulesJobs_(new BackgroundQueue(this)) {
  auto* outer = new QVBoxLayout(this);
  // The method cards (Qt Quick) above the form of the chosen method.
  cards_ = new MethodCards(this);
  chooser_ = new QuickPanel(QStringLiteral("qrc:/qml/MethodChooser.qml"), {{QStringLiteral("cards"), cards_}}, this);
  chooser_->setObjectName(QStringLiteral("method_cards"));
  outer->addWidget(chooser_);
  auto* splitter = new QSplitter(Qt::Horizontal, this);
  outer->addWidget(splitter, 1);

  auto* scroll = new QScrollArea(splitter);
  scroll->setWidgetResizable(true);
  scroll->setMinimumWidth(360);
  auto* left = new QWidget(scroll);
  auto* v = new QVBoxLayout(left);
  methodTitle_ = new QLabel(left);
  methodTitle_->setObjectName(QStringLiteral("method_title"));
  methodTitle_->setWordWrap(true);
  v->addWidget(methodTitle_);

  familyForms_ = new QStackedWidget(left);
  for (const char* family : methodFamilies()) {
    auto* page = new QWidget(familyForms_);
    auto* form = new QFormLayout(page);
    form->setContentsMargins(0, 0, 0, 0);
    auto* binder = new FormBinder(draft_, this);
    binder->addFields(form, methodFields(family));
    familyForms_->addWidget(page);
    binders_.emplace_back(QString::fromLatin1(family), binder);
  }
  v->addWidget(familyForms_);

  quantBox_ = new QGroupBox(left);
  auto* quantForm = new QFormLayout(quantBox_);
  quantBinder_ = new FormBinder(draft_, this);
  quantBinder_->addFields(quantForm, quantizationFields());
  v->addWidget(quantBox_);

  targetsBox_ = new QGroupBox(left);
  auto* tv = new QVBoxLayout(targetsBox_);
  allLinear_ = new QCheckBox(targetsBox_);
  allLinear_->setObjectName(QStringLiteral("all_linear"));
  targets_ = new QListWidget(targetsBox_);
  targets_->setObjectName(QStringLiteral("targets"));
  targets_->setMaximumHeight(150);
  ffLabel_ = new QLabel(targetsBox_);
  feedforward_ = new QListWidget(targetsBox_);
  feedforward_->setObjectName(QStringLiteral("feedforward"));
  feedforward_->setMaximumHeight(120);
  ffLabel_->setBuddy(feedforward_);
  tv->addWidget(allLinear_);
  tv->addWidget(targets_);
  tv->addWidget(ffLabel_);
  tv->addWidget(feedforward_);
  v->addWidget(targetsBox_);
  v->addStretch(1);
  scroll->setWidget(left);
  splitter->addWidget(scroll);

  // The counts and the memory estimate scroll down in a short window instead of being cut off.
  auto* rightScroll = new QScrollArea(splitter);
  rightScroll->setWidgetResizable(true);
  rightScroll->setFrameShape(QFrame::NoFrame);
  rightScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  auto* right = new QWidget(rightScroll);
  auto* rv = new QVBoxLayout(right);
  countBox_ = new QGroupBox(right);
  auto* cv = new QVBoxLayout(countBox_);
  summary_ = new QLabel(countBox_);
  summary_->setWordWrap(true);
  summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  tree_ = new QTreeWidget(countBox_);
  tree_->setMinimumHeight(120);
  tree_->setColumnCount(4);
  tree_->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
  cv->addWidget(summary_);
  cv->addWidget(tree_, 1);
  rv->addWidget(countBox_, 1);
  costBox_ = new QGroupBox(right);
  auto* costLayout = new QVBoxLayout(costBox_);
  estimate_ = new QLabel(costBox_);
  estimate_->setWordWrap(true);
  auto* measureRow = new QHBoxLayout();
  measure_ = new QPushButton(costBox_);
  measureResult_ = new QLabel(costBox_);
  measureResult_->setWordWrap(true);
  measureResult_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  measureRow->addWidget(measure_);
  measureRow->addWidget(measureResult_, 1);
  costLayout->addWidget(estimate_);
  costLayout->addLayout(measureRow);
  rv->addWidget(costBox_);
  rightScroll->setWidget(right);
  splitter->addWidget(rightScroll);
  splitter->setStretchFactor(1, 1);
  splitter->setSizes({420, 780});

  countTimer_ = new QTimer(this);
  countTimer_->setSingleShot(true);
  countTimer_->setInterval(kCountDelayMs);
  connect(countTimer_, &QTimer::timeout, this, &MethodPage::runCount);

  connect(cards_, &MethodCards::chosen, this, &MethodPage::chooseMethod);
  connect(allLinear_, &QCheckBox::toggled, this, [this] { writeTargets(); });
  connect(targets_, &QListWidget::itemChanged, this, [this] { writeTargets(); });
  connect(feedforward_, &QListWidget::itemChanged, this, [this] { writeTargets(); });
  connect(measure_, &QPushButton::clicked, this, &MethodPage::runMeasure);
  connect(draft_, &RunDraft::changed, this, [this](const QString& key) {
    if (key.startsWith(QLatin1String("model")) || key.startsWith(QLatin1String("method")) || key.startsWith(QLatin1String("train.precision"))) {
      syncFromDraft();
      scheduleCount();
    } else if (key.startsWith(QLatin1String("data")) || key == QLatin1String("train.per_device_train_batch_size") ||
               key == QLatin1String("train.gradient_checkpointing") || key == QLatin1String("train.device") ||
               key == QLatin1String("train.optim")) {
      scheduleCount();  // the memory estimate depends on these too
    }
  });
  connect(draft_, &RunDraft::reset, this, [this] {
    syncFromDraft();
    scheduleCount();
  });
  retranslate();
  syncFromDraft();
  scheduleCount();
}

void MethodPage::retranslate() {
  methodTitle_->setText(tr("<b>%1</b>: %2").arg(tr(methodRow(currentMethod()).label), tr(methodRow(currentMethod()).help)));
  cards_->retranslate();
  quantBox_->setTitle(tr("4-bit base (QLoRA)"));
  targetsBox_->setTitle(tr("Target modules"));
  allLinear_->setText(tr("All linear layers (all-linear)"));
  allLinear_->setToolTip(tr("Adapt every linear layer except the output head, as PEFT's all-linear"));
  targets_->setToolTip(tr("The model's own linear modules; the adapter goes beside each checked one"));
  targets_->setAccessibleName(tr("Target modules"));
  ffLabel_->setText(tr("Feed-forward modules (scaled on their input):"));
  feedforward_->setToolTip(tr("IA³ scales these modules' inputs instead of their outputs; they must be targets too"));
  countBox_->setTitle(tr("Trainable parameters"));
  tree_->setHeaderLabels({tr("Module / parameter"), tr("Shape"), tr("Parameters"), tr("Dtype")});
  tree_->setAccessibleName(tr("Trainable parameters per module"));
  costBox_->setTitle(tr("Memory and time"));
  estimate_->setToolTip(tr("What training holds at its peak, before the first step: checked against measured peaks on the CPU "
                           "(within 15-20 %). Measure runs real steps."));
  measure_->setText(tr("Measure (%1 steps)").arg(kMeasureSteps));
  measure_->setToolTip(tr("Run the real trainer for a few steps in a temporary folder and measure seconds per step and peak memory"));
  for (auto& [family, binder] : binders_) binder->retranslate();
  quantBinder_->retranslate();
  showReport();
}

void MethodPage::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

QString MethodPage::currentMethod() const { return RunDraft::methodLabel(draft_->document()); }

FormBinder* MethodPage::binder(const QString& family) const {
  for (const auto& [f, b] : binders_) {
    if (f == family) return b;
  }
  return nullptr;
}

// What choosing `method` writes: its method document as the user left it while the page lives
// (else its defaults), QLoRA's 4-bit settings, and the LoRA+ ratio (LoRA family only). Pure: the
// method cards count each method with the configuration it would give.
std::optional<MethodPage::MethodChoice> MethodPage::choiceFor(const QString& method) const {
  const MethodRow& row = methodRow(method);
  if (method != QLatin1String(row.id)) return std::nullopt;
  const QString before = currentMethod();
  const QString family = QString::fromLatin1(row.family), beforeFamily = QString::fromLatin1(methodRow(before).family);
  // The same family shares the method document: what is in the form now is what the user left.
  Remembered back;
  bool known = false;
  if (family == beforeFamily) {
    back = {draft_->value("method"), draft_->value("model.quantization"), draft_->value("train.loraplus_lr_ratio")};
    known = back.method.is_object();
    // LoRA → QLoRA: the 4-bit settings QLoRA had when it was left (LoRA holds none in the form).
    if (!back.quantization.is_object())
      if (const auto it = remembered_.find(family); it != remembered_.end()) back.quantization = it->second.quantization;
  } else if (const auto it = remembered_.find(family); it != remembered_.end() && it->second.method.is_object()) {
    back = it->second;
    known = true;
  }
  MethodChoice c;
  c.method = known ? back.method : row.defaults(suffixes_);
  // DoRA is LoRA with use_dora; choosing LoRA or QLoRA turns it off again.
  if (method == QLatin1String("dora")) c.method["use_dora"] = true;
  if ((method == QLatin1String("lora") || method == QLatin1String("qlora")) && c.method.is_object() && c.method.contains("use_dora"))
    c.method.erase("use_dora");  // QLoRA's card is plain LoRA on the 4-bit base (DoRA stays an option in the form)
  c.quantization = method == QLatin1String("qlora") ? (known && back.quantization.is_object() ? back.quantization : json{{"bits", 4}, {"type", "nf4"}, {"double_quant", true}})
                                                    : json(nullptr);
  if (family != QLatin1String("lora")) c.loraplusRatio = json(nullptr);
  else if (known && beforeFamily != QLatin1String("lora")) c.loraplusRatio = back.loraplusRatio;
  return c;
}

nlohmann::json MethodPage::documentWith(const QString& method) const {
  json doc = draft_->document();
  const std::optional<MethodChoice> c = choiceFor(method);
  if (!c) return doc;
  auto put = [&doc](const char* section, const char* key, const json& value) {
    if (!value.is_null()) {
      if (!doc[section].is_object()) doc[section] = json::object();
      doc[section][key] = value;
    } else if (doc.contains(section) && doc[section].is_object()) {
      doc[section].erase(key);
    }
  };
  put("model", "quantization", c->quantization);
  if (c->loraplusRatio) put("train", "loraplus_lr_ratio", *c->loraplusRatio);
  doc["method"] = c->method;
  return doc;
}

void MethodPage::chooseMethod(const QString& method) {
  const QString before = currentMethod();
  if (method == before) return;
  const std::optional<MethodChoice> c = choiceFor(method);
  if (!c) return;
  // Keep what the user set for the method being left.
  Remembered& left = remembered_[QString::fromLatin1(methodRow(before).family)];
  left.method = draft_->value("method");
  left.loraplusRatio = draft_->value("train.loraplus_lr_ratio");
  if (before == QLatin1String("qlora")) left.quantization = draft_->value("model.quantization");
  // One document, several keys: make the set of changes and let the page resync once.
  syncing_ = true;
  draft_->set("model.quantization", c->quantization);
  if (c->loraplusRatio) draft_->set("train.loraplus_lr_ratio", *c->loraplusRatio);
  syncing_ = false;
  draft_->set("method", c->method);
  syncFromDraft();
}

void MethodPage::syncFromDraft() {
  if (syncing_) return;
  const QString method = currentMethod();
  const MethodRow& row = methodRow(method);
  cards_->setCurrent(method);
  methodTitle_->setText(tr("<b>%1</b>: %2").arg(tr(row.label), tr(row.help)));
  for (int i = 0; i < static_cast<int>(binders_.size()); ++i) {
    if (binders_[static_cast<size_t>(i)].first == QLatin1String(row.family)) familyForms_->setCurrentIndex(i);
  }
  quantBox_->setVisible(method == QLatin1String("qlora"));
  targetsBox_->setVisible(row.targets != TargetLists::None && method == QLatin1String(row.id));  // not for a method the page does not offer
  const bool feedforward = row.targets == TargetLists::ModulesAndFeedforward;
  ffLabel_->setVisible(feedforward);
  feedforward_->setVisible(feedforward);
  allLinear_->setVisible(!feedforward);
  loadModules();

  // Reflect target_modules / feedforward_modules in the check lists.
  const json t = draft_->value("method.target_modules");
  const json ff = draft_->value("method.feedforward_modules");
  const bool all = t.is_string() && t.get<std::string>() == "all-linear";
  auto listed = [](const json& v, const QString& name) {
    if (!v.is_array()) return false;
    for (const auto& e : v) {
      if (e.is_string() && QString::fromStdString(e.get<std::string>()) == name) return true;
    }
    return false;
  };
  const QSignalBlocker b1(allLinear_), b2(targets_), b3(feedforward_);
  allLinear_->setChecked(all);
  targets_->setEnabled(!all || feedforward);
  for (int i = 0; i < targets_->count(); ++i) {
    QListWidgetItem* item = targets_->item(i);
    item->setCheckState(all || listed(t, item->text()) ? Qt::Checked : Qt::Unchecked);
  }
  for (int i = 0; i < feedforward_->count(); ++i) {
    QListWidgetItem* item = feedforward_->item(i);
    item->setCheckState(listed(ff, item->text()) ? Qt::Checked : Qt::Unchecked);
  }
}

void MethodPage::loadModules() {
  const json path = draft_->value("model.path");
  const QString dir = path.is_string() ? QString::fromStdString(path.get<std::string>()) : QString();
  if (dir == modulesFor_) return;
  modulesFor_ = dir;
  // Building even a shapes-only model takes a moment for a large one: off the GUI thread.
  modulesJobs_->post<QStringList>(
      [dir] {
        QStringList suffixes;
        for (const std::string& m : linearModuleNames(dir.toStdString())) {
          const QString s = suffixOf(m);
          if (!suffixes.contains(s)) suffixes << s;
        }
        return suffixes;
      },
      [this](JobResult<QStringList> r) {
        // A model that cannot be read offers no targets; the Model page says why.
        suffixes_ = r.error.isEmpty() ? r.value : QStringList();
        const QSignalBlocker b1(targets_), b2(feedforward_);
        targets_->clear();
        feedforward_->clear();
        for (const QString& s : suffixes_) {
          for (QListWidget* list : {targets_, feedforward_}) {
            auto* item = new QListWidgetItem(s, list);
            item->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled | Qt::ItemIsSelectable);
            item->setCheckState(Qt::Unchecked);
          }
        }
        syncFromDraft();  // check states from target_modules
        scheduleCount();  // the cards' IA³ default targets come from these modules
        emit modulesLoaded();
      });
}

QStringList MethodPage::targetChoices() const { return suffixes_; }

void MethodPage::setTargets(const QStringList& suffixes) {
  if (suffixes.isEmpty()) {
    draft_->set("method.target_modules", "all-linear");
    return;
  }
  draft_->set("method.target_modules", stringList(suffixes));
}

void MethodPage::writeTargets() {
  const QString method = currentMethod();
  const bool feedforward = methodRow(method).targets == TargetLists::ModulesAndFeedforward;
  if (allLinear_->isChecked() && !feedforward) {
    draft_->set("method.target_modules", "all-linear");
    return;
  }
  QStringList checked, ff;
  for (int i = 0; i < targets_->count(); ++i) {
    if (targets_->item(i)->checkState() == Qt::Checked) checked << targets_->item(i)->text();
  }
  for (int i = 0; i < feedforward_->count(); ++i) {
    if (feedforward_->item(i)->checkState() == Qt::Checked) ff << feedforward_->item(i)->text();
  }
  draft_->set("method.target_modules", stringList(checked));
  if (feedforward) draft_->set("method.feedforward_modules", stringList(ff));
}

void MethodPage::scheduleCount() { countTimer_->start(); }

bool MethodPage::counting() const { return countTimer_->isActive() || countJobs_->busy() || modulesJobs_->busy() || cardJobs_->busy(); }

// Every method's card, counted with the configuration choosing it would give (documentWith). One
// job for all cards; a card whose configuration cannot be counted shows why, the others still
// show their figures (so a catch per card: the job's own boundary would blank them all).
void MethodPage::runCardCounts() {
  std::vector<std::pair<QString, json>> docs;
  for (const MethodRow& r : methodCatalog()) docs.emplace_back(QString::fromLatin1(r.id), documentWith(QString::fromLatin1(r.id)));
  cards_->setComputing(true);
  cardJobs_->post<std::vector<MethodCardFigures>>(
      [docs, shapes = shapes_] {
        std::vector<MethodCardFigures> out;
        for (const auto& [id, doc] : docs) {
          MethodCardFigures f;
          f.id = id;
          std::vector<ConfigProblem> problems;
          const RunConfig config = parseRunConfig(doc, {}, &problems);
          for (const ConfigProblem& p : problems) {
            if (p.field.rfind("model", 0) == 0 || p.field.rfind("method", 0) == 0) {
              f.problem = QStringLiteral("%1: %2").arg(formLabel(p.field), QString::fromStdString(p.message));
              break;
            }
          }
          if (f.problem.isEmpty()) {
            try {
              f.report = planParameters(config);
              QString note;
              f.estimate = estimateForRun(config, problems, *shapes, &note);
            } catch (const std::exception& e) {
              f.problem = errorText(e);
              f.report.reset();
            }
          }
          out.push_back(std::move(f));
        }
        return out;
      },
      [this](JobResult<std::vector<MethodCardFigures>> r) {
        cards_->setFigures(r.error.isEmpty() ? r.value : std::vector<MethodCardFigures>{});
        cards_->setComputing(false);
        emit cardsUpdated();
      });
}

void MethodPage::runCount() {
  runCardCounts();
  const json doc = draft_->document();
  countJobs_->post<CountResult>(
      [doc, shapes = shapes_] {
        CountResult r;
        std::vector<ConfigProblem> problems;
        const RunConfig config = parseRunConfig(doc, {}, &problems);
        for (const ConfigProblem& p : problems) {
          if (p.field.rfind("model", 0) == 0 || p.field.rfind("method", 0) == 0) {
            r.problem = QStringLiteral("%1: %2").arg(formLabel(p.field), QString::fromStdString(p.message));
            return r;
          }
        }
        r.summary = modelSummaryJson(config.modelPath);
        r.report = planParameters(config);
        r.estimate = estimateForRun(config, problems, *shapes, &r.estimateNote);
        return r;
      },
      [this](JobResult<CountResult> result) {
        countError_ = !result.error.isEmpty() ? result.error : result.value.problem;
        if (!countError_.isEmpty()) result.value.estimate.reset();
        report_ = countError_.isEmpty() ? std::move(result.value.report) : ParameterReport{};
        estimate_->setText(result.value.estimate ? memoryEstimateText(*result.value.estimate, result.value.estimateNote)
                                                 : result.value.estimateNote.toHtmlEscaped());
        memoryEstimate_ = result.value.estimate;
        showReport();
        emit countUpdated();
      });
}

QString MethodPage::estimateText() const { return estimate_->text(); }

void MethodPage::showReport() {
  tree_->clear();
  if (!countError_.isEmpty()) {
    summary_->setText(tr("Cannot count: %1").arg(countError_));
    summary_->setStyleSheet(QStringLiteral("color: #d32f2f;"));
    return;
  }
  summary_->setStyleSheet(QString());
  if (report_.allParams == 0) {
    summary_->setText(tr("Counting…"));
    return;
  }
  const QLocale locale;
  QString text = tr("Trainable: %1 of %2 parameters (%3 %) · adapter file %4")
                     .arg(locale.toString(static_cast<qlonglong>(report_.trainableParams)), locale.toString(static_cast<qlonglong>(report_.allParams)))
                     .arg(report_.trainablePercent, 0, 'f', 4)
                     .arg(bytesText(static_cast<double>(report_.adapterFileBytes)));
  if (!report_.unmatchedTargets.empty()) {
    QStringList names;
    for (const auto& u : report_.unmatchedTargets) names << QString::fromStdString(u);
    text += QStringLiteral("\n") + tr("Matched no module: %1").arg(names.join(QStringLiteral(", ")));
  }
  summary_->setText(text);
  // Module → its trainable tensors, in the report's order.
  std::map<std::string, QTreeWidgetItem*> modules;
  for (const ParameterEntry& e : report_.parameters) {
    if (!e.trainable) continue;
    QTreeWidgetItem*& parent = modules[e.module];
    if (!parent) {
      parent = new QTreeWidgetItem(tree_, QStringList{QString::fromStdString(e.module)});
      parent->setData(2, Qt::UserRole, 0LL);
    }
    QStringList shape;
    for (int64_t d : e.shape) shape << QString::number(d);
    new QTreeWidgetItem(parent, QStringList{QString::fromStdString(e.part), shape.join(QStringLiteral(" × ")), locale.toString(static_cast<qlonglong>(e.numel())),
                                            QString::fromStdString(e.dtype)});
    const qlonglong sum = parent->data(2, Qt::UserRole).toLongLong() + e.numel();
    parent->setData(2, Qt::UserRole, sum);
    parent->setText(2, locale.toString(sum));
  }
}

QString MethodPage::summaryText() const { return summary_->text(); }
QString MethodPage::measureText() const { return measureResult_->text(); }

void MethodPage::runMeasure() {
  std::vector<ConfigProblem> problems = draft_->problems();
  // The probe writes into a temporary folder: the output folder's state does not matter.
  problems.erase(std::remove_if(problems.begin(), problems.end(), [](const ConfigProblem& p) { return p.field == "output_dir"; }), problems.end());
  if (!problems.empty()) {
    measureResult_->setText(tr("Fix the configuration first: %1: %2").arg(formLabel(problems.front().field), QString::fromStdString(problems.front().message)));
    return;
  }
  const json doc = draft_->document();
  measure_->setEnabled(false);
  measureResult_->setText(tr("Measuring…"));
  measureJobs_->post<StepCost>(
      [doc] {
        std::vector<ConfigProblem> ignored;
        json d = doc;
        d["output_dir"] = "/tmp/unused";  // replaced by the probe's temporary folder
        const RunConfig config = parseRunConfig(d, {}, &ignored);
        TrainControl control;
        return measureStepCost(config, kMeasureSteps, control);
      },
      [this](JobResult<StepCost> r) {
        measure_->setEnabled(true);
        if (!r.error.isEmpty()) {
          measureResult_->setText(tr("Measurement failed: %1").arg(r.error));
        } else {
          const StepCost& c = r.value;
          const qint64 total = static_cast<qint64>(c.totalSecondsEstimate + 0.5);
          QString text = tr("Measured: %1 s per step, peak memory %2 (%3 above idle); the whole run (%4 steps) ≈ %5 min")
                             .arg(c.secondsPerStep, 0, 'f', 3)
                             .arg(bytesText(static_cast<double>(c.peakRssBytes)))
                             .arg(bytesText(static_cast<double>(c.peakRssBytes > c.baselineRssBytes ? c.peakRssBytes - c.baselineRssBytes : 0)))
                             .arg(c.totalSteps)
                             .arg(QString::number(total / 60.0, 'f', 1));
          if (c.gpuTotalBytes > 0) {
            text += tr("; GPU memory peak %1 of %2")
                        .arg(bytesText(static_cast<double>(c.peakGpuBytes)), bytesText(static_cast<double>(c.gpuTotalBytes)));
          }
          measureResult_->setText(text);
        }
        emit measured();
      });
}

}  // namespace peftdesk::ui
