// See main_window.h.
#include "main_window.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QVBoxLayout>

#include "app_settings.h"
#include "error_text.h"
#include "language.h"
#include "chat_page.h"
#include "compare_page.h"
#include "data_page.h"
#include "first_run_guide.h"
#include "method_page.h"
#include "model_page.h"
#include "peftdesk/error.h"
#include "peftdesk/runtime_info.h"
#include "resource_locator.h"
#include "run_draft.h"
#include "runs_page.h"
#include "train_page.h"
#include "training_controller.h"

namespace peftdesk::ui {
namespace {
constexpr int kDraftSaveDelayMs = 400;
constexpr int kShutdownTimeoutMs = 120000;
}  // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      settings_(new AppSettings()),
      draft_(new RunDraft(this)),
      controller_(new TrainingController(this)),
      languages_(new LanguageSwitcher(this)) {
  auto* outer = new QWidget(this);
  auto* outerLayout = new QVBoxLayout(outer);
  outerLayout->setContentsMargins(0, 0, 0, 0);
  guide_ = new FirstRunGuide(outer);
  auto* central = new QSplitter(Qt::Horizontal, outer);
  outerLayout->addWidget(guide_);
  outerLayout->addWidget(central, 1);
  nav_ = new QListWidget(central);
  nav_->setObjectName(QStringLiteral("pages"));
  nav_->setMinimumWidth(110);
  nav_->setMaximumWidth(200);
  stack_ = new QStackedWidget(central);
  central->addWidget(nav_);
  central->addWidget(stack_);
  central->setStretchFactor(1, 1);
  central->setSizes({140, 1060});
  setCentralWidget(outer);

  modelPage_ = new ModelPage(stack_);
  trainPage_ = new TrainPage(draft_, controller_, stack_);
  methodPage_ = new MethodPage(draft_, stack_);
  dataPage_ = new DataPage(draft_, stack_);
  addPage(modelPage_);
  addPage(dataPage_);
  addPage(methodPage_);
  addPage(trainPage_);
  runsPage_ = new RunsPage(stack_);
  addPage(runsPage_);
  comparePage_ = new ComparePage(stack_);
  addPage(comparePage_);
  chatPage_ = new ChatPage(stack_);
  addPage(chatPage_);
  connect(nav_, &QListWidget::currentRowChanged, this, [this](int row) {
    if (row == static_cast<int>(Page::Compare)) comparePage_->refreshRuns();
    // Chat starts on the model the form uses until the user picks another.
    const auto path = draft_->value("model.path");
    if (row == static_cast<int>(Page::Chat) && chatPage_->modelDir().isEmpty() && path.is_string())
      chatPage_->setModelDir(QString::fromStdString(path.get<std::string>()));
  });
  connect(runsPage_, &RunsPage::chatRequested, this, &MainWindow::chatWithRun);
  // The guide's steps are the first pages; it follows the user there and moves the window.
  connect(guide_, &FirstRunGuide::pageRequested, this, [this](int page) { nav_->setCurrentRow(page); });
  connect(nav_, &QListWidget::currentRowChanged, this, [this](int row) {
    if (row >= 0 && row < FirstRunGuide::kSteps) guide_->setStep(row);
  });
  connect(runsPage_, &RunsPage::reopenRequested, this, &MainWindow::reopenRun);
  connect(runsPage_, &RunsPage::resumeRequested, this, [this](const QString& dir) {
    showPage(Page::Train);
    trainPage_->resumeRun(dir);
  });
  connect(trainPage_, &TrainPage::runStarted, this, [this](const QString& dir) {
    if (!QDir(dir).absolutePath().startsWith(QDir(runsPage_->workspace()).absolutePath() + QLatin1Char('/'))) runsPage_->addRunFolder(dir);
    runsPage_->refresh();
  });
  connect(trainPage_, &TrainPage::runFinished, runsPage_, &RunsPage::refresh);
  connect(nav_, &QListWidget::currentRowChanged, stack_, &QStackedWidget::setCurrentIndex);

  // The model page and the draft agree on the model folder.
  // A folder the Model page cannot open leaves the form's previous model: Start is refused until
  // a model opens, so a run never trains a model other than the one the user last chose.
  connect(modelPage_, &ModelPage::modelFailed, trainPage_, [this](const QString& dir, const QString& reason) {
    trainPage_->setModelProblem(tr("%1 cannot be opened: %2").arg(QDir::toNativeSeparators(dir), reason));
  });
  connect(modelPage_, &ModelPage::modelOpened, this, [this](const QString& dir) {
    trainPage_->setModelProblem(QString());
    draft_->set("model.path", QDir(dir).absolutePath().toStdString());
    settings_->addRecentModel(QDir(dir).absolutePath());
    modelPage_->setRecent(settings_->recentModels());
    setWindowTitle(tr("PeftDesk — %1").arg(modelDisplayName(dir)));
    showStatus([this, dir] { return tr("Opened %1").arg(QDir::toNativeSeparators(dir)); });
  });
  connect(draft_, &RunDraft::reset, this, [this] {
    const auto path = draft_->value("model.path");
    if (path.is_string() && QDir(QString::fromStdString(path.get<std::string>())) != QDir(modelPage_->modelDir())) {
      modelPage_->openModel(QString::fromStdString(path.get<std::string>()));
    }
  });

  // Persist the form as it changes (debounced) so a restart or a crash finds it again.
  saveDraftTimer_ = new QTimer(this);
  saveDraftTimer_->setSingleShot(true);
  saveDraftTimer_->setInterval(kDraftSaveDelayMs);
  connect(saveDraftTimer_, &QTimer::timeout, this,
          [this] { settings_->setValue(Setting::DraftJson, QString::fromStdString(draft_->document().dump())); });
  connect(draft_, &RunDraft::changed, saveDraftTimer_, qOverload<>(&QTimer::start));
  connect(draft_, &RunDraft::reset, saveDraftTimer_, qOverload<>(&QTimer::start));

  buildMenus();
  modelPage_->setRecent(settings_->recentModels());
  restoreDraft();
  setLanguage(settings_->value(Setting::Language).toString());
  retranslate();
  nav_->setCurrentRow(std::clamp(settings_->value(Setting::CurrentPage).toInt(), 0, stack_->count() - 1));
  connect(nav_, &QListWidget::currentRowChanged, this, [this](int row) { settings_->setValue(Setting::CurrentPage, row); });
  if (!restoreGeometry(settings_->value(Setting::WindowGeometry).toByteArray())) resize(1200, 800);
}

MainWindow::~MainWindow() {
  saveDraftTimer_->stop();
  settings_->setValue(Setting::DraftJson, QString::fromStdString(draft_->document().dump()));
  delete settings_;
}

void MainWindow::addPage(QWidget* page) {
  stack_->addWidget(page);
  nav_->addItem(QString());
}

void MainWindow::showPage(Page page) { nav_->setCurrentRow(static_cast<int>(page)); }
MainWindow::Page MainWindow::currentPage() const { return static_cast<Page>(stack_->currentIndex()); }

void MainWindow::restoreDraft() {
  const QString saved = settings_->value(Setting::DraftJson).toString();
  nlohmann::json doc = nlohmann::json::parse(saved.toStdString(), nullptr, false);
  if (saved.isEmpty() || !doc.is_object()) {
    const QString demo = demoModelDir();
    const QString data = demoDataFile();
    doc = RunDraft::defaultDocument(demo, data, settings_->workspaceDir());
  }
  draft_->replace(std::move(doc));
}

void MainWindow::buildMenus() {
  fileMenu_ = menuBar()->addMenu(QString());
  openModelAction_ = fileMenu_->addAction(QString());
  openModelAction_->setShortcut(QKeySequence::Open);
  connect(openModelAction_, &QAction::triggered, this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Choose a model folder"), modelPage_->modelDir());
    if (!dir.isEmpty()) modelPage_->openModel(dir);
  });
  openRunAction_ = fileMenu_->addAction(QString());
  openRunAction_->setShortcut(QKeySequence(tr("Ctrl+Shift+O")));
  connect(openRunAction_, &QAction::triggered, this, [this] {
    const QString file = QFileDialog::getOpenFileName(this, tr("Open a run configuration"), settings_->workspaceDir(), tr("Run configuration (*.json)"));
    if (!file.isEmpty()) openRunJson(file);
  });
  saveRunAction_ = fileMenu_->addAction(QString());
  saveRunAction_->setShortcut(QKeySequence::Save);
  connect(saveRunAction_, &QAction::triggered, this, [this] {
    const QString file = QFileDialog::getSaveFileName(this, tr("Save the run configuration"), settings_->workspaceDir() + QStringLiteral("/RUN.json"),
                                                      tr("Run configuration (*.json)"));
    if (!file.isEmpty()) saveRunJson(file);
  });
  cliAction_ = fileMenu_->addAction(QString());
  connect(cliAction_, &QAction::triggered, this, [this] {
    const QString file = QFileDialog::getSaveFileName(this, tr("Save the run configuration for the command line"),
                                                      settings_->workspaceDir() + QStringLiteral("/RUN.json"), tr("Run configuration (*.json)"));
    if (file.isEmpty() || !saveRunJson(file)) return;
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Equivalent command"));
    auto* v = new QVBoxLayout(&dialog);
    v->addWidget(new QLabel(tr("This configuration was saved to %1. The same run from a terminal:").arg(QDir::toNativeSeparators(file)), &dialog));
    auto* text = new QPlainTextEdit(cliCommandText(file), &dialog);
    text->setReadOnly(true);
    v->addWidget(text);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    QPushButton* copy = buttons->addButton(tr("Copy"), QDialogButtonBox::ActionRole);
    connect(copy, &QPushButton::clicked, &dialog, [text] { QApplication::clipboard()->setText(text->toPlainText()); });
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    v->addWidget(buttons);
    dialog.exec();
  });
  fileMenu_->addSeparator();
  quitAction_ = fileMenu_->addAction(QString());
  quitAction_->setShortcut(QKeySequence::Quit);
  connect(quitAction_, &QAction::triggered, this, &QWidget::close);

