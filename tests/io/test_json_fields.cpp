// Every field of every JSON file PeftDesk reads — config.json, generation_config.json,
// adapter_config.json, RUN.json, tokenizer.json / tokenizer_config.json / special_tokens_map.json,
// dataset_info.json, a run folder's run.json / status.json / notes.json / metrics.jsonl, a checkpoint's
// trainer_state.json and MANIFEST — removed, set to null or given another type, one at a time
// (issue 19). The reader may accept the change; if it refuses, it throws peftdesk::Error naming the
// file or the field. Any other exception is what the CLI can only call "unexpected" (exit 70).
#include <QDir>
#include <QRegularExpression>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>

#include "peftdesk/comparison.h"
#include "peftdesk/dataset.h"
#include "peftdesk/error.h"
#include "peftdesk/generation_config.h"
#include "peftdesk/json_file.h"
#include "peftdesk/model.h"
#include "peftdesk/model_card.h"
#include "peftdesk/model_config.h"
#include "peftdesk/run_config.h"
#include "peftdesk/run_summary.h"
#include "peftdesk/tokenizer.h"
#include "test_support.h"
#include "train/checkpoint_store.h"  // fileChecksum: a changed trainer_state.json is sealed again

using namespace peftdesk;
using json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

struct Mutation {
  std::string where;  // "/rope_scaling/factor removed"
  std::string key;    // the nearest object key the change touched ("factor")
  json doc;
};

// Values of other types than `v` (null among them), for a field that holds `v`.
std::vector<json> otherTypes(const json& v) {
  std::vector<json> out{nullptr};
  if (!v.is_string()) out.push_back("text");
  if (!v.is_number_integer()) out.push_back(7);
  if (!v.is_number()) out.push_back(1.5);
  if (!v.is_number() || v.get<double>() >= 0) out.push_back(-3);
  if (!v.is_boolean()) out.push_back(true);
  if (!v.is_array()) out.push_back(json::array());
  if (!v.is_object()) out.push_back(json::object());
  return out;
}

// One change at a time at every field down to `depth` levels; large objects (a vocabulary) only
// at their first keys, arrays at their first element.
void collect(const json& root, const json::json_pointer& at, const std::string& key, int depth, bool withValues,
             std::vector<Mutation>& out) {
  const json& node = root.at(at);
  if (at.empty()) {
    for (const json& v : {json(nullptr), json("text"), json(7), json::array()}) out.push_back({"(the whole document) = " + v.dump(), "", v});
  } else {
    json removed = root;
    if (at.parent_pointer().empty() || root.at(at.parent_pointer()).is_object()) {
      removed.at(at.parent_pointer()).erase(at.back());
      out.push_back({at.to_string() + " removed", key, removed});
    }
    for (const json& v : withValues ? otherTypes(node) : std::vector<json>{nullptr, "text", json::array(), -3}) {
      json changed = root;
      changed.at(at) = v;
      out.push_back({at.to_string() + " = " + v.dump(), key, changed});
    }
  }
  if (depth == 0) return;
  if (node.is_object()) {
    int n = 0;
    for (auto it = node.begin(); it != node.end() && n < 40; ++it, ++n) collect(root, at / it.key(), it.key(), depth - 1, withValues, out);
  } else if (node.is_array() && !node.empty()) {
    collect(root, at / 0, key, depth - 1, withValues, out);
  }
}

std::vector<Mutation> mutationsOf(const json& seed, int depth, bool withValues = true) {
  std::vector<Mutation> out;
  collect(seed, json::json_pointer(), "", depth, withValues, out);
  return out;
}

void writeJson(const fs::path& p, const json& j) {
  QFile f(QString::fromStdString(p.string()));
  if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) throw std::runtime_error("cannot write " + p.string());
  f.write(QByteArray::fromStdString(j.dump(1)));
}

// A folder whose files are links to `from`'s (so one file can be replaced cheaply).
void linkFolder(const fs::path& from, const fs::path& to) {
  fs::create_directories(to);
  for (const auto& e : fs::directory_iterator(from))
    if (e.is_regular_file()) fs::create_symlink(fs::absolute(e.path()), to / e.path().filename());
}

void replaceFile(const fs::path& p, const json& j) {
  fs::remove(p);
  writeJson(p, j);
}

// Runs `reader` on every mutation of `seed`; returns the failures (foreign exceptions, or an Error
// naming neither the field nor the file), and counts accepted / refused changes.
struct Tally {
  int accepted = 0, refused = 0;
  QStringList failures;
};

