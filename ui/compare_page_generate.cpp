// ComparePage, continued: generations side by side (base + every ticked adapter on one resident
// base, divergence and log-probability tint) and combining the ticked LoRA adapters. See
// compare_page.h.
#include <QBoxLayout>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTextBrowser>
#include <algorithm>
#include <cmath>

#include "app_settings.h"
#include "background_queue.h"
#include "compare_page.h"
#include "precision_box.h"
#include "peftdesk/adapter_math.h"
#include "peftdesk/comparison.h"

namespace peftdesk::ui {

QWidget* ComparePage::buildGenerationsTab(QWidget* parent) {
  auto* genTab = new QWidget(parent);
  auto* gv = new QVBoxLayout(genTab);
  auto* gh = new QHBoxLayout();
  prompts_ = new QPlainTextEdit(genTab);
  prompts_->setObjectName(QStringLiteral("prompts"));
  prompts_->setPlainText(QStringLiteral("What is 3 plus 4?"));
  prompts_->setMaximumHeight(90);
  auto* gopts = new QVBoxLayout();
  maxTokens_ = new QSpinBox(genTab);
  maxTokens_->setRange(1, 4096);
  maxTokens_->setValue(32);
  logprobs_ = new QCheckBox(genTab);
  generate_ = new QPushButton(genTab);
  gopts->addWidget(maxTokens_);
  gopts->addWidget(logprobs_);
  gopts->addWidget(generate_);
  gh->addWidget(prompts_, 1);
  gh->addLayout(gopts);
  gv->addLayout(gh);
  generations_ = new QTextBrowser(genTab);
  generations_->setObjectName(QStringLiteral("generations"));
  gv->addWidget(generations_, 1);
  return genTab;
}
namespace {
using json = nlohmann::json;
QString qs(const std::string& s) { return QString::fromStdString(s); }
}  // namespace

void ComparePage::generate(const QStringList& prompts, int maxNewTokens, bool logprobs) {
  const QStringList dirs = checkedFolders();
  if (dirs.isEmpty() || prompts.isEmpty()) {
    showError(tr("Tick the runs or adapters and write at least one prompt."));
    emit generated();
    return;
  }
  const std::vector<std::filesystem::path> paths = checkedPaths();
  ComparisonOptions o;
  o.weights = false;
  for (const QString& p : prompts) o.prompts.push_back(p.toStdString());
  o.generation.generation.maxNewTokens = maxNewTokens;
  o.generation.logprobs = logprobs;
  o.load = baseLoadOptions();
  generate_->setEnabled(false);
  showError(QString());
  status_->setText(tr("Generating…"));
  jobs_->post<json>([paths, o] { return compareAdapters(paths, o); },
                    [this](JobResult<json> r) {
                      generate_->setEnabled(true);
                      if (!r.error.isEmpty()) {
                        showError(tr("Cannot generate: %1").arg(r.error));
                      } else {
                        if (result_.is_null()) result_ = r.value;
                        result_["generations"] = r.value["generations"];
                        status_->setText(tr("Generated."));
                        showGenerations();
                      }
                      emit generated();
                    });
}

void ComparePage::showGenerations() {
  if (!result_.contains("generations")) {
    generations_->clear();
    return;
  }
  QString html;
  for (const json& g : result_["generations"]) {
    const int64_t diverge = g["first_divergence"].get<int64_t>();
    html += QStringLiteral("<h3>%1</h3>").arg(qs(g["prompt"].get<std::string>()).toHtmlEscaped());
    html += diverge >= 0 ? QStringLiteral("<p><i>%1</i></p>").arg(tr("Outputs diverge at token %1 (highlighted from there).").arg(diverge))
                         : QStringLiteral("<p><i>%1</i></p>").arg(tr("All outputs are identical."));
    html += QStringLiteral("<table cellpadding='4'>");
    for (const json& r : g["rows"]) {
      QString text;
      const auto& pieces = r["pieces"];
      const bool lp = r.contains("logprob_self");
      for (size_t t = 0; t < pieces.size(); ++t) {
        QString piece = qs(pieces[t].get<std::string>()).toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("↵<br>"));
        QString style;
        QString title;
        if (lp) {
          const double self = r["logprob_self"][t].get<double>(), base = r["logprob_base"][t].get<double>(), delta = self - base;
          const int alpha = static_cast<int>(std::min(200.0, std::fabs(delta) * 40.0));
          style = delta >= 0 ? QStringLiteral("background: rgba(46,125,50,%1);").arg(alpha) : QStringLiteral("background: rgba(198,40,40,%1);").arg(alpha);
          title = QStringLiteral("log p %1, base %2, Δ %3").arg(self, 0, 'f', 3).arg(base, 0, 'f', 3).arg(delta, 0, 'f', 3);
        }
        if (diverge >= 0 && static_cast<int64_t>(t) >= diverge) style += QStringLiteral("border-bottom: 2px solid #f9a825; font-weight: bold;");
        text += style.isEmpty() && title.isEmpty() ? piece : QStringLiteral("<span style='%1' title='%2'>%3</span>").arg(style, title, piece);
      }
      html += QStringLiteral("<tr><td valign='top'><b>%1</b></td><td>%2</td></tr>").arg(qs(r["name"].get<std::string>()).toHtmlEscaped(), text);
    }
    html += QStringLiteral("</table>");
  }
  generations_->setHtml(html);
}

