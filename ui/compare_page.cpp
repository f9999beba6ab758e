// See compare_page.h. The generations view and the combine dialog are in
// compare_page_generate.cpp.
#include "compare_page.h"

#include <qcustomplot.h>

#include <algorithm>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QTextBrowser>
#include <QTableWidget>
#include <QVBoxLayout>
#include <cmath>
#include <map>
#include <set>

#include "app_settings.h"
#include "background_queue.h"
#include "error_text.h"
#include "metrics_series.h"
#include "metrics_tailer.h"
#include "device_box.h"
#include "precision_box.h"
#include "peftdesk/adapter_math.h"
#include "peftdesk/atomic_file.h"
#include "peftdesk/comparison.h"
#include "peftdesk/data_overlap.h"
#include "peftdesk/json_file.h"
#include "peftdesk/run_config.h"
#include "peftdesk/run_summary.h"
#include "resource_locator.h"
#include "translated_label.h"

namespace peftdesk::ui {
namespace {

using json = nlohmann::json;

QString qs(const std::string& s) { return QString::fromStdString(s); }

const QColor kColours[] = {QColor(31, 119, 180), QColor(214, 39, 40),  QColor(44, 160, 44),  QColor(255, 127, 14), QColor(148, 103, 189),
                           QColor(140, 86, 75),  QColor(227, 119, 194), QColor(127, 127, 127), QColor(188, 189, 34), QColor(23, 190, 207)};

// A table cell that sorts by number when it holds one.
QTableWidgetItem* cell(const json& v, int decimals = 4) {
  auto* item = new QTableWidgetItem();
  if (v.is_number_integer()) item->setData(Qt::DisplayRole, static_cast<qlonglong>(v.get<int64_t>()));
  else if (v.is_number()) item->setData(Qt::DisplayRole, QString::number(v.get<double>(), 'f', decimals).toDouble());
  else if (v.is_string()) item->setText(qs(v.get<std::string>()));
  else if (v.is_boolean()) item->setText(v.get<bool>() ? QStringLiteral("✓") : QString());
  else item->setText(QStringLiteral("—"));
  return item;
}

void flatten(const json& v, const std::string& prefix, std::map<std::string, std::string>& out) {
  if (v.is_object() && !v.empty()) {
    for (const auto& [k, child] : v.items()) flatten(child, prefix.empty() ? k : prefix + "." + k, out);
    return;
  }
  out[prefix] = v.is_string() ? v.get<std::string>() : v.dump();
}

}  // namespace

ComparePage::ComparePage(QWidget* parent)
    : QWidget(parent), settings_(new AppSettings()), listJobs_(new BackgroundQueue(this)), jobs_(new BackgroundQueue(this)) {
  auto* outer = new QHBoxLayout(this);
  auto* split = new QSplitter(Qt::Horizontal, this);
  outer->addWidget(split);

  split->addWidget(buildRunsColumn(split));
  tabs_ = new QTabWidget(split);
  // In the order of the tab texts retranslate() sets.
  for (QWidget* tab : {buildSummaryTab(tabs_), buildConfigurationTab(tabs_), buildCurvesTab(tabs_), buildEvaluationTab(tabs_),
                       buildWeightsTab(tabs_), buildGenerationsTab(tabs_)})
    tabs_->addTab(tab, QString());
  split->addWidget(tabs_);
  split->setStretchFactor(1, 1);
  split->setSizes({280, 920});
  connectControls();
  retranslate();
  refreshRuns();
}

// Left: the runs and adapters to compare, where the base loads, Compare and Combine.
QWidget* ComparePage::buildRunsColumn(QWidget* parent) {
  auto* left = new QWidget(parent);
  auto* lv = new QVBoxLayout(left);
  runs_ = new QListWidget(left);
  runs_->setObjectName(QStringLiteral("compare_items"));
  auto* runsLabel = new TranslatedLabel(staticMetaObject.className(), QT_TR_NOOP("Runs and adapters to compare:"), runs_, left);
  addFolder_ = new QPushButton(left);
  compare_ = new QPushButton(left);
  compare_->setObjectName(QStringLiteral("compare"));
  compare_->setDefault(true);
  status_ = new QLabel(left);
  status_->setWordWrap(true);
  status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  precision_ = new PrecisionBox(left);
  precision_->setObjectName(QStringLiteral("compare_precision"));
  precision_->setKey(settings_->value(Setting::ComparePrecision).toString());
  auto* precisionLabel = new TranslatedLabel(staticMetaObject.className(), QT_TR_NOOP("&Load the base as (evaluation, generations):"), precision_, left);
  device_ = new DeviceBox(left);
  device_->setObjectName(QStringLiteral("compare_device"));
  device_->setKey(settings_->value(Setting::CompareDevice).toString());
  lv->addWidget(runsLabel);
  lv->addWidget(runs_, 1);
  lv->addWidget(addFolder_);
  lv->addWidget(precisionLabel);
  lv->addWidget(precision_);
  lv->addWidget(device_);
  lv->addWidget(compare_);
  combine_ = new QPushButton(left);
  combine_->setObjectName(QStringLiteral("combine"));
  lv->addWidget(combine_);
  lv->addWidget(status_);
  return left;
}

QWidget* ComparePage::buildSummaryTab(QWidget* parent) {
  summary_ = new QTableWidget(parent);
  summary_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  summary_->setSortingEnabled(true);
  summary_->verticalHeader()->hide();
  return summary_;
}

QWidget* ComparePage::buildConfigurationTab(QWidget* parent) {
  auto* configTab = new QWidget(parent);
  auto* cv = new QVBoxLayout(configTab);
  diffOnly_ = new QCheckBox(configTab);
  diffOnly_->setChecked(true);
  config_ = new QTableWidget(configTab);
  config_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  config_->verticalHeader()->hide();
  cv->addWidget(diffOnly_);
  cv->addWidget(config_, 1);
  return configTab;
}

QWidget* ComparePage::buildCurvesTab(QWidget* parent) {
  auto* curveTab = new QWidget(parent);
  auto* kv = new QVBoxLayout(curveTab);
  auto* kh = new QHBoxLayout();
  curveMetric_ = new QComboBox(curveTab);
  for (const char* m : {"loss", "eval_loss", "lr"}) curveMetric_->addItem(QString(), QString::fromLatin1(m));
  curveAxis_ = new QComboBox(curveTab);
  for (int i = 0; i < 4; ++i) curveAxis_->addItem(QString(), i);
  kh->addWidget(new TranslatedLabel(staticMetaObject.className(), QT_TR_NOOP("Curve:"), curveMetric_, curveTab));
  kh->addWidget(curveMetric_);
  kh->addWidget(new TranslatedLabel(staticMetaObject.className(), QT_TR_NOOP("X axis:"), curveAxis_, curveTab));
  kh->addWidget(curveAxis_);
  kh->addStretch(1);
  kv->addLayout(kh);
  auto* kSplit = new QSplitter(Qt::Horizontal, curveTab);
  curveRuns_ = new QListWidget(kSplit);
  curveRuns_->setObjectName(QStringLiteral("curve_runs"));
  curveRuns_->setMaximumWidth(220);
  curves_ = new QCustomPlot(kSplit);
  curves_->setObjectName(QStringLiteral("compare_curves"));
  curves_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  curves_->legend->setVisible(true);
  kSplit->addWidget(curveRuns_);
  kSplit->addWidget(curves_);
  kSplit->setStretchFactor(1, 1);
  kv->addWidget(kSplit, 1);
  return curveTab;
}

QWidget* ComparePage::buildEvaluationTab(QWidget* parent) {
  auto* evalTab = new QWidget(parent);
  auto* ev = new QVBoxLayout(evalTab);
  auto* ef = new QFormLayout();
  auto* dataRow = new QHBoxLayout();
  evalData_ = new QLineEdit(evalTab);
  evalData_->setObjectName(QStringLiteral("eval_data"));
  // No default file: the data at hand is usually the training data, and scores on training rows
  // favour the adapter that memorised them. Evaluate names a run's training overlap (below).
  evalBrowse_ = new QPushButton(evalTab);
  dataRow->addWidget(evalData_, 1);
  dataRow->addWidget(evalBrowse_);
  ef->addRow(new TranslatedLabel(staticMetaObject.className(), QT_TR_NOOP("Held-out data:"), evalData_, evalTab), dataRow);
  evalCutoff_ = new QSpinBox(evalTab);
  evalCutoff_->setRange(1, 1048576);
  evalCutoff_->setValue(1024);
  ef->addRow(new TranslatedLabel(staticMetaObject.className(), QT_TR_NOOP("Cutoff length:"), evalCutoff_, evalTab), evalCutoff_);
  evalSamples_ = new QSpinBox(evalTab);
  evalSamples_->setRange(0, 100000000);
  evalSamples_->setValue(0);
  ef->addRow(new TranslatedLabel(staticMetaObject.className(), QT_TR_NOOP("Max samples:"), evalSamples_, evalTab), evalSamples_);
  ev->addLayout(ef);
  auto* eb = new QHBoxLayout();
  evalRun_ = new QPushButton(evalTab);
  exportCsv_ = new QPushButton(evalTab);
  exportJson_ = new QPushButton(evalTab);
  eb->addWidget(evalRun_);
  eb->addStretch(1);
  eb->addWidget(exportCsv_);
  eb->addWidget(exportJson_);
  ev->addLayout(eb);
  evalWarning_ = new QLabel(evalTab);
  evalWarning_->setObjectName(QStringLiteral("eval_warning"));
  evalWarning_->setWordWrap(true);
  evalWarning_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  evalWarning_->setStyleSheet(QStringLiteral("color: black; background: #ffd54f; padding: 6px; border-radius: 4px;"));
  evalWarning_->hide();
  ev->addWidget(evalWarning_);
  evaluation_ = new QTableWidget(evalTab);
  evaluation_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  evaluation_->setSortingEnabled(true);
  evaluation_->verticalHeader()->hide();
  ev->addWidget(evaluation_, 1);
  return evalTab;
}

// What the controls do.
void ComparePage::connectControls() {
  connect(addFolder_, &QPushButton::clicked, this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Add a run or adapter folder"), settings_->workspaceDir());
    if (!dir.isEmpty()) addFolder(dir);
  });
  connect(compare_, &QPushButton::clicked, this, &ComparePage::compare);
  connect(precision_, &QComboBox::currentIndexChanged, this, [this] { settings_->setValue(Setting::ComparePrecision, precision_->key()); });
  connect(device_, &QComboBox::currentIndexChanged, this, [this] { settings_->setValue(Setting::CompareDevice, device_->key()); });
  connect(combine_, &QPushButton::clicked, this, &ComparePage::openCombineDialog);
  connect(diffOnly_, &QCheckBox::toggled, this, &ComparePage::fillConfig);
  connect(curveMetric_, &QComboBox::activated, this, &ComparePage::drawCurves);
  connect(curveAxis_, &QComboBox::activated, this, &ComparePage::drawCurves);
  connect(curveRuns_, &QListWidget::itemChanged, this, [this](QListWidgetItem* item) {
    const int i = curveRuns_->row(item);
    for (int g = 0; g < curves_->graphCount(); ++g) {
      if (curves_->graph(g)->property("item").toInt() == i) curves_->graph(g)->setVisible(item->checkState() == Qt::Checked);
    }
    curves_->replot();
  });
  connect(evalBrowse_, &QPushButton::clicked, this, [this] {
    const QString f = QFileDialog::getOpenFileName(this, tr("Choose the held-out dataset"), evalData_->text());
    if (!f.isEmpty()) evalData_->setText(f);
  });
  connect(evalRun_, &QPushButton::clicked, this, [this] { evaluate(evalData_->text()); });
  connect(exportCsv_, &QPushButton::clicked, this, [this] {
    const QString f = QFileDialog::getSaveFileName(this, tr("Export the evaluation"), settings_->workspaceDir() + QStringLiteral("/evaluation.csv"),
                                                   tr("CSV (*.csv)"));
    if (!f.isEmpty()) exportEvaluation(f);
  });
  connect(exportJson_, &QPushButton::clicked, this, [this] {
    const QString f = QFileDialog::getSaveFileName(this, tr("Export the comparison"), settings_->workspaceDir() + QStringLiteral("/comparison.json"),
                                                   tr("JSON (*.json)"));
    if (!f.isEmpty()) exportEvaluation(f);
  });
  connect(heatChoice_, &QComboBox::activated, this, &ComparePage::drawHeatmap);
  connect(generate_, &QPushButton::clicked, this, [this] {
    generate(prompts_->toPlainText().split(QLatin1Char('\n'), Qt::SkipEmptyParts), maxTokens_->value(), logprobs_->isChecked());
  });
}

