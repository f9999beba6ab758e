// peftdesk: the desktop application's composition root. Opens the folder given on the command
// line, else the bundled demo model.
#include <QApplication>
#include <QCommandLineParser>

#include "main_window.h"
#include "model_page.h"
#include "resource_locator.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setApplicationName("PeftDesk");
  QApplication::setOrganizationName("PeftDesk");
  QApplication::setApplicationVersion(PEFTDESK_VERSION);

  QCommandLineParser parser;
  parser.setApplicationDescription(QApplication::translate("main", "Fine-tune language models on your workstation."));
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument("model", QApplication::translate("main", "Model folder to open (default: the bundled demo model)."));
  parser.process(app);

  peftdesk::ui::MainWindow window;
  const QString model = parser.positionalArguments().value(0, peftdesk::ui::demoModelDir());
  if (!model.isEmpty()) window.modelPage()->openModel(model);
  window.show();
  return app.exec();
}
