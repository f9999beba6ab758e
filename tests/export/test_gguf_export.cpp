// export --gguf (issue 22): the GGUF files PeftDesk writes against the ones llama.cpp's own converter
// (convert_hf_to_gguf.py / convert_lora_to_gguf.py of llama.cpp 0c1e57098, fixture gguf_fixtures)
// writes for the same folders.
//  * Model files: every fixture case (twelve families: llama, mistral, qwen2, qwen3, qwen3_moe, gpt2,
//    phi3_spm, smollm3, granite, gemma2, gemma3, olmo2) in every type the fixture converted (f32,
//    f16, bf16, q8_0) is byte for byte the converter's file once general.name is the same (QCOMPARE of the whole file; on a difference check_gguf.py says which key or tensor).
//  * LoRA adapters: keys, tensor names, order, shapes, types and bytes equal (check_gguf.py; the
//    converter's README-derived general.* keys are ignored), including the Q/K permutation of B and
//    Q8_0's F16 fallback for ranks that are not whole blocks.
//  * A merged export (--adapter): the converter's file of PEFT's merge_and_unload, equal (every tensor).
//  * The Ollama Modelfile: its TEMPLATE, run by a Go-template evaluator of the subset it uses, gives
//    PeftDesk's own chat prompt text for every template row.
//  * The converter's probe text and pre-tokenizer hashes, the size label, the rotary permutation, and
//    the refusals (no tokenizer.model for Phi-3, rotary scaling, an unknown BPE pre-tokenizer, GPT-2
//    without n_ctx, a list of chat templates, an architecture without a row, bad CLI arguments).
#include <QCryptographicHash>
#include <QTemporaryDir>
#include <QtTest>
#include <fstream>

#include "export/gguf/gguf_tensors.h"
#include "export/gguf/gguf_vocab.h"
#include "peftdesk/chat_template.h"
#include "peftdesk/gguf_export.h"
#include "peftdesk/json_file.h"
#include "peftdesk/tokenizer.h"
#include "test_support.h"

using namespace peftdesk;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::string readBytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// A folder whose files are links to `from`'s, so that one file can be replaced cheaply.
void linkFolder(const fs::path& from, const fs::path& to) {
  fs::create_directories(to);
  for (const auto& e : fs::directory_iterator(from))
    if (e.is_regular_file()) fs::create_symlink(fs::absolute(e.path()), to / e.path().filename());
}
void replaceJson(const fs::path& file, const std::function<void(json&)>& edit) {
  json j = readJsonFile(file);
  edit(j);
  fs::remove(file);
  std::ofstream(file) << j.dump(2);
}

// The subset of Go's text/template that ollamaModelfile emits, evaluated over .Messages: range with
// $i, the $last idiom, if / else if / else / end on `eq .Role "x"` or a variable, {{ .Content }},
// {{ $var }}, and := / = of .Content or "". Enough to render a TEMPLATE as Ollama would.
struct GoMessage {
  std::string role, content;
};
class GoTemplate {
 public:
  explicit GoTemplate(const std::string& text) {
    for (size_t at = 0; at < text.size();) {
      const size_t open = text.find("{{", at);
      if (open == std::string::npos) {
        tokens_.push_back({false, text.substr(at)});
        break;
      }
      if (open > at) tokens_.push_back({false, text.substr(at, open - at)});
      const size_t close = text.find("}}", open);
      if (close == std::string::npos) throw std::runtime_error("unclosed action");
      std::string action = text.substr(open + 2, close - open - 2);
      while (!action.empty() && action.front() == ' ') action.erase(0, 1);
      while (!action.empty() && action.back() == ' ') action.pop_back();
      tokens_.push_back({true, action});
      at = close + 2;
    }
  }
  std::string render(const std::vector<GoMessage>& messages) {
    messages_ = &messages;
    vars_.clear();
    std::string out;
    size_t pos = 0;
    run(pos, out, true, nullptr);
    if (pos != tokens_.size()) throw std::runtime_error("stray end");
    return out;
  }

 private:
  struct Token {
    bool action;
    std::string text;
  };
  std::vector<Token> tokens_;
  const std::vector<GoMessage>* messages_ = nullptr;
  std::map<std::string, std::string> vars_;

