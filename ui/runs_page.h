// The Runs page: every run in the workspace folder (and run folders added by hand), with state,
// progress, method, losses and checkpoints read from the run folders themselves — so a run
// started from the CLI appears and updates live. The selected run's curves follow its
// metrics.jsonl. Folders are read off the GUI thread (a long run's metrics file is large). One
// click reopens a run's configuration in the form, resumes an interrupted or stopped run from
// its newest checkpoint, exports its adapter, opens it on the Chat page beside the base, or writes
// it as a LLaMA-Factory job for a cluster; a LLaMA-Factory output folder comes back as a run.
#pragma once

#include <QWidget>

#include "metrics_tailer.h"
#include "peftdesk/run_summary.h"

class QFileSystemWatcher;
class QLabel;
class QAction;
class QPushButton;
class QTableWidget;
class QTimer;

namespace peftdesk::ui {

class AppSettings;
class BackgroundQueue;
class CurvesWidget;

class RunsPage : public QWidget {
  Q_OBJECT
 public:
  explicit RunsPage(QWidget* parent = nullptr);
  ~RunsPage() override;

  QString workspace() const;
  void setWorkspace(const QString& dir);
  void addRunFolder(const QString& dir);
  // Re-reads the run folders on a background thread (also every 2 s while visible); refreshed()
  // follows with the table updated.
  void refresh();
  int runCount() const { return static_cast<int>(runs_.size()); }
  const RunSummary* run(const QString& dir) const;
  bool selectRun(const QString& dir);
  QString selectedRun() const { return selected_; }
  QTableWidget* table() const { return table_; }
  CurvesWidget* curves() const { return curves_; }
  QPushButton* resumeButton() const { return resume_; }
  QPushButton* reopenButton() const { return reopen_; }
  QPushButton* exportButton() const { return export_; }
  QPushButton* chatButton() const { return chat_; }
  QPushButton* clusterButton() const { return cluster_; }
  // A LLaMA-Factory output folder brought back as a run in the workspace (core's
  // importLlamaFactoryRun, off the GUI thread); llamaFactoryImported() follows, the new run selected.
  // `yamlFile`: the YAML it ran with when the folder holds no job.yaml. False when one is running.
  bool importLlamaFactoryRun(const QString& outputDir, const QString& yamlFile = QString());
  // The run's title and notes (shown instead of the folder name / under the list), and moving a
  // finished run to the desktop's trash; false with the reason shown when it cannot.
  bool renameRun(const QString& dir, const QString& title);
  bool setRunNotes(const QString& dir, const QString& notes);
  bool trashRun(const QString& dir);
  QString lastTrashed() const { return lastTrashed_; }  // where the last run moved to the trash lies now
  QString detailsText() const;

 signals:
  void refreshed();
  void reopenRequested(const QString& runDir);
  void resumeRequested(const QString& runDir);
  void chatRequested(const QString& runDir);
  void llamaFactoryImported(const QString& runDir, const QString& error);  // error empty on success

 protected:
  void changeEvent(QEvent* event) override;

 private:
  QWidget* buildRunList(QWidget* parent);
  void connectControls();
  void retranslate();
  void fillTable();
  void followSelected();
  void updateButtons();

  AppSettings* settings_;
  BackgroundQueue* jobs_;
  QLabel* workspaceLabel_;
  QPushButton* changeWorkspace_;
  QPushButton* addFolder_;
  QPushButton* addLlamaFactory_;
  QPushButton* cluster_;
  BackgroundQueue* importJobs_;
  bool importing_ = false;
  QTableWidget* table_;
  QLabel* details_;
  QPushButton* reopen_;
  QPushButton* resume_;
  QPushButton* openFolder_;
  QPushButton* chat_;
  QPushButton* export_;
  QPushButton* manage_;  // Rename… / Notes… / Move to trash… (a menu)
  QAction* renameAction_;
  QAction* notesAction_;
  QAction* trashAction_;
  CurvesWidget* curves_;
  QTimer* poll_;
  QFileSystemWatcher* watcher_;
  std::vector<RunSummary> runs_;
  QString selected_;
  QString lastTrashed_;
  MetricsTailer tailer_;
};

}  // namespace peftdesk::ui
