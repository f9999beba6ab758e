// See curves_widget.h.
#include "curves_widget.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QTimer>
#include <QVBoxLayout>

namespace peftdesk::ui {
namespace {

constexpr int kReplotIntervalMs = 100;  // about 10 Hz

QPen pen(const QColor& c, double width = 1.5, Qt::PenStyle style = Qt::SolidLine) {
  QPen p(c, width, style);
  p.setCosmetic(true);
  return p;
}

}  // namespace

CurvesWidget::CurvesWidget(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  // Two rows (which curves; how they are drawn), so the page fits a 1280-pixel-wide window.
  auto* controls = new QHBoxLayout();
  auto* view = new QHBoxLayout();
  showLoss_ = new QCheckBox(this);
  showSmooth_ = new QCheckBox(this);
  showEval_ = new QCheckBox(this);
  showLr_ = new QCheckBox(this);
  showGrad_ = new QCheckBox(this);
  for (QCheckBox* c : {showLoss_, showSmooth_, showEval_, showLr_, showGrad_}) {
    c->setChecked(true);
    controls->addWidget(c);
  }
  smoothLabel_ = new QLabel(this);
  smoothSlider_ = new QSlider(Qt::Horizontal, this);
  smoothSlider_->setRange(0, 99);
  smoothSlider_->setValue(60);
  smoothSlider_->setMinimumWidth(80);
  smoothSlider_->setMaximumWidth(140);
  smoothLabel_->setBuddy(smoothSlider_);
  logScale_ = new QCheckBox(this);
  xLabel_ = new QLabel(this);
  xCombo_ = new QComboBox(this);
  for (int i = 0; i < 4; ++i) xCombo_->addItem(QString(), i);
  xLabel_->setBuddy(xCombo_);
  fitButton_ = new QPushButton(this);
  controls->addStretch(1);
  view->addWidget(smoothLabel_);
  view->addWidget(smoothSlider_);
  view->addWidget(logScale_);
  view->addWidget(xLabel_);
  view->addWidget(xCombo_);
  view->addStretch(1);
  view->addWidget(fitButton_);
  layout->addLayout(controls);
  layout->addLayout(view);

  plot_ = new QCustomPlot(this);
  plot_->setObjectName(QStringLiteral("curves"));
  plot_->setMinimumHeight(180);
  plot_->plotLayout()->clear();
  lossRect_ = new QCPAxisRect(plot_);
  rateRect_ = new QCPAxisRect(plot_);
  // Row 0 holds the legend, above the curves: inside a panel it covered the newest points.
  plot_->plotLayout()->addElement(1, 0, lossRect_);
  plot_->plotLayout()->addElement(2, 0, rateRect_);
  plot_->plotLayout()->setRowStretchFactor(0, 0.001);
  plot_->plotLayout()->setRowStretchFactor(1, 2);
  plot_->plotLayout()->setRowStretchFactor(2, 1);
  rateRect_->axis(QCPAxis::atRight)->setVisible(true);
  rateRect_->axis(QCPAxis::atRight)->setTickLabels(true);
  // Both panels share the x range: panning one pans the other.
  connect(lossRect_->axis(QCPAxis::atBottom), qOverload<const QCPRange&>(&QCPAxis::rangeChanged), rateRect_->axis(QCPAxis::atBottom),
          qOverload<const QCPRange&>(&QCPAxis::setRange));
  connect(rateRect_->axis(QCPAxis::atBottom), qOverload<const QCPRange&>(&QCPAxis::rangeChanged), lossRect_->axis(QCPAxis::atBottom),
          qOverload<const QCPRange&>(&QCPAxis::setRange));
  auto* group = new QCPMarginGroup(plot_);
  lossRect_->setMarginGroup(QCP::msLeft | QCP::msRight, group);
  rateRect_->setMarginGroup(QCP::msLeft | QCP::msRight, group);

  loss_ = plot_->addGraph(lossRect_->axis(QCPAxis::atBottom), lossRect_->axis(QCPAxis::atLeft));
  smooth_ = plot_->addGraph(lossRect_->axis(QCPAxis::atBottom), lossRect_->axis(QCPAxis::atLeft));
  eval_ = plot_->addGraph(lossRect_->axis(QCPAxis::atBottom), lossRect_->axis(QCPAxis::atLeft));
  lr_ = plot_->addGraph(rateRect_->axis(QCPAxis::atBottom), rateRect_->axis(QCPAxis::atLeft));
  grad_ = plot_->addGraph(rateRect_->axis(QCPAxis::atBottom), rateRect_->axis(QCPAxis::atRight));
  loss_->setPen(pen(QColor(31, 119, 180, 90), 1));
  smooth_->setPen(pen(QColor(31, 119, 180), 2));
  eval_->setPen(pen(QColor(214, 39, 40), 2));
  eval_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 6));
  lr_->setPen(pen(QColor(44, 160, 44), 1.5));
  grad_->setPen(pen(QColor(255, 127, 14), 1, Qt::DotLine));
  // plotLayout()->clear() removed the default legend with the default axis rect: make our own.
  plot_->legend = new QCPLegend;
  plot_->plotLayout()->addElement(0, 0, plot_->legend);
  plot_->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);  // one row of entries
  plot_->legend->setMargins(QMargins(4, 2, 4, 2));
  plot_->legend->setBorderPen(Qt::NoPen);
  plot_->legend->setLayer(QStringLiteral("legend"));
  plot_->legend->setVisible(true);
  plot_->legend->setFont(font());
  for (QCPGraph* g : {loss_, smooth_, eval_, lr_, grad_}) g->addToLegend(plot_->legend);
  plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  for (QCPAxisRect* r : {lossRect_, rateRect_}) {
    r->setRangeDrag(Qt::Horizontal | Qt::Vertical);
    r->setRangeZoom(Qt::Horizontal | Qt::Vertical);
  }
  // A drag or wheel means the user wants to look somewhere: stop following the data until Fit.
  connect(plot_, &QCustomPlot::mousePress, this, [this] { follow_ = false; });
  connect(plot_, &QCustomPlot::mouseWheel, this, [this] { follow_ = false; });
  layout->addWidget(plot_, 1);

  replotTimer_ = new QTimer(this);
  replotTimer_->setInterval(kReplotIntervalMs);
  connect(replotTimer_, &QTimer::timeout, this, &CurvesWidget::flush);
  replotTimer_->start();

  const std::pair<QCheckBox*, QCPGraph*> toggles[] = {{showLoss_, loss_}, {showSmooth_, smooth_}, {showEval_, eval_}, {showLr_, lr_}, {showGrad_, grad_}};
  for (const auto& [box, graph] : toggles) {
    connect(box, &QCheckBox::toggled, this, [this, graph = graph](bool on) {
      graph->setVisible(on);
      dirty_ = true;
    });
  }
  connect(smoothSlider_, &QSlider::valueChanged, this, [this](int v) { setSmoothing(v / 100.0); });
  connect(logScale_, &QCheckBox::toggled, this, &CurvesWidget::setLogScale);
  connect(xCombo_, &QComboBox::activated, this, [this] { setXAxis(static_cast<XAxis>(xCombo_->currentData().toInt())); });
  connect(fitButton_, &QPushButton::clicked, this, [this] {
    follow_ = true;
    fit();
    dirty_ = true;
  });
  retranslate();
}

