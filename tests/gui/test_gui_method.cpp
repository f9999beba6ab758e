// The Method page against the CLI: the live trainable-parameter count and the per-module tree
// equal `peftdesk-cli params --json` for LoRA (all-linear and picked targets, after a rank
// change typed with the keyboard), QLoRA, DoRA, IA³, prefix and prompt tuning; full fine-tuning
// trains every parameter `info` reports; r = 0 is refused inline; the measured dry run reports a
// cost. Methods are chosen on the method cards (Qt Quick) with the mouse and the keyboard, and
// what a card says before it is chosen equals the page's count once it is.
#include <QCheckBox>
#include <QComboBox>
#include <QQuickItem>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

#include "app_settings.h"
#include "form_binder.h"
#include "gui_test_support.h"
#include "main_window.h"
#include "memory_estimate_view.h"
#include "method_cards.h"
#include "method_page.h"
#include "quick_panel.h"
#include "run_draft.h"
#include "train_page.h"
#include "test_support.h"

using namespace peftdesk;

class TestGuiMethod : public QObject {
  Q_OBJECT

  QJsonObject cliParams(const nlohmann::json& method, bool quantized) {
    QFile f(tmp_.filePath("method.json"));
    if (!f.open(QIODevice::WriteOnly)) return {};
    f.write(QByteArray::fromStdString(method.dump()));
    f.close();
    QStringList args{"params", QString::fromStdString(window_->draft()->value("model.path").get<std::string>()), "--method", f.fileName(), "--json"};
    if (quantized) args << "--quant" << "nf4";
    const auto r = test::runCli(args);
    if (r.exitCode != 0) qWarning("%s", qPrintable(r.stderrText));
    return QJsonDocument::fromJson(r.stdoutText.toUtf8()).object();
  }

  // Waits for the page's background count, then checks it against the CLI.
  void expectCountMatchesCli(bool quantized = false) {
    ui::MethodPage* page = window_->methodPage();
    QTRY_VERIFY_WITH_TIMEOUT(!page->counting(), 30000);
    QVERIFY2(page->countError().isEmpty(), qPrintable(page->countError()));
    const QJsonObject cli = cliParams(window_->draft()->value("method"), quantized);
    QCOMPARE(page->report().trainableParams, cli.value("trainable_params").toInteger());
    QCOMPARE(page->report().allParams, cli.value("all_params").toInteger());
    QCOMPARE(static_cast<qint64>(page->report().adapterFileBytes), cli.value("adapter_file_bytes").toInteger());
    // The tree: one row per module holding trainable tensors, its sum equal to the total.
    qint64 sum = 0;
    int modules = 0;
    for (const auto& m : cli.value("modules").toArray()) {
      if (m.toObject().value("trainable_params").toInteger() > 0) ++modules;
    }
    for (int i = 0; i < page->tree()->topLevelItemCount(); ++i) sum += page->tree()->topLevelItem(i)->data(2, Qt::UserRole).toLongLong();
    QCOMPARE(page->tree()->topLevelItemCount(), modules);
    QCOMPARE(sum, page->report().trainableParams);
  }

 private slots:
  void initTestCase() {
    test::useScratchSettings(tmp_.path());
    window_ = std::make_unique<ui::MainWindow>();
    window_->show();
    QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
    window_->showPage(ui::MainWindow::Page::Method);
  }

