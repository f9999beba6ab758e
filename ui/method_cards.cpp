// See method_cards.h.
#include "method_cards.h"

#include <QCoreApplication>
#include <QLocale>

#include "memory_estimate_view.h"
#include "method_catalog.h"

namespace peftdesk::ui {

MethodCards::MethodCards(QObject* parent) : QAbstractListModel(parent) {
  for (const MethodRow& r : methodCatalog()) figures_.push_back({QString::fromLatin1(r.id), {}, {}, {}});
}

int MethodCards::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : static_cast<int>(figures_.size()); }

QHash<int, QByteArray> MethodCards::roleNames() const {
  return {{IdRole, "methodId"}, {NameRole, "name"},     {HelpRole, "help"}, {ParamsRole, "params"},
          {SizeRole, "size"},   {MemoryRole, "memory"}, {FitsRole, "fits"}, {ProblemRole, "problem"}};
}

QVariant MethodCards::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  const MethodCardFigures& f = figures_[static_cast<size_t>(index.row())];
  const MethodRow& row = methodRow(f.id);
  const QLocale locale;
  switch (role) {
    case IdRole:
      return f.id;
    case NameRole:  // the catalog's texts are translated in the Method page's context
      return QCoreApplication::translate("peftdesk::ui::MethodPage", row.label);
    case HelpRole:
      return QCoreApplication::translate("peftdesk::ui::MethodPage", row.help);
    case ParamsRole:
      if (!f.report) return f.problem.isEmpty() ? tr("counting…") : QString();
      return tr("%1 trainable (%2 %)")
          .arg(locale.toString(static_cast<qlonglong>(f.report->trainableParams)))
          .arg(locale.toString(f.report->trainablePercent, 'f', f.report->trainablePercent < 1 ? 3 : 1));
    case SizeRole:
      if (!f.report) return QString();
      return f.id == QLatin1String("full") || f.id == QLatin1String("freeze") ? tr("saves the trained weights: %1").arg(bytesText(static_cast<double>(f.report->adapterFileBytes)))
                                                                              : tr("adapter file %1").arg(bytesText(static_cast<double>(f.report->adapterFileBytes)));
    case MemoryRole:
      if (!f.estimate) return f.report ? tr("memory: fix the run's other settings first") : QString();
      if (!f.estimate->fits())
        return tr("peak ≈ %1 > %2 free on %3")
            .arg(bytesText(static_cast<double>(f.estimate->peakBytes)), bytesText(static_cast<double>(f.estimate->availableBytes)),
                 QString::fromStdString(f.estimate->device));
      return tr("peak ≈ %1 on %2").arg(bytesText(static_cast<double>(f.estimate->peakBytes)), QString::fromStdString(f.estimate->device));
    case FitsRole:
      return !f.estimate || f.estimate->fits();
    case ProblemRole:
      return f.problem;
  }
  return {};
}

const MethodCardFigures* MethodCards::figures(const QString& id) const {
  for (const MethodCardFigures& f : figures_)
    if (f.id == id) return &f;
  return nullptr;
}

void MethodCards::setCurrent(const QString& id) {
  if (id == current_) return;
  current_ = id;
  emit currentChanged();
}

void MethodCards::setComputing(bool computing) {
  if (computing == computing_) return;
  computing_ = computing;
  emit computingChanged();
}

void MethodCards::setFigures(const std::vector<MethodCardFigures>& figures) {
  for (MethodCardFigures& mine : figures_) {
    mine.report.reset();
    mine.estimate.reset();
    mine.problem.clear();
    for (const MethodCardFigures& f : figures)
      if (f.id == mine.id) mine = f;
  }
  emit dataChanged(index(0), index(rowCount() - 1));
}

void MethodCards::retranslate() { emit dataChanged(index(0), index(rowCount() - 1)); }

void MethodCards::choose(const QString& id) { emit chosen(id); }

}  // namespace peftdesk::ui