ComparePage::~ComparePage() { delete settings_; }

void ComparePage::retranslate() {
  runs_->setToolTip(tr("Tick two or more runs of the workspace (or folders added below) trained on the same base"));
  addFolder_->setText(tr("Add run or adapter folder…"));
  compare_->setText(tr("&Compare"));
  compare_->setToolTip(tr("Read the ticked runs and adapters and show them side by side"));
  combine_->setText(tr("Com&bine LoRA adapters…"));
  combine_->setToolTip(tr("Weighted combination of the ticked LoRA adapters into a new adapter, as PEFT's add_weighted_adapter"));
  tabs_->setTabText(0, tr("Summary"));
  tabs_->setTabText(1, tr("Configuration"));
  tabs_->setTabText(2, tr("Curves"));
  tabs_->setTabText(3, tr("Evaluation"));
  tabs_->setTabText(4, tr("Weights"));
  diffOnly_->setText(tr("Differences only"));
  const QString metrics[] = {tr("training loss"), tr("eval loss"), tr("learning rate")};
  for (int i = 0; i < 3; ++i) curveMetric_->setItemText(i, metrics[i]);
  const QString axes[] = {tr("Step"), tr("Epoch"), tr("Tokens"), tr("Time (s)")};
  for (int i = 0; i < 4; ++i) curveAxis_->setItemText(i, axes[i]);
  curveRuns_->setToolTip(tr("Untick a run to hide its curve"));
  evalData_->setToolTip(tr("Dataset every adapter and the base are scored on (the same formats as training)"));
  evalData_->setPlaceholderText(tr("a held-out file the runs did not train on"));
  evalBrowse_->setText(tr("Browse…"));
  evalSamples_->setSpecialValueText(tr("all"));
  evalRun_->setText(tr("&Evaluate"));
  evalRun_->setToolTip(tr("Score the base and every adapter on this data with one resident base (loss and perplexity)"));
  exportCsv_->setText(tr("Export CSV…"));
  exportJson_->setText(tr("Export JSON…"));
  heatChoice_->setToolTip(tr("‖ΔW‖ per layer and module of one adapter, or the ΔW cosine between two"));
  tabs_->setTabText(5, tr("Generations"));
  prompts_->setToolTip(tr("One prompt per line; each goes through the base and every ticked adapter with the same seed"));
  maxTokens_->setPrefix(tr("max tokens "));
  logprobs_->setText(tr("Log-probabilities"));
  logprobs_->setToolTip(tr("Tint each token by its log-probability under its model minus under the base (hover for the numbers)"));
  generate_->setText(tr("&Generate"));
  if (!result_.is_null()) showResult();
}

