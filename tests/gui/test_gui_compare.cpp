// The Compare page on three runs trained on the demo by the CLI (LoRA r16 all-linear, LoRA r16 on
// q/v, IA³): tick them, Compare; the summary equals `peftdesk-cli compare --json`, "differences
// only" hides equal keys, the overlaid curves hold every metrics row and toggle per run, the
// held-out evaluation equals `compare --data` (fp32, and on a 4-bit NF4 base `--quant nf4`), the
// ‖ΔW‖ heatmap cells equal the per-module statistics, the evaluation exports as CSV, and
// generations through the base and every adapter on one resident base equal separate
// `peftdesk-cli generate` runs.
#include <qcustomplot.h>

#include <QCheckBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QToolTip>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <nlohmann/json.hpp>

#include "app_settings.h"
#include "compare_page.h"
#include "gui_test_support.h"
#include "main_window.h"
#include "peftdesk/comparison.h"
#include "precision_box.h"
#include "test_support.h"

using namespace peftdesk;

// The GUI's evaluation and the CLI's run the same code in two processes. Here they agree to the
// last bit, but on CI (2026-12-02, torch 2.11 wheel, CPU model not reported) a row differed beyond
// 1e-9 relative: LibTorch's CPU GEMM and reductions do not promise one rounding across processes
// (MKL's results may depend on buffer alignment and thread blocking). 1e-5 relative still tells
// any other data, cutoff, adapter or precision apart: the nearest, bf16 against fp32, moved the
// demo rows by 1.3e-4 or more here.
constexpr double kSameComputation = 1e-5;

class TestGuiCompare : public QObject {
  Q_OBJECT

  QString train(const QString& name, const nlohmann::json& method) {
    return test::trainDemoRun(tmp_.filePath(name), method, {{"data", {{"val_size", 0.1}}}, {"train", {{"eval_steps", 5}}}});
  }

 private slots:
  void initTestCase() {
    test::useScratchSettings(tmp_.path());
    const nlohmann::json lora = {{"peft_type", "LORA"}, {"task_type", "CAUSAL_LM"}, {"r", 16}, {"lora_alpha", 32}, {"target_modules", "all-linear"}};
    nlohmann::json qv = lora;
    qv["target_modules"] = {"q_proj", "v_proj"};
    runs_ << train("lora-all", lora) << train("lora-qv", qv)
          << train("ia3", {{"peft_type", "IA3"}, {"task_type", "CAUSAL_LM"}, {"target_modules", {"k_proj", "v_proj", "down_proj"}},
                           {"feedforward_modules", {"down_proj"}}});
    for (const QString& r : runs_) QVERIFY2(!r.isEmpty(), "training a run failed");
  }

