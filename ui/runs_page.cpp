// See runs_page.h.
#include "runs_page.h"

#include <QDateTime>
#include <QDesktopServices>
#include <QDir>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QUrl>
#include <QVBoxLayout>
#include <memory>

#include "app_settings.h"
#include "background_queue.h"
#include "cluster_job_dialog.h"
#include "curves_widget.h"
#include "error_text.h"
#include "export_dialog.h"
#include "peftdesk/error.h"
#include "peftdesk/llamafactory_import.h"
#include "peftdesk/peft_folder.h"

namespace peftdesk::ui {
namespace {

constexpr int kPollMs = 500;          // selected run's metrics
constexpr int kListEveryPolls = 4;    // the run list every 2 s

QString qs(const std::string& s) { return QString::fromStdString(s); }

enum Column { Name, State, Progress, Method, Loss, EvalLoss, Updated, ColumnCount };

}  // namespace

RunsPage::RunsPage(QWidget* parent) : QWidget(parent), settings_(new AppSettings()), jobs_(new BackgroundQueue(this)) {
  auto* v = new QVBoxLayout(this);
  auto* top = new QHBoxLayout();
  workspaceLabel_ = new QLabel(this);
  workspaceLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  changeWorkspace_ = new QPushButton(this);
  addFolder_ = new QPushButton(this);
  addLlamaFactory_ = new QPushButton(this);
  addLlamaFactory_->setObjectName(QStringLiteral("runs_add_llamafactory"));
  importJobs_ = new BackgroundQueue(this);
  top->addWidget(workspaceLabel_, 1);
  top->addWidget(changeWorkspace_);
  top->addWidget(addFolder_);
  top->addWidget(addLlamaFactory_);
  v->addLayout(top);

  auto* split = new QSplitter(Qt::Vertical, this);
  split->addWidget(buildRunList(split));
  curves_ = new CurvesWidget(split);
  split->addWidget(curves_);
  split->setStretchFactor(1, 1);
  v->addWidget(split, 1);
  connectControls();
  retranslate();
  setWorkspace(workspace());
}

// The runs table, the selected run's details and what can be done with it.
QWidget* RunsPage::buildRunList(QWidget* parent) {
  auto* upper = new QWidget(parent);
  auto* uv = new QVBoxLayout(upper);
  uv->setContentsMargins(0, 0, 0, 0);
  table_ = new QTableWidget(0, ColumnCount, upper);
  table_->setObjectName(QStringLiteral("runs"));
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->verticalHeader()->hide();
  table_->horizontalHeader()->setStretchLastSection(true);
  uv->addWidget(table_, 1);
  auto* actions = new QHBoxLayout();
  details_ = new QLabel(upper);
  details_->setWordWrap(true);
  details_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  reopen_ = new QPushButton(upper);
  resume_ = new QPushButton(upper);
  openFolder_ = new QPushButton(upper);
  export_ = new QPushButton(upper);
  chat_ = new QPushButton(upper);
  cluster_ = new QPushButton(upper);
  cluster_->setObjectName(QStringLiteral("runs_cluster"));
  manage_ = new QPushButton(upper);
  manage_->setObjectName(QStringLiteral("runs_manage"));
  auto* manageMenu = new QMenu(manage_);
  renameAction_ = manageMenu->addAction(QString());
  renameAction_->setObjectName(QStringLiteral("run_rename"));
  notesAction_ = manageMenu->addAction(QString());
  notesAction_->setObjectName(QStringLiteral("run_notes"));
  manageMenu->addSeparator();
  trashAction_ = manageMenu->addAction(QString());
  trashAction_->setObjectName(QStringLiteral("run_trash"));
  manage_->setMenu(manageMenu);
  actions->addWidget(details_, 1);
  actions->addWidget(chat_);
  actions->addWidget(export_);
  actions->addWidget(cluster_);
  actions->addWidget(reopen_);
  actions->addWidget(resume_);
  actions->addWidget(openFolder_);
  actions->addWidget(manage_);
  uv->addLayout(actions);
  return upper;
}

// Following the workspace (folder watch and polling) and what each control does.
void RunsPage::connectControls() {
  watcher_ = new QFileSystemWatcher(this);
  connect(watcher_, &QFileSystemWatcher::directoryChanged, this, &RunsPage::refresh);
  poll_ = new QTimer(this);
  poll_->setInterval(kPollMs);
  connect(poll_, &QTimer::timeout, this, [this, tick = 0]() mutable {
    if (!isVisible()) return;
    followSelected();
    if (++tick % kListEveryPolls == 0) refresh();
  });
  poll_->start();

  connect(table_, &QTableWidget::itemSelectionChanged, this, [this] {
    const auto rows = table_->selectionModel()->selectedRows();
    const QString dir = rows.isEmpty() ? QString() : table_->item(rows.first().row(), Name)->data(Qt::UserRole).toString();
    if (dir == selected_) return;
    selected_ = dir;
    tailer_ = MetricsTailer(dir.isEmpty() ? QString() : QDir(dir).filePath(QStringLiteral("metrics.jsonl")));
    curves_->clear();
    followSelected();
    updateButtons();
  });
  connect(changeWorkspace_, &QPushButton::clicked, this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Choose the workspace folder"), workspace());
    if (!dir.isEmpty()) setWorkspace(dir);
  });
  connect(addFolder_, &QPushButton::clicked, this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Add a run folder"), workspace());
    if (!dir.isEmpty()) addRunFolder(dir);
  });
  connect(reopen_, &QPushButton::clicked, this, [this] {
    if (!selected_.isEmpty()) emit reopenRequested(selected_);
  });
  connect(resume_, &QPushButton::clicked, this, [this] {
    if (!selected_.isEmpty()) emit resumeRequested(selected_);
  });
  connect(chat_, &QPushButton::clicked, this, [this] {
    if (!selected_.isEmpty()) emit chatRequested(selected_);
  });
  connect(export_, &QPushButton::clicked, this, [this] {
    if (selected_.isEmpty()) return;
    auto* dialog = new ExportDialog(selected_, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
  });
  connect(cluster_, &QPushButton::clicked, this, [this] {
    if (selected_.isEmpty()) return;
    auto* dialog = new ClusterJobDialog(selected_, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
  });
  connect(addLlamaFactory_, &QPushButton::clicked, this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("A LLaMA-Factory output folder (output_dir)"), workspace());
    if (dir.isEmpty()) return;
    QString yaml;
    if (!QFileInfo::exists(QDir(dir).filePath(QStringLiteral("job.yaml")))) {
      yaml = QFileDialog::getOpenFileName(this, tr("The YAML this run was started with (LLaMA-Factory keeps no readable copy)"), dir,
                                          tr("LLaMA-Factory YAML (*.yaml *.yml)"));
      if (yaml.isEmpty()) return;
    }
    importLlamaFactoryRun(dir, yaml);
  });
  connect(this, &RunsPage::llamaFactoryImported, this, [this](const QString&, const QString& error) {
    if (!error.isEmpty()) QMessageBox::warning(this, tr("Cannot add the LLaMA-Factory run"), error);
  });
  connect(openFolder_, &QPushButton::clicked, this, [this] {
    if (!selected_.isEmpty()) QDesktopServices::openUrl(QUrl::fromLocalFile(selected_));
  });
  // The list refreshes while a dialog is open (the poll): copy what the dialogs show first.
  connect(renameAction_, &QAction::triggered, this, [this] {
    const RunSummary* r = selected_.isEmpty() ? nullptr : run(selected_);
    if (!r) return;
    const QString dir = selected_, folder = qs(r->name), shown = qs(r->shownName());
    bool ok = false;
    const QString title = QInputDialog::getText(this, tr("Rename run"), tr("Name shown for %1 (empty: the folder's name):").arg(folder),
                                                QLineEdit::Normal, shown, &ok);
    if (ok) renameRun(dir, title.trimmed() == folder ? QString() : title.trimmed());
  });
  connect(notesAction_, &QAction::triggered, this, [this] {
    const RunSummary* r = selected_.isEmpty() ? nullptr : run(selected_);
    if (!r) return;
    const QString dir = selected_, shown = qs(r->shownName()), before = qs(r->notes);
    bool ok = false;
    const QString notes = QInputDialog::getMultiLineText(this, tr("Run notes"), tr("Notes on %1:").arg(shown), before, &ok);
    if (ok) setRunNotes(dir, notes);
  });
  connect(trashAction_, &QAction::triggered, this, [this] {
    if (selected_.isEmpty()) return;
    const QString dir = selected_;
    const auto answer = QMessageBox::question(this, tr("Move the run to the trash?"),
                                              tr("Move %1 (its checkpoints, adapter and curves) to the trash? It can be restored from there.")
                                                  .arg(QDir::toNativeSeparators(dir)),
                                              QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer == QMessageBox::Yes) trashRun(dir);
  });
}

