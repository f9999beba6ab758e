// Does LLaMA-Factory's template of the same name train on the same tokens as ours? For every
// PeftDesk template that LLaMA-Factory 0.9.5 has, conversations (one turn, a system prompt, two
// turns, spaces and newlines at the edges, Qwen3 thinking on and off) are encoded by LLaMA-Factory's
// own supervised preprocessing (fixture llamafactory_templates, made in its reference environment)
// and by ours; input ids and labels are compared. The export to LLaMA-Factory (issue 22) writes a
// template only when they are equal, and refuses it, saying how it differs, otherwise: this test
// holds that table to the measurement, both ways.
#include <QtTest>

#include <map>
#include <set>

#include "peftdesk/chat_template.h"
#include "peftdesk/json_file.h"
#include "peftdesk/tokenizer.h"
#include "test_support.h"
#include "train/llamafactory_job.h"

using namespace peftdesk;
using nlohmann::json;

class TestLlamaFactoryTemplates : public QObject {
  Q_OBJECT
  std::string root_;
  json cases_;

 private slots:
  void initTestCase() {
    root_ = (test::fixturesDir() + "/llamafactory_templates").toStdString();
    if (!QFile::exists(QString::fromStdString(root_ + "/cases.json")))
      QSKIP("fixture llamafactory_templates not made (LLaMA-Factory reference environment not installed: scripts/setup.sh)");
    cases_ = readJsonFile(root_ + "/cases.json");
  }

  void idsAndLabelsAgreeWhereTheExportSaysSo() {
    std::map<std::string, std::string> firstDifference;  // template → the first case that differs, and how
    std::set<std::string> seen;
    std::map<std::string, std::unique_ptr<Tokenizer>> tokenizers;
    int compared = 0;
    for (const json& c : cases_["cases"]) {
      const std::string name = c["template"].get<std::string>();
      seen.insert(name);
      std::unique_ptr<Tokenizer>& tok = tokenizers[c["tokenizer"].get<std::string>()];  // ten tokenizers for 85 cases
      if (!tok) tok = Tokenizer::load(root_ + "/" + c["tokenizer"].get<std::string>());
      Example ex;
      if (c["system"].is_string()) ex.system = c["system"].get<std::string>();
      for (const json& m : c["messages"])
        ex.turns.push_back({m["role"] == "user" ? Role::User : Role::Assistant, m["content"].get<std::string>()});
      EncodeOptions options;
      options.cutoffLen = 4096;
      options.enableThinking = c["enable_thinking"].is_boolean() ? c["enable_thinking"].get<bool>() : true;
      const EncodedExample ours = encodeExample(ex, resolveChatTemplate(name, *tok), *tok, options);
      const auto lfIds = c["llamafactory"]["input_ids"].get<std::vector<int32_t>>();
      const auto lfLabels = c["llamafactory"]["labels"].get<std::vector<int32_t>>();
      ++compared;
      if (ours.inputIds == lfIds && ours.labels == lfLabels) continue;
      if (firstDifference.count(name)) continue;
      size_t at = 0;
      while (at < ours.inputIds.size() && at < lfIds.size() && ours.inputIds[at] == lfIds[at]) ++at;
      firstDifference[name] = c["id"].get<std::string>() + ": " + (ours.inputIds == lfIds ? "labels differ" : "ids differ from position " + std::to_string(at)) +
                              "; ours " + QString::fromStdString(tok->decode(ours.inputIds, false)).toStdString() + " | LLaMA-Factory " +
                              c["llamafactory"]["decoded"].get<std::string>();
    }
    QVERIFY(compared >= 60);
    for (const auto& name : seen)
      qInfo("%-10s %s", name.c_str(), firstDifference.count(name) ? ("differs: " + firstDifference[name]).c_str() : "same ids and labels");
    for (const auto& name : seen) {
      const bool same = !firstDifference.count(name);
      const std::string refusal = lfjob::templateRefusal(name);
      QVERIFY2(same == refusal.empty(), (name + (same ? ": equal, yet the export refuses it: " + refusal
                                                       : ": the export writes it, but " + firstDifference[name]))
                                            .c_str());
    }
    for (const auto& name : chatTemplateNames())
      if (!seen.count(name)) QVERIFY2(!lfjob::templateRefusal(name).empty(), (name + ": not measured, yet the export writes it").c_str());
  }
};

QTEST_GUILESS_MAIN(TestLlamaFactoryTemplates)
#include "test_llamafactory_templates.moc"
