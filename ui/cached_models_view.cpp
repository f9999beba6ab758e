// See cached_models_view.h.
#include "cached_models_view.h"

#include <QDir>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "background_queue.h"
#include "peftdesk/model_cache.h"

namespace peftdesk::ui {
namespace {

enum Column { Repo, Revision, Architecture, Parameters, Dtype, Size, Status, ColumnCount };

struct Scan {
  std::vector<ModelCacheRoot> roots;
  std::vector<CachedModel> models;
};

QString q(const std::string& s) { return QString::fromStdString(s); }

}  // namespace

CachedModelsView::CachedModelsView(QWidget* parent) : QWidget(parent), jobs_(new BackgroundQueue(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  auto* header = new QHBoxLayout();
  title_ = new QLabel(this);
  refreshButton_ = new QPushButton(this);
  header->addWidget(title_, 1);
  header->addWidget(refreshButton_);
  layout->addLayout(header);
  roots_ = new QLabel(this);
  roots_->setWordWrap(true);
  roots_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  layout->addWidget(roots_);
  list_ = new QTreeWidget(this);
  list_->setColumnCount(ColumnCount);
  list_->setRootIsDecorated(false);
  list_->setAlternatingRowColors(true);
  list_->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
  list_->header()->setStretchLastSection(true);
  layout->addWidget(list_, 1);
  connect(refreshButton_, &QPushButton::clicked, this, &CachedModelsView::refresh);
  connect(list_, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) { activateRow(list_->indexOfTopLevelItem(item)); });
  retranslate();
}

void CachedModelsView::retranslate() {
  title_->setText(tr("<b>Models on this machine</b> (Hugging Face and ModelScope caches)"));
  refreshButton_->setText(tr("&Refresh"));
  refreshButton_->setToolTip(tr("Look in the caches again"));
  list_->setHeaderLabels({tr("Model"), tr("Revision"), tr("Architecture"), tr("Parameters"), tr("Dtype"), tr("Size"), tr("Status")});
  list_->setAccessibleName(tr("Models on this machine"));
  list_->setToolTip(tr("Double-click or press Enter to open a model"));
  if (!rootsText_.isEmpty()) roots_->setText(tr("Looked in: %1").arg(rootsText_));
}

void CachedModelsView::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void CachedModelsView::showEvent(QShowEvent* event) {
  QWidget::showEvent(event);
  if (!scannedOnce_) refresh();
}

bool CachedModelsView::scanning() const { return jobs_->busy(); }

void CachedModelsView::refresh() {
  scannedOnce_ = true;
  refreshButton_->setEnabled(false);
  roots_->setText(tr("Looking for models…"));
  jobs_->post<Scan>(
      [] {
        Scan s;
        s.roots = modelCacheRoots();
        s.models = scanModelCaches(s.roots);
        return s;
      },
      [this](JobResult<Scan> r) {
        refreshButton_->setEnabled(true);
        list_->clear();
        QStringList where;
        for (const auto& root : r.value.roots) where << QDir::toNativeSeparators(q(root.path.string())) + " (" + q(root.origin) + ")";
        rootsText_ = where.join(QStringLiteral(", "));
        roots_->setText(r.error.isEmpty() ? tr("Looked in: %1").arg(rootsText_) : tr("Could not list the caches: %1").arg(r.error));
        const QLocale locale;
        for (const CachedModel& m : r.value.models) {
          auto* item = new QTreeWidgetItem(list_);
          item->setText(Repo, q(m.repoId));
          QString revision = m.revision.empty() ? QStringLiteral("—") : q(m.revision.substr(0, 10));
          for (const auto& ref : m.refs) revision += " (" + q(ref) + ")";
          item->setText(Revision, revision);
          item->setText(Architecture, m.architecture.empty() ? QStringLiteral("—") : q(m.architecture));
          item->setText(Parameters, m.loadable ? locale.toString(static_cast<qlonglong>(m.numParameters)) : QStringLiteral("—"));
          item->setText(Dtype, m.dtype.empty() ? QStringLiteral("—") : q(m.dtype));
          item->setText(Size, locale.formattedDataSize(static_cast<qint64>(m.sizeBytes), 1, QLocale::DataSizeTraditionalFormat));
          item->setText(Status, m.loadable ? tr("ready") : tr("cannot load: %1").arg(q(m.reason)));
          item->setToolTip(Status, m.loadable ? q(m.folder.string()) : q(m.reason));
          if (!m.loadable) item->setForeground(Status, QBrush(QColor(0xb3, 0x26, 0x1e)));
          item->setData(Repo, Qt::UserRole, q(m.folder.string()));
        }
        if (r.value.models.empty() && r.error.isEmpty()) {
          auto* item = new QTreeWidgetItem(list_);
          item->setText(Repo, tr("No models found. Download one below or choose a folder above."));
          item->setFlags(Qt::NoItemFlags);
        }
        emit scanned();
      });
}

int CachedModelsView::rowCount() const { return list_->topLevelItemCount(); }

QString CachedModelsView::rowText(int row, int column) const {
  const QTreeWidgetItem* item = list_->topLevelItem(row);
  return item ? item->text(column) : QString();
}

QString CachedModelsView::rowFolder(int row) const {
  const QTreeWidgetItem* item = list_->topLevelItem(row);
  return item ? item->data(Repo, Qt::UserRole).toString() : QString();
}

void CachedModelsView::activateRow(int row) {
  const QString folder = rowFolder(row);
  if (!folder.isEmpty()) emit modelChosen(folder);
}

}  // namespace peftdesk::ui
