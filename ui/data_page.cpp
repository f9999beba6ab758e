// See data_page.h.
#include "data_page.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QEvent>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>

#include "background_queue.h"
#include "error_text.h"
#include "field_tables.h"
#include "form_binder.h"
#include "run_draft.h"

namespace peftdesk::ui {
namespace {

using json = nlohmann::json;

constexpr int kAnalyseDelayMs = 300;
constexpr int kRowsPerPage = 50;
constexpr size_t kMaxEncoded = 20000;  // examples measured for the histogram
constexpr int kHistogramBins = 40;

struct ColumnRow {
  const char* key;          // data.columns key (dataset_info.json name)
  const char* defaultName;  // what is read when not mapped
  const char* formats;      // formats the row applies to
};

const ColumnRow kColumnRows[] = {
    {"prompt", "instruction", "alpaca"},       {"query", "input", "alpaca"},          {"response", "output", "alpaca"},
    {"history", "history", "alpaca"},          {"system", "system", "alpaca sharegpt messages"},
    {"messages", "conversations", "sharegpt messages"}, {"tools", "tools", "sharegpt"},
    {"role_tag", "from", "sharegpt"},          {"content_tag", "value", "sharegpt"},  {"user_tag", "human", "sharegpt"},
    {"assistant_tag", "gpt", "sharegpt"},      {"observation_tag", "observation", "sharegpt"},
    {"function_tag", "function_call", "sharegpt"}, {"system_tag", "system", "sharegpt"}, {"text", "text", "text"},
};

QString qs(const std::string& s) { return QString::fromStdString(s); }

QString clip(const QString& s, int n = 160) {
  QString one = s;
  one.replace(QLatin1Char('\n'), QStringLiteral(" ↵ "));
  return one.size() > n ? one.left(n) + QStringLiteral("…") : one;
}

// One token as HTML: whitespace made visible, markup escaped.
QString tokenHtml(const std::string& piece) {
  QString t = QString::fromUtf8(piece.data(), static_cast<qsizetype>(piece.size())).toHtmlEscaped();
  t.replace(QLatin1Char(' '), QStringLiteral("&middot;"));
  t.replace(QLatin1Char('\n'), QStringLiteral("↵<br>"));
  t.replace(QLatin1Char('\t'), QStringLiteral("→"));
  return t.isEmpty() ? QStringLiteral("∅") : t;
}

}  // namespace

DataPage::DataPage(RunDraft* draft, QWidget* parent) : QWidget(parent), draft_(draft), jobs_(new BackgroundQueue(this)) {
  auto* outer = new QHBoxLayout(this);
  auto* splitter = new QSplitter(Qt::Horizontal, this);
  outer->addWidget(splitter);

  splitter->addWidget(buildSettingsColumn(splitter));
  tabs_ = new QTabWidget(splitter);
  tabs_->addTab(buildPreviewTab(tabs_), QString());
  tabs_->addTab(buildTokenTab(tabs_), QString());
  // Length histogram.
  histogram_ = new QCustomPlot(tabs_);
  histogram_->setObjectName(QStringLiteral("histogram"));
  histogram_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  tabs_->addTab(histogram_, QString());
  // Problems.
  problems_ = new QListWidget(tabs_);
  problems_->setObjectName(QStringLiteral("problems"));
  tabs_->addTab(problems_, QString());
  splitter->addWidget(tabs_);
  splitter->setStretchFactor(1, 1);
  splitter->setSizes({420, 780});
  connectControls();
  retranslate();
  syncEntries();
  scheduleAnalysis();
}

// Left: the dataset, its folder's entries, template and data options, column mapping, summary.
QWidget* DataPage::buildSettingsColumn(QWidget* parent) {
  auto* scroll = new QScrollArea(parent);
  scroll->setWidgetResizable(true);
  scroll->setMinimumWidth(380);
  auto* left = new QWidget(scroll);
  auto* v = new QVBoxLayout(left);
  auto* pathForm = new QFormLayout();
  pathBinder_ = new FormBinder(draft_, this);
  static const std::vector<FieldSpec> kPath = {
      {"data.path", QT_TRANSLATE_NOOP("Fields", "Dataset"),
       QT_TRANSLATE_NOOP("Fields", "A dataset file (JSON, JSON Lines, CSV, TXT) or a LLaMA-Factory data folder with dataset_info.json"), FieldKind::File},
  };
  pathBinder_->addFields(pathForm, kPath);
  v->addLayout(pathForm);

  entriesBox_ = new QGroupBox(left);
  auto* ev = new QVBoxLayout(entriesBox_);
  entries_ = new QListWidget(entriesBox_);
  entries_->setObjectName(QStringLiteral("dataset_entries"));
  entries_->setMaximumHeight(140);
  ev->addWidget(entries_);
  v->addWidget(entriesBox_);

  auto* form = new QFormLayout();
  templateLabel_ = new QLabel(left);
  template_ = new QComboBox(left);
  template_->setObjectName(QStringLiteral("data.template"));
  template_->addItem(QString(), QStringLiteral("auto"));
  for (const std::string& name : chatTemplateNames()) template_->addItem(qs(name), qs(name));
  templateLabel_->setBuddy(template_);
  form->addRow(templateLabel_, template_);
  binder_ = new FormBinder(draft_, this);
  binder_->addFields(form, dataFields());
  v->addLayout(form);

  columnsBox_ = new QGroupBox(left);
  auto* cv = new QVBoxLayout(columnsBox_);
  columns_ = new QTableWidget(0, 2, columnsBox_);
  columns_->setObjectName(QStringLiteral("columns"));
  columns_->horizontalHeader()->setStretchLastSection(true);
  columns_->verticalHeader()->hide();
  columns_->setMinimumHeight(120);
  cv->addWidget(columns_);
  v->addWidget(columnsBox_);
  summary_ = new QLabel(left);
  summary_->setWordWrap(true);
  summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  v->addWidget(summary_);
  v->addStretch(1);
  scroll->setWidget(left);
  return scroll;
}

// The records a page at a time.
QWidget* DataPage::buildPreviewTab(QWidget* parent) {
  auto* previewTab = new QWidget(parent);
  auto* pv = new QVBoxLayout(previewTab);
  table_ = new QTableWidget(previewTab);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->verticalHeader()->hide();
  pv->addWidget(table_, 1);
  auto* pager = new QHBoxLayout();
  prev_ = new QPushButton(previewTab);
  next_ = new QPushButton(previewTab);
  pageLabel_ = new QLabel(previewTab);
  pager->addWidget(prev_);
  pager->addWidget(pageLabel_);
  pager->addWidget(next_);
  pager->addStretch(1);
  pv->addLayout(pager);
  return previewTab;
}

// One example's tokens: what the model learns and what is masked.
QWidget* DataPage::buildTokenTab(QWidget* parent) {
  auto* tokenTab = new QWidget(parent);
  auto* tv = new QVBoxLayout(tokenTab);
  auto* pick = new QHBoxLayout();
  exampleLabel_ = new QLabel(tokenTab);
  example_ = new QSpinBox(tokenTab);
  example_->setObjectName(QStringLiteral("example"));
  example_->setRange(0, 0);
  exampleLabel_->setBuddy(example_);
  legend_ = new QLabel(tokenTab);
  pick->addWidget(exampleLabel_);
  pick->addWidget(example_);
  pick->addSpacing(16);
  pick->addWidget(legend_, 1);
  tv->addLayout(pick);
  tokens_ = new QTextBrowser(tokenTab);
  tokens_->setObjectName(QStringLiteral("tokens"));
  tv->addWidget(tokens_, 1);
  return tokenTab;
}

// Analysis after edits (debounced), the form and the draft kept in step, paging and inspection.
void DataPage::connectControls() {
  analyseTimer_ = new QTimer(this);
  analyseTimer_->setSingleShot(true);
  analyseTimer_->setInterval(kAnalyseDelayMs);
  connect(analyseTimer_, &QTimer::timeout, this, &DataPage::runAnalysis);
  connect(draft_, &RunDraft::changed, this, [this](const QString& key) {
    if (key.startsWith(QLatin1String("data")) || key == QLatin1String("model.path") || key == QLatin1String("model")) {
      // Entry names belong to a data folder: a file chosen instead makes them meaningless.
      const json path = draft_->value("data.path");
      if (key == QLatin1String("data.path") && path.is_string() && !QFileInfo(qs(path.get<std::string>())).isDir() &&
          !draft_->value("data.dataset").is_null()) {
        draft_->set("data.dataset", nullptr);
        return;  // that change comes back here
      }
      if (!syncing_) {
        syncEntries();
        const int t = template_->findData(qs(draft_->value("data.template").is_string() ? draft_->value("data.template").get<std::string>() : "auto"));
        template_->setCurrentIndex(std::max(t, 0));
      }
      scheduleAnalysis();
    }
  });
  connect(draft_, &RunDraft::reset, this, [this] {
    syncEntries();
    const int t = template_->findData(qs(draft_->value("data.template").is_string() ? draft_->value("data.template").get<std::string>() : "auto"));
    template_->setCurrentIndex(std::max(t, 0));
    scheduleAnalysis();
  });
  connect(template_, &QComboBox::activated, this, [this] { draft_->set("data.template", template_->currentData().toString().toStdString()); });
  connect(entries_, &QListWidget::itemChanged, this, [this] { writeEntries(); });
  connect(columns_, &QTableWidget::cellChanged, this, [this](int row, int column) {
    if (column == 1 && !syncing_) writeColumn(row);
  });
  connect(prev_, &QPushButton::clicked, this, [this] { showPreviewPage(page_ - 1); });
  connect(next_, &QPushButton::clicked, this, [this] { showPreviewPage(page_ + 1); });
  connect(example_, &QSpinBox::valueChanged, this, [this](int i) { inspect(i); });
  connect(table_, &QTableWidget::cellDoubleClicked, this, [this](int row) {
    const int index = page_ * kRowsPerPage + row;
    example_->setValue(index);
    tabs_->setCurrentIndex(1);
  });
}

void DataPage::retranslate() {
  entriesBox_->setTitle(tr("Datasets in this folder (dataset_info.json)"));
  entries_->setToolTip(tr("Tick the entries to train on; entries PeftDesk cannot use say why"));
  templateLabel_->setText(tr("Template:"));
  template_->setItemText(0, tr("auto (the model's own)"));
  template_->setToolTip(tr("Chat template used to turn conversations into tokens; auto picks the model's own family"));
  columnsBox_->setTitle(tr("Column mapping"));
  columns_->setHorizontalHeaderLabels({tr("Field"), tr("Column / tag in the file")});
  columns_->setToolTip(tr("Which column of the file holds each field (as LLaMA-Factory's columns and tags); edit to map other names"));
  tabs_->setTabText(0, tr("Preview"));
  tabs_->setTabText(1, tr("Tokens"));
  tabs_->setTabText(2, tr("Lengths"));
  tabs_->setTabText(3, tr("Problems"));
  prev_->setText(tr("◀ Previous"));
  next_->setText(tr("Next ▶"));
  exampleLabel_->setText(tr("Example:"));
  example_->setToolTip(tr("Which example to show as the trainer will see it (double-click a preview row too)"));
  legend_->setText(tr("<span style='background:#c8e6c9;color:#1b5e20'>&nbsp;trained&nbsp;</span> "
                      "<span style='background:#e0e0e0;color:#616161'>&nbsp;masked (prompt, history)&nbsp;</span> "
                      "<span style='color:#c62828'><b>✂</b> truncated at the cutoff</span>"));
  tokens_->setAccessibleName(tr("Tokens of the example"));
  problems_->setAccessibleName(tr("Malformed records"));
  pathBinder_->retranslate();
  binder_->retranslate();
  showAnalysis();
}

void DataPage::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void DataPage::syncEntries() {
  const json path = draft_->value("data.path");
  const QString dir = path.is_string() ? qs(path.get<std::string>()) : QString();
  const bool folder = QFileInfo(dir).isDir();
  entriesBox_->setVisible(folder);
  const QSignalBlocker block(entries_);
  entries_->clear();
  if (!folder) return;
  const json names = draft_->value("data.dataset");
  const QStringList chosen = names.is_string() ? qs(names.get<std::string>()).split(QLatin1Char(','), Qt::SkipEmptyParts) : QStringList();
  try {
    for (const DatasetEntryInfo& e : listDatasetEntries(dir.toStdString())) {
      auto* item = new QListWidgetItem(qs(e.name), entries_);
      item->setData(Qt::UserRole, qs(e.name));
      if (e.usable) {
        item->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled);
        item->setCheckState(chosen.contains(qs(e.name)) ? Qt::Checked : Qt::Unchecked);
        item->setToolTip(qs(e.file) + (e.formatting.empty() ? QString() : QStringLiteral(" (%1)").arg(qs(e.formatting))));
      } else {
        item->setFlags(Qt::NoItemFlags);
        item->setText(qs(e.name) + QStringLiteral(" — ") + qs(e.reason));
      }
    }
  } catch (const std::exception& e) {
    auto* item = new QListWidgetItem(errorText(e), entries_);
    item->setFlags(Qt::NoItemFlags);
  }
}

