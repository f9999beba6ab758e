// See quick_panel.h.
#include "quick_panel.h"

#include <QEvent>
#include <QLabel>
#include <QVBoxLayout>
#include <cmath>
#include <QQmlContext>
#include <QQmlEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QStringList>

namespace peftdesk::ui {

namespace {
// Before the QQuickWidget's window exists (every panel asks; the first one decides).
QWidget* softwareRendered(QWidget* parent) {
  static const bool chosen = [] {
    QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
    return true;
  }();
  (void)chosen;
  return parent;
}
}  // namespace

QuickPanel::QuickPanel(const QString& qmlFile, const std::vector<std::pair<QString, QObject*>>& context, QWidget* parent)
    : QQuickWidget(softwareRendered(parent)) {
  setResizeMode(QQuickWidget::SizeRootObjectToView);
  setFocusPolicy(Qt::StrongFocus);
  // As tall as the QML asks (sizeHint), less when the window is short and the QML allows it.
  setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
  for (const auto& [name, object] : context) rootContext()->setContextProperty(name, object);
  setSource(QUrl(qmlFile));
  if (status() == QQuickWidget::Error) {
    QStringList lines;
    for (const QQmlError& e : errors()) lines << e.toString();
    errorText_ = lines.join(QLatin1Char('\n'));
    qWarning("%s", qPrintable(errorText_));
    auto* layout = new QVBoxLayout(this);
    auto* label = new QLabel(tr("This view could not be shown:\n%1").arg(errorText_), this);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(label);
    return;
  }
  if (QQuickItem* root = rootObject()) {
    // Queued: resizing inside the QML binding that changed the height would re-enter it.
    connect(root, &QQuickItem::implicitHeightChanged, this, &QuickPanel::fitHeight, Qt::QueuedConnection);
    fitHeight();
  }
}

void QuickPanel::fitHeight() {
  QQuickItem* root = rootObject();
  if (!root) return;
  preferredHeight_ = static_cast<int>(std::ceil(root->implicitHeight()));
  const QVariant least = root->property("minimumHeight");
  setMinimumHeight(least.isValid() ? std::min(preferredHeight_, static_cast<int>(std::ceil(least.toDouble()))) : preferredHeight_);
  updateGeometry();
}

QSize QuickPanel::sizeHint() const { return {QQuickWidget::sizeHint().width(), preferredHeight_}; }

namespace {
// Items a Repeater creates are children of their visual parent only (not QObject children of
// it), so the search walks the item tree.
QObject* findInItems(QQuickItem* item, const QString& objectName) {
  if (item->objectName() == objectName) return item;
  if (QObject* o = item->findChild<QObject*>(objectName, Qt::FindDirectChildrenOnly)) return o;
  for (QQuickItem* child : item->childItems()) {
    if (QObject* o = findInItems(child, objectName)) return o;
  }
  return nullptr;
}
}  // namespace

QObject* QuickPanel::findItem(const QString& objectName) const {
  QQuickItem* root = rootObject();
  return root ? findInItems(root, objectName) : nullptr;
}

void QuickPanel::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) engine()->retranslate();
  QQuickWidget::changeEvent(event);
}

}  // namespace peftdesk::ui