  void compareRuns() {
    ui::MainWindow w;
    w.resize(1300, 850);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    ui::ComparePage* page = w.comparePage();
    QSignalSpy listed(page, &ui::ComparePage::listed);
    w.showPage(ui::MainWindow::Page::Compare);
    QVERIFY(listed.wait(10000));
    auto* items = page->findChild<QListWidget*>("compare_items");
    QCOMPARE(items->count(), 3);
    page->check(runs_);
    QCOMPARE(page->checkedFolders().size(), 3);
    QSignalSpy compared(page, &ui::ComparePage::compared);
    auto* compareButton = page->findChild<QPushButton*>("compare");
    QVERIFY(compareButton && compareButton->isVisible());
    QTest::mouseClick(compareButton, Qt::LeftButton);
    QVERIFY2(!compared.isEmpty() || compared.wait(60000), qPrintable(page->errorText()));
    QVERIFY2(page->errorText().isEmpty(), qPrintable(page->errorText()));

    // Summary = the CLI's document.
    const auto cli = test::runCli({"compare", runs_[0], runs_[1], runs_[2], "--json"});
    QVERIFY2(cli.exitCode == 0, qPrintable(cli.stderrText));
    const QJsonArray cliItems = QJsonDocument::fromJson(cli.stdoutText.toUtf8()).object().value("items").toArray();
    QCOMPARE(page->summaryTable()->rowCount(), 3);
    // The page lists runs newest first: match by name.
    for (const auto& mine : page->result()["items"]) {
      QJsonObject theirs;
      for (const auto& c : cliItems)
        if (c.toObject().value("name").toString() == QString::fromStdString(mine["name"].get<std::string>())) theirs = c.toObject();
      QVERIFY(!theirs.isEmpty());
      QCOMPARE(static_cast<qint64>(mine["adapter_params"].get<int64_t>()), theirs.value("adapter_params").toInteger());
      QCOMPARE(mine["final_loss"].get<double>(), theirs.value("final_loss").toDouble());
    }
    auto indexOf = [&](const QString& name) {
      for (size_t i = 0; i < page->result()["items"].size(); ++i)
        if (QString::fromStdString(page->result()["items"][i]["name"].get<std::string>()) == name) return static_cast<int>(i);
      return -1;
    };

    // Configuration: differences only hides the equal keys.
    const int diffRows = page->configTable()->rowCount();
    QVERIFY(diffRows >= 2);  // method.* and output_dir at least
    page->differencesOnly()->setChecked(false);
    QVERIFY(page->configTable()->rowCount() > diffRows + 10);
    page->differencesOnly()->setChecked(true);
    QCOMPARE(page->configTable()->rowCount(), diffRows);

    // Curves: one graph per run with every training row; unticking hides it.
    QCOMPARE(page->curvesPlot()->graphCount(), 3);
    for (int k = 0; k < 3; ++k) {
      const int i = indexOf(QDir(runs_[k]).dirName());
      QFile metrics(runs_[k] + "/metrics.jsonl");
      QVERIFY(metrics.open(QIODevice::ReadOnly));
      int trainRows = 0;
      for (const QByteArray& line : metrics.readAll().split('\n')) trainRows += line.contains("\"loss\"") && !line.contains("eval_loss");
      QCOMPARE(page->curvesPlot()->graph(i)->dataCount(), trainRows);
    }
    page->curveToggles()->item(1)->setCheckState(Qt::Unchecked);
    QVERIFY(!page->curvesPlot()->graph(1)->visible());
    QVERIFY(page->curvesPlot()->graph(0)->visible());

    // Heatmap of ‖ΔW‖ for the all-linear run.
    page->heatmapChoice()->setCurrentIndex(page->heatmapChoice()->findData("norm:lora-all"));
    emit page->heatmapChoice()->activated(page->heatmapChoice()->currentIndex());
    for (const auto& m : page->result()["items"][static_cast<size_t>(indexOf("lora-all"))]["weights"]) {
      const std::string module = m["module"].get<std::string>();
      const QString suffix = QString::fromStdString(module.substr(module.rfind('.') + 1));
      QCOMPARE(page->heatmapValue(m["layer"].get<int>(), suffix), m["delta_norm"].get<double>());
    }
    // A colour scale spans the values; hovering a cell shows its layer, module and value.
    {
      const nlohmann::json& first = page->result()["items"][static_cast<size_t>(indexOf("lora-all"))]["weights"][0];
      const std::string module = first["module"].get<std::string>();
      const QString suffix = QString::fromStdString(module.substr(module.rfind('.') + 1));
      const int layer = first["layer"].get<int>();
      const double value = first["delta_norm"].get<double>();
      QVERIFY(page->heatmapScale()->dataRange().contains(value));
      QCOMPARE(page->heatmapScale()->axis()->label(), QString::fromUtf8("‖ΔW‖ (Frobenius norm)"));
      QCustomPlot* plot = page->heatmap();
      page->findChild<QTabWidget*>()->setCurrentWidget(plot->parentWidget());  // laid out where the user sees it
      QTRY_VERIFY(plot->isVisible() && plot->axisRect()->rect().width() > 50);
      plot->replot();
      QString tip;
      QPoint at;
      for (int column = 0; column < 16 && tip.isEmpty(); ++column) {
        at = QPoint(static_cast<int>(plot->xAxis->coordToPixel(column)), static_cast<int>(plot->yAxis->coordToPixel(layer)));
        if (page->heatmapTipAt(at).contains(QString::fromUtf8(" · %1: ").arg(suffix))) tip = page->heatmapTipAt(at);
      }
      QCOMPARE(tip, QString::fromUtf8("layer %1 · %2: %3").arg(layer).arg(suffix, QLocale().toString(value, 'g', 4)));
      QTest::mouseMove(plot, at);
      QTRY_COMPARE(QToolTip::text(), tip);
    }
    QVERIFY(page->heatmapChoice()->findData("cos:lora-all|lora-qv") >= 0 || page->heatmapChoice()->findData("cos:lora-qv|lora-all") >= 0);
    // The cosine map diverges around 0 (white), over [-1, 1].
    {
      int cos = page->heatmapChoice()->findData("cos:lora-all|lora-qv");
      if (cos < 0) cos = page->heatmapChoice()->findData("cos:lora-qv|lora-all");
      page->heatmapChoice()->setCurrentIndex(cos);
      emit page->heatmapChoice()->activated(cos);
      QCOMPARE(page->heatmapScale()->dataRange(), QCPRange(-1, 1));
      const QColor middle = QColor::fromRgb(page->heatmapScale()->gradient().color(0.0, QCPRange(-1, 1)));
      QVERIFY2(middle.red() > 230 && middle.green() > 230 && middle.blue() > 230, qPrintable(middle.name()));
      QCOMPARE(page->heatmapScale()->axis()->label(), QString::fromUtf8("ΔW cosine"));
      w.grab().save(QDir::currentPath() + "/page_compare_cosine.png");
    }

    // No evaluation file is proposed: the data at hand is the training data.
    QSignalSpy evaluated(page, &ui::ComparePage::evaluated);
    auto* evalData = page->findChild<QLineEdit*>("eval_data");
    QVERIFY(evalData && evalData->text().isEmpty());
    page->evaluate(evalData->text());
    QVERIFY(!evaluated.isEmpty() || evaluated.wait(1000));
    QVERIFY2(page->errorText().contains("held-out"), qPrintable(page->errorText()));

    // Evaluation on data the runs did not train on: no warning.
    const QString heldOut = tmp_.filePath("held_out.json");
    {
      QFile f(heldOut);
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write(R"([{"instruction": "Name a colour of the sky at noon.", "input": "", "output": "Blue."},
                  {"instruction": "What is 2 plus 5?", "input": "", "output": "7"}])");
    }
    evaluated.clear();
    page->evaluate(heldOut);
    QVERIFY(evaluated.wait(120000));
    QVERIFY2(page->errorText().isEmpty(), qPrintable(page->errorText()));
    QVERIFY2(page->evaluationWarning().isEmpty(), qPrintable(page->evaluationWarning()));