void CurvesWidget::retranslate() {
  showLoss_->setText(tr("Loss"));
  showLoss_->setToolTip(tr("Training loss of every logged step"));
  showSmooth_->setText(tr("Smoothed"));
  showSmooth_->setToolTip(tr("Exponential moving average of the training loss (weight set by the slider)"));
  showEval_->setText(tr("Eval loss"));
  showEval_->setToolTip(tr("Loss on the held-out evaluation set"));
  showLr_->setText(tr("Learning rate"));
  showGrad_->setText(tr("Grad norm"));
  showGrad_->setToolTip(tr("Global gradient L2 norm before clipping (right axis)"));
  smoothLabel_->setText(tr("Smoothing %1").arg(smoothing_, 0, 'f', 2));
  smoothSlider_->setToolTip(tr("Weight of the moving average: 0 = raw, 0.99 = very smooth"));
  smoothSlider_->setAccessibleName(tr("Smoothing"));
  logScale_->setText(tr("Log scale"));
  logScale_->setToolTip(tr("Logarithmic loss axis"));
  xLabel_->setText(tr("X axis:"));
  const QString names[] = {tr("Step"), tr("Epoch"), tr("Tokens"), tr("Time (s)")};
  for (int i = 0; i < 4; ++i) xCombo_->setItemText(i, names[i]);
  xCombo_->setToolTip(tr("What the horizontal axis counts"));
  fitButton_->setText(tr("Fit"));
  fitButton_->setToolTip(tr("Show all points and follow new ones (drag pans, wheel zooms)"));
  loss_->setName(tr("loss"));
  smooth_->setName(tr("smoothed"));
  eval_->setName(tr("eval loss"));
  lr_->setName(tr("learning rate"));
  grad_->setName(tr("grad norm"));
  wrapLegend();
  lossRect_->axis(QCPAxis::atLeft)->setLabel(tr("loss"));
  rateRect_->axis(QCPAxis::atLeft)->setLabel(tr("learning rate"));
  rateRect_->axis(QCPAxis::atRight)->setLabel(tr("grad norm"));
  rateRect_->axis(QCPAxis::atBottom)->setLabel(xCombo_->itemText(static_cast<int>(xAxis_)));
  dirty_ = true;
}