void ComparePage::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void ComparePage::refreshRuns() {
  const QString ws = settings_->workspaceDir();
  listJobs_->post<std::vector<RunSummary>>([ws] { return listRuns(ws.toStdString()); },
                                           [this](JobResult<std::vector<RunSummary>> r) {
                                             const QStringList keep = checkedFolders();
                                             QStringList extra;
                                             for (int i = 0; i < runs_->count(); ++i) {
                                               if (runs_->item(i)->data(Qt::UserRole + 1).toBool()) extra << runs_->item(i)->data(Qt::UserRole).toString();
                                             }
                                             runs_->clear();
                                             for (const RunSummary& s : r.value) {
                                               if (!s.hasResult) continue;  // nothing to compare yet
                                               auto* item = new QListWidgetItem(qs(s.name) + QStringLiteral("  (%1)").arg(qs(s.method)), runs_);
                                               item->setData(Qt::UserRole, qs(s.dir.string()));
                                               item->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled);
                                               item->setCheckState(Qt::Unchecked);
                                               item->setToolTip(QDir::toNativeSeparators(qs(s.dir.string())));
                                             }
                                             for (const QString& d : extra) addFolder(d);
                                             check(keep);
                                             emit listed();
                                           });
}

void ComparePage::addFolder(const QString& dir) {
  for (int i = 0; i < runs_->count(); ++i) {
    if (QDir(runs_->item(i)->data(Qt::UserRole).toString()) == QDir(dir)) return;
  }
  auto* item = new QListWidgetItem(QDir(dir).dirName(), runs_);
  item->setData(Qt::UserRole, QDir(dir).absolutePath());
  item->setData(Qt::UserRole + 1, true);
  item->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled);
  item->setCheckState(Qt::Checked);
  item->setToolTip(QDir::toNativeSeparators(dir));
}

