// The getting-started guide: a bar above the pages on the first start that walks through the
// four steps of a fine-tuning session (Model → Data → Method → Train) on the bundled demo, one
// sentence per step, Back / Next moving the window to that page. Closing it (or finishing it) is
// remembered; Help ▸ Getting Started brings it back. It follows the user: opening one of those
// pages by hand moves the guide to that step.
#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace peftdesk::ui {

class FirstRunGuide : public QFrame {
  Q_OBJECT
 public:
  static constexpr int kSteps = 4;  // pages 0..3 of the main window: Model, Data, Method, Train

  explicit FirstRunGuide(QWidget* parent = nullptr);

  int step() const { return step_; }
  void setStep(int step);   // 0-based; shows that step's text (no page change)
  void restart();           // step 0, shown, no longer dismissed
  void next();
  void back();
  void dismiss();           // hidden and remembered
  QString text() const;     // the step's title and sentence, as shown

 signals:
  void pageRequested(int page);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();

  int step_ = 0;
  QLabel* title_;
  QLabel* body_;
  QPushButton* back_;
  QPushButton* next_;
  QPushButton* close_;
};

}  // namespace peftdesk::ui