  void loraAllLinearAndRankChange() {
    ui::MethodPage* page = window_->methodPage();
    QCOMPARE(page->currentMethod(), QString("lora"));
    expectCountMatchesCli();
    QVERIFY(page->summaryText().contains(QLocale().toString(static_cast<qlonglong>(page->report().trainableParams))));
    const int64_t r16 = page->report().trainableParams;

    auto* rank = qobject_cast<QSpinBox*>(page->binder("lora")->editor("method.r"));
    QVERIFY(rank);
    rank->setFocus();
    rank->selectAll();
    QTest::keyClicks(rank, "8");
    QCOMPARE(window_->draft()->value("method.r").get<int>(), 8);
    expectCountMatchesCli();
    QCOMPARE(page->report().trainableParams * 2, r16);  // LoRA parameters are linear in r

    // r = 0: refused inline, no count.
    rank->selectAll();
    QTest::keyClicks(rank, "0");
    QVERIFY2(!page->binder("lora")->problemText("method.r").isEmpty(), "no inline message for r = 0");
    QTRY_VERIFY_WITH_TIMEOUT(!page->counting(), 30000);
    QVERIFY2(page->countError().contains(QString::fromUtf8("Method ▸ Rank (r)")), qPrintable(page->countError()));
    rank->selectAll();
    QTest::keyClicks(rank, "8");
    QVERIFY(page->binder("lora")->problemText("method.r").isEmpty());
  }

  void pickedTargets() {
    ui::MethodPage* page = window_->methodPage();
    const QStringList choices = page->targetChoices();
    for (const char* s : {"q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"}) QVERIFY2(choices.contains(s), s);
    QVERIFY(!choices.contains("lm_head"));
    auto* all = page->findChild<QCheckBox*>("all_linear");
    auto* list = page->findChild<QListWidget*>("targets");
    QVERIFY(all && list);
    all->setFocus();
    QTest::keyClick(all, Qt::Key_Space);  // off: the list decides
    QVERIFY(!all->isChecked());
    for (int i = 0; i < list->count(); ++i) {
      const bool want = list->item(i)->text() == "q_proj" || list->item(i)->text() == "v_proj";
      list->item(i)->setCheckState(want ? Qt::Checked : Qt::Unchecked);
    }
    const auto t = window_->draft()->value("method.target_modules");
    QVERIFY2(t.is_array() && t.size() == 2, t.dump().c_str());
    expectCountMatchesCli();
    const int64_t allLayers = page->report().trainableParams;

    // Only layers 0 and 2, typed as a list.
    auto* layers = qobject_cast<QLineEdit*>(page->binder("lora")->editor("method.layers_to_transform"));
    QVERIFY(layers);
    layers->setFocus();
    QTest::keyClicks(layers, "0, 2");
    QCOMPARE(QString::fromStdString(window_->draft()->value("method.layers_to_transform").dump()), QString("[0,2]"));
    expectCountMatchesCli();
    QCOMPARE(page->report().trainableParams * 2, allLayers);  // 2 of the demo's 4 layers
    layers->selectAll();
    QTest::keyClick(layers, Qt::Key_Delete);
    QVERIFY(window_->draft()->value("method.layers_to_transform").is_null());
  }