  static std::string quotedValue(const std::string& s) {
    if (s.size() < 2 || s.front() != '"' || s.back() != '"') throw std::runtime_error("expected a string: " + s);
    return s.substr(1, s.size() - 2);
  }
  std::string value(const std::string& expr, const GoMessage* m) {
    if (expr == ".Content") return m ? m->content : throw std::runtime_error(".Content outside range");
    if (expr == ".Role") return m ? m->role : throw std::runtime_error(".Role outside range");
    if (expr == "\"\"") return "";
    if (!expr.empty() && expr[0] == '$') {
      if (!vars_.count(expr)) throw std::runtime_error("undefined " + expr);
      return vars_[expr];
    }
    throw std::runtime_error("unknown expression " + expr);
  }
  bool condition(const std::string& c, const GoMessage* m) {
    if (c.rfind("eq .Role ", 0) == 0) return m && m->role == quotedValue(c.substr(9));
    return !value(c, m).empty();
  }
  // Runs tokens from pos until {{ end }} / {{ else... }} at this level (left at pos); `live`: output.
  void run(size_t& pos, std::string& out, bool live, const GoMessage* m) {
    while (pos < tokens_.size()) {
      const Token& t = tokens_[pos];
      if (!t.action) {
        if (live) out += t.text;
        ++pos;
        continue;
      }
      const std::string& a = t.text;
      if (a == "end" || a == "else" || a.rfind("else if ", 0) == 0) return;
      ++pos;
      if (a == "range $i, $_ := .Messages") {
        const size_t body = pos;
        const size_t n = live ? messages_->size() : 0;
        for (size_t i = 0; i < std::max<size_t>(n, 1); ++i) {
          pos = body;
          vars_["$i"] = std::to_string(i);
          vars_["$last"] = i + 1 == n ? "true" : "";
          run(pos, out, live && i < n, live && i < n ? &(*messages_)[i] : nullptr);
        }
        if (pos >= tokens_.size() || tokens_[pos].text != "end") throw std::runtime_error("range without end");
        ++pos;
      } else if (a.rfind("if ", 0) == 0) {
        bool taken = false;
        std::string cond = a.substr(3);
        for (;;) {
          const bool now = live && !taken && condition(cond, m);
          run(pos, out, now, m);
          taken = taken || now;
          const std::string& next = tokens_.at(pos).text;
          ++pos;
          if (next == "end") break;
          if (next == "else") {
            run(pos, out, live && !taken, m);
            if (tokens_.at(pos).text != "end") throw std::runtime_error("else without end");
            ++pos;
            break;
          }
          cond = next.substr(8);  // "else if "
        }
      } else if (a == "$last := eq (len (slice $.Messages $i)) 1") {
        // set by range
      } else if (a.find(" := ") != std::string::npos || a.find(" = ") != std::string::npos) {
        const bool declare = a.find(" := ") != std::string::npos;
        const size_t op = a.find(declare ? " := " : " = ");
        if (live || declare) vars_[a.substr(0, op)] = live ? value(a.substr(op + (declare ? 4 : 3)), m) : vars_[a.substr(0, op)];
      } else {
        if (live) out += value(a, m);
      }
    }
  }
};

}  // namespace