void ComparePage::check(const QStringList& dirs) {
  for (int i = 0; i < runs_->count(); ++i) {
    bool on = false;
    for (const QString& d : dirs) on = on || QDir(runs_->item(i)->data(Qt::UserRole).toString()) == QDir(d);
    runs_->item(i)->setCheckState(on ? Qt::Checked : Qt::Unchecked);
  }
}

QStringList ComparePage::checkedFolders() const {
  QStringList out;
  for (int i = 0; i < runs_->count(); ++i) {
    if (runs_->item(i)->checkState() == Qt::Checked) out << runs_->item(i)->data(Qt::UserRole).toString();
  }
  return out;
}

std::vector<std::filesystem::path> ComparePage::checkedPaths() const {
  std::vector<std::filesystem::path> paths;
  for (const QString& d : checkedFolders()) paths.emplace_back(d.toStdString());
  return paths;
}

bool ComparePage::busy() const { return jobs_->busy() || listJobs_->busy(); }
QString ComparePage::errorText() const { return error_; }

void ComparePage::showError(const QString& text) {
  error_ = text;
  status_->setText(text);
  status_->setStyleSheet(text.isEmpty() ? QString() : QStringLiteral("color: #d32f2f;"));
}

void ComparePage::compare() {
  const QStringList dirs = checkedFolders();
  if (dirs.size() < 2) {
    showError(tr("Tick at least two runs or adapters."));
    emit compared();
    return;
  }
  showError(QString());
  status_->setText(tr("Reading %n item(s)…", nullptr, static_cast<int>(dirs.size())));
  const std::vector<std::filesystem::path> paths = checkedPaths();
  jobs_->post<std::pair<json, std::vector<std::vector<json>>>>(
      [paths] {
        ComparisonOptions o;
        std::pair<json, std::vector<std::vector<json>>> r;
        r.first = compareAdapters(paths, o);
        for (const std::filesystem::path& p : paths) {
          bool restarted = false;
          MetricsTailer tailer(QString::fromStdString((p / "metrics.jsonl").string()));
          r.second.push_back(tailer.poll(&restarted));
        }
        return r;
      },
      [this](JobResult<std::pair<json, std::vector<std::vector<json>>>> r) {
        if (!r.error.isEmpty()) {
          showError(tr("Cannot compare: %1").arg(r.error));
        } else {
          result_ = std::move(r.value.first);
          metrics_ = std::move(r.value.second);
          status_->setText(tr("%n item(s) compared.", nullptr, static_cast<int>(result_["items"].size())));
          showResult();
        }
        emit compared();
      });
}

