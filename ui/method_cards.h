// The Method page's method chooser (issue 20): one card per row of the method catalog, each with
// what the method trains, its trainable parameters and adapter file size for the current model and
// its peak-memory estimate — computed by the core (planParameters, estimateTrainingMemory) for the
// configuration choosing that card would give. A list model for ui/qml/MethodChooser.qml; the
// texts are formatted here (tr()), the QML only lays them out. choose() asks the page to switch.
#pragma once

#include <QAbstractListModel>
#include <QString>
#include <optional>
#include <vector>

#include "peftdesk/memory_estimate.h"
#include "peftdesk/parameter_report.h"

namespace peftdesk::ui {

// One card's figures, computed off the GUI thread.
struct MethodCardFigures {
  QString id;
  std::optional<ParameterReport> report;    // absent when the configuration cannot be counted
  std::optional<MemoryEstimate> estimate;   // absent while the run's other settings are invalid
  QString problem;                          // why there is no count (a model or method setting)
};

class MethodCards : public QAbstractListModel {
  Q_OBJECT
  Q_PROPERTY(QString current READ current NOTIFY currentChanged)
  Q_PROPERTY(bool computing READ computing NOTIFY computingChanged)

 public:
  enum Role { IdRole = Qt::UserRole + 1, NameRole, HelpRole, ParamsRole, SizeRole, MemoryRole, FitsRole, ProblemRole };

  explicit MethodCards(QObject* parent);

  int rowCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

  QString current() const { return current_; }
  void setCurrent(const QString& id);
  bool computing() const { return computing_; }
  void setComputing(bool computing);
  // New figures for every card (empty: nothing known yet, e.g. no model).
  void setFigures(const std::vector<MethodCardFigures>& figures);
  // Re-reads the translated texts (language switch).
  void retranslate();

  // The card's figures (nullptr for an unknown id): tests compare them with the page's own count.
  const MethodCardFigures* figures(const QString& id) const;

  Q_INVOKABLE void choose(const QString& id);

 signals:
  void currentChanged();
  void computingChanged();
  void chosen(const QString& id);

 private:
  std::vector<MethodCardFigures> figures_;  // in catalog order
  QString current_;
  bool computing_ = false;
};

}  // namespace peftdesk::ui
