// A Qt Quick view inside the widget window (QQuickWidget): loads one QML file compiled into the
// binary (:/qml/...), hands it its C++ data objects as context properties, asks for the height the
// QML lays out (its root's implicitHeight; it may shrink to the root's `minimumHeight` property
// when the root declares one and scrolls its content itself), re-translates its qsTr() texts on a language switch, and turns a QML
// error (a programming error: the files ship inside the binary) into a visible message instead
// of an empty area. Qt Quick draws on the CPU (its software backend, chosen before the first
// panel exists; decision 40): no OpenGL context on the card that trains (it would hold GPU
// memory), and the same pictures under Xvfb, over ssh -X and without a working OpenGL driver.
#pragma once

#include <QQuickWidget>
#include <QString>
#include <utility>
#include <vector>

namespace peftdesk::ui {

class QuickPanel : public QQuickWidget {
  Q_OBJECT
 public:
  // `qmlFile` is a resource path such as "qrc:/qml/RunDashboard.qml".
  QuickPanel(const QString& qmlFile, const std::vector<std::pair<QString, QObject*>>& context, QWidget* parent);

  // The QML object with this objectName (tests read what is shown through it); nullptr if none.
  QObject* findItem(const QString& objectName) const;
  // The load errors, one per line (empty when the file loaded).
  QString errorText() const { return errorText_; }
  QSize sizeHint() const override;

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void fitHeight();
  QString errorText_;
  int preferredHeight_ = 0;
};

}  // namespace peftdesk::ui