void CurvesWidget::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  if (event->type() == QEvent::PaletteChange) {
    // Follow the system's light / dark palette.
    const QPalette pal = palette();
    plot_->setBackground(pal.color(QPalette::Base));
    for (QCPAxisRect* r : {lossRect_, rateRect_}) {
      for (QCPAxis* a : r->axes()) {
        a->setBasePen(QPen(pal.color(QPalette::Text)));
        a->setTickPen(QPen(pal.color(QPalette::Text)));
        a->setSubTickPen(QPen(pal.color(QPalette::Text)));
        a->setTickLabelColor(pal.color(QPalette::Text));
        a->setLabelColor(pal.color(QPalette::Text));
      }
    }
    plot_->legend->setBrush(pal.color(QPalette::Base));
    plot_->legend->setTextColor(pal.color(QPalette::Text));
    dirty_ = true;
  }
  QWidget::changeEvent(event);
}

void CurvesWidget::clear() {
  series_.clear();
  follow_ = true;
  rebuild();
}

void CurvesWidget::addStep(const StepMetrics& m) {
  series_.add(m);
  appendTrain(series_.train.back());
}

void CurvesWidget::addEval(const EvalMetrics& m) {
  series_.add(m);
  appendEval(series_.eval.back());
}

void CurvesWidget::addRow(const nlohmann::json& row) {
  const size_t trainBefore = series_.train.size(), evalBefore = series_.eval.size();
  if (!series_.addRow(row)) return;
  if (series_.train.size() > trainBefore) appendTrain(series_.train.back());
  if (series_.eval.size() > evalBefore) appendEval(series_.eval.back());
}

void CurvesWidget::setSeries(const MetricsSeries& series) {
  series_ = series;
  rebuild();
}

void CurvesWidget::appendTrain(const TrainPoint& p) {
  const double x = xOf(p, xAxis_);
  loss_->addData(x, p.loss);
  smooth_->addData(x, ema_.push(p.loss));
  lr_->addData(x, p.learningRate);
  grad_->addData(x, p.gradNorm);
  dirty_ = true;
}

void CurvesWidget::appendEval(const EvalPoint& p) {
  eval_->addData(xOf(p, xAxis_), p.loss);
  dirty_ = true;
}

