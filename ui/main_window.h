// The main window: menu, status bar and the pages that exist so far (Model). Pages are added
// here as their features land; nothing unbuilt is shown.
#pragma once

#include <QMainWindow>

namespace peftdesk::ui {

class ModelPage;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ModelPage* modelPage() const { return modelPage_; }
  void showAbout();

 private:
  ModelPage* modelPage_;
};

}  // namespace peftdesk::ui