void DataPage::writeEntries() {
  QStringList chosen;
  for (int i = 0; i < entries_->count(); ++i) {
    if (entries_->item(i)->checkState() == Qt::Checked) chosen << entries_->item(i)->data(Qt::UserRole).toString();
  }
  syncing_ = true;
  draft_->set("data.dataset", chosen.isEmpty() ? json(nullptr) : json(chosen.join(QLatin1Char(',')).toStdString()));
  syncing_ = false;
}

void DataPage::syncColumns() {
  const QString format = preview_ ? QString::fromLatin1(datasetFormatName(preview_->data.format)) : QStringLiteral("alpaca");
  const json mapping = draft_->value("data.columns");
  const QSignalBlocker block(columns_);
  syncing_ = true;
  columns_->setRowCount(0);
  for (const ColumnRow& r : kColumnRows) {
    if (!QString::fromLatin1(r.formats).split(QLatin1Char(' ')).contains(format)) continue;
    const int row = columns_->rowCount();
    columns_->insertRow(row);
    auto* key = new QTableWidgetItem(QString::fromLatin1(r.key));
    key->setFlags(Qt::ItemIsEnabled);
    key->setData(Qt::UserRole, QString::fromLatin1(r.defaultName));
    columns_->setItem(row, 0, key);
    const bool mapped = mapping.is_object() && mapping.contains(r.key) && mapping[r.key].is_string();
    auto* value = new QTableWidgetItem(mapped ? qs(mapping[r.key].get<std::string>()) : QString::fromLatin1(r.defaultName));
    columns_->setItem(row, 1, value);
  }
  syncing_ = false;
}