RunsPage::~RunsPage() { delete settings_; }

void RunsPage::retranslate() {
  workspaceLabel_->setText(tr("Workspace: %1").arg(QDir::toNativeSeparators(workspace())));
  changeWorkspace_->setText(tr("Change…"));
  changeWorkspace_->setToolTip(tr("The folder where new runs are created and listed"));
  addFolder_->setText(tr("Add run folder…"));
  addFolder_->setToolTip(tr("List a run folder that lives outside the workspace"));
  addLlamaFactory_->setText(tr("Add LLaMA-Factory run…"));
  addLlamaFactory_->setToolTip(tr("Bring a LLaMA-Factory output folder (a cluster run) into the workspace: its curves, settings and adapter"));
  cluster_->setText(tr("Run on a cluster…"));
  cluster_->setToolTip(tr("Write this run's settings as a LLaMA-Factory job for several GPUs or nodes (DeepSpeed or FSDP)"));
  table_->setHorizontalHeaderLabels({tr("Run"), tr("State"), tr("Progress"), tr("Method"), tr("Loss"), tr("Best eval loss"), tr("Updated")});
  table_->setAccessibleName(tr("Runs"));
  reopen_->setText(tr("Open configuration"));
  reopen_->setToolTip(tr("Load this run's RUN.json into the form (to change it and start a new run)"));
  resume_->setText(tr("Resume"));
  resume_->setToolTip(tr("Continue this run from its newest checkpoint"));
  openFolder_->setText(tr("Show folder"));
  export_->setText(tr("Export…"));
  export_->setToolTip(tr("Write this run's adapter as a PEFT adapter or merged into the base, with a model card"));
  chat_->setText(tr("Chat"));
  manage_->setText(tr("Manage"));
  manage_->setToolTip(tr("Rename the run, write notes on it, or move it to the trash"));
  renameAction_->setText(tr("&Rename…"));
  notesAction_->setText(tr("&Notes…"));
  trashAction_->setText(tr("Move to &trash…"));
  chat_->setToolTip(tr("Chat with this run's adapter and the base model side by side"));
  fillTable();
}