// A message may also name another file of the folder the changed file is in (`folder`): the
// adapter's weights that no longer fit its changed config, say.
void check(const QString& fileLabel, const json& seed, int depth, const std::function<void(const json&)>& reader, Tally& t,
           const fs::path& folder = {}, bool withValues = true) {
  for (const Mutation& m : mutationsOf(seed, depth, withValues)) {
    const QString where = fileLabel + " " + QString::fromStdString(m.where);
    try {
      reader(m.doc);
      ++t.accepted;
    } catch (const Error& e) {
      ++t.refused;
      const QString what = QString::fromUtf8(e.what());
      const QString name = fileLabel.section('/', -1);
      const bool namesFolder = !folder.empty() && what.contains(QString::fromStdString(folder.string()));
      // The key as a word of its own (a one-letter key such as "r" is in any text).
      const QRegularExpression keyWord("(^|[^A-Za-z0-9_])" + QRegularExpression::escape(QString::fromStdString(m.key)) + "([^A-Za-z0-9_]|$)");
      if (!what.contains(keyWord) && !what.contains(name) && !namesFolder && !m.key.empty())
        t.failures << where + ": message names neither the field nor the file: " + what;
    } catch (const std::exception& e) {
      t.failures << where + ": " + QString::fromUtf8(typeid(e).name()) + ": " + QString::fromUtf8(e.what()).section('\n', 0, 0);
    }
  }
}

// The tally in one line, the first failures each on its own, and the check that there are none.
void expectNoFailures(const char* what, const Tally& t) {
  qInfo("%s: %d changes accepted, %d refused by name, %d wrong", what, t.accepted, t.refused, int(t.failures.size()));
  for (int i = 0; i < std::min<int>(t.failures.size(), 30); ++i) qWarning("%s", qPrintable(t.failures[i]));
  QVERIFY2(t.failures.isEmpty(), qPrintable(t.failures.join('\n')));
}

// The model card describes what it finds and never stops an export: any exception is a failure.
void cardMustNotThrow(const ModelCardInput& in) {
  try {
    modelCard(in);
  } catch (const std::exception& e) {
    throw std::logic_error(std::string("modelCard threw: ") + e.what());
  }
}

// metrics.jsonl as `rows` with its last row replaced by `last`.
void writeMetrics(const fs::path& file, const QList<QByteArray>& rows, const json& last) {
  QByteArray text;
  for (int i = 0; i + 1 < rows.size(); ++i) text += rows[i] + '\n';
  text += QByteArray::fromStdString(last.dump()) + '\n';
  fs::remove(file);
  QFile out(QString::fromStdString(file.string()));
  if (!out.open(QIODevice::WriteOnly)) throw std::runtime_error("cannot write " + file.string());
  out.write(text);
}

fs::path fixture(const QString& rel) { return fs::path((test::fixturesDir() + "/" + rel).toStdString()); }
fs::path demo(const QString& rel) { return fs::path((test::sourceDir() + "/resources/demo/" + rel).toStdString()); }

}  // namespace

class TestJsonFields : public QObject {
  Q_OBJECT
 private:
  QTemporaryDir tmp_;
  // The demo LoRA trained for `steps` steps with a checkpoint at step 2, in a fresh scratch folder.
  fs::path demoRun(const std::string& name, int steps, int rank = 4) {
    const QString run = test::trainDemoRun(QString::fromStdString(scratch(name).string()),
                                           {{"peft_type", "LORA"}, {"r", rank}, {"target_modules", {"q_proj", "v_proj"}}},
                                           {{"train", {{"max_steps", steps}, {"save_steps", 2}}}});
    return run.toStdString();
  }
  fs::path scratch(const std::string& name) {
    const fs::path p = fs::path(tmp_.path().toStdString()) / name;
    fs::remove_all(p);
    return p;
  }

 private slots:
  void initTestCase() {
    QVERIFY2(fs::exists(fixture("models/llama_gqa/config.json")), "fixture_tiny_models did not run");
    QVERIFY2(fs::exists(fixture("peft/lora_qv_default/adapter/adapter_config.json")), "fixture_peft_fixtures did not run");
  }