void ComparePage::evaluate(const QString& dataPath) {
  const QStringList dirs = checkedFolders();
  if (dirs.isEmpty()) {
    showError(tr("Tick the runs or adapters to evaluate."));
    emit evaluated();
    return;
  }
  if (dataPath.trimmed().isEmpty()) {
    showError(tr("Choose a held-out dataset to evaluate on: data the runs did not train on (Browse…)."));
    emit evaluated();
    return;
  }
  const std::vector<std::filesystem::path> paths = checkedPaths();
  EvalDataSpec spec;
  spec.dataPath = dataPath.toStdString();
  spec.cutoffLen = evalCutoff_->value();
  spec.maxSamples = evalSamples_->value() == 0 ? -1 : evalSamples_->value();
  evalRun_->setEnabled(false);
  showError(QString());
  evalWarning_->hide();
  status_->setText(tr("Evaluating…"));
  struct Evaluation {
    json result;
    QStringList overlaps;   // one line per run that trained on evaluation examples
    QStringList unchecked;  // runs whose training data could not be compared, with why
  };
  jobs_->post<Evaluation>(
      [paths, spec, load = baseLoadOptions()] {
        Evaluation out;
        // A run folder knows its training data: count the evaluation examples it trained on.
        for (const RunOverlap& r : trainingOverlaps(paths, spec.dataPath, spec.datasetNames, spec.maxSamples)) {
          if (!r.problem.empty()) out.unchecked << tr("%1 (%2)").arg(QString::fromStdString(r.run), QString::fromStdString(r.problem));
          else if (r.overlap.inTraining > 0)
            out.overlaps << tr("%1 trained on %2 of the %3 evaluation examples").arg(QString::fromStdString(r.run)).arg(r.overlap.inTraining).arg(r.overlap.evalExamples);
        }
        ComparisonOptions o;
        o.weights = false;
        o.evaluate = spec;
        o.load = load;
        out.result = compareAdapters(paths, o);
        return out;
      },
      [this](JobResult<Evaluation> r) {
        evalRun_->setEnabled(true);
        if (!r.error.isEmpty()) {
          showError(tr("Cannot evaluate: %1").arg(r.error));
        } else {
          if (result_.is_null()) result_ = r.value.result;
          result_["evaluation"] = r.value.result["evaluation"];
          status_->setText(tr("Evaluated on %1 (base held as %2).")
                               .arg(qs(r.value.result["evaluation"]["data"].get<std::string>()), qs(r.value.result["evaluation"]["precision"].get<std::string>())));
          fillEvaluation();
          QStringList warnings;
          if (!r.value.overlaps.isEmpty())
            warnings << tr("Not held out: %1. Their scores include examples they learned; choose data none of the runs trained on.")
                            .arg(r.value.overlaps.join(QStringLiteral("; ")));
          if (!r.value.unchecked.isEmpty())
            warnings << tr("Not checked for training overlap: %1.").arg(r.value.unchecked.join(QStringLiteral("; ")));
          if (!warnings.isEmpty()) {
            evalWarning_->setText(warnings.join(QLatin1Char('\n')));
            evalWarning_->show();
          }
        }
        emit evaluated();
      });
}