void DataPage::writeColumn(int row) {
  const QString key = columns_->item(row, 0)->text();
  const QString defaultName = columns_->item(row, 0)->data(Qt::UserRole).toString();
  const QString value = columns_->item(row, 1)->text().trimmed();
  json mapping = draft_->value("data.columns");
  if (!mapping.is_object()) mapping = json::object();
  if (value.isEmpty() || value == defaultName) mapping.erase(key.toStdString());
  else mapping[key.toStdString()] = value.toStdString();
  draft_->set("data.columns", mapping.empty() ? json(nullptr) : mapping);
}

void DataPage::scheduleAnalysis() { analyseTimer_->start(); }
bool DataPage::analysing() const { return analyseTimer_->isActive() || jobs_->busy(); }

void DataPage::runAnalysis() {
  const json doc = draft_->document();
  summary_->setText(tr("Reading the data…"));
  jobs_->post<std::shared_ptr<const DataPreview>>(
      [doc]() -> std::shared_ptr<const DataPreview> {
        std::vector<ConfigProblem> problems;
        const RunConfig config = parseRunConfig(doc, {}, &problems);
        for (const ConfigProblem& p : problems) {
          if (p.field.rfind("data", 0) == 0 || p.field == "model.path") throw std::runtime_error((formLabel(p.field) + QStringLiteral(": ")).toStdString() + p.message);
        }
        return std::make_shared<const DataPreview>(previewData(config, kMaxEncoded));
      },
      [this](JobResult<std::shared_ptr<const DataPreview>> r) {
        error_ = r.error;
        preview_ = r.error.isEmpty() ? r.value : nullptr;
        showAnalysis();
        emit analysed();
      });
}

