// peftdesk: the desktop application's composition root. Opens the model folder or run
// configuration (RUN.json) given on the command line; otherwise the window restores the last form
// (the bundled demo model and dataset on a first start). --screenshot FILE saves the window once
// it is shown and quits (the package test and the docs use it).
#include <QApplication>
#include <QByteArray>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QIcon>
#include <QTimer>
#include <cstdio>

#include "main_window.h"
#include "peftdesk/device.h"
#include "model_page.h"
#include "peftdesk/allocator_tuning.h"
#include "peftdesk/thread_sharing.h"
#include "resource_locator.h"

int main(int argc, char** argv) {
  peftdesk::shareCoresWithOtherWork(argv);  // first: may start the process again with OMP_WAIT_POLICY set
  peftdesk::initCudaSupport();  // before any LibTorch call: CUDA hooks register once
  peftdesk::tuneAllocatorForTensors();
  // --help and --version print and quit: they must work without a display (over ssh, in scripts).
  for (int i = 1; i < argc; ++i) {
    const QByteArray a(argv[i]);
    if (a == "--help" || a == "-h" || a == "--help-all" || a == "--version" || a == "-v") qputenv("QT_QPA_PLATFORM", "offscreen");
  }
  QApplication app(argc, argv);
  QApplication::setApplicationName("PeftDesk");
  QApplication::setOrganizationName("PeftDesk");
  QApplication::setApplicationVersion(PEFTDESK_VERSION);
  QGuiApplication::setDesktopFileName(QStringLiteral(PEFTDESK_APP_ID));  // matches the installed .desktop
  QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral(PEFTDESK_APP_ID), QIcon(QStringLiteral(PEFTDESK_BUILD_ICON))));

  QCommandLineParser parser;
  parser.setApplicationDescription(QApplication::translate("main", "Fine-tune language models on your workstation."));
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument("path", QApplication::translate("main", "Model folder or run configuration (RUN.json) to open (default: the last form, or the bundled demo)."));
  const QCommandLineOption screenshot("screenshot", QApplication::translate("main", "Save a picture of the window to FILE once it is shown, then quit."), "FILE");
  parser.addOption(screenshot);
  parser.process(app);

  peftdesk::ui::MainWindow window;
  const QString path = parser.positionalArguments().value(0);
  // With --screenshot the exit status also says whether `path` opened. The timer is set first so
  // that it also fires while a "cannot open" message box waits for a click (nobody is there).
  bool opening = false;
  bool opened = true;
  int screenshotStatus = -1;
  if (parser.isSet(screenshot)) {
    const QString file = parser.value(screenshot);
    std::fprintf(stderr, "resources: %s\n", qPrintable(peftdesk::ui::resourcesDir()));
    QTimer::singleShot(1500, &app, [&] {
      const bool saved = window.grab().save(file);
      std::fprintf(stderr, saved ? "saved %s\n" : "cannot write %s\n", qPrintable(file));
      if (opening || !opened) std::fprintf(stderr, "cannot open %s\n", qPrintable(path));
      screenshotStatus = saved && opened && !opening ? 0 : 1;
      QApplication::exit(screenshotStatus);
    });
  }
  if (!path.isEmpty()) {
    opening = true;
    opened = QFileInfo(path).isFile() ? window.openRunJson(path) : window.modelPage()->openModel(path);
    opening = false;
    if (screenshotStatus >= 0) return screenshotStatus;  // taken while a message box was up
  }
  window.show();
  return app.exec();
}
