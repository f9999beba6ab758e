// peftdesk: the desktop application's composition root. Opens the model folder given on the
// command line; otherwise the window restores the last form (the bundled demo model and dataset
// on a first start).
#include <QApplication>
#include <QCommandLineParser>

#include "main_window.h"
#include "model_page.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setApplicationName("PeftDesk");
  QApplication::setOrganizationName("PeftDesk");
  QApplication::setApplicationVersion(PEFTDESK_VERSION);

  QCommandLineParser parser;
  parser.setApplicationDescription(QApplication::translate("main", "Fine-tune language models on your workstation."));
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument("model", QApplication::translate("main", "Model folder to open (default: the last one, or the bundled demo model)."));
  parser.process(app);

  peftdesk::ui::MainWindow window;
  const QString model = parser.positionalArguments().value(0);
  if (!model.isEmpty()) window.modelPage()->openModel(model);
  window.show();
  return app.exec();
}