  void otherMethods() {
    ui::MethodPage* page = window_->methodPage();
    // Chosen on the method cards with the mouse. What a card says before it is chosen (counted
    // for the configuration choosing it gives) is what the page counts once it is chosen.
    auto choose = [&](const char* id) {
      QTRY_VERIFY_WITH_TIMEOUT(!page->counting(), 30000);
      const QString params = test::quickText(page->chooser(), QStringLiteral("params_%1").arg(id));
      const QString size = test::quickText(page->chooser(), QStringLiteral("size_%1").arg(id));
      const QString memory = test::quickText(page->chooser(), QStringLiteral("memory_%1").arg(id));
      const ui::MethodCardFigures* card = page->cards()->figures(id);
      QVERIFY(card && card->report && card->estimate);
      const ui::MethodCardFigures before = *card;
      QVERIFY2(memory.startsWith(QString::fromUtf8("peak ≈ ") + ui::bytesText(static_cast<double>(before.estimate->peakBytes))), qPrintable(memory));
      test::quickClick(page->chooser(), QStringLiteral("card_%1").arg(id));
      QCOMPARE(page->currentMethod(), QString(id));
      QCOMPARE(page->cards()->current(), QString(id));
      QTRY_VERIFY_WITH_TIMEOUT(!page->counting(), 30000);
      const QLocale locale;
      QVERIFY2(params.startsWith(locale.toString(static_cast<qlonglong>(page->report().trainableParams)) + " trainable"), qPrintable(params));
      QVERIFY2(size.endsWith(ui::bytesText(static_cast<double>(page->report().adapterFileBytes))), qPrintable(size));
      QCOMPARE(before.report->trainableParams, page->report().trainableParams);
      QCOMPARE(before.report->adapterFileBytes, page->report().adapterFileBytes);
      // The estimate part by part, but for the process's own footprint (it changes as the test runs).
      QVERIFY(page->memoryEstimate().has_value());
      QCOMPARE(before.estimate->parts.size(), page->memoryEstimate()->parts.size());
      for (size_t i = 0; i < before.estimate->parts.size(); ++i) {
        if (before.estimate->parts[i].key == "runtime") continue;
        QCOMPARE(before.estimate->parts[i].bytes, page->memoryEstimate()->parts[i].bytes);
      }
      QCOMPARE(test::quickText(page->chooser(), QStringLiteral("params_%1").arg(id)), params);  // and it still says so
    };
    choose("qlora");
    QVERIFY(window_->draft()->value("model.quantization").is_object());
    expectCountMatchesCli(true);
    choose("ia3");
    QVERIFY(window_->draft()->value("model.quantization").is_null());
    expectCountMatchesCli();
    choose("prefix");
    expectCountMatchesCli();
    choose("prompt");
    expectCountMatchesCli();
    choose("dora");
    QCOMPARE(window_->draft()->value("method.use_dora"), nlohmann::json(true));
    expectCountMatchesCli();
    // LoHa and LoKr: their own forms (alpha is `alpha` there) and PEFT's keys in the draft.
    choose("loha");
    QCOMPARE(window_->draft()->value("method.peft_type").get<std::string>(), std::string("LOHA"));
    QVERIFY(page->binder("loha")->editor("method.alpha") && page->binder("loha")->editor("method.rank_dropout"));
    expectCountMatchesCli();
    choose("lokr");
    QCOMPARE(window_->draft()->value("method.peft_type").get<std::string>(), std::string("LOKR"));
    auto* decomposeBoth = qobject_cast<QCheckBox*>(page->binder("lokr")->editor("method.decompose_both"));
    QVERIFY(decomposeBoth);
    window_->draft()->set("method.r", 1);  // r below half the left factor's sides: decompose_both factors it
    QTRY_VERIFY_WITH_TIMEOUT(!page->counting(), 30000);
    const qint64 lokrParams = page->report().trainableParams;
    decomposeBoth->click();  // the left factor becomes low-rank: fewer parameters, recounted
    QCOMPARE(window_->draft()->value("method.decompose_both"), nlohmann::json(true));
    QTRY_VERIFY_WITH_TIMEOUT(!page->counting() && page->report().trainableParams != lokrParams, 30000);
    QVERIFY(page->report().trainableParams < lokrParams);
    expectCountMatchesCli();
    // AdaLoRA: its own form, the schedule's length left to the run (the spin box at its minimum,
    // the key absent), PEFT's count (A, B, E per target; ranknum frozen).
    choose("adalora");
    QCOMPARE(window_->draft()->value("method.peft_type").get<std::string>(), std::string("ADALORA"));
    auto* totalStep = qobject_cast<QSpinBox*>(page->binder("adalora")->editor("method.total_step"));
    QVERIFY(totalStep && page->binder("adalora")->editor("method.init_r") && page->binder("adalora")->editor("method.orth_reg_weight"));
    QCOMPARE(totalStep->value(), totalStep->minimum());
    QVERIFY(!totalStep->specialValueText().isEmpty());
    QVERIFY(window_->draft()->value("method.total_step").is_null());
    expectCountMatchesCli();
    // Bottleneck adapters: the preset as "Placement"; Houlsby adds an adapter after every
    // attention too, so the count doubles (same width at the same factor); a screenshot for review.
    choose("bottleneck");
    QCOMPARE(window_->draft()->value("method.peft_type").get<std::string>(), std::string("BOTTLENECK"));
    auto* placement = qobject_cast<QComboBox*>(page->binder("bottleneck")->editor("method.config"));
    QVERIFY(placement && page->binder("bottleneck")->editor("method.reduction_factor") && page->binder("bottleneck")->editor("method.init_weights"));
    QCOMPARE(placement->currentData().toString(), QStringLiteral("seq_bn"));
    expectCountMatchesCli();
    const qint64 pfeiffer = page->report().trainableParams;
    const int houlsby = placement->findData(QStringLiteral("double_seq_bn"));
    QVERIFY(houlsby >= 0);
    placement->setFocus();
    for (int i = 0; i < placement->count() && placement->currentIndex() != houlsby; ++i)
      QTest::keyClick(placement, placement->currentIndex() < houlsby ? Qt::Key_Down : Qt::Key_Up);
    QCOMPARE(window_->draft()->value("method.config"), nlohmann::json("double_seq_bn"));
    QTRY_VERIFY_WITH_TIMEOUT(!page->counting() && page->report().trainableParams != pfeiffer, 30000);
    QCOMPARE(page->report().trainableParams, 2 * pfeiffer);
    expectCountMatchesCli();
    window_->grab().save(QDir::currentPath() + "/page_method_bottleneck.png");
    // A PiSSA start from the LoRA form's Initialisation list: PEFT's key in the draft, LoRA's count.
    choose("lora");
    auto* init = qobject_cast<QComboBox*>(page->binder("lora")->editor("method.init_lora_weights"));
    QVERIFY(init);
    const int pissa = init->findData(QStringLiteral("pissa"));
    QVERIFY(pissa >= 0 && init->findData(QStringLiteral("olora")) >= 0 && init->findData(QStringLiteral("pissa_niter_16")) >= 0);
    QVERIFY(!init->itemText(pissa).isEmpty());
    init->setFocus();
    for (int i = 0; i < init->count() && init->currentIndex() != pissa; ++i) QTest::keyClick(init, init->currentIndex() < pissa ? Qt::Key_Down : Qt::Key_Up);
    QCOMPARE(init->currentIndex(), pissa);
    QCOMPARE(window_->draft()->value("method.init_lora_weights"), nlohmann::json("pissa"));
    expectCountMatchesCli();
    // A value the list does not offer (a RUN.json or LLaMA-Factory import: pissa_iter 4) is shown
    // as itself, not as the first choice; back on an offered one, that row goes.
    const int offered = init->count();
    window_->draft()->set("method.init_lora_weights", "pissa_niter_4");
    QTRY_COMPARE(init->currentData().toString(), QStringLiteral("pissa_niter_4"));
    QCOMPARE(init->currentText(), QStringLiteral("pissa_niter_4"));
    window_->draft()->set("method.init_lora_weights", "pissa");
    QTRY_COMPARE(init->currentIndex(), pissa);
    QCOMPARE(init->count(), offered);

    choose("full");
    QTRY_VERIFY_WITH_TIMEOUT(!page->counting(), 30000);
    const auto info = test::runCli({"info", QString::fromStdString(window_->draft()->value("model.path").get<std::string>()), "--json"});
    const qint64 all = QJsonDocument::fromJson(info.stdoutText.toUtf8()).object().value("num_parameters").toInteger();
    QCOMPARE(page->report().trainableParams, all);
    QCOMPARE(page->report().allParams, all);
    choose("freeze");
    QTRY_VERIFY_WITH_TIMEOUT(!page->counting(), 30000);
    QVERIFY(page->report().trainableParams > 0 && page->report().trainableParams < all);
    // Two of four layers: every tree row is a module of layer 2 or 3.
    for (int i = 0; i < page->tree()->topLevelItemCount(); ++i) {
      const QString m = page->tree()->topLevelItem(i)->text(0);
      QVERIFY2(m.contains(".layers.2.") || m.contains(".layers.3."), qPrintable(m));
    }
    choose("lora");
    QVERIFY(!window_->draft()->value("method.use_dora").is_boolean() || !window_->draft()->value("method.use_dora").get<bool>());
    expectCountMatchesCli();
    // From the keyboard: the focused card is chosen with Space.
    window_->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window_.get()));
    page->chooser()->setFocus();
    auto* ia3 = qobject_cast<QQuickItem*>(page->chooser()->findItem("card_ia3"));
    QVERIFY(ia3);
    ia3->forceActiveFocus();
    QTest::keyClick(page->chooser(), Qt::Key_Space);
    QCOMPARE(page->currentMethod(), QString("ia3"));
    QTest::keyClick(page->chooser(), Qt::Key_Backtab);  // Shift+Tab: the card before it, AdaLoRA
    QTest::keyClick(page->chooser(), Qt::Key_Return);
    QCOMPARE(page->currentMethod(), QString("adalora"));
    choose("lora");
    // The form shows the new method's values, not the ones typed before.
    auto* rank = qobject_cast<QSpinBox*>(page->binder("lora")->editor("method.r"));
    QCOMPARE(rank->value(), window_->draft()->value("method.r").get<int>());
  }

  void eachMethodKeepsItsSettings() {
    // LoRA → IA³ → LoRA once reset rank and targets to the defaults (issue 20's walk): each method
    // comes back as it was left while the window lives; QLoRA keeps its 4-bit settings too.
    ui::MethodPage* page = window_->methodPage();
    ui::RunDraft* draft = window_->draft();
    page->chooseMethod("lora");
    draft->set("method.r", 6);
    draft->set("method.lora_alpha", 12);
    draft->set("train.loraplus_lr_ratio", 8.0);
    page->setTargets({"q_proj", "v_proj"});
    page->chooseMethod("ia3");
    QVERIFY(draft->value("train.loraplus_lr_ratio").is_null());
    page->setTargets({"k_proj"});
    const nlohmann::json ia3 = draft->value("method");
    page->chooseMethod("lora");
    QCOMPARE(draft->value("method.r").get<int>(), 6);
    QCOMPARE(draft->value("method.lora_alpha").get<int>(), 12);
    QCOMPARE(draft->value("method.target_modules"), (nlohmann::json{"q_proj", "v_proj"}));
    QCOMPARE(draft->value("train.loraplus_lr_ratio").get<double>(), 8.0);
    auto* rank = qobject_cast<QSpinBox*>(page->binder("lora")->editor("method.r"));
    QCOMPARE(rank->value(), 6);  // the form shows it too
    page->chooseMethod("ia3");
    QCOMPARE(draft->value("method"), ia3);
    page->chooseMethod("qlora");
    draft->set("model.quantization.type", "fp4");
    QCOMPARE(draft->value("method.r").get<int>(), 6);  // LoRA and QLoRA share the method keys
    page->chooseMethod("prefix");
    QVERIFY(draft->value("model.quantization").is_null());
    page->chooseMethod("qlora");
    QCOMPARE(draft->value("model.quantization.type").get<std::string>(), std::string("fp4"));
    page->chooseMethod("lora");
    QVERIFY(draft->value("model.quantization").is_null());
    page->chooseMethod("qlora");  // back from LoRA, of the same family: the 4-bit settings too
    QCOMPARE(draft->value("model.quantization.type").get<std::string>(), std::string("fp4"));
    page->chooseMethod("lora");
    QTRY_VERIFY_WITH_TIMEOUT(!page->counting(), 30000);
  }

  // The memory estimate: the same parts as `train --dry-run --json` of the saved draft (all but the
  // process's own footprint, which is this test's), refreshed when the micro-batch changes, and the
  // Train page's line names the same device and total.
  void memoryEstimateMatchesCli() {
    ui::MethodPage* page = window_->methodPage();
    QTRY_VERIFY_WITH_TIMEOUT(!page->counting(), 30000);
    QVERIFY2(page->memoryEstimate().has_value(), qPrintable(page->estimateText()));
    const QString run = tmp_.filePath("estimate.json");
    window_->draft()->saveTo(run);
    auto cliParts = [&] {
      const auto r = test::runCli({"train", run, "--dry-run", "--json"});
      if (r.exitCode != 0) qWarning("%s", qPrintable(r.stderrText));
      return QJsonDocument::fromJson(r.stdoutText.toUtf8()).object().value("estimate").toObject().value("parts").toObject();
    };
    auto expectSameParts = [&](const QJsonObject& cli) {
      QVERIFY(!cli.isEmpty());
      for (const MemoryPart& p : page->memoryEstimate()->parts) {
        if (p.key == "runtime") continue;
        QVERIFY2(static_cast<double>(p.bytes) == cli.value(QString::fromStdString(p.key)).toDouble(),
                 qPrintable(QStringLiteral("%1: page %2, CLI %3").arg(QString::fromStdString(p.key)).arg(p.bytes).arg(cli.value(QString::fromStdString(p.key)).toDouble(), 0, 'f', 0)));
      }
    };
    expectSameParts(cliParts());
    QVERIFY(page->estimateText().contains("Activations"));
    const double before = page->memoryEstimate()->peakBytes;

    window_->draft()->set("train.per_device_train_batch_size", 16);
    QTRY_VERIFY_WITH_TIMEOUT(!page->counting() && page->memoryEstimate() && page->memoryEstimate()->peakBytes > before, 30000);
    window_->draft()->saveTo(run);
    expectSameParts(cliParts());

    ui::TrainPage* train = window_->trainPage();
    QTRY_VERIFY_WITH_TIMEOUT(!train->estimating() && train->estimateText().contains("Peak memory on cpu"), 30000);
    window_->draft()->set("train.per_device_train_batch_size", nullptr);

    // The Train page's optimizer choice reaches the draft and the estimate: 8-bit AdamW keeps less
    // (rank 64: every LoRA matrix of the demo model has the 4096 elements 8-bit states need).
    const nlohmann::json rank = window_->draft()->value("method.r");
    window_->draft()->set("method.r", 64);
    QTRY_VERIFY_WITH_TIMEOUT(!page->counting() && page->memoryEstimate(), 30000);
    auto optimizerBytes = [&] {
      for (const MemoryPart& p : page->memoryEstimate()->parts)
        if (p.key == "optimizer") return static_cast<double>(p.bytes);
      return -1.0;
    };
    const double fp32Moments = optimizerBytes();
    auto* optim = train->findChild<QComboBox*>("train.optim");
    QVERIFY(optim);
    const int eightBit = optim->findData(QStringLiteral("adamw_8bit"));
    QVERIFY(eightBit >= 0);
    auto choose = [&](int index) {  // as a user's pick: the box's activated signal writes the draft
      optim->setCurrentIndex(index);
      emit optim->activated(index);
    };
    choose(eightBit);
    QCOMPARE(window_->draft()->value("train.optim").get<std::string>(), std::string("adamw_8bit"));
    QTRY_VERIFY_WITH_TIMEOUT(!page->counting() && page->memoryEstimate() && optimizerBytes() < fp32Moments, 30000);
    window_->draft()->saveTo(run);
    expectSameParts(cliParts());
    choose(optim->findData(QStringLiteral("adamw_torch")));
    QTRY_VERIFY_WITH_TIMEOUT(!page->counting() && page->memoryEstimate() && optimizerBytes() == fp32Moments, 30000);
    window_->draft()->set("method.r", rank);
  }

  void measuredDryRun() {
    ui::MethodPage* page = window_->methodPage();
    QSignalSpy done(page, &ui::MethodPage::measured);
    QTest::mouseClick(page->measureButton(), Qt::LeftButton);
    QVERIFY(done.wait(120000));
    QVERIFY2(page->measureText().contains("s per step"), qPrintable(page->measureText()));
    // The user's output folder is untouched by the probe.
    QVERIFY(!QFileInfo::exists(QString::fromStdString(window_->draft()->value("output_dir").get<std::string>())));
    window_->grab().save(QDir::currentPath() + "/page_method.png");
  }

  void cleanupTestCase() { window_.reset(); }

 private:
  QTemporaryDir tmp_;
  std::unique_ptr<ui::MainWindow> window_;
};

QTEST_MAIN(TestGuiMethod)
#include "test_gui_method.moc"
