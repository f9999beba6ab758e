// See main_window.h.
#include "main_window.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>

#include "model_page.h"
#include "peftdesk/runtime_info.h"

namespace peftdesk::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  setWindowTitle(tr("PeftDesk"));
  modelPage_ = new ModelPage(this);
  setCentralWidget(modelPage_);

  QMenu* file = menuBar()->addMenu(tr("&File"));
  QAction* open = file->addAction(tr("&Open Model Folder…"));
  open->setShortcut(QKeySequence::Open);
  connect(open, &QAction::triggered, this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Choose a model folder"), modelPage_->modelDir());
    if (!dir.isEmpty()) modelPage_->openModel(dir);
  });
  file->addSeparator();
  QAction* quit = file->addAction(tr("&Quit"));
  quit->setShortcut(QKeySequence::Quit);
  connect(quit, &QAction::triggered, this, &QWidget::close);

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  connect(help->addAction(tr("&About PeftDesk")), &QAction::triggered, this, &MainWindow::showAbout);

  connect(modelPage_, &ModelPage::modelOpened, this, [this](const QString& dir) {
    setWindowTitle(tr("PeftDesk — %1").arg(QDir(dir).dirName()));
    statusBar()->showMessage(tr("Opened %1").arg(QDir::toNativeSeparators(dir)));
  });
  resize(900, 640);
}

void MainWindow::showAbout() {
  QMessageBox::about(this, tr("About PeftDesk"),
                     tr("<b>PeftDesk %1</b><br>Fine-tune language models on your workstation.<br><br>%2")
                         .arg(QString::fromStdString(runtimeInfo().version),
                              QString::fromStdString(runtimeSummary(runtimeInfo())).toHtmlEscaped()));
}

}  // namespace peftdesk::ui