QString ComparePage::evaluationWarning() const { return evalWarning_->isHidden() ? QString() : evalWarning_->text(); }

void ComparePage::showResult() {
  fillSummary();
  fillConfig();
  fillCurves();
  fillEvaluation();
  fillHeatChoices();
  showGenerations();
}

void ComparePage::fillSummary() {
  const QStringList headers = {tr("Name"),   tr("Method"),    tr("r"),          tr("Parameters"), tr("File (KiB)"), tr("Steps"),
                               tr("Time (s)"), tr("Tokens"), tr("Final loss"), tr("Best eval loss"), tr("Mean ‖ΔW‖"), tr("Effective rank")};
  const char* keys[] = {"name", "peft_type", "r", "adapter_params", "adapter_file_bytes", "steps", "training_seconds", "tokens_seen", "final_loss",
                        "best_eval_loss", "mean_delta_norm", "mean_effective_rank"};
  summary_->setSortingEnabled(false);
  summary_->clear();
  summary_->setColumnCount(static_cast<int>(headers.size()));
  summary_->setHorizontalHeaderLabels(headers);
  const json& items = result_["items"];
  summary_->setRowCount(static_cast<int>(items.size()));
  for (int r = 0; r < static_cast<int>(items.size()); ++r) {
    const json& it = items[static_cast<size_t>(r)];
    for (int c = 0; c < static_cast<int>(headers.size()); ++c) {
      json v = it.value(keys[c], json());
      if (std::string(keys[c]) == "adapter_file_bytes" && v.is_number()) v = std::round(v.get<double>() / 102.4) / 10.0;
      summary_->setItem(r, c, cell(v, std::string(keys[c]) == "training_seconds" ? 1 : 4));
    }
  }
  summary_->setSortingEnabled(true);
  summary_->resizeColumnsToContents();
}

void ComparePage::fillConfig() {
  config_->clear();
  if (!result_.contains("configs")) return;
  const json& configs = result_["configs"];
  std::vector<std::map<std::string, std::string>> flat;
  std::set<std::string> keys;
  for (const json& c : configs) {
    std::map<std::string, std::string> f;
    if (!c.is_null()) flatten(c, "", f);
    for (const auto& [k, v] : f) keys.insert(k);
    flat.push_back(std::move(f));
  }
  QStringList headers{tr("Key")};
  for (const json& it : result_["items"]) headers << qs(it["name"].get<std::string>());
  config_->setColumnCount(static_cast<int>(headers.size()));
  config_->setHorizontalHeaderLabels(headers);
  int row = 0;
  config_->setRowCount(static_cast<int>(keys.size()));
  for (const std::string& k : keys) {
    std::set<std::string> values;
    for (const auto& f : flat) values.insert(f.count(k) ? f.at(k) : std::string("—"));
    if (diffOnly_->isChecked() && values.size() < 2) continue;
    config_->setItem(row, 0, new QTableWidgetItem(qs(k)));
    for (size_t i = 0; i < flat.size(); ++i) {
      auto* item = new QTableWidgetItem(flat[i].count(k) ? qs(flat[i].at(k)) : QStringLiteral("—"));
      if (values.size() > 1) item->setBackground(QColor(255, 224, 130, 90));
      config_->setItem(row, static_cast<int>(i) + 1, item);
    }
    ++row;
  }
  config_->setRowCount(row);
  config_->resizeColumnsToContents();
}