void DataPage::showAnalysis() {
  problems_->clear();
  if (!error_.isEmpty() || !preview_) {
    summary_->setText(error_.isEmpty() ? QString() : tr("Cannot read the data: %1").arg(error_));
    summary_->setStyleSheet(error_.isEmpty() ? QString() : QStringLiteral("color: #d32f2f;"));
    table_->setRowCount(0);
    tokens_->clear();
    histogram_->clearPlottables();
    histogram_->replot();
    return;
  }
  summary_->setStyleSheet(QString());
  const DataPreview& p = *preview_;
  const QLocale locale;
  QStringList lines;
  lines << tr("%1 examples from %2 records · format %3").arg(locale.toString(static_cast<qlonglong>(p.data.examples.size())),
                                                            locale.toString(static_cast<qlonglong>(p.data.recordsRead)),
                                                            QString::fromLatin1(datasetFormatName(p.data.format)));
  if (!p.templateName.empty()) lines << tr("Template: %1").arg(qs(p.templateName));
  for (const std::string& w : p.templateWarnings) lines << tr("Warning: %1").arg(qs(w));
  if (p.encoded > 0) {
    lines << tr("%1 of %2 examples are longer than the cutoff (%3 tokens) and will be truncated")
                 .arg(locale.toString(static_cast<qlonglong>(p.overCutoff)), locale.toString(static_cast<qlonglong>(p.encoded)))
                 .arg(p.cutoffLen);
  }
  if (p.data.problemCount > 0) {
    lines << tr("%n malformed record(s): see Problems", nullptr, static_cast<int>(p.data.problemCount));
    summary_->setStyleSheet(QStringLiteral("color: #d32f2f;"));
  }
  summary_->setText(lines.join(QLatin1Char('\n')));
  for (const RecordProblem& problem : p.data.problems) problems_->addItem(qs(describe(problem)));
  tabs_->setTabText(3, p.data.problemCount > 0 ? tr("Problems (%1)").arg(p.data.problemCount) : tr("Problems"));
  syncColumns();
  showPreviewPage(std::min(page_, std::max(0, previewPageCount() - 1)));
  {
    const QSignalBlocker block(example_);
    example_->setRange(0, std::max(0, static_cast<int>(p.data.examples.size()) - 1));
  }
  inspect(example_->value());
  drawHistogram();
}