void RunsPage::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

QString RunsPage::workspace() const { return settings_->workspaceDir(); }

void RunsPage::setWorkspace(const QString& dir) {
  settings_->setValue(Setting::WorkspaceDir, dir);
  QDir().mkpath(dir);
  if (!watcher_->directories().isEmpty()) watcher_->removePaths(watcher_->directories());
  watcher_->addPath(dir);
  workspaceLabel_->setText(tr("Workspace: %1").arg(QDir::toNativeSeparators(dir)));
  refresh();
}

void RunsPage::addRunFolder(const QString& dir) {
  QStringList extra = settings_->value(Setting::ExtraRunFolders).toStringList();
  const QString clean = QDir(dir).absolutePath();
  if (!extra.contains(clean)) extra << clean;
  settings_->setValue(Setting::ExtraRunFolders, extra);
  refresh();
}

void RunsPage::refresh() {
  const QString ws = workspace();
  const QStringList extra = settings_->value(Setting::ExtraRunFolders).toStringList();
  jobs_->post<std::vector<RunSummary>>(
      [ws, extra] {
        std::vector<RunSummary> runs = listRuns(ws.toStdString());
        for (const QString& dir : extra) {
          if (QDir(dir).absolutePath().startsWith(QDir(ws).absolutePath() + QLatin1Char('/'))) continue;  // listed already
          try {
            runs.push_back(readRunSummary(dir.toStdString()));
          } catch (const std::exception&) {
            // Moved or deleted since it was added: not shown.
          }
        }
        return runs;
      },
      [this](JobResult<std::vector<RunSummary>> r) {
        if (r.error.isEmpty()) runs_ = std::move(r.value);
        fillTable();
        emit refreshed();
      });
}

