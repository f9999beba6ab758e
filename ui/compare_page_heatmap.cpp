// ComparePage, continued: the Weights tab — heatmaps of ‖ΔW‖ per layer and module of one adapter
// or of the ΔW cosine between two, with a colour scale and each cell's value under the mouse. See
// compare_page.h.
#include <qcustomplot.h>

#include <QBoxLayout>
#include <QComboBox>
#include <QLocale>
#include <QMouseEvent>
#include <QPoint>
#include <QToolTip>
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>

#include "compare_page.h"

namespace peftdesk::ui {

QWidget* ComparePage::buildWeightsTab(QWidget* parent) {
  auto* heatTab = new QWidget(parent);
  auto* hv = new QVBoxLayout(heatTab);
  heatChoice_ = new QComboBox(heatTab);
  heatChoice_->setObjectName(QStringLiteral("heatmap_choice"));
  heatmap_ = new QCustomPlot(heatTab);
  heatmap_->setObjectName(QStringLiteral("heatmap"));
  // The colour scale to the right of the cells, and each cell's value under the mouse.
  heatScale_ = new QCPColorScale(heatmap_);
  heatmap_->plotLayout()->addElement(0, 1, heatScale_);
  heatScale_->setType(QCPAxis::atRight);
  auto* heatMargins = new QCPMarginGroup(heatmap_);
  heatmap_->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, heatMargins);
  heatScale_->setMarginGroup(QCP::msBottom | QCP::msTop, heatMargins);
  heatmap_->setMouseTracking(true);
  connect(heatmap_, &QCustomPlot::mouseMove, this, [this](QMouseEvent* e) {
    const QString tip = heatmapTipAt(e->pos());
    if (tip.isEmpty()) QToolTip::hideText();
    else QToolTip::showText(heatmap_->mapToGlobal(e->pos()), tip, heatmap_);
  });
  hv->addWidget(heatChoice_);
  hv->addWidget(heatmap_, 1);
  return heatTab;
}
namespace {

using json = nlohmann::json;

QString qs(const std::string& s) { return QString::fromStdString(s); }

int layerOf(const std::string& module) {
  const size_t at = module.find(".layers.");
  if (at == std::string::npos) return -1;
  return std::atoi(module.c_str() + at + 8);
}

QString suffixOf(const std::string& module) { return qs(module.substr(module.rfind('.') + 1)); }

}  // namespace

void ComparePage::fillHeatChoices() {
  heatChoice_->clear();
  for (const json& it : result_["items"]) {
    if (it.contains("weights") && it.contains("mean_delta_norm"))  // a ΔW per module: LoRA, LoHa, LoKr
      heatChoice_->addItem(tr("‖ΔW‖ of %1").arg(qs(it["name"].get<std::string>())), QStringLiteral("norm:") + qs(it["name"].get<std::string>()));
  }
  for (const json& s : result_.value("similarity", json::array())) {
    heatChoice_->addItem(tr("ΔW cosine, %1 vs %2").arg(qs(s["a"].get<std::string>()), qs(s["b"].get<std::string>())),
                         QStringLiteral("cos:") + qs(s["a"].get<std::string>()) + QLatin1Char('|') + qs(s["b"].get<std::string>()));
  }
  drawHeatmap();
}