  void modelConfig() {
    Tally t;
    for (const QString& name : QDir(test::fixturesDir() + "/models").entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
      const fs::path file = fixture("models/" + name + "/config.json");
      if (!fs::exists(file)) continue;  // the real GPT-2 test folders stay in ../shared/testdata (expected.json only)
      check("models/" + name + "/config.json", readJsonFile(file), 3, [&](const json& j) { parseModelConfig(j, file); }, t);
    }
    // The whole load on shapes for families with the most fields.
    for (const QString& name : {"llama_yarn", "gemma3_text_local_rope", "phi3_longrope_partial", "qwen3_moe_experts", "gpt2_tiny",
                                "granite_multipliers", "smollm3_nope"}) {
      const fs::path dir = scratch("model_" + name.toStdString());
      linkFolder(fixture("models/" + name), dir);
      check(name + "/config.json", readJsonFile(dir / "config.json"), 2, [&](const json& j) {
        replaceFile(dir / "config.json", j);
        cardMustNotThrow({dir, fixture("peft/lora_qv_default/adapter")});
        Model::load(dir, {ComputeDType::F32, WeightsMode::ShapesOnly});
      }, t, dir);
    }
    expectNoFailures("config.json", t);
  }

  void generationConfig() {
    Tally t;
    const fs::path dir = scratch("generation");
    linkFolder(fixture("models/llama_gqa"), dir);
    json seed = readJsonFile(demo("model/generation_config.json"));
    seed.update(json{{"eos_token_id", {2, 3}}, {"pad_token_id", 0}, {"temperature", 0.7}, {"top_k", 20}, {"top_p", 0.9},
                     {"repetition_penalty", 1.1}, {"do_sample", true}, {"max_new_tokens", 32}});
    check("generation_config.json", seed, 2, [&](const json& j) {
      replaceFile(dir / "generation_config.json", j);
      loadGenerationDefaults(dir);
    }, t);
    expectNoFailures("generation_config.json", t);
  }

  void adapterConfig() {
    Tally t;
    for (const QString& name : {"lora_patterns_layers", "dora", "ia3_custom", "prefix_projection", "prompt_random", "lora_modules_to_save",
                                "lora_qwen3_moe_all_linear", "lora_regex_bias_lora_only"}) {
      const fs::path dir = scratch("adapter_" + name.toStdString());
      linkFolder(fixture("peft/" + name + "/adapter"), dir);
      const json meta = readJsonFile(fixture("peft/" + name + "/expected.json"));
      std::string base = meta.value("base", std::string());
      if (!base.empty() && base[0] != '/') base = (test::fixturesDir() + "/models/").toStdString() + base;
      QVERIFY2(fs::exists(fs::path(base) / "config.json"), qPrintable(name + ": base " + QString::fromStdString(base)));
      auto model = Model::load(base);
      int n = 0;
      check("peft/" + name + "/adapter_config.json", readJsonFile(dir / "adapter_config.json"), 2, [&](const json& j) {
        replaceFile(dir / "adapter_config.json", j);
        cardMustNotThrow({fs::path(base), dir, "", true, "bf16", true});
        model->loadAdapter(dir, "m" + std::to_string(n++));
      }, t, dir);
    }
    expectNoFailures("adapter_config.json", t);
  }

  void compareReadsAdapterConfigs() {
    // compare reads adapter_config.json without a model (base, method, rank): the case that once
    // reached users as "internal error ... type must be string, but is null".
    Tally t;
    const fs::path dir = scratch("compare_a");
    linkFolder(fixture("peft/lora_qv_default/adapter"), dir);
    const fs::path other = fixture("peft/lora_all_linear_rslora/adapter");
    ComparisonOptions o;
    o.weights = true;
    check("compare/adapter_config.json", readJsonFile(dir / "adapter_config.json"), 2, [&](const json& j) {
      replaceFile(dir / "adapter_config.json", j);
      compareAdapters({dir, other}, o);
    }, t, dir);
    expectNoFailures("compare adapter_config.json", t);
  }