const RunSummary* RunsPage::run(const QString& dir) const {
  for (const RunSummary& r : runs_) {
    if (QDir(qs(r.dir.string())) == QDir(dir)) return &r;
  }
  return nullptr;
}

bool RunsPage::selectRun(const QString& dir) {
  for (int row = 0; row < table_->rowCount(); ++row) {
    if (QDir(table_->item(row, Name)->data(Qt::UserRole).toString()) == QDir(dir)) {
      table_->selectRow(row);
      return true;
    }
  }
  return false;
}

void RunsPage::fillTable() {
  const QString keep = selected_;
  const QSignalBlocker block(table_);
  table_->setRowCount(static_cast<int>(runs_.size()));
  const QLocale locale;
  const QString states[][2] = {{QStringLiteral("running"), tr("running")},   {QStringLiteral("preparing"), tr("preparing")},
                               {QStringLiteral("paused"), tr("paused")},     {QStringLiteral("finished"), tr("finished")},
                               {QStringLiteral("stopped"), tr("stopped")},   {QStringLiteral("failed"), tr("failed")},
                               {QStringLiteral("interrupted"), tr("interrupted")}, {QStringLiteral("unknown"), tr("unknown")}};
  for (int row = 0; row < static_cast<int>(runs_.size()); ++row) {
    const RunSummary& r = runs_[static_cast<size_t>(row)];
    QString state = qs(r.state);
    for (const auto& s : states) {
      if (s[0] == state) state = s[1];
    }
    const QDateTime updated = QDateTime::fromString(qs(r.updatedAt), Qt::ISODate);
    const QString cells[ColumnCount] = {
        qs(r.shownName()),
        state,
        r.totalSteps > 0 ? QStringLiteral("%1 / %2").arg(r.step).arg(r.totalSteps) : QString::number(r.step),
        qs(r.method),
        r.lastLoss ? QString::number(*r.lastLoss, 'f', 4) : QStringLiteral("—"),
        r.bestEvalLoss ? QString::number(*r.bestEvalLoss, 'f', 4) : QStringLiteral("—"),
        updated.isValid() ? locale.toString(updated.toLocalTime(), QLocale::ShortFormat) : QString(),
    };
    for (int c = 0; c < ColumnCount; ++c) {
      QTableWidgetItem* item = table_->item(row, c);
      if (!item) {
        item = new QTableWidgetItem();
        table_->setItem(row, c, item);
      }
      item->setText(cells[c]);
      if (c == State && r.state == "failed") item->setToolTip(qs(r.detail));
    }
    table_->item(row, Name)->setData(Qt::UserRole, qs(r.dir.string()));
    table_->item(row, Name)->setToolTip(QDir::toNativeSeparators(qs(r.dir.string())) + (r.notes.empty() ? QString() : QStringLiteral("\n") + qs(r.notes)));
  }
  table_->resizeColumnsToContents();
  if (!keep.isEmpty()) selectRun(keep);
  updateButtons();
}

// The user's title and notes live in the run's notes.json (core's writeRunNotes).
// Each action reads the run afresh (the list may be seconds old: another window, the CLI).
bool RunsPage::renameRun(const QString& dir, const QString& title) {
  try {
    const RunSummary now = readRunSummary(dir.toStdString());
    writeRunNotes(dir.toStdString(), title.trimmed().toStdString(), now.notes);
  } catch (const std::exception& e) {
    QMessageBox::warning(this, tr("Cannot rename the run"), errorText(e));
    return false;
  }
  refresh();
  return true;
}

bool RunsPage::setRunNotes(const QString& dir, const QString& notes) {
  try {
    const RunSummary now = readRunSummary(dir.toStdString());
    writeRunNotes(dir.toStdString(), now.title, notes.trimmed().toStdString());
  } catch (const std::exception& e) {
    QMessageBox::warning(this, tr("Cannot save the notes"), errorText(e));
    return false;
  }
  refresh();
  return true;
}

