// The models already on the machine (core/hub/model_cache.cpp): a Hugging Face hub cache laid out
// as huggingface_hub writes it (blobs, snapshot links, refs) and a ModelScope cache, holding tiny
// fixture models, a second revision without weights, an unsupported architecture and a dataset.
// Checked: which roots the environment selects (HF_HUB_CACHE, HUGGINGFACE_HUB_CACHE, HF_HOME,
// XDG_CACHE_HOME, MODELSCOPE_CACHE), every entry's fields, the reasons given for what cannot load,
// `peftdesk-cli models --json`, and that huggingface_hub's own scan_cache_dir sees the same
// repositories, revisions, refs and sizes (reference stack).
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "peftdesk/model.h"
#include "peftdesk/model_cache.h"
#include "test_support.h"

using namespace peftdesk;
namespace fs = std::filesystem;

namespace {

const std::string kRev = "0123456789abcdef0123456789abcdef01234567";
const std::string kOldRev = "fedcba9876543210fedcba9876543210fedcba98";

// One snapshot of `repoDir`: every file of `model` stored once as a blob, linked from
// snapshots/<rev>/ with the relative target huggingface_hub uses.
void addSnapshot(const fs::path& repoDir, const std::string& rev, const std::vector<fs::path>& files) {
  fs::create_directories(repoDir / "blobs");
  fs::create_directories(repoDir / "snapshots" / rev);
  for (const fs::path& f : files) {
    const std::string blob = rev.substr(0, 8) + "-" + f.filename().string();  // any unique name will do
    fs::copy_file(f, repoDir / "blobs" / blob, fs::copy_options::overwrite_existing);
    fs::create_symlink(fs::path("../../blobs") / blob, repoDir / "snapshots" / rev / f.filename());
  }
}

void writeText(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << text;
}

std::vector<fs::path> modelFiles(const QString& fixture) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator((test::fixturesDir() + "/models/" + fixture).toStdString()))
    if (e.path().filename() != "expected.json" && e.path().filename() != "expected.safetensors") out.push_back(e.path());
  return out;
}

uint64_t filesBytes(const std::vector<fs::path>& files) {
  uint64_t n = 0;
  for (const auto& f : files) n += fs::file_size(f);
  return n;
}

}  // namespace