  void runConfig() {
    // Every key the resolved configuration has (defaults included), and the demo's RUN.json.
    Tally t;
    const fs::path file = fs::path(test::sourceDir().toStdString()) / "examples/demo-lora.json";
    std::vector<ConfigProblem> problems;
    const RunConfig demoRun = parseRunConfig(readJsonFile(file), file, &problems);
    QVERIFY(problems.empty());
    // The checks that only run with some keys set (gradient checkpointing, LoRA+) need a seed of their own.
    json withOptions = readJsonFile(file);
    withOptions["train"]["gradient_checkpointing"] = true;
    withOptions["train"]["loraplus_lr_ratio"] = 16;
    for (const json& seed : {readJsonFile(file), demoRun.resolved, withOptions}) {
      check("RUN.json", seed, 3, [&](const json& j) {
        std::vector<ConfigProblem> found;
        parseRunConfig(j, file, &found);
        // Every problem names its field; only a document that is not an object has none to name.
        for (const ConfigProblem& p : found)
          if ((p.field.empty() && j.is_object()) || p.message.empty()) throw std::logic_error("a problem without field or message");
      }, t);
    }
    // Through the file and overrides, as `train` reads it.
    const fs::path runJson = scratch("RUN.json");
    check("RUN.json", readJsonFile(file), 2, [&](const json& j) {
      writeJson(runJson, j);
      loadRunConfig(runJson, {"train.max_steps=3"});
    }, t);
    expectNoFailures("RUN.json", t);
  }

  void tokenizerFiles() {
    Tally t;
    const fs::path dir = scratch("tokenizer");
    linkFolder(demo("model"), dir);
    for (const char* file : {"tokenizer_config.json", "special_tokens_map.json", "tokenizer.json"}) {
      const json seed = readJsonFile(demo(QString("model/") + file));
      check(QString("tokenizer/") + file, seed, 3, [&](const json& j) {
        replaceFile(dir / file, j);
        Tokenizer::load(dir)->encode("Hello <s> world", true);
      }, t);
      replaceFile(dir / file, seed);
    }
    expectNoFailures("tokenizer files", t);
  }

  void datasetInfo() {
    Tally t;
    const fs::path dir = scratch("dataset");
    fs::create_directories(dir);
    writeJson(dir / "chat.json", json::array({{{"conversations", json::array({{{"from", "human"}, {"value", "Hi"}},
                                                                              {{"from", "gpt"}, {"value", "Hello"}}})},
                                               {"system", "Be brief."}}}));
    writeJson(dir / "alpaca.json", json::array({{{"instruction", "Say hi"}, {"input", ""}, {"output", "hi"}}}));
    const json seed = {
        {"chat", {{"file_name", "chat.json"}, {"formatting", "sharegpt"},
                  {"columns", {{"messages", "conversations"}, {"system", "system"}}},
                  {"tags", {{"role_tag", "from"}, {"content_tag", "value"}, {"user_tag", "human"}, {"assistant_tag", "gpt"}}}}},
        {"plain", {{"file_name", "alpaca.json"}, {"columns", {{"prompt", "instruction"}, {"query", "input"}, {"response", "output"}}}}},
        {"hub", {{"hf_hub_url", "someone/data"}}},
        {"pairs", {{"file_name", "alpaca.json"}, {"ranking", true}}}};
    for (const char* entry : {"chat", "plain"}) {
      check("dataset_info.json", seed, 3, [&](const json& j) {
        replaceFile(dir / "dataset_info.json", j);
        listDatasetEntries(dir);
        loadDataset(resolveDatasetSources(dir, entry, DatasetFormat::Auto));
      }, t);
    }
    expectNoFailures("dataset_info.json", t);
  }