void ComparePage::fillCurves() {
  const QSignalBlocker block(curveRuns_);
  curveRuns_->clear();
  const json& items = result_["items"];
  for (int i = 0; i < static_cast<int>(items.size()); ++i) {
    auto* item = new QListWidgetItem(qs(items[static_cast<size_t>(i)]["name"].get<std::string>()), curveRuns_);
    item->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled);
    item->setCheckState(Qt::Checked);
    item->setForeground(kColours[i % 10]);
  }
  drawCurves();
}

void ComparePage::drawCurves() {
  curves_->clearGraphs();
  const QString metric = curveMetric_->currentData().toString();
  const XAxis axis = static_cast<XAxis>(curveAxis_->currentData().toInt());
  for (int i = 0; i < static_cast<int>(metrics_.size()); ++i) {
    MetricsSeries s;
    for (const json& row : metrics_[static_cast<size_t>(i)]) s.addRow(row);
    QCPGraph* g = curves_->addGraph();
    g->setProperty("item", i);
    g->setName(curveRuns_->item(i) ? curveRuns_->item(i)->text() : QString());
    g->setPen(QPen(kColours[i % 10], 1.5));
    if (metric == QLatin1String("eval_loss")) {
      for (const EvalPoint& p : s.eval) g->addData(xOf(p, axis), p.loss);
      g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
    } else {
      for (const TrainPoint& p : s.train) g->addData(xOf(p, axis), metric == QLatin1String("lr") ? p.learningRate : p.loss);
    }
    g->setVisible(!curveRuns_->item(i) || curveRuns_->item(i)->checkState() == Qt::Checked);
  }
  curves_->xAxis->setLabel(curveAxis_->currentText());
  curves_->yAxis->setLabel(curveMetric_->currentText());
  curves_->rescaleAxes();
  curves_->replot();
}

void ComparePage::fillEvaluation() {
  evaluation_->setSortingEnabled(false);
  evaluation_->clear();
  const QStringList headers{tr("Name"), tr("Loss"), tr("Perplexity"), tr("Tokens"), tr("Seconds")};
  evaluation_->setColumnCount(static_cast<int>(headers.size()));
  evaluation_->setHorizontalHeaderLabels(headers);
  evaluation_->setRowCount(0);
  exportCsv_->setEnabled(result_.contains("evaluation"));
  exportJson_->setEnabled(!result_.is_null());
  if (!result_.contains("evaluation")) return;
  const json& rows = result_["evaluation"]["rows"];
  evaluation_->setRowCount(static_cast<int>(rows.size()));
  for (int r = 0; r < static_cast<int>(rows.size()); ++r) {
    const json& row = rows[static_cast<size_t>(r)];
    evaluation_->setItem(r, 0, cell(row["name"]));
    evaluation_->setItem(r, 1, cell(row["loss"], 6));
    evaluation_->setItem(r, 2, cell(row["perplexity"], 4));
    evaluation_->setItem(r, 3, cell(row["tokens"]));
    evaluation_->setItem(r, 4, cell(row["seconds"], 2));
  }
  evaluation_->setSortingEnabled(true);
  evaluation_->resizeColumnsToContents();
}

bool ComparePage::exportEvaluation(const QString& file) {
  try {
    const bool csv = file.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive);
    writeFileAtomically(file.toStdString(), csv ? evaluationCsv(result_) : result_.dump(2) + "\n");
  } catch (const std::exception& e) {
    showError(tr("Cannot export: %1").arg(ui::errorText(e)));
    return false;
  }
  status_->setText(tr("Exported %1").arg(QDir::toNativeSeparators(file)));
  return true;
}

LoadOptions ComparePage::baseLoadOptions() const {
  LoadOptions load = precision_->loadOptions();
  load.device = device_->spec();
  return load;
}

}  // namespace peftdesk::ui