// A run a process still trains is refused: its trainer would recreate files in a folder that is
// gone. Anything else goes to the desktop's trash (restorable), never deleted outright.
bool RunsPage::trashRun(const QString& dir) {
  RunSummary now;
  try {
    now = readRunSummary(dir.toStdString());
  } catch (const std::exception& e) {
    QMessageBox::warning(this, tr("Cannot move the run to the trash"), errorText(e));
    return false;
  }
  if (now.training()) {
    QMessageBox::warning(this, tr("Cannot move the run to the trash"), tr("%1 is still training: stop it first.").arg(qs(now.shownName())));
    return false;
  }
  QString inTrash;
  if (!QFile::moveToTrash(dir, &inTrash)) {
    QMessageBox::warning(this, tr("Cannot move the run to the trash"),
                         tr("%1 could not be moved to the trash (no trash on this file system, or no permission); nothing was deleted.")
                             .arg(QDir::toNativeSeparators(dir)));
    return false;
  }
  lastTrashed_ = inTrash;
  if (selected_ == dir) selected_.clear();
  refresh();
  return true;
}

// Into the workspace, under the output folder's name (its job folder's for an exported job's
// output/), made unique.
bool RunsPage::importLlamaFactoryRun(const QString& outputDir, const QString& yamlFile) {
  if (importing_) return false;
  QDir out(outputDir);
  QString name = out.dirName() == QStringLiteral("output") ? QFileInfo(out.absolutePath()).dir().dirName() : out.dirName();
  name += QStringLiteral("-llamafactory");
  QString target = QDir(workspace()).filePath(name);
  for (int i = 2; QFileInfo::exists(target); ++i) target = QDir(workspace()).filePath(name + QStringLiteral("-%1").arg(i));
  importing_ = true;
  addLlamaFactory_->setEnabled(false);
  importJobs_->post<QString>(
      [outputDir, yamlFile, target] {
        peftdesk::importLlamaFactoryRun(outputDir.toStdString(), target.toStdString(), yamlFile.toStdString());
        return target;
      },
      [this](JobResult<QString> r) {
        importing_ = false;
        addLlamaFactory_->setEnabled(true);
        if (!r.error.isEmpty()) {
          emit llamaFactoryImported(QString(), r.error);
          return;
        }
        const QString dir = r.value;
        auto selectWhenListed = std::make_shared<QMetaObject::Connection>();
        *selectWhenListed = connect(this, &RunsPage::refreshed, this, [this, dir, selectWhenListed] {
          disconnect(*selectWhenListed);
          selectRun(dir);
          emit llamaFactoryImported(dir, QString());
        });
        refresh();
      });
  return true;
}

QString RunsPage::detailsText() const { return details_->text(); }

void RunsPage::followSelected() {
  if (selected_.isEmpty()) return;
  bool restarted = false;
  const std::vector<nlohmann::json> rows = tailer_.poll(&restarted);
  if (restarted) curves_->clear();
  for (const nlohmann::json& row : rows) curves_->addRow(row);
}

void RunsPage::updateButtons() {
  const RunSummary* r = selected_.isEmpty() ? nullptr : run(selected_);
  reopen_->setEnabled(r != nullptr);
  resume_->setEnabled(r && r->resumable());
  openFolder_->setEnabled(r != nullptr);
  manage_->setEnabled(r != nullptr);
  const bool hasAdapter = r && r->hasResult && peft_folder::isAdapterFolder(r->dir / "adapter");
  export_->setEnabled(hasAdapter);
  chat_->setEnabled(hasAdapter);
  cluster_->setEnabled(r != nullptr && !r->training());
  if (!r) {
    details_->clear();
    return;
  }
  QStringList lines;
  lines << tr("%1 · model %2").arg(QDir::toNativeSeparators(qs(r->dir.string())), QDir(qs(r->modelPath)).dirName());
  if (!r->checkpointSteps.empty()) {
    QStringList steps;
    for (int64_t s : r->checkpointSteps) steps << QString::number(s);
    lines << tr("Checkpoints at steps %1").arg(steps.join(QStringLiteral(", ")));
  }
  if (r->state == "failed" && !r->detail.empty()) lines << tr("Failed: %1").arg(qs(r->detail));
  else if (!r->detail.empty()) lines << qs(r->detail);
  if (r->state == "interrupted") lines << tr("The process running this run is gone; resume continues from the newest checkpoint.");
  if (!r->notes.empty()) lines << tr("Notes: %1").arg(qs(r->notes));
  details_->setText(lines.join(QLatin1Char('\n')));
}

}  // namespace peftdesk::ui