    // Evaluation on the demo data, the runs' own: each run is named with the number of evaluation
    // examples it trained on — all but its 10 % validation split — and the scores equal the CLI's.
    const QString data = test::sourceDir() + "/resources/demo/data/demo_alpaca.json";
    int records = 0;
    {
      QFile f(data);
      QVERIFY(f.open(QIODevice::ReadOnly));
      records = static_cast<int>(nlohmann::json::parse(f.readAll().toStdString()).size());
    }
    const int trainedOn = records - static_cast<int>(std::ceil(0.1 * records));
    evaluated.clear();
    page->evaluate(data);
    QVERIFY(evaluated.wait(120000));
    QVERIFY2(page->errorText().isEmpty(), qPrintable(page->errorText()));
    for (const QString& run : runs_)
      QVERIFY2(page->evaluationWarning().contains(QStringLiteral("%1 trained on %2 of the %3 evaluation examples").arg(QDir(run).dirName()).arg(trainedOn).arg(records)),
               qPrintable(page->evaluationWarning()));
    QCOMPARE(page->evaluationTable()->rowCount(), 4);
    QStringList ordered;
    for (const auto& it : page->result()["items"]) ordered << tmp_.filePath(QString::fromStdString(it["name"].get<std::string>()));
    const auto cliEval = test::runCli(QStringList{"compare"} + ordered + QStringList{"--data", data, "--json"});
    QVERIFY2(cliEval.exitCode == 0, qPrintable(cliEval.stderrText));
    const QJsonArray rows = QJsonDocument::fromJson(cliEval.stdoutText.toUtf8()).object().value("evaluation").toObject().value("rows").toArray();
    QCOMPARE(rows.size(), 4);
    // Row by row, matched by name, the loss within kSameComputation (see there).
    auto checkRowsEqual = [&](const QJsonArray& cliRows) {
      const nlohmann::json& pageRows = page->result()["evaluation"]["rows"];
      QCOMPARE(static_cast<qsizetype>(pageRows.size()), cliRows.size());
      for (qsizetype i = 0; i < cliRows.size(); ++i) {
        const QJsonObject theirs = cliRows[i].toObject();
        const nlohmann::json& mine = pageRows[static_cast<size_t>(i)];
        QCOMPARE(QString::fromStdString(mine["name"].get<std::string>()), theirs.value("name").toString());
        QCOMPARE(static_cast<qint64>(mine["tokens"].get<int64_t>()), theirs.value("tokens").toInteger());
        const double a = mine["loss"].get<double>(), b = theirs.value("loss").toDouble();
        QVERIFY2(std::fabs(a - b) <= kSameComputation * a,
                 qPrintable(QStringLiteral("row %1: GUI loss %2, CLI loss %3").arg(theirs.value("name").toString()).arg(a, 0, 'g', 17).arg(b, 0, 'g', 17)));
      }
    };
    checkRowsEqual(rows);
    if (QTest::currentTestFailed()) return;
    QCOMPARE(page->result()["evaluation"]["precision"].get<std::string>(), std::string("fp32"));
    // Held as a 4-bit NF4 base (as QLoRA trains): equal to `compare --quant nf4 --dtype bf16`.
    page->precision()->setKey("nf4");
    page->evaluate(data);
    QVERIFY(evaluated.wait(120000));
    QVERIFY2(page->errorText().isEmpty(), qPrintable(page->errorText()));
    QCOMPARE(page->result()["evaluation"]["precision"].get<std::string>(), std::string("nf4 (bf16 compute)"));
    const auto cliNf4 = test::runCli(QStringList{"compare"} + ordered + QStringList{"--data", data, "--quant", "nf4", "--dtype", "bf16", "--json"});
    QVERIFY2(cliNf4.exitCode == 0, qPrintable(cliNf4.stderrText));
    const QJsonArray nf4Rows = QJsonDocument::fromJson(cliNf4.stdoutText.toUtf8()).object().value("evaluation").toObject().value("rows").toArray();
    checkRowsEqual(nf4Rows);
    if (QTest::currentTestFailed()) return;
    for (int i = 0; i < 4; ++i) {  // not the fp32 numbers (a 4-bit base moved the demo rows by 0.1-0.4 % here)
      const double mine = page->result()["evaluation"]["rows"][static_cast<size_t>(i)]["loss"].get<double>();
      QVERIFY(std::fabs(mine - rows[i].toObject().value("loss").toDouble()) > 1e-4 * mine);
    }
    page->precision()->setKey("fp32");
    page->evaluate(data);
    QVERIFY(evaluated.wait(120000));
    const QString csv = tmp_.filePath("eval.csv");
    QVERIFY(page->exportEvaluation(csv));
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll().toStdString(), evaluationCsv(page->result()));

    // Generations: base + every adapter on the resident base equal separate CLI runs (one model
    // load each), the divergence index matches the tokens, log-probabilities under the base of the
    // base's own row equal its own.
    QSignalSpy generated(page, &ui::ComparePage::generated);
    page->generate({"What is 3 plus 4?"}, 12, true);
    QVERIFY(generated.wait(120000));
    QVERIFY2(page->errorText().isEmpty(), qPrintable(page->errorText()));
    const auto& g = page->result()["generations"][0];
    QCOMPARE(static_cast<int>(g["rows"].size()), 4);
    for (const auto& row : g["rows"]) {
      QStringList args{"generate", test::sourceDir() + "/resources/demo/model", "--chat", "--prompt", "What is 3 plus 4?", "--max-new-tokens", "12", "--json"};
      if (!row["adapter"].get<std::string>().empty()) args << "--adapter" << QString::fromStdString(row["adapter"].get<std::string>());
      const auto one = test::runCli(args);
      QVERIFY2(one.exitCode == 0, qPrintable(one.stderrText));
      const QJsonObject j = QJsonDocument::fromJson(one.stdoutText.toUtf8()).object();
      QCOMPARE(QString::fromStdString(row["text"].get<std::string>()), j.value("text").toString());
      QCOMPARE(row["logprob_self"].size(), row["tokens"].size());
      for (double lp : row["logprob_self"]) QVERIFY(lp <= 0);
    }
    const auto& baseRow = g["rows"][0];
    QCOMPARE(QString::fromStdString(baseRow["name"].get<std::string>()), QString("base"));
    QCOMPARE(baseRow["logprob_self"].dump(), baseRow["logprob_base"].dump());
    const int64_t diverge = g["first_divergence"].get<int64_t>();
    QVERIFY(diverge >= 0);  // trained adapters answer differently from the base
    for (int64_t t = 0; t < diverge; ++t)
      for (const auto& row : g["rows"]) QCOMPARE(row["tokens"][static_cast<size_t>(t)], g["rows"][0]["tokens"][static_cast<size_t>(t)]);
    QVERIFY(page->generationsHtml().contains("diverge"));
    w.grab().save(QDir::currentPath() + "/page_compare.png");
  }

  void combineInTheGui() {
    ui::MainWindow w;
    ui::ComparePage* page = w.comparePage();
    QSignalSpy listed(page, &ui::ComparePage::listed);
    page->refreshRuns();
    QVERIFY(listed.wait(10000));
    page->check({runs_[0], runs_[1]});  // the two r16 LoRA runs
    const QStringList order = page->checkedFolders();  // the list's order: weights go in this order
    QSignalSpy done(page, &ui::ComparePage::combined);
    const QString out = tmp_.filePath("combined-gui");
    page->combine({0.7, 0.3}, "linear", out);
    QVERIFY(done.wait(60000));
    QVERIFY2(done.first().first().toBool(), qPrintable(page->errorText()));
    QVERIFY(page->checkedFolders().contains(out));
    // The same as the CLI (itself bit-identical to PEFT, test_compare).
    const QString cliOut = tmp_.filePath("combined-cli");
    const auto r = test::runCli({"combine", "--adapter", order[0] + "/adapter", "--adapter", order[1] + "/adapter", "--weight", "0.7", "--weight",
                                 "0.3", "--out", cliOut});
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    QFile a(out + "/adapter_model.safetensors"), b(cliOut + "/adapter_model.safetensors");
    QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
    QVERIFY(a.readAll() == b.readAll());
    // A second combine into the same, now non-empty, folder is refused.
    QSignalSpy again(page, &ui::ComparePage::combined);
    page->check({runs_[0], runs_[1]});
    page->combine({0.5, 0.5}, "linear", out);
    QVERIFY(again.wait(60000));
    QVERIFY(!again.first().first().toBool());
    QVERIFY(page->errorText().contains("not empty"));
  }

  void refusesFewerThanTwo() {
    ui::MainWindow w;
    ui::ComparePage* page = w.comparePage();
    QSignalSpy listed(page, &ui::ComparePage::listed);
    page->refreshRuns();
    QVERIFY(listed.wait(10000));
    page->check({runs_[0]});
    QSignalSpy compared(page, &ui::ComparePage::compared);
    page->compare();
    QVERIFY(!compared.isEmpty() || compared.wait(1000));
    QVERIFY(page->errorText().contains("at least two"));
  }

 private:
  QTemporaryDir tmp_;
  QStringList runs_;
};

QTEST_MAIN(TestGuiCompare)
#include "test_gui_compare.moc"