  viewMenu_ = menuBar()->addMenu(QString());
  languageMenu_ = viewMenu_->addMenu(QString());
  auto* group = new QActionGroup(this);
  for (const QString& code : LanguageSwitcher::available()) {
    QAction* a = languageMenu_->addAction(LanguageSwitcher::displayName(code));
    a->setCheckable(true);
    a->setData(code);
    a->setObjectName(QStringLiteral("language_") + code);
    group->addAction(a);
    connect(a, &QAction::triggered, this, [this, code] { setLanguage(code); });
  }

  helpMenu_ = menuBar()->addMenu(QString());
  guideAction_ = helpMenu_->addAction(QString());
  guideAction_->setObjectName(QStringLiteral("help_guide"));
  connect(guideAction_, &QAction::triggered, guide_, &FirstRunGuide::restart);
  aboutAction_ = helpMenu_->addAction(QString());
  connect(aboutAction_, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::showStatus(std::function<QString()> text, int timeoutMs) {
  statusText_ = std::move(text);
  statusTimeoutMs_ = timeoutMs;
  statusShown_.start();
  statusShownText_ = statusText_();
  statusBar()->showMessage(statusShownText_, timeoutMs);
}

void MainWindow::retranslate() {
  // Only the message still showing (not one gone, nor a hover tip shown since).
  if (statusText_ && !statusShownText_.isEmpty() && statusBar()->currentMessage() == statusShownText_) {
    const int leftMs = statusTimeoutMs_ == 0 ? 0 : std::max<int>(1, statusTimeoutMs_ - static_cast<int>(statusShown_.elapsed()));
    statusShownText_ = statusText_();
    statusBar()->showMessage(statusShownText_, leftMs);
  }
  setWindowTitle(modelPage_->modelDir().isEmpty() ? tr("PeftDesk") : tr("PeftDesk — %1").arg(modelDisplayName(modelPage_->modelDir())));
  const QString pages[] = {tr("Model"), tr("Data"), tr("Method"), tr("Train"), tr("Runs"), tr("Compare"), tr("Chat")};
  const QString tips[] = {tr("The base model: architecture, size, memory"), tr("Dataset, format, template, preview, tokens, problems"),
                          tr("Fine-tuning method, targets, trainable parameters, cost"),
                          tr("Hyper-parameters, start / pause / stop, live curves"),
                          tr("Every run of the workspace: state, curves, reopen, resume"),
                          tr("Runs and adapters side by side: losses, curves, evaluation, weights"),
                          tr("Chat with the base model and adapters, side by side")};
  for (int i = 0; i < nav_->count() && i < static_cast<int>(std::size(pages)); ++i) {
    nav_->item(i)->setText(pages[i]);
    nav_->item(i)->setToolTip(tips[i]);
  }
  nav_->setAccessibleName(tr("Pages"));
  fileMenu_->setTitle(tr("&File"));
  openModelAction_->setText(tr("&Open Model Folder…"));
  openRunAction_->setText(tr("Open &Run Configuration…"));
  saveRunAction_->setText(tr("&Save Run Configuration…"));
  cliAction_->setText(tr("Show &Command Line…"));
  quitAction_->setText(tr("&Quit"));
  viewMenu_->setTitle(tr("&View"));
  languageMenu_->setTitle(tr("&Language"));
  for (QAction* a : languageMenu_->actions()) a->setChecked(a->data().toString() == languages_->language());
  helpMenu_->setTitle(tr("&Help"));
  aboutAction_->setText(tr("&About PeftDesk"));
  guideAction_->setText(tr("&Getting Started"));
}

void MainWindow::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QMainWindow::changeEvent(event);
}

bool MainWindow::setLanguage(const QString& code) {
  const bool ok = languages_->setLanguage(code);
  settings_->setValue(Setting::Language, languages_->language());
  if (!ok) showStatus([this, code] { return tr("The %1 translation could not be loaded").arg(LanguageSwitcher::displayName(code)); });
  retranslate();
  return ok;
}

bool MainWindow::openRunJson(const QString& file) {
  try {
    draft_->loadFrom(file);
  } catch (const std::exception& e) {
    QMessageBox::warning(this, tr("Cannot open the run configuration"), errorText(e));
    return false;
  }
  showStatus([this, file] { return tr("Loaded %1").arg(QDir::toNativeSeparators(file)); });
  return true;
}

bool MainWindow::reopenRun(const QString& runDir) {
  if (!openRunJson(QDir(runDir).filePath(QStringLiteral("run.json")))) return false;
  draft_->set("output_dir", RunDraft::suggestOutputDir(runsPage_->workspace(), RunDraft::methodLabel(draft_->document())).toStdString());
  showPage(Page::Train);
  return true;
}

void MainWindow::chatWithRun(const QString& runDir) {
  showPage(Page::Chat);  // where the reason shows when the page refuses (a reply in progress)
  const RunSummary* run = runsPage_->run(runDir);
  if (run && !run->modelPath.empty() && !chatPage_->setModelDir(QString::fromStdString(run->modelPath))) return;
  if (!chatPage_->addAdapter(runDir)) return;
  const QString adapter = QDir(QDir(runDir).filePath(QStringLiteral("adapter"))).absolutePath();
  chatPage_->setActiveRows({QStringLiteral("base"), adapter});
}

bool MainWindow::saveRunJson(const QString& file) {
  try {
    draft_->saveTo(file);
  } catch (const std::exception& e) {
    QMessageBox::warning(this, tr("Cannot save the run configuration"), errorText(e));
    return false;
  }
  showStatus([this, file] { return tr("Saved %1").arg(QDir::toNativeSeparators(file)); });
  return true;
}

QString MainWindow::cliCommandText(const QString& runJsonPath) const {
  const QString cli = QDir(QApplication::applicationDirPath()).filePath(QStringLiteral("peftdesk-cli"));
  return RunDraft::cliCommand(runJsonPath, QFileInfo::exists(cli) ? cli : QStringLiteral("peftdesk-cli"));
}

QString MainWindow::aboutText() const {
  const RuntimeInfo info = runtimeInfo();
  return tr("<b>PeftDesk %1</b><br>Fine-tune language models on your workstation.<br><br>%2")
      .arg(QString::fromStdString(info.version), QString::fromStdString(runtimeSummary(info)).toHtmlEscaped());
}

void MainWindow::showAbout() { QMessageBox::about(this, tr("About PeftDesk"), aboutText()); }

void MainWindow::closeEvent(QCloseEvent* event) {
  if (controller_->isActive()) {
    const auto answer = QMessageBox::question(
        this, tr("A run is in progress"),
        tr("Training is still running. Stop it and save a checkpoint before quitting? It can be resumed later from the Runs page."),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Yes);
    if (answer != QMessageBox::Yes) {
      event->ignore();
      return;
    }
    showStatus([this] { return tr("Saving a checkpoint…"); }, 0);
    if (!controller_->shutdown(kShutdownTimeoutMs)) {
      event->ignore();
      return;
    }
  }
  settings_->setValue(Setting::WindowGeometry, saveGeometry());
  event->accept();
}

}  // namespace peftdesk::ui