int DataPage::previewPageCount() const {
  if (!preview_) return 0;
  return static_cast<int>((preview_->data.examples.size() + kRowsPerPage - 1) / kRowsPerPage);
}

void DataPage::showPreviewPage(int page) {
  if (!preview_) return;
  const int pages = previewPageCount();
  page_ = std::clamp(page, 0, std::max(0, pages - 1));
  const auto& examples = preview_->data.examples;
  const DatasetFormat format = preview_->data.format;
  QStringList headers{tr("#"), tr("Source")};
  if (format == DatasetFormat::Text) headers << tr("Text");
  else if (format == DatasetFormat::Tokenized) headers << tr("Tokens");
  else headers << tr("System") << tr("Turns") << tr("First prompt") << tr("First response");
  table_->clear();
  table_->setColumnCount(static_cast<int>(headers.size()));
  table_->setHorizontalHeaderLabels(headers);
  const int first = page_ * kRowsPerPage;
  const int count = std::max(0, std::min(kRowsPerPage, static_cast<int>(examples.size()) - first));
  table_->setRowCount(count);
  for (int r = 0; r < count; ++r) {
    const Example& ex = examples[static_cast<size_t>(first + r)];
    // "FOLDER/file.json:12" → "file.json:12": the folder is the same on every row.
    const QString source = qs(ex.source);
    QStringList cells{QString::number(first + r), source.mid(source.lastIndexOf(QLatin1Char('/')) + 1)};
    if (format == DatasetFormat::Text) {
      cells << clip(qs(ex.text));
    } else if (format == DatasetFormat::Tokenized) {
      cells << QString::number(ex.inputIds.size());
    } else {
      QString prompt, response;
      for (const Turn& t : ex.turns) {
        if (prompt.isEmpty() && t.role == Role::User) prompt = qs(t.content);
        if (response.isEmpty() && t.role == Role::Assistant) response = qs(t.content);
      }
      cells << clip(qs(ex.system), 60) << QString::number(ex.turns.size()) << clip(prompt) << clip(response);
    }
    for (int c = 0; c < cells.size(); ++c) table_->setItem(r, c, new QTableWidgetItem(cells[c]));
  }
  table_->resizeColumnsToContents();
  pageLabel_->setText(tr("Page %1 of %2").arg(pages == 0 ? 0 : page_ + 1).arg(pages));
  prev_->setEnabled(page_ > 0);
  next_->setEnabled(page_ + 1 < pages);
}

