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
    connect(root, &QQuickItem::implicitHeightChanged, this, &QuickPanel::fitHeight);
    fitHeight();
  }
}

void QuickPanel::fitHeight() {
  if (QQuickItem* root = rootObject()) setMinimumHeight(static_cast<int>(std::ceil(root->implicitHeight())));
}

QObject* QuickPanel::findItem(const QString& objectName) const {
  QQuickItem* root = rootObject();
  if (!root) return nullptr;
  if (root->objectName() == objectName) return root;
  return root->findChild<QObject*>(objectName);
}

void QuickPanel::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) engine()->retranslate();
  QQuickWidget::changeEvent(event);
}

}  // namespace peftdesk::ui