QString ComparePage::generationsHtml() const { return generations_->toHtml(); }

void ComparePage::openCombineDialog() {
  const QStringList dirs = checkedFolders();
  QDialog dialog(this);
  dialog.setWindowTitle(tr("Combine LoRA adapters"));
  auto* form = new QFormLayout(&dialog);
  std::vector<QDoubleSpinBox*> weights;
  for (const QString& d : dirs) {
    auto* w = new QDoubleSpinBox(&dialog);
    w->setRange(-10, 10);
    w->setDecimals(3);
    w->setSingleStep(0.1);
    w->setValue(1.0 / std::max<qsizetype>(1, dirs.size()));
    form->addRow(QDir(d).dirName() + QStringLiteral(":"), w);
    weights.push_back(w);
  }
  auto* method = new QComboBox(&dialog);
  method->addItem(tr("linear (equal ranks, as PEFT)"), QStringLiteral("linear"));
  method->addItem(tr("cat (ranks add up; exactly Σ w·ΔW)"), QStringLiteral("cat"));
  form->addRow(tr("Method:"), method);
  auto* out = new QLineEdit(QDir(settings_->workspaceDir()).filePath(QStringLiteral("combined")), &dialog);
  form->addRow(tr("Output folder:"), out);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
  connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
  form->addRow(buttons);
  if (dialog.exec() != QDialog::Accepted) return;
  std::vector<double> w;
  for (QDoubleSpinBox* b : weights) w.push_back(b->value());
  combine(w, method->currentData().toString(), out->text());
}

void ComparePage::combine(const std::vector<double>& weights, const QString& method, const QString& outDir) {
  const QStringList dirs = checkedFolders();
  std::vector<std::filesystem::path> adapters;
  for (const QString& d : dirs) {
    // A run folder's adapter lives in adapter/.
    const QString a = QFileInfo::exists(QDir(d).filePath(QStringLiteral("run.json"))) ? QDir(d).filePath(QStringLiteral("adapter")) : d;
    adapters.emplace_back(a.toStdString());
  }
  CombineMethod m = CombineMethod::Linear;
  parseCombineMethod(method.toStdString(), &m);
  showError(QString());
  status_->setText(tr("Combining…"));
  const std::string out = outDir.toStdString();
  jobs_->post<bool>(
      [adapters, weights, m, out] {
        combineLoraAdapters(adapters, weights, m, out);
        return true;
      },
      [this, outDir](JobResult<bool> r) {
        if (!r.error.isEmpty()) {
          showError(tr("Cannot combine: %1").arg(r.error));
          emit combined(false);
          return;
        }
        status_->setText(tr("Combined into %1.").arg(QDir::toNativeSeparators(outDir)));
        addFolder(outDir);
        emit combined(true);
      });
}

}  // namespace peftdesk::ui
