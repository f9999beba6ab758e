// See memory_estimate_view.h.
#include "memory_estimate_view.h"

#include "error_text.h"
#include "field_tables.h"

#include <QCoreApplication>
#include <QLocale>

namespace peftdesk::ui {
namespace {

QString tr(const char* text) { return QCoreApplication::translate("MemoryEstimate", text); }

QString partName(const MemoryPart& p) {
  static const struct {
    const char* key;
    const char* name;
  } kNames[] = {
      {"runtime", QT_TRANSLATE_NOOP("MemoryEstimate", "Runtime")},
      {"weights", QT_TRANSLATE_NOOP("MemoryEstimate", "Base weights")},
      {"adapters", QT_TRANSLATE_NOOP("MemoryEstimate", "Trainable adapter tensors")},
      {"gradients", QT_TRANSLATE_NOOP("MemoryEstimate", "Gradients")},
      {"optimizer", QT_TRANSLATE_NOOP("MemoryEstimate", "Optimizer state (AdamW)")},
      {"method_state", QT_TRANSLATE_NOOP("MemoryEstimate", "AdaLoRA rank allocation")},
      {"activations", QT_TRANSLATE_NOOP("MemoryEstimate", "Activations")},
      {"head", QT_TRANSLATE_NOOP("MemoryEstimate", "Output head and loss")},
      {"backward", QT_TRANSLATE_NOOP("MemoryEstimate", "Backward working memory")},
      {"allocator", QT_TRANSLATE_NOOP("MemoryEstimate", "Allocator slack")},
  };
  for (const auto& n : kNames)
    if (p.key == n.key) return tr(n.name);
  return QString::fromStdString(p.label);
}

std::string dataKey(const RunConfig& c) {
  return c.modelPath.string() + '\n' + c.resolved.value("data", nlohmann::json()).dump() + '\n' + std::to_string(c.batchSize);
}

}  // namespace

BatchShape DataShapeCache::shapeFor(const RunConfig& config, QString* note) {
  const std::string key = dataKey(config);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (key == key_) {
      if (note) *note = note_;
      return shape_;
    }
  }
  BatchShape shape;
  QString why;
  try {
    shape = batchShapeOf(config, planTraining(config, [](const std::string&) {}));
  } catch (const std::exception& e) {
    shape.rows = config.batchSize;
    shape.tokensPerRow = config.cutoffLen;
    shape.labelFraction = 1.0;
    why = tr("The data could not be read (%1): assumed micro-batch x cutoff, every token labelled.").arg(errorText(e));
  }
  std::lock_guard<std::mutex> lock(mutex_);
  key_ = key;
  shape_ = shape;
  note_ = why;
  if (note) *note = why;
  return shape;
}

QString bytesText(double bytes) { return QLocale().formattedDataSize(static_cast<qint64>(bytes), 1, QLocale::DataSizeTraditionalFormat); }

std::optional<MemoryEstimate> estimateForRun(const RunConfig& config, const std::vector<ConfigProblem>& problems, DataShapeCache& cache,
                                             QString* note) {
  for (const ConfigProblem& p : problems) {
    if (p.field == "output_dir") continue;
    *note = tr("No memory estimate until the run's settings are valid (%1: %2).")
                .arg(formLabel(p.field), QString::fromStdString(p.message));
    return std::nullopt;
  }
  try {
    return estimateTrainingMemory(config, cache.shapeFor(config, note));
  } catch (const std::exception& e) {
    *note = errorText(e);
    return std::nullopt;
  }
}

QString memoryEstimateLine(const MemoryEstimate& m) {
  QString line = m.availableBytes > 0 ? tr("Peak memory on %1 (estimate): %2 of %3 available.")
                                            .arg(QString::fromStdString(m.device), bytesText(static_cast<double>(m.peakBytes)), bytesText(static_cast<double>(m.availableBytes)))
                                      : tr("Peak memory on %1 (estimate): %2.").arg(QString::fromStdString(m.device), bytesText(static_cast<double>(m.peakBytes)));
  if (!m.fits()) line += QLatin1Char(' ') + tr("Does not fit: lower the micro-batch or the cutoff, or turn on gradient checkpointing or a 4-bit base.");
  return line;
}

QString memoryEstimateText(const MemoryEstimate& m, const QString& note) {
  QString html = QStringLiteral("<p%1><b>%2</b></p><table>")
                     .arg(m.fits() ? QString() : QStringLiteral(" style=\"color:#d32f2f\""), memoryEstimateLine(m).toHtmlEscaped());
  for (const MemoryPart& p : m.parts) {
    html += QStringLiteral("<tr><td align=\"right\">%1</td><td>&nbsp;&nbsp;%2</td></tr>").arg(bytesText(static_cast<double>(p.bytes)), partName(p).toHtmlEscaped());
  }
  html += QStringLiteral("</table>");
  if (!note.isEmpty()) html += QStringLiteral("<p><i>%1</i></p>").arg(note.toHtmlEscaped());
  return html;
}

}  // namespace peftdesk::ui