void CurvesWidget::rebuild() {
  for (QCPGraph* g : {loss_, smooth_, eval_, lr_, grad_}) g->data()->clear();
  ema_ = EmaSmoother(smoothing_);
  for (const TrainPoint& p : series_.train) appendTrain(p);
  for (const EvalPoint& p : series_.eval) appendEval(p);
  if (follow_) fit();
  dirty_ = true;
}

void CurvesWidget::fit() {
  for (QCPAxisRect* r : {lossRect_, rateRect_}) {
    for (QCPAxis* a : r->axes()) a->rescale(true);
  }
  if (series_.train.empty() && series_.eval.empty()) {
    lossRect_->axis(QCPAxis::atBottom)->setRange(0, 1);
    return;
  }
  // Equal x ranges on both panels, a little air above the curves.
  const QCPRange xr = lossRect_->axis(QCPAxis::atBottom)->range();
  rateRect_->axis(QCPAxis::atBottom)->setRange(xr);
  for (QCPAxis* a : {lossRect_->axis(QCPAxis::atLeft), rateRect_->axis(QCPAxis::atLeft), rateRect_->axis(QCPAxis::atRight)}) {
    if (a->scaleType() == QCPAxis::stLinear) a->scaleRange(1.1, a->range().center());
  }
}

void CurvesWidget::flush() {
  if (!dirty_ || !isVisible()) return;
  dirty_ = false;
  if (follow_) fit();
  plot_->replot(QCustomPlot::rpQueuedReplot);
  ++replots_;
}

// One row of legend entries when they fit the plot's width, else two (a longer language).
void CurvesWidget::wrapLegend() {
  QCPLegend* legend = plot_->legend;
  int needPx = legend->margins().left() + legend->margins().right();
  for (int i = 0; i < legend->elementCount(); ++i)
    if (QCPLayoutElement* item = legend->elementAt(i)) needPx += item->minimumOuterSizeHint().width() + legend->columnSpacing();
  const int wrap = needPx <= plot_->width() ? 0 : (legend->itemCount() + 1) / 2;
  if (wrap == legend->wrap()) return;
  legend->setWrap(wrap);
  legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);  // re-lays the entries out
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

void CurvesWidget::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  wrapLegend();
}

bool CurvesWidget::legendCoversCurves() const {
  const QRect legend = plot_->legend->outerRect();
  return legend.intersects(lossRect_->rect()) || legend.intersects(rateRect_->rect());
}

int CurvesWidget::plottedPoints(const QString& curve) const {
  const std::pair<const char*, QCPGraph*> graphs[] = {{"loss", loss_}, {"smoothed", smooth_}, {"eval", eval_}, {"lr", lr_}, {"grad_norm", grad_}};
  for (const auto& [name, g] : graphs) {
    if (curve == QLatin1String(name)) return g->dataCount();
  }
  return -1;
}

void CurvesWidget::setXAxis(XAxis axis) {
  xAxis_ = axis;
  xCombo_->setCurrentIndex(static_cast<int>(axis));
  rateRect_->axis(QCPAxis::atBottom)->setLabel(xCombo_->currentText());
  follow_ = true;
  rebuild();
}

void CurvesWidget::setLogScale(bool on) {
  QCPAxis* y = lossRect_->axis(QCPAxis::atLeft);
  logScale_->setChecked(on);
  y->setScaleType(on ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
  if (on) y->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
  else y->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
  follow_ = true;
  fit();
  dirty_ = true;
}

void CurvesWidget::setSmoothing(double weight) {
  smoothing_ = std::clamp(weight, 0.0, 0.99);
  {
    const QSignalBlocker block(smoothSlider_);
    smoothSlider_->setValue(static_cast<int>(smoothing_ * 100 + 0.5));
  }
  smoothLabel_->setText(tr("Smoothing %1").arg(smoothing_, 0, 'f', 2));
  // Only the smoothed curve depends on the weight.
  smooth_->data()->clear();
  ema_ = EmaSmoother(smoothing_);
  for (const TrainPoint& p : series_.train) smooth_->addData(xOf(p, xAxis_), ema_.push(p.loss));
  dirty_ = true;
}

}  // namespace peftdesk::ui