class TestModelCache : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;
  fs::path hub_, modelscope_;

 private slots:
  void initTestCase() {
    QVERIFY(tmp_.isValid());
    if (!QFile::exists(test::fixturesDir() + "/models/llama_gqa/config.json")) QFAIL("fixtures missing: run through ctest (fixture_tiny_models)");
    hub_ = fs::path(tmp_.path().toStdString()) / "hub";
    modelscope_ = fs::path(tmp_.path().toStdString()) / "modelscope";
    // A loadable model with two revisions: main (complete) and an older one with only its config.
    const fs::path llama = hub_ / "models--peftdesk-test--tiny-llama";
    addSnapshot(llama, kRev, modelFiles("llama_gqa"));
    addSnapshot(llama, kOldRev, {fs::path((test::fixturesDir() + "/models/llama_gqa/config.json").toStdString())});
    writeText(llama / "refs" / "main", kRev);
    writeText(llama / "refs" / "pr" / "1", kRev);
    // A repository without an organisation, in a family PeftDesk does not load.
    const fs::path clip = hub_ / "models--tiny-clip";
    writeText(fs::path(tmp_.path().toStdString()) / "clip" / "config.json", R"({"model_type": "clip", "architectures": ["CLIPModel"]})");
    addSnapshot(clip, kRev, {fs::path(tmp_.path().toStdString()) / "clip" / "config.json"});
    writeText(clip / "refs" / "main", kRev);
    // A dataset: not a model.
    const fs::path dataset = hub_ / "datasets--someone--data";
    addSnapshot(dataset, kRev, {fs::path((test::fixturesDir() + "/models/llama_gqa/config.json").toStdString())});
    writeText(dataset / "refs" / "main", kRev);
    // ModelScope: plain folders, a dot in the name written as "___".
    const fs::path ms = modelscope_ / "models" / "Qwen" / "Qwen2___5-Tiny";
    fs::create_directories(ms);
    for (const fs::path& f : modelFiles("qwen2_bias_tied")) fs::copy_file(f, ms / f.filename());
  }

  void rootsFollowTheEnvironment() {
    auto rootsWith = [](std::map<std::string, std::string> vars) {
      vars.emplace("HOME", "/home/u");
      return modelCacheRoots([vars](const char* name) -> const char* {
        auto it = vars.find(name);
        return it == vars.end() ? nullptr : it->second.c_str();
      });
    };
    auto hf = [](const std::vector<ModelCacheRoot>& r) { return QString::fromStdString(r.at(0).path.string() + " " + r.at(0).origin); };
    QCOMPARE(hf(rootsWith({})), QString("/home/u/.cache/huggingface/hub default"));
    QCOMPARE(hf(rootsWith({{"XDG_CACHE_HOME", "/x"}})), QString("/x/huggingface/hub XDG_CACHE_HOME"));
    QCOMPARE(hf(rootsWith({{"HF_HOME", "~/hf"}, {"XDG_CACHE_HOME", "/x"}})), QString("/home/u/hf/hub HF_HOME"));
    QCOMPARE(hf(rootsWith({{"HUGGINGFACE_HUB_CACHE", "/legacy"}, {"HF_HOME", "/h"}})), QString("/legacy HUGGINGFACE_HUB_CACHE"));
    QCOMPARE(hf(rootsWith({{"HF_HUB_CACHE", "/c"}, {"HUGGINGFACE_HUB_CACHE", "/legacy"}, {"HF_HOME", "/h"}})), QString("/c HF_HUB_CACHE"));
    const auto ms = rootsWith({});
    QCOMPARE(QString::fromStdString(ms.at(1).path.string()), QString("/home/u/.cache/modelscope/hub"));
    QCOMPARE(QString::fromStdString(rootsWith({{"MODELSCOPE_CACHE", "/m"}}).at(1).path.string()), QString("/m"));
    QCOMPARE(QString::fromStdString(ms.at(1).source), QString("modelscope"));
  }

  void listsEveryModelWithWhatCanBeDone() {
    const auto models = scanModelCaches({{hub_, "huggingface", "test"}, {modelscope_, "modelscope", "test"}, {"/nonexistent", "huggingface", "x"}});
    QCOMPARE(models.size(), size_t(4));  // two llama revisions, clip, the ModelScope Qwen; no dataset
    const CachedModel& main = models[0];
    QCOMPARE(QString::fromStdString(main.repoId), QString("peftdesk-test/tiny-llama"));
    QCOMPARE(main.revision, kRev);
    QCOMPARE(main.refs, (std::vector<std::string>{"main", "pr/1"}));
    QVERIFY2(main.loadable, main.reason.c_str());
    QCOMPARE(QString::fromStdString(main.modelType), QString("llama"));
    QCOMPARE(main.numParameters, inspectModel((test::fixturesDir() + "/models/llama_gqa").toStdString()).numParameters);
    QCOMPARE(main.sizeBytes, filesBytes(modelFiles("llama_gqa")));
    QCOMPARE(QString::fromStdString(main.dtype), QString("float32"));
    QCOMPARE(main.folder, hub_ / "models--peftdesk-test--tiny-llama" / "snapshots" / kRev);

    const CachedModel& old = models[1];
    QCOMPARE(old.revision, kOldRev);
    QVERIFY(old.refs.empty());
    QVERIFY(!old.loadable);
    QCOMPARE(QString::fromStdString(old.modelType), QString("llama"));
    QVERIFY2(QString::fromStdString(old.reason).contains("safetensors"), old.reason.c_str());

    const CachedModel& clip = models[2];
    QCOMPARE(QString::fromStdString(clip.repoId), QString("tiny-clip"));
    QVERIFY(!clip.loadable);
    QCOMPARE(QString::fromStdString(clip.architecture), QString("CLIPModel"));
    QVERIFY2(QString::fromStdString(clip.reason).contains("unsupported architecture 'clip'"), clip.reason.c_str());

    const CachedModel& qwen = models[3];
    QCOMPARE(QString::fromStdString(qwen.source), QString("modelscope"));
    QCOMPARE(QString::fromStdString(qwen.repoId), QString("Qwen/Qwen2.5-Tiny"));
    QVERIFY(qwen.revision.empty());
    QVERIFY2(qwen.loadable, qwen.reason.c_str());
    QCOMPARE(QString::fromStdString(qwen.modelType), QString("qwen2"));
  }

  void cliListsTheSameAsJson() {
    const auto r = test::runCli({"models", "--json", "--cache-dir", QString::fromStdString(hub_.string()), "--modelscope-dir",
                                 QString::fromStdString(modelscope_.string())});
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    const nlohmann::json j = nlohmann::json::parse(r.stdoutText.toStdString());
    QCOMPARE(j["models"].size(), size_t(4));
    QCOMPARE(j["models"][0]["repo_id"].get<std::string>(), std::string("peftdesk-test/tiny-llama"));
    QCOMPARE(j["models"][0]["loadable"].get<bool>(), true);
    QVERIFY(j["models"][0]["num_parameters"].get<int64_t>() > 0);
    QVERIFY(j["models"][1]["num_parameters"].is_null());
    QCOMPARE(j["models"][2]["reason"].get<std::string>().find("unsupported architecture 'clip'") != std::string::npos, true);
    QCOMPARE(j["roots"][0]["origin"].get<std::string>(), std::string("--cache-dir"));
    const auto missing = test::runCli({"models", "--cache-dir", tmp_.path() + "/nowhere"});
    QVERIFY(missing.exitCode != 0);
    QVERIFY2(missing.stderrText.contains("--cache-dir") && missing.stderrText.contains("is not a folder"), qPrintable(missing.stderrText));
    const auto text = test::runCli({"models", "--cache-dir", QString::fromStdString(hub_.string())});
    QVERIFY2(text.exitCode == 0, qPrintable(text.stderrText));
    QVERIFY2(text.stdoutText.contains("peftdesk-test/tiny-llama@0123456789 (main) (pr/1)") && text.stdoutText.contains("cannot load:"),
             qPrintable(text.stdoutText));
  }

  // huggingface_hub reads the same layout the same way: repositories, revisions, refs, sizes.
  void huggingfaceHubSeesTheSame() {
    const QString python = test::pythonPath();
    if (python.isEmpty() || !QFile::exists(python)) QSKIP("project venv python not found (PEFTDESK_PYTHON)");
    const auto r = test::runProcess(python, {test::sourceDir() + "/tests/reference/scan_hf_cache.py", QString::fromStdString(hub_.string())});
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    const nlohmann::json ref = nlohmann::json::parse(r.stdoutText.toStdString());
    QVERIFY2(ref["warnings"].empty(), ref["warnings"].dump().c_str());
    const auto ours = scanModelCache({hub_, "huggingface", "test"});
    size_t compared = 0;
    for (const auto& repo : ref["repos"]) {
      if (repo["repo_type"] != "model") continue;
      for (const auto& rev : repo["revisions"]) {
        auto it = std::find_if(ours.begin(), ours.end(), [&](const CachedModel& m) {
          return m.repoId == repo["repo_id"].get<std::string>() && m.revision == rev["commit_hash"].get<std::string>();
        });
        QVERIFY2(it != ours.end(), (repo["repo_id"].dump() + " " + rev["commit_hash"].dump()).c_str());
        QCOMPARE(nlohmann::json(it->refs), rev["refs"]);
        QCOMPARE(it->sizeBytes, rev["size_on_disk"].get<uint64_t>());
        ++compared;
      }
    }
    QCOMPARE(compared, ours.size());
  }
};

QTEST_GUILESS_MAIN(TestModelCache)
#include "test_model_cache.moc"