void ComparePage::drawHeatmap() {
  heatmap_->clearPlottables();
  heatMap_ = nullptr;
  heatModules_.clear();
  heatValues_.clear();
  heatLayers_ = 0;
  const QString choice = heatChoice_->currentData().toString();
  std::vector<std::pair<std::string, double>> cells;  // module → value
  bool cosine = false;
  if (choice.startsWith(QLatin1String("norm:"))) {
    for (const json& it : result_["items"]) {
      if (qs(it["name"].get<std::string>()) != choice.mid(5)) continue;
      for (const json& w : it["weights"]) cells.emplace_back(w["module"].get<std::string>(), w["delta_norm"].get<double>());
    }
  } else if (choice.startsWith(QLatin1String("cos:"))) {
    cosine = true;
    const QStringList ab = choice.mid(4).split(QLatin1Char('|'));
    for (const json& s : result_["similarity"]) {
      if (qs(s["a"].get<std::string>()) != ab.value(0) || qs(s["b"].get<std::string>()) != ab.value(1)) continue;
      for (const json& m : s["modules"]) cells.emplace_back(m["module"].get<std::string>(), m["cosine"].get<double>());
    }
  }
  if (cells.empty()) {
    heatmap_->replot();
    return;
  }
  for (const auto& [m, v] : cells) {
    const QString suffix = suffixOf(m);
    if (std::find(heatModules_.begin(), heatModules_.end(), suffix) == heatModules_.end()) heatModules_.push_back(suffix);
    heatLayers_ = std::max(heatLayers_, layerOf(m) + 1);
  }
  heatValues_.assign(static_cast<size_t>(heatLayers_), std::vector<double>(heatModules_.size(), std::nan("")));
  for (const auto& [m, v] : cells) {
    const int layer = layerOf(m);
    if (layer < 0) continue;
    const size_t col = static_cast<size_t>(std::find(heatModules_.begin(), heatModules_.end(), suffixOf(m)) - heatModules_.begin());
    heatValues_[static_cast<size_t>(layer)][col] = v;
  }
  auto* map = new QCPColorMap(heatmap_->xAxis, heatmap_->yAxis);
  map->data()->setSize(static_cast<int>(heatModules_.size()), heatLayers_);
  map->data()->setRange(QCPRange(0, static_cast<double>(heatModules_.size()) - 1), QCPRange(0, heatLayers_ - 1));
  for (int l = 0; l < heatLayers_; ++l)
    for (size_t c = 0; c < heatModules_.size(); ++c) map->data()->setCell(static_cast<int>(c), l, heatValues_[static_cast<size_t>(l)][c]);
  heatMap_ = map;
  heatCosine_ = cosine;
  map->setColorScale(heatScale_);
  map->setInterpolate(false);
  if (cosine) {
    // Diverging around 0 (opposite updates blue, unrelated white, aligned red), fixed at [-1, 1]
    // so two pairs read alike.
    QCPColorGradient diverging;
    diverging.clearColorStops();
    diverging.setColorStopAt(0.0, QColor(33, 102, 172));
    diverging.setColorStopAt(0.5, QColor(247, 247, 247));
    diverging.setColorStopAt(1.0, QColor(178, 24, 43));
    diverging.setNanHandling(QCPColorGradient::nhNanColor);
    diverging.setNanColor(QColor(150, 150, 150));
    map->setGradient(diverging);
    map->setDataRange(QCPRange(-1, 1));
    heatScale_->axis()->setLabel(tr("ΔW cosine"));
  } else {
    QCPColorGradient thermal(QCPColorGradient::gpThermal);
    thermal.setNanHandling(QCPColorGradient::nhNanColor);
    thermal.setNanColor(QColor(150, 150, 150));
    map->setGradient(thermal);
    map->rescaleDataRange(true);
    heatScale_->axis()->setLabel(tr("‖ΔW‖ (Frobenius norm)"));
  }
  QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
  for (size_t c = 0; c < heatModules_.size(); ++c) ticker->addTick(static_cast<double>(c), heatModules_[c]);
  heatmap_->xAxis->setTicker(ticker);
  heatmap_->xAxis->setLabel(tr("module"));
  heatmap_->yAxis->setLabel(tr("layer"));
  heatmap_->rescaleAxes();
  heatmap_->xAxis->setRange(-0.5, static_cast<double>(heatModules_.size()) - 0.5);
  heatmap_->yAxis->setRange(-0.5, heatLayers_ - 0.5);
  heatmap_->replot();
}

double ComparePage::heatmapValue(int layer, const QString& module) const {
  const auto it = std::find(heatModules_.begin(), heatModules_.end(), module);
  if (layer < 0 || layer >= heatLayers_ || it == heatModules_.end()) return std::nan("");
  return heatValues_[static_cast<size_t>(layer)][static_cast<size_t>(it - heatModules_.begin())];
}

QString ComparePage::heatmapTipAt(const QPoint& pixel) const {
  if (!heatMap_ || !heatmap_->axisRect()->rect().contains(pixel)) return {};
  const int column = static_cast<int>(std::lround(heatmap_->xAxis->pixelToCoord(pixel.x())));
  const int layer = static_cast<int>(std::lround(heatmap_->yAxis->pixelToCoord(pixel.y())));
  if (column < 0 || column >= static_cast<int>(heatModules_.size()) || layer < 0 || layer >= heatLayers_) return {};
  const double v = heatValues_[static_cast<size_t>(layer)][static_cast<size_t>(column)];
  const QString value = std::isnan(v) ? tr("not adapted") : QLocale().toString(v, 'g', 4);
  return tr("layer %1 · %2: %3").arg(layer).arg(heatModules_[static_cast<size_t>(column)], value);
}

}  // namespace peftdesk::ui
