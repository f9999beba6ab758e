// The Compare page (issue 7): pick any number of runs of the workspace or adapter folders on the
// same base and see them side by side — a sortable summary (method, size, time, tokens, losses,
// what the weights learned), their configurations with "differences only", their curves overlaid
// (loss, eval loss or learning rate; by step, epoch, tokens or time; each toggleable), a held-out
// evaluation of every adapter and the base on one resident base (sortable, exported as CSV or
// JSON), and heatmaps of ‖ΔW‖ per layer and module or of the ΔW cosine between two adapters.
// Evaluation and generations hold the base as "Load the base as" says (fp32, bf16 or a 4-bit NF4
// base, on which a QLoRA adapter was trained). All numbers come from core's compareAdapters (what
// `peftdesk-cli compare` prints), computed off the GUI thread.
#pragma once

#include <QWidget>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <vector>

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QCPColorMap;
class QCPColorScale;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QTextBrowser;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTableWidget;

namespace peftdesk {
struct LoadOptions;
}  // namespace peftdesk

namespace peftdesk::ui {

class AppSettings;
class BackgroundQueue;
class DeviceBox;
class PrecisionBox;

class ComparePage : public QWidget {
  Q_OBJECT
 public:
  explicit ComparePage(QWidget* parent = nullptr);
  ~ComparePage() override;

  // Lists the workspace's runs (background); listed() follows.
  void refreshRuns();
  void addFolder(const QString& dir);  // a run or adapter folder from anywhere
  // Checks the items whose folders are given (others unchecked) — what a user ticks.
  void check(const QStringList& dirs);
  QStringList checkedFolders() const;
  // Compares the checked items (background); compared() follows.
  void compare();
  // Evaluates on `dataPath` (background); evaluated() follows. Refused without a file; runs that
  // trained on examples of it are named in evaluationWarning().
  void evaluate(const QString& dataPath);
  QString evaluationWarning() const;
  bool busy() const;
  const nlohmann::json& result() const { return result_; }
  QString errorText() const;

  QTableWidget* summaryTable() const { return summary_; }
  QTableWidget* configTable() const { return config_; }
  QTableWidget* evaluationTable() const { return evaluation_; }
  QCheckBox* differencesOnly() const { return diffOnly_; }
  QListWidget* curveToggles() const { return curveRuns_; }
  QCustomPlot* curvesPlot() const { return curves_; }
  QCustomPlot* heatmap() const { return heatmap_; }
  QComboBox* heatmapChoice() const { return heatChoice_; }
  PrecisionBox* precision() const { return precision_; }  // how Evaluate and Generate hold the base
  // Value of the heatmap cell (layer, module suffix); NaN when absent.
  double heatmapValue(int layer, const QString& module) const;
  // What hovering the heatmap at `pixel` shows ("layer 2 · q_proj: 0.01234"; empty off the cells),
  // and the colour scale beside it (its data range is the colours' range).
  QString heatmapTipAt(const QPoint& pixel) const;
  QCPColorScale* heatmapScale() const { return heatScale_; }
  bool exportEvaluation(const QString& file);  // .csv or .json by suffix
  // Generates from each prompt with the base and every ticked adapter (background); generated()
  // follows. Tokens after the first divergence are highlighted; with log-probabilities, each
  // token is tinted by how much more (green) or less (red) likely its model made it than the base.
  void generate(const QStringList& prompts, int maxNewTokens, bool logprobs);
  QString generationsHtml() const;
  // A new LoRA adapter from the ticked LoRA items, as PEFT's add_weighted_adapter (background);
  // combined() follows, and the new folder joins the list, ticked.
  void combine(const std::vector<double>& weights, const QString& method, const QString& outDir);

 signals:
  void listed();
  void compared();
  void evaluated();
  void generated();
  void combined(bool ok);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  QWidget* buildRunsColumn(QWidget* parent);
  QWidget* buildSummaryTab(QWidget* parent);
  QWidget* buildConfigurationTab(QWidget* parent);
  QWidget* buildCurvesTab(QWidget* parent);
  QWidget* buildEvaluationTab(QWidget* parent);
  QWidget* buildWeightsTab(QWidget* parent);      // compare_page_heatmap.cpp
  QWidget* buildGenerationsTab(QWidget* parent);  // compare_page_generate.cpp
  void connectControls();
  void retranslate();
  void showResult();
  void fillSummary();
  void fillConfig();
  void fillCurves();
  void drawCurves();
  void fillEvaluation();
  void fillHeatChoices();
  void drawHeatmap();
  void showGenerations();
  void openCombineDialog();
  void showError(const QString& text);
  std::vector<std::filesystem::path> checkedPaths() const;

  AppSettings* settings_;
  BackgroundQueue* listJobs_;
  BackgroundQueue* jobs_;
  QListWidget* runs_;
  QPushButton* addFolder_;
  QPushButton* compare_;
  QPushButton* combine_;
  QLabel* status_;
  QTabWidget* tabs_;
  QTableWidget* summary_;
  QCheckBox* diffOnly_;
  QTableWidget* config_;
  QComboBox* curveMetric_;
  QComboBox* curveAxis_;
  QListWidget* curveRuns_;
  QCustomPlot* curves_;
  QLineEdit* evalData_;
  QPushButton* evalBrowse_;
  QSpinBox* evalCutoff_;
  QSpinBox* evalSamples_;
  QPushButton* evalRun_;
  QPushButton* exportCsv_;
  QPushButton* exportJson_;
  QTableWidget* evaluation_;
  QLabel* evalWarning_;
  QComboBox* heatChoice_;
  QPlainTextEdit* prompts_;
  QSpinBox* maxTokens_;
  QCheckBox* logprobs_;
  QPushButton* generate_;
  QTextBrowser* generations_;
  QCustomPlot* heatmap_;
  QCPColorScale* heatScale_;
  QCPColorMap* heatMap_ = nullptr;
  bool heatCosine_ = false;
  PrecisionBox* precision_;
  DeviceBox* device_;
  LoadOptions baseLoadOptions() const;  // precision and device of the base for Evaluate and Generate
  nlohmann::json result_;
  QString error_;
  std::vector<std::vector<nlohmann::json>> metrics_;  // per item: metrics.jsonl rows (runs)
  std::vector<QString> heatModules_;
  int heatLayers_ = 0;
  std::vector<std::vector<double>> heatValues_;  // [layer][module]
};

}  // namespace peftdesk::ui