  void runFolder() {
    // A real run (the demo, 3 steps) read as the Runs page reads it, with each of its files changed.
    const fs::path dir = demoRun("run", 3);
    const fs::path otherRun = demoRun("other_run", 2, 2);
    QVERIFY(!dir.empty() && !otherRun.empty());
    const std::string other = otherRun.string();
    ComparisonOptions noWeights;
    noWeights.weights = false;
    Tally t;
    writeRunNotes(dir, "a name", "some notes");  // the user's notes.json, as the Runs page writes it
    for (const char* file : {"run.json", "status.json", "notes.json"}) {
      const json seed = readJsonFile(dir / file);
      check(QString("run/") + file, seed, 3, [&](const json& j) {
        replaceFile(dir / file, j);
        readRunSummary(dir);
        listRuns(dir.parent_path());
        cardMustNotThrow({demo("model"), dir / "adapter"});
        compareAdapters({dir, other}, noWeights);  // compare reads runs' settings and curves
      }, t, dir);
      replaceFile(dir / file, seed);
    }
    // metrics.jsonl: its last row's fields.
    QFile mf(QString::fromStdString((dir / "metrics.jsonl").string()));
    QVERIFY(mf.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = mf.readAll().trimmed().split('\n');
    mf.close();
    const json lastRow = json::parse(lines.back().toStdString());
    check("run/metrics.jsonl", lastRow, 2, [&](const json& j) {
      writeMetrics(dir / "metrics.jsonl", lines, j);
      readRunSummary(dir);
      compareAdapters({dir, other}, noWeights);
    }, t, dir);
    expectNoFailures("run folder", t);
  }

  void checkpointFiles() {
    // trainer_state.json and MANIFEST as `train --resume` reads them, through the CLI (the boundary
    // a user meets): each change resumes, or restarts with a warning naming the checkpoint, or is
    // refused with a message naming the field or the file. A changed trainer_state.json is sealed
    // into MANIFEST again (else the checksum alone would set the checkpoint aside).
    const fs::path dir = demoRun("ckpt", 3);
    QVERIFY(!dir.empty());
    const QString run = QString::fromStdString(dir.string());
    const fs::path pristine = scratch("ckpt_pristine");
    fs::remove_all(dir / "checkpoints/step-3");
    fs::remove_all(dir / "adapter");
    fs::copy(dir, pristine, fs::copy_options::recursive);
    const fs::path step = dir / "checkpoints/step-2";
    int runs = 0, refused = 0, resumed = 0, setAside = 0;
    QStringList failures;
    // trainer_state.json is sealed again after the change; MANIFEST is the seal; metrics.jsonl's
    // last row is cut back to the checkpoint on resume.
    for (const char* file : {"trainer_state.json", "MANIFEST", "metrics.jsonl"}) {
      const std::string name = file;
      const bool reseal = name == "trainer_state.json", metrics = name == "metrics.jsonl";
      QList<QByteArray> rows;
      json seed;
      if (metrics) {
        QFile mf(QString::fromStdString((pristine / file).string()));
        QVERIFY(mf.open(QIODevice::ReadOnly));
        rows = mf.readAll().trimmed().split('\n');
        seed = json::parse(rows.back().toStdString());
      } else {
        seed = readJsonFile(pristine / "checkpoints/step-2" / file);
      }
      for (const Mutation& m : mutationsOf(seed, metrics ? 1 : 3, false)) {
        if (metrics && !m.key.empty() && m.key != "step") continue;  // resume reads only a row's step
        fs::remove_all(dir);
        fs::copy(pristine, dir, fs::copy_options::recursive);
        if (metrics) {
          writeMetrics(dir / file, rows, m.doc);
        } else {
          replaceFile(step / file, m.doc);
        }
        if (reseal) {
          json manifest = readJsonFile(step / "MANIFEST");
          for (json& f : manifest["files"])
            if (f["name"] == file) f = {{"name", file}, {"bytes", fs::file_size(step / file)}, {"fnv1a64", fileChecksum(step / file)}};
          replaceFile(step / "MANIFEST", manifest);
        }
        const auto r = test::runCli({"train", run + ".json", "--resume"}, 120000);
        ++runs;
        if (r.exitCode != 0) ++refused;
        const QString where = QString("%1 %2").arg(file, QString::fromStdString(m.where));
        if (reseal && (r.stderrText.contains("fails its checksum") || r.stderrText.contains("wrong size")))
          failures << where + ": the test's seal did not hold: " + r.stderrText.trimmed();
        if (r.stderrText.contains("resuming from")) ++resumed;
        else if (r.stderrText.contains("ignoring checkpoint")) ++setAside;
        // A foreign exception reaches the user as "unexpected" (CLI, exit 70) or as the library's
        // raw text in the run's failure (the trainer's catch): neither may happen.
        if (r.stderrText.contains("unexpected: please report") || r.stderrText.contains("json.exception") || r.exitCode < 0 || r.exitCode > 10)
          failures << where + ": exit " + QString::number(r.exitCode) + ": " + r.stderrText.trimmed();
        else if (r.exitCode != 0 && !r.stderrText.contains(QString::fromStdString(m.key)) && !r.stderrText.contains(file))
          failures << where + ": message names neither the field nor the file: " + r.stderrText.trimmed();
      }
    }
    qInfo("checkpoint files: %d resumes: %d went on from the checkpoint, %d set it aside with a warning and restarted, "
          "%d refused by name, %d wrong", runs, resumed, setAside, refused, int(failures.size()));
    QVERIFY(resumed > 0 && setAside > 0);
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join('\n')));
  }
};

QTEST_GUILESS_MAIN(TestJsonFields)
#include "test_json_fields.moc"
