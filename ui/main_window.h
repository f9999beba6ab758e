// The main window: a page list on the left (Model, Data, Method, Train, Runs, Compare, Chat) and
// the page on the right, the first four editing one RunDraft; the getting-started guide above
// them on a first start; File menu for RUN.json (open, save, the equivalent CLI command), View
// menu for the language, Help for the guide and the About box. Owns the TrainingController:
// closing the window during a run asks, then stops and saves the run before quitting. The form
// state is saved to QSettings as it changes, so a restart (or a crash) finds it again.
#pragma once

#include <QElapsedTimer>
#include <QMainWindow>
#include <functional>

class QListWidget;
class QStackedWidget;
class QTimer;

namespace peftdesk::ui {

class AppSettings;
class LanguageSwitcher;
class ChatPage;
class ComparePage;
class DataPage;
class FirstRunGuide;
class MethodPage;
class ModelPage;
class RunDraft;
class RunsPage;
class TrainPage;
class TrainingController;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  enum class Page { Model, Data, Method, Train, Runs, Compare, Chat };

  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  ModelPage* modelPage() const { return modelPage_; }
  DataPage* dataPage() const { return dataPage_; }
  MethodPage* methodPage() const { return methodPage_; }
  TrainPage* trainPage() const { return trainPage_; }
  RunsPage* runsPage() const { return runsPage_; }
  ComparePage* comparePage() const { return comparePage_; }
  ChatPage* chatPage() const { return chatPage_; }
  FirstRunGuide* guide() const { return guide_; }
  RunDraft* draft() const { return draft_; }
  TrainingController* controller() const { return controller_; }
  LanguageSwitcher* languages() const { return languages_; }
  void showPage(Page page);
  Page currentPage() const;

  void showAbout();
  // Version, LibTorch, whether CUDA is usable (and why not), CPU features in use.
  QString aboutText() const;
  bool openRunJson(const QString& file);   // false + message box text in statusBar on failure
  bool saveRunJson(const QString& file);
  QString cliCommandText(const QString& runJsonPath) const;
  bool setLanguage(const QString& code);
  // Loads a run's configuration into the form with a fresh output folder (the old one holds the run).
  bool reopenRun(const QString& runDir);
  // The Chat page on the run's base model with the base and the run's adapter side by side.
  void chatWithRun(const QString& runDir);

 protected:
  void closeEvent(QCloseEvent* event) override;
  void changeEvent(QEvent* event) override;

 private:
  void buildMenus();
  void retranslate();
  void restoreDraft();
  void addPage(QWidget* page);
  // A status-bar message, made again in the new language if the language changes while it shows.
  void showStatus(std::function<QString()> text, int timeoutMs = 5000);

  AppSettings* settings_;
  RunDraft* draft_;
  TrainingController* controller_;
  LanguageSwitcher* languages_;
  FirstRunGuide* guide_;
  QListWidget* nav_;
  QStackedWidget* stack_;
  ModelPage* modelPage_;
  DataPage* dataPage_;
  MethodPage* methodPage_;
  TrainPage* trainPage_;
  RunsPage* runsPage_;
  ComparePage* comparePage_;
  ChatPage* chatPage_;
  QTimer* saveDraftTimer_;
  QMenu* fileMenu_ = nullptr;
  QMenu* viewMenu_ = nullptr;
  QMenu* languageMenu_ = nullptr;
  QMenu* helpMenu_ = nullptr;
  QAction* openModelAction_ = nullptr;
  QAction* openRunAction_ = nullptr;
  QAction* saveRunAction_ = nullptr;
  QAction* cliAction_ = nullptr;
  QAction* quitAction_ = nullptr;
  QAction* aboutAction_ = nullptr;
  QAction* guideAction_ = nullptr;
  std::function<QString()> statusText_;  // makes the last message in the current language
  QString statusShownText_;              // that message as shown
  QElapsedTimer statusShown_;
  int statusTimeoutMs_ = 0;
};

}  // namespace peftdesk::ui