bool DataPage::inspect(int index) {
  trainedTokens_ = shownTokens_ = 0;
  truncated_ = false;
  if (!preview_ || index < 0 || static_cast<size_t>(index) >= preview_->data.examples.size()) {
    tokens_->clear();
    return false;
  }
  InspectedExample ex;
  try {
    ex = inspectExample(*preview_, static_cast<size_t>(index));
  } catch (const std::exception& e) {
    tokens_->setPlainText(tr("Cannot encode this example: %1").arg(errorText(e)));
    return false;
  }
  QString html = QStringLiteral("<div style='font-family:monospace; line-height:160%'>");
  for (size_t i = 0; i < ex.encoded.inputIds.size(); ++i) {
    const bool trained = ex.encoded.labels[i] != kIgnoreLabel;
    trainedTokens_ += trained ? 1 : 0;
    html += trained ? QStringLiteral("<span style='background:#c8e6c9;color:#1b5e20' title='%1'>%2</span>")
                    : QStringLiteral("<span style='background:#e0e0e0;color:#616161' title='%1'>%2</span>");
    html = html.arg(ex.encoded.inputIds[i]).arg(tokenHtml(ex.pieces[i]));
    html += QStringLiteral("<span style='font-size:1px'> </span>");
  }
  shownTokens_ = static_cast<int>(ex.encoded.inputIds.size());
  truncated_ = ex.encoded.truncated;
  if (ex.encoded.truncated) {
    html += QStringLiteral("<span style='color:#c62828'><b> ✂ </b>%1</span>")
                .arg(tr("cutoff %1: %2 of %3 tokens kept").arg(preview_->cutoffLen).arg(shownTokens_).arg(ex.fullLength).toHtmlEscaped());
  }
  html += QStringLiteral("</div><p>%1</p>")
              .arg(tr("%1 tokens, %2 trained, %3 masked · %4").arg(shownTokens_).arg(trainedTokens_).arg(shownTokens_ - trainedTokens_).arg(
                  qs(ex.encoded.source).toHtmlEscaped()));
  tokens_->setHtml(html);
  return true;
}

QString DataPage::inspectorHtml() const { return tokens_->toHtml(); }
QString DataPage::summaryText() const { return summary_->text(); }

void DataPage::drawHistogram() {
  histogram_->clearPlottables();
  histogram_->clearItems();
  if (!preview_ || preview_->lengths.empty()) {
    histogram_->replot();
    return;
  }
  const auto& lengths = preview_->lengths;
  const int64_t maxLen = std::max<int64_t>(*std::max_element(lengths.begin(), lengths.end()), preview_->cutoffLen);
  const double width = std::max(1.0, std::ceil(static_cast<double>(maxLen + 1) / kHistogramBins));
  QVector<double> x(kHistogramBins), y(kHistogramBins, 0);
  for (int i = 0; i < kHistogramBins; ++i) x[i] = (i + 0.5) * width;
  for (int64_t n : lengths) y[std::min(kHistogramBins - 1, static_cast<int>(static_cast<double>(n) / width))] += 1;
  auto* bars = new QCPBars(histogram_->xAxis, histogram_->yAxis);
  bars->setWidth(width * 0.9);
  bars->setData(x, y);
  bars->setName(tr("examples"));
  bars->setBrush(QColor(31, 119, 180, 160));
  auto* cut = new QCPItemStraightLine(histogram_);
  cut->point1->setCoords(static_cast<double>(preview_->cutoffLen), 0);
  cut->point2->setCoords(static_cast<double>(preview_->cutoffLen), 1);
  cut->setPen(QPen(QColor(198, 40, 40), 2, Qt::DashLine));
  auto* label = new QCPItemText(histogram_);
  label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
  label->position->setType(QCPItemPosition::ptAxisRectRatio);
  label->position->setCoords(0.02, 0.02);
  label->setText(tr("cutoff %1 (dashed): %2 of %3 longer").arg(preview_->cutoffLen).arg(preview_->overCutoff).arg(preview_->encoded));
  label->setColor(QColor(198, 40, 40));
  histogram_->xAxis->setLabel(tr("tokens per example"));
  histogram_->yAxis->setLabel(tr("examples"));
  histogram_->xAxis->setRange(0, static_cast<double>(maxLen) * 1.05 + 1);
  histogram_->yAxis->setRange(0, *std::max_element(y.begin(), y.end()) * 1.15 + 1);
  histogram_->replot();
}

int DataPage::histogramOverCutoff() const { return preview_ ? static_cast<int>(preview_->overCutoff) : -1; }

}  // namespace peftdesk::ui