class TestGgufExport : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;
  fs::path root_;
  json manifest_;

  bool haveFixture() {
    root_ = fs::path(test::fixturesDir().toStdString()) / "gguf";
    if (!fs::exists(root_ / "MANIFEST.json")) return false;
    manifest_ = readJsonFile(root_ / "MANIFEST.json");
    return true;
  }

  // check_gguf.py's report for ours against ref; empty when the reference is not installed.
  json checkReport(const fs::path& ours, const fs::path& ref, const QStringList& extra) {
    const QString report = tmp_.filePath("report.json");
    QFile::remove(report);
    const auto r = test::runProcess(test::pythonPath(), QStringList{test::sourceDir() + "/tests/reference/check_gguf.py",
                                                                    QString::fromStdString(ours.string()), QString::fromStdString(ref.string()),
                                                                    "--out", report} + extra, 300000);
    if (r.exitCode == 77) return json();
    if (r.exitCode != 0) qWarning("check_gguf.py: %s", qPrintable(r.stderrText));
    return readJsonFile(report.toStdString());
  }

 private slots:
  void initTestCase() { QVERIFY(tmp_.isValid()); }

  // The probe text is the converter's chktxt byte for byte (its sha256 as convert_hf_to_gguf_update.py
  // prints it), the fixture tokenizers hash to the table's rows, and the table is the converter's.
  void preTokenizerProbe() {
    const std::string& text = gguf::preTokenizerProbeText();
    QCOMPARE(text.size(), size_t{431});
    QCOMPARE(QCryptographicHash::hash(QByteArray::fromStdString(text), QCryptographicHash::Sha256).toHex(),
             QByteArray("a36179c1e2b1cfcfbfad1dc779addad2ffc778201e4cf0d538bddeafa2c526da"));
    if (!haveFixture()) QSKIP("gguf_fixtures not built (GGUF reference not installed)");
    const auto qwen3 = Tokenizer::load(root_ / "qwen3"), qwen2 = Tokenizer::load(root_ / "qwen2"), gpt2 = Tokenizer::load(root_ / "gpt2");
    QCOMPARE(gguf::preTokenizerHash(*qwen3), std::string("e636dc30a262dcc0d8c323492e32ae2b70728f4df7dfe9737d9f920a282b8aea"));
    QCOMPARE(gguf::preTokenizerHash(*qwen2), std::string("e636dc30a262dcc0d8c323492e32ae2b70728f4df7dfe9737d9f920a282b8aea"));
    QCOMPARE(gguf::preTokenizerHash(*gpt2), std::string("3ce83efda5659b07b1ad37ca97ca5797ea4285d9b9ab0dc679e4a720c9da7454"));
    QCOMPARE(gguf::preTokenizerName("e636dc30a262dcc0d8c323492e32ae2b70728f4df7dfe9737d9f920a282b8aea"), std::string("qwen2"));
    QCOMPARE(gguf::preTokenizerName("0000"), std::string());
    // The table is the converter's, row for row (regenerated by the script when llama.cpp moves).
    const auto r = test::runProcess(test::pythonPath(), {test::sourceDir() + "/tests/reference/make_pre_tokenizer_table.py", "--check"});
    if (r.exitCode == 77) QSKIP("GGUF reference not installed");
    QVERIFY2(r.exitCode == 0, qPrintable(r.stdoutText + r.stderrText));
    QCOMPARE(gguf::preTokenizerName("0ef9807a4087ebef797fc749390439009c3b9eda9ad1a097abbe738f486c01e5"), std::string("llama-bpe"));
  }

  // gguf-py's model_weight_count_rounded_notation(n, 2) for these counts (values printed by it).
  void sizeLabel() {
    const std::pair<int64_t, const char*> cases[] = {{4170048, "4.2M"},  {9798208, "10M"},      {3418432, "3.4M"},   {999999, "1000K"},
                                                     {1000000, "1000K"}, {1000001, "1.0M"},     {500, "0.50K"},      {1500, "1.5K"},
                                                     {7241732096, "7.2B"}, {494032768, "494M"}, {1543714304, "1.5B"}, {2500000, "2.5M"},
                                                     {2000000000000, "2.0T"}, {0, "0.00K"}};
    for (const auto& [n, label] : cases) QCOMPARE(gguf::sizeLabel(n), std::string(label));
  }

  // llama.py LlamaModel.permute for 2 heads of 4 rows: each head's halves interleaved.
  void rotaryPermutation() {
    std::vector<float> rows;
    for (int r = 0; r < 8; ++r) rows.insert(rows.end(), {float(r), float(r) + 0.5f});
    const auto out = gguf::permuteRotaryRows(rows, 8, 2, 2);
    const float order[] = {0, 2, 1, 3, 4, 6, 5, 7};
    for (int r = 0; r < 8; ++r) {
      QCOMPARE(out[static_cast<size_t>(2 * r)], order[r]);
      QCOMPARE(out[static_cast<size_t>(2 * r + 1)], order[r] + 0.5f);
    }
    QVERIFY(!test::errorOf([&] { gguf::permuteRotaryRows(rows, 8, 2, 3); }).isEmpty());
  }

  void modelFilesEqualTheConverters_data() {
    QTest::addColumn<QString>("caseName");
    QTest::addColumn<QString>("type");
    if (!haveFixture()) return;
    for (const auto& c : manifest_["cases"])
      for (const auto& t : manifest_["per_case"][c.get<std::string>()]["types"])
        QTest::newRow((c.get<std::string>() + "/" + t.get<std::string>()).c_str())
            << QString::fromStdString(c.get<std::string>()) << QString::fromStdString(t.get<std::string>());
  }
  void modelFilesEqualTheConverters() {
    if (!haveFixture()) QSKIP("gguf_fixtures not built (GGUF reference not installed)");
    QFETCH(QString, caseName);
    QFETCH(QString, type);
    const fs::path dir = root_ / caseName.toStdString();
    const std::string refName = "ref-" + type.toStdString() + ".gguf";
    const json refKeys = readJsonFile(dir / "ref-keys.json");
    GgufExportOptions o;
    QVERIFY(parseGgufType(type.toStdString(), &o.type));
    o.name = refKeys[refName]["kv"]["general.name"]["value"].get<std::string>();  // the converter's folder-name heuristic
    const fs::path ours = fs::path(tmp_.path().toStdString()) / (caseName + "-" + type + ".gguf").toStdString();
    const GgufExportReport r = exportGguf(dir, ours, o);
    const std::string a = readBytes(ours), b = readBytes(dir / refName);
    if (a != b) {
      const json rep = checkReport(ours, dir / refName, {});
      QFAIL(qPrintable(QString::fromStdString("differs from the converter's file: " + rep.value("summary", std::string("(no report)")))));
    }
    QCOMPARE(a.size(), b.size());
    QCOMPARE(r.fileBytes, static_cast<uint64_t>(b.size()));
    QCOMPARE(r.tensors, static_cast<int64_t>(refKeys[refName]["tensors"].size()));
  }

  // LoRA adapters: the converter's keys, tensor names, order, shapes, types and bytes; its general.*
  // keys from PEFT's README front matter (base model, tags) and its folder-name general.name aside.
  void loraFilesEqualTheConverters_data() {
    QTest::addColumn<QString>("caseName");
    QTest::addColumn<QString>("type");
    if (!haveFixture() || !manifest_.contains("lora")) return;
    for (const auto& [c, entry] : manifest_["lora"].items())
      for (const auto& t : entry["types"])
        QTest::newRow((c + "/" + t.get<std::string>()).c_str()) << QString::fromStdString(c) << QString::fromStdString(t.get<std::string>());
  }
  void loraFilesEqualTheConverters() {
    if (!haveFixture()) QSKIP("gguf_fixtures not built (GGUF reference not installed)");
    QFETCH(QString, caseName);
    QFETCH(QString, type);
    const fs::path dir = root_ / caseName.toStdString();
    GgufExportOptions o;
    QVERIFY(parseGgufType(type.toStdString(), &o.type));
    const fs::path ours = fs::path(tmp_.path().toStdString()) / (caseName + "-lora-" + type + ".gguf").toStdString();
    const GgufLoraReport r = exportLoraGguf(dir, dir / "lora", ours, o);
    QCOMPARE(r.alphaWritten, manifest_["lora"][caseName.toStdString()]["alpha"].get<float>());
    const json rep = checkReport(ours, dir / "lora" / ("ref-" + type.toStdString() + ".gguf"),
                                 {"--ignore-keys", "general.name", "--ignore-key-prefixes", "general.base_model.,general.tags"});
    if (rep.is_null()) QSKIP("GGUF reference not installed");
    QVERIFY2(rep["equal"].get<bool>(), qPrintable(QString::fromStdString(rep.value("summary", std::string()))));
    QVERIFY(rep["keys"]["order_equal"].get<bool>());
    QCOMPARE(rep["tensors"]["bytes_equal_count"].get<int64_t>(), rep["tensors"]["compared"].get<int64_t>());
    QCOMPARE(r.tensors, rep["tensors"]["compared"].get<int64_t>());
  }

  // export --gguf --adapter: the merge (fp32, ours) then the GGUF equal the converter's file of
  // PEFT's merge_and_unload of the same adapter.
  void mergedFileEqualsTheConverterOfPeftsMerge() {
    if (!haveFixture()) QSKIP("gguf_fixtures not built (GGUF reference not installed)");
    if (!manifest_.contains("merged")) QSKIP("the fixture has no merged case");
    const fs::path llama = root_ / "llama";
    const QString out = tmp_.filePath("merged-f32.gguf");
    const auto r = test::runCli({"export", QString::fromStdString(llama.string()), "--adapter", QString::fromStdString((llama / "lora").string()),
                                 "--gguf", "f32", "--name", "Merged", "--out", out});
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    QVERIFY2(r.stderrText.contains("merged in fp32"), qPrintable(r.stderrText));
    const json rep = checkReport(out.toStdString(), llama / "merged" / "ref-f32.gguf", {});
    if (rep.is_null()) QSKIP("GGUF reference not installed");
    // Our fp32 merge computes W + scale · (B @ A) as PEFT does, so every tensor is the same bytes.
    QVERIFY2(rep["equal"].get<bool>(), qPrintable(QString::fromStdString(rep["summary"].get<std::string>())));
    QVERIFY(rep["keys"]["order_equal"].get<bool>());
    QCOMPARE(rep["tensors"]["bytes_equal_count"].get<int64_t>(), rep["tensors"]["compared"].get<int64_t>());
  }

  void refusals() {
    if (!haveFixture()) QSKIP("gguf_fixtures not built (GGUF reference not installed)");
    const fs::path work = fs::path(tmp_.path().toStdString()) / "refusals";
    const auto refusal = [&](const fs::path& dir) {
      return test::errorOf([&] { exportGguf(dir, work / "out.gguf", {}); });
    };
    // The converter's own refusal (MANIFEST "refused"): Phi-3 without tokenizer.model.
    QVERIFY(manifest_["refused"].contains("phi3"));
    QString e = refusal(root_ / "phi3");
    QVERIFY2(e.contains("tokenizer.model"), qPrintable(e));
    QVERIFY(!fs::exists(work / "out.gguf"));
    // Rotary scaling is refused by field until a fixture checks it.
    linkFolder(root_ / "llama", work / "rope");
    replaceJson(work / "rope/config.json", [](json& c) { c["rope_parameters"] = {{"rope_type", "linear"}, {"factor", 2.0}, {"rope_theta", 10000.0}}; });
    e = refusal(work / "rope");
    QVERIFY2(e.contains("rope_parameters.rope_type") && e.contains("linear"), qPrintable(e));
    // GPT-2 without n_ctx (the converter's KeyError), named.
    linkFolder(root_ / "gpt2", work / "gpt2");
    replaceJson(work / "gpt2/config.json", [](json& c) { c.erase("n_ctx"); });
    e = refusal(work / "gpt2");
    QVERIFY2(e.contains("n_ctx"), qPrintable(e));
    // A byte-level BPE whose pre-tokenizer llama.cpp does not know: the hash is in the message.
    linkFolder(root_ / "qwen3", work / "bpe");
    replaceJson(work / "bpe/tokenizer.json", [](json& t) {
      auto& merges = t["model"]["merges"];
      merges.erase(merges.begin(), merges.begin() + 2000);
    });
    e = refusal(work / "bpe");
    QVERIFY2(e.contains("pre-tokenizer") && e.contains("probe hash"), qPrintable(e));
    // A list of named chat templates (gguf-py writes them from a Python set, in no fixed order).
    linkFolder(root_ / "qwen3", work / "templates");
    replaceJson(work / "templates/tokenizer_config.json", [](json& c) { c.erase("chat_template"); });
    std::ofstream(work / "templates/chat_template.jinja") << "{{ messages }}";
    fs::create_directories(work / "templates/additional_chat_templates");
    std::ofstream(work / "templates/additional_chat_templates/tool_use.jinja") << "{{ tools }}";
    e = refusal(work / "templates");
    QVERIFY2(e.contains("chat_template") && e.contains("list"), qPrintable(e));
    // What llama.cpp's rows cannot hold, by field: OLMo 3's windows, a Qwen3-MoE without top-k
    // renormalisation, another SmolLM3 NoPE pattern, a Gemma 2 head of its own, a mistyped field.
    const auto configRefusal = [&](const char* caseName, const char* folder, const std::function<void(json&)>& edit) {
      linkFolder(root_ / caseName, work / folder);
      replaceJson(work / folder / "config.json", edit);
      return refusal(work / folder);
    };
    e = configRefusal("olmo2", "olmo3", [](json& c) { c["sliding_window"] = 8; });
    QVERIFY2(e.contains("sliding_window"), qPrintable(e));
    e = configRefusal("qwen3_moe", "moe", [](json& c) { c["norm_topk_prob"] = false; });
    QVERIFY2(e.contains("norm_topk_prob"), qPrintable(e));
    e = configRefusal("smollm3", "nope", [](json& c) { c["no_rope_layers"] = {1, 1, 1, 1}; });
    QVERIFY2(e.contains("no_rope_layers"), qPrintable(e));
    e = configRefusal("phi3_spm", "phi3-bad", [](json& c) { c["n_positions"] = "4096"; });
    QVERIFY2(e.contains("n_positions") && e.contains("integer"), qPrintable(e));
    // An architecture without a row.
    linkFolder(root_ / "llama", work / "gemma");
    replaceJson(work / "gemma/config.json", [](json& c) { c["architectures"] = {"LlamaForSequenceClassification"}; });
    e = refusal(work / "gemma");
    QVERIFY2(e.contains("LlamaForSequenceClassification") && e.contains("architectures"), qPrintable(e));
    QVERIFY(!fs::exists(work / "out.gguf"));

    // LoRA: what a GGUF LoRA adapter cannot hold is refused by field; rsLoRA's alpha is folded.
    const auto loraRefusal = [&](const std::function<void(json&)>& edit) {
      fs::remove_all(work / "lora");
      linkFolder(root_ / "llama" / "lora", work / "lora");
      replaceJson(work / "lora/adapter_config.json", edit);
      return test::errorOf([&] { exportLoraGguf(root_ / "llama", work / "lora", work / "out.gguf", {}); });
    };
    e = loraRefusal([](json& c) { c["use_dora"] = true; });
    QVERIFY2(e.contains("use_dora"), qPrintable(e));
    e = loraRefusal([](json& c) { c["modules_to_save"] = {"lm_head"}; });
    QVERIFY2(e.contains("modules_to_save"), qPrintable(e));
    e = loraRefusal([](json& c) { c["alpha_pattern"] = {{"q_proj", 4}}; });
    QVERIFY2(e.contains("alpha_pattern"), qPrintable(e));
    e = loraRefusal([](json& c) { c["peft_type"] = "IA3"; });
    QVERIFY2(e.contains("peft_type") && e.contains("IA3"), qPrintable(e));
    QVERIFY(!fs::exists(work / "out.gguf"));
    e = loraRefusal([](json& c) { c["use_rslora"] = true; });
    QVERIFY2(e.isEmpty(), qPrintable(e));
    const GgufLoraReport rs = exportLoraGguf(root_ / "llama", work / "lora", work / "rs.gguf", {});
    QCOMPARE(rs.alphaWritten, static_cast<float>(16.0 * std::sqrt(8.0)));
    QVERIFY(rs.note.find("rsLoRA") != std::string::npos);
    e = test::errorOf([&] { exportLoraGguf(root_ / "gpt2", root_ / "llama" / "lora", work / "g.gguf", {}); });
    QVERIFY2(e.contains("GPT-2"), qPrintable(e));
  }

  // The Modelfile's TEMPLATE, rendered as Ollama's Go template engine would (GoTemplate above),
  // gives the text of PeftDesk's own chat prompt for the same conversation (BOS left to Ollama),
  // for every template row; its stops are the end-of-turn marker; SYSTEM is the default prompt.
  void ollamaModelfileRendersOurPrompt_data() {
    QTest::addColumn<QString>("templateName");
    for (const auto& name : chatTemplateNames())
      if (name != "smollm3") QTest::newRow(name.c_str()) << QString::fromStdString(name);
  }
  void ollamaModelfileRendersOurPrompt() {
    if (!haveFixture()) QSKIP("gguf_fixtures not built (GGUF reference not installed)");
    QFETCH(QString, templateName);
    // A byte-level BPE tokenizer decodes its ids back to the exact text, so our prompt's text is known.
    const fs::path dir = root_ / "qwen3";
    static const auto tokenizer = Tokenizer::load(dir);
    const OllamaModelfile m = ollamaModelfile(dir, templateName.toStdString(), "m.gguf");
    QCOMPARE(QString::fromStdString(m.templateName), templateName);
    const std::string& text = m.text;
    const size_t open = text.find("TEMPLATE \"\"\""), close = text.find("\"\"\"\n", open + 12);
    QVERIFY(open != std::string::npos && close != std::string::npos);
    GoTemplate go(text.substr(open + 12, close - open - 12));
    const ChatTemplate& tmpl = resolveChatTemplate(templateName.toStdString(), *tokenizer);
    const std::vector<Turn> turns = {{Role::User, "Hi"}, {Role::Assistant, "Hello!"}, {Role::User, "What is 2+2?"}};
    for (const std::string system : {"Be brief.", ""}) {
      std::vector<GoMessage> messages;
      // Ollama passes SYSTEM as a system message when the conversation has none.
      const size_t s0 = text.find("SYSTEM \"\"\"");
      const std::string defaultSystem = s0 == std::string::npos ? "" : text.substr(s0 + 10, text.find("\"\"\"", s0 + 10) - s0 - 10);
      if (!system.empty()) messages.push_back({"system", system});
      else if (!defaultSystem.empty()) messages.push_back({"system", defaultSystem});
      for (const auto& t : turns) messages.push_back({t.role == Role::User ? "user" : "assistant", t.content});
      std::string ours = tokenizer->decode(encodeChatPrompt(turns, system, tmpl, *tokenizer), false);
      const std::string& bos = tokenizer->special().bos >= 0 ? tokenizer->idToToken(tokenizer->special().bos) : std::string();
      if (!bos.empty() && ours.rfind(bos, 0) == 0) ours.erase(0, bos.size());
      QCOMPARE(QString::fromStdString(go.render(messages)), QString::fromStdString(ours));
    }
    QVERIFY(!m.stops.empty() || templateName == "empty");
    for (const auto& stop : m.stops) QVERIFY(text.find("PARAMETER stop \"" + stop + "\"") != std::string::npos);
  }

  void ollamaModelfileForAnAdapter() {
    if (!haveFixture()) QSKIP("gguf_fixtures not built (GGUF reference not installed)");
    const OllamaModelfile m = ollamaModelfile(root_ / "llama", "mistral", "base.gguf", "lora.gguf");
    QVERIFY(m.text.find("FROM ./base.gguf\nADAPTER ./lora.gguf\n") != std::string::npos);
    QCOMPARE(m.stops, (std::vector<std::string>{"</s>"}));
    QVERIFY(m.note.empty());
    const QString e = test::errorOf([&] { ollamaModelfile(root_ / "llama", "no-such-template", "m.gguf"); });
    QVERIFY2(e.contains("chatml"), qPrintable(e));
  }

  void cliArguments() {
    if (!haveFixture()) QSKIP("gguf_fixtures not built (GGUF reference not installed)");
    const QString llama = QString::fromStdString((root_ / "llama").string());
    auto r = test::runCli({"export", llama, "--gguf", "q4_k", "--out", tmp_.filePath("x.gguf")});
    QVERIFY(r.exitCode != 0 && r.stderrText.contains("f32, f16, bf16 or q8_0"));
    r = test::runCli({"export", llama, "--gguf", "f16", "--out", tmp_.filePath("x.bin")});
    QVERIFY(r.exitCode != 0 && r.stderrText.contains(".gguf"));
    r = test::runCli({"export", llama, "--gguf", "f16", "--gguf-lora", "--out", tmp_.filePath("x.gguf")});
    QVERIFY(r.exitCode != 0 && r.stderrText.contains("--adapter"));
    r = test::runCli({"export", llama, "--gguf", "f16", "--merge", "--out", tmp_.filePath("x.gguf")});
    QVERIFY(r.exitCode != 0 && r.stderrText.contains("--merge"));
    r = test::runCli({"export", llama, "--gguf", "q8_0", "--out", tmp_.filePath("cli.gguf")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    QVERIFY(r.stderrText.contains("llama, 4.2M"));
    QVERIFY(QFile::exists(tmp_.filePath("cli.gguf")));
    r = test::runCli({"export", llama, "--gguf", "q8_0", "--out", tmp_.filePath("cli.gguf")});
    QVERIFY(r.exitCode != 0 && r.stderrText.contains("exists"));
  }
};

QTEST_GUILESS_MAIN(TestGgufExport)
#include "test_gguf_export.moc"
