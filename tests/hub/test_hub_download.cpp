// Download by repository id (core/hub/hub_download.cpp) against a local stand-in for the Hugging
// Face Hub (tests/hub/hub_server.py: the hub's model-info, HEAD / resolve, redirect-to-storage and
// Range protocol, its error headers, gated repositories and tokens, plus fault injection), serving
// the sharded tiny Llama fixture with files a download must leave alone (a pickle, a second
// safetensors file the index does not name, a README, a subfolder).
// Checked: the cache layout (blobs named by ETag, relative snapshot links, refs/main), which files
// are fetched and which never are, progress totals, reuse of a complete cache, resume with a Range
// request after a cancel (across calls) and after a dropped connection (within a call), a server
// that ignores Range, corruption as received and on disk (fetched again once, refused twice),
// every error message a user can meet, offline mode, an unreachable hub, `peftdesk-cli download`,
// and — reference stack — that huggingface_hub's scan_cache_dir / snapshot_download and
// transformers' from_pretrained(local_files_only=True) read what we wrote.
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include <csignal>

#include "peftdesk/error.h"
#include "peftdesk/hub_download.h"
#include "peftdesk/model.h"
#include "hub_stand_in.h"
#include "test_support.h"

using namespace peftdesk;
namespace fs = std::filesystem;

namespace {

const std::string kCommit = test::HubStandIn::kCommit;
const std::string kRepo = "test-org/tiny-llama";

std::string readAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void writeAll(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

std::string sha256Hex(const std::string& data) {
  return QCryptographicHash::hash(QByteArray::fromStdString(data), QCryptographicHash::Sha256).toHex().toStdString();
}

std::string gitBlobId(const std::string& data) {
  QByteArray bytes = QByteArray("blob ") + QByteArray::number(qulonglong(data.size()));
  bytes.append('\0');
  bytes.append(QByteArray::fromStdString(data));
  return QCryptographicHash::hash(bytes, QCryptographicHash::Sha1).toHex().toStdString();
}

struct Progress {
  std::vector<DownloadProgress> events;
  void operator()(const DownloadProgress& p) { events.push_back(p); }
};

}  // namespace

class TestHubDownload : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir tmp_;
  test::HubStandIn hub_;
  int cacheCounter_ = 0;
  fs::path repoDir_;
  std::vector<std::string> expectedFiles_;  // what a download of kRepo must take
  fs::path cache_;                          // this test's cache

  HubSettings settings() const {
    HubSettings s;
    s.endpoint = hub_.endpoint();
    s.cacheDir = cache_;
    return s;
  }
  fs::path snapshot() const { return cache_ / "models--test-org--tiny-llama" / "snapshots" / kCommit; }

  void fault(const std::string& file, const std::string& kind, int bytes = 0, int times = 1) { hub_.fault(file, kind, bytes, times); }
  QJsonArray requestLog() const { return hub_.requestLog(); }
  // Requests whose path ends with `tail` (file downloads go to /_storage/<sha256> for LFS files).
  QList<QJsonObject> requestsFor(const std::string& tail, const QString& method = "GET") const {
    QList<QJsonObject> out;
    for (const auto& v : requestLog()) {
      const QJsonObject o = v.toObject();
      if (o["method"].toString() == method && o["path"].toString().endsWith(QString::fromStdString(tail))) out.push_back(o);
    }
    return out;
  }
  std::string storagePath(const std::string& file) const { return "/_storage/" + sha256Hex(readAll(repoDir_ / file)); }

  template <class F>
  QString expectError(F&& f, ErrorCategory category) {
    try {
      f();
    } catch (const Error& e) {
      if (e.category() != category) return QString("wrong category %1: %2").arg(categoryName(e.category()), e.what());
      return QString::fromUtf8(e.what());
    }
    return "no error";
  }

  void verifySnapshot() {
    for (const std::string& name : expectedFiles_) {
      const fs::path link = snapshot() / name;
      QVERIFY2(fs::is_symlink(link), name.c_str());
      const std::string data = readAll(repoDir_ / name);
      const std::string etag = name.size() > 12 && name.substr(name.size() - 12) == ".safetensors" ? sha256Hex(data) : gitBlobId(data);
      QCOMPARE(fs::read_symlink(link).string(), "../../blobs/" + etag);
      QVERIFY2(readAll(link) == data, name.c_str());
    }
  }

 private slots:
  void initTestCase() {
    const fs::path fixture = (test::fixturesDir() + "/models/llama_sharded").toStdString();
    if (!fs::exists(fixture / "model.safetensors.index.json")) QFAIL("fixtures missing: run through ctest (fixture_tiny_models)");
    const fs::path root = tmp_.path().toStdString();
    repoDir_ = root / "repos" / "tiny-llama";
    for (const auto& e : fs::directory_iterator(fixture)) {
      const std::string name = e.path().filename().string();
      if (name.rfind("expected", 0) == 0) continue;
      fs::create_directories(repoDir_);
      fs::copy_file(e.path(), repoDir_ / name);
      expectedFiles_.push_back(name);
    }
    writeAll(repoDir_ / "tokenizer_config.json", "{\"model_max_length\": 64, \"chat_template\": \"{{ messages }}\"}\n");
    expectedFiles_.push_back("tokenizer_config.json");
    std::sort(expectedFiles_.begin(), expectedFiles_.end());
    // What a download must leave alone.
    // (bytes of their own, so that their storage URLs differ from the shards')
    writeAll(repoDir_ / "pytorch_model.bin", readAll(repoDir_ / "model-00001-of-00012.safetensors") + "pickle");
    writeAll(repoDir_ / "consolidated.safetensors", readAll(repoDir_ / "model-00002-of-00012.safetensors") + "unindexed");
    writeAll(repoDir_ / "README.md", "# tiny\n");
    writeAll(repoDir_ / "original" / "params.json", "{}\n");

    const fs::path gated = root / "repos" / "gated";
    const fs::path gqa = (test::fixturesDir() + "/models/llama_gqa").toStdString();
    for (const char* f : {"config.json", "generation_config.json", "model.safetensors"}) {
      fs::create_directories(gated);
      fs::copy_file(gqa / f, gated / f);
    }
    const fs::path pickles = root / "repos" / "pickles";
    fs::create_directories(pickles);
    fs::copy_file(gqa / "config.json", pickles / "config.json");
    fs::copy_file(gqa / "model.safetensors", pickles / "pytorch_model.bin");
    const fs::path bert = root / "repos" / "bert";
    writeAll(bert / "config.json", "{\"model_type\": \"bert\", \"architectures\": [\"BertForMaskedLM\"], \"hidden_size\": 8}\n");
    fs::copy_file(gqa / "model.safetensors", bert / "model.safetensors");

    QString error;
    QVERIFY2(hub_.start(tmp_.path(), {{kRepo, repoDir_}, {"test-org/gated", gated, true}, {"test-org/pickles", pickles}, {"test-org/bert", bert}},
                        &error),
             qPrintable(error));
  }

  void init() {
    hub_.reset();
    cache_ = fs::path(tmp_.path().toStdString()) / ("cache" + std::to_string(++cacheCounter_));
  }

  void settingsFollowTheEnvironment() {
    const fs::path home = fs::path(tmp_.path().toStdString()) / "home";
    writeAll(home / "hf" / "token", "hf_fromfile\n");
    std::map<std::string, std::string> env = {{"HOME", home.string()}, {"HF_HOME", (home / "hf").string()},
                                              {"HF_ENDPOINT", "https://mirror.example/"}, {"HF_HUB_OFFLINE", "1"}};
    const auto lookup = [&](const char* name) -> const char* {
      const auto it = env.find(name);
      return it == env.end() ? nullptr : it->second.c_str();
    };
    HubSettings s = hubSettingsFromEnvironment(lookup);
    QCOMPARE(s.endpoint, std::string("https://mirror.example"));
    QCOMPARE(s.token, std::string("hf_fromfile"));
    QCOMPARE(s.tokenOrigin, (home / "hf" / "token").string());
    QVERIFY(s.offline);
    QCOMPARE(s.cacheDir, home / "hf" / "hub");
    env.erase("HF_HUB_OFFLINE");
    env["TRANSFORMERS_OFFLINE"] = "1";
    QVERIFY(hubSettingsFromEnvironment(lookup).offline);
    env.erase("TRANSFORMERS_OFFLINE");
    env["HF_HOME"] = "~/hf";  // "~" expanded from HOME, as huggingface_hub does
    QCOMPARE(hubSettingsFromEnvironment(lookup).token, std::string("hf_fromfile"));
    env["HF_HUB_OFFLINE"] = "1";
    env["HF_TOKEN"] = "hf_fromenv";
    env["HF_HUB_CACHE"] = "/somewhere/hub";
    env.erase("HF_HUB_OFFLINE");
    env.erase("HF_ENDPOINT");
    s = hubSettingsFromEnvironment(lookup);
    QCOMPARE(s.token, std::string("hf_fromenv"));
    QCOMPARE(s.tokenOrigin, std::string("HF_TOKEN"));
    QCOMPARE(s.endpoint, std::string("https://huggingface.co"));
    QVERIFY(!s.offline);
    QCOMPARE(s.cacheDir, fs::path("/somewhere/hub"));
    QCOMPARE(hubRepoFolderName("Qwen/Qwen3-0.6B"), std::string("models--Qwen--Qwen3-0.6B"));
  }

  void refusesBadRepositoryIds() {
    for (const char* bad : {"", "a/b/c", "-org/name", "org/name.", "a--b/c", "a/../b", "org/na me", "org/name?x"}) {
      const QString m = expectError([&] { validateHubRepoId(bad); }, ErrorCategory::Argument);
      QVERIFY2(m.contains("is not a Hugging Face repository id"), qPrintable(m));
    }
    for (const char* good : {"Qwen/Qwen3-0.6B", "gpt2", "meta-llama/Llama-3.2-1B-Instruct", "a_b/c.d"}) validateHubRepoId(good);
    for (const char* bad : {"", "../main", "a b", "x:y"}) {
      const QString m = expectError([&] { validateHubRevision(bad); }, ErrorCategory::Argument);
      QVERIFY2(m.contains("revision"), qPrintable(m));
    }
    validateHubRevision("refs/pr/1");
  }

  void downloadsIntoTheCacheLayout() {
    Progress progress;
    const DownloadResult r = downloadModel({kRepo, "main"}, settings(), std::ref(progress));
    QCOMPARE(r.commit, kCommit);
    QCOMPARE(r.snapshot, snapshot());
    QCOMPARE(r.files, expectedFiles_);
    QCOMPARE(r.skipped, (std::vector<std::string>{"README.md", "consolidated.safetensors", "original/params.json", "pytorch_model.bin"}));
    QCOMPARE(r.resumedFiles, 0);
    QCOMPARE(r.refetchedFiles, 0);
    QVERIFY(!r.fromCacheOnly);
    verifySnapshot();
    if (QTest::currentTestFailed()) return;
    QCOMPARE(readAll(cache_ / "models--test-org--tiny-llama" / "refs" / "main"), kCommit);
    // Nothing else in the repository folder: no temporary or partial files left behind.
    for (const auto& e : fs::recursive_directory_iterator(cache_ / "models--test-org--tiny-llama"))
      QVERIFY2(e.path().extension() != ".incomplete" && e.path().filename().string().find(".tmp") == std::string::npos,
               e.path().c_str());
    uint64_t total = 0;
    for (const auto& f : expectedFiles_) total += fs::file_size(repoDir_ / f);
    QCOMPARE(r.fetchedBytes, total);
    QCOMPARE(r.reusedBytes, uint64_t(0));
    // Progress: totals right from the start (after listing), never backwards, ending at done.
    QVERIFY(!progress.events.empty());
    QCOMPARE(progress.events.back().phase, std::string("done"));
    QCOMPARE(progress.events.back().doneBytes, total);
    QCOMPARE(progress.events.back().totalBytes, total);
    QCOMPARE(progress.events.back().fileCount, int(expectedFiles_.size()));
    for (size_t i = 1; i < progress.events.size(); ++i) {
      QVERIFY(progress.events[i].doneBytes >= progress.events[i - 1].doneBytes);
      if (progress.events[i].phase == "fetching") QCOMPARE(progress.events[i].totalBytes, total);
    }
    // Never a request for what is skipped: pickles, other formats, subfolders, unindexed weights.
    for (const char* skipped : {"pytorch_model.bin", "README.md", "original/params.json", "consolidated.safetensors"}) {
      QVERIFY2(requestsFor(skipped, "GET").isEmpty() && requestsFor(skipped, "HEAD").isEmpty(), skipped);
      QVERIFY2(requestsFor(storagePath(skipped)).isEmpty(), skipped);
    }
    // Our list of the machine's models sees it, loadable.
    const auto listed = scanModelCache({cache_, "huggingface", "test"});
    QCOMPARE(listed.size(), size_t(1));
    QCOMPARE(listed[0].repoId, kRepo);
    QVERIFY2(listed[0].loadable, listed[0].reason.c_str());
    QCOMPARE(listed[0].numParameters, inspectModel((test::fixturesDir() + "/models/llama_sharded").toStdString()).numParameters);
  }

  void reusesACompleteCache() {
    downloadModel({kRepo, "main"}, settings());
    hub_.reset();
    const DownloadResult again = downloadModel({kRepo, "main"}, settings());
    QCOMPARE(again.fetchedBytes, uint64_t(0));
    uint64_t total = 0;
    for (const auto& f : expectedFiles_) total += fs::file_size(repoDir_ / f);
    QCOMPARE(again.reusedBytes, total);
    for (const auto& v : requestLog()) {  // metadata only
      const QString path = v.toObject()["path"].toString();
      QVERIFY2(v.toObject()["method"].toString() == "HEAD" || path.startsWith("/api/models/"), qPrintable(path));
    }
    // A tag resolving to the same commit adds its ref and reuses every blob.
    const DownloadResult tagged = downloadModel({kRepo, "v1.0"}, settings());
    QCOMPARE(tagged.snapshot, snapshot());
    QCOMPARE(tagged.fetchedBytes, uint64_t(0));
    QCOMPARE(readAll(cache_ / "models--test-org--tiny-llama" / "refs" / "v1.0"), kCommit);
    // A pull-request ref nests as huggingface_hub writes it.
    downloadModel({kRepo, "refs/pr/1"}, settings());
    QCOMPARE(readAll(cache_ / "models--test-org--tiny-llama" / "refs" / "refs" / "pr" / "1"), kCommit);
    // A commit as the revision writes no ref.
    downloadModel({kRepo, kCommit}, settings());
    QVERIFY(!fs::exists(cache_ / "models--test-org--tiny-llama" / "refs" / kCommit));
  }

  void huggingfaceHubAndTransformersReadIt() {
    const QString python = test::pythonPath();
    if (python.isEmpty() || !QFile::exists(python)) QFAIL("project venv python not found (PEFTDESK_PYTHON): run `make test`");
    downloadModel({kRepo, "main"}, settings());
    const auto scan = test::runProcess(python, {test::sourceDir() + "/tests/reference/scan_hf_cache.py", QString::fromStdString(cache_.string())});
    QVERIFY2(scan.exitCode == 0, qPrintable(scan.stderrText));
    const QJsonObject seen = QJsonDocument::fromJson(scan.stdoutText.toUtf8()).object();
    QCOMPARE(seen["warnings"].toArray().size(), 0);
    const QJsonArray repos = seen["repos"].toArray();
    QCOMPARE(repos.size(), 1);
    QCOMPARE(repos[0].toObject()["repo_id"].toString(), QString::fromStdString(kRepo));
    const QJsonArray revisions = repos[0].toObject()["revisions"].toArray();
    QCOMPARE(revisions.size(), 1);
    const QJsonObject rev = revisions[0].toObject();
    QCOMPARE(rev["commit_hash"].toString(), QString::fromStdString(kCommit));
    QCOMPARE(rev["refs"].toArray(), QJsonArray({"main"}));
    QStringList files;
    for (const auto& f : rev["files"].toArray()) files << f.toString();
    QStringList expected;
    for (const auto& f : expectedFiles_) expected << QString::fromStdString(f);
    QCOMPARE(files, expected);

    const auto load = test::runProcess(python, {test::sourceDir() + "/tests/reference/load_from_hub_cache.py",
                                                QString::fromStdString(kRepo), QString::fromStdString(cache_.string())},
                                       300000);
    QVERIFY2(load.exitCode == 0, qPrintable(load.stderrText));
    const QJsonObject loaded = QJsonDocument::fromJson(load.stdoutText.toUtf8()).object();
    QCOMPARE(fs::path(loaded["snapshot"].toString().toStdString()), snapshot());
    QCOMPARE(fs::path(loaded["config_file"].toString().toStdString()), snapshot() / "config.json");
    QCOMPARE(qint64(loaded["num_parameters"].toDouble()), inspectModel(snapshot()).numParameters);
  }

  void resumesAfterCancel() {
    const std::string shard = "model-00005-of-00012.safetensors";
    const uint64_t size = fs::file_size(repoDir_ / shard);
    const int cut = static_cast<int>(size / 3);
    fault(shard, "stall", cut);
    std::atomic<bool> cancel{false};
    const DownloadProgressFn onProgress = [&](const DownloadProgress& p) {
      if (p.file == shard && p.fileDoneBytes >= uint64_t(cut)) cancel = true;
    };
    const QString m = expectError([&] { downloadModel({kRepo, "main"}, settings(), onProgress, &cancel); }, ErrorCategory::Cancelled);
    QVERIFY2(m.contains("cancelled") && m.contains("next download continues"), qPrintable(m));
    const fs::path partial = cache_ / "models--test-org--tiny-llama" / "blobs" / (sha256Hex(readAll(repoDir_ / shard)) + ".incomplete");
    QVERIFY(fs::exists(partial));
    QCOMPARE(fs::file_size(partial), uint64_t(cut));
    QVERIFY(!fs::exists(snapshot() / shard));
    // The list of the machine's models says the download is unfinished.
    const auto listed = scanModelCache({cache_, "huggingface", "test"});
    QCOMPARE(listed.size(), size_t(1));
    QVERIFY(!listed[0].loadable);
    QVERIFY2(listed[0].reason.rfind("download not finished", 0) == 0, listed[0].reason.c_str());

    const DownloadResult r = downloadModel({kRepo, "main"}, settings());
    QCOMPARE(r.resumedFiles, 1);
    const auto gets = requestsFor(storagePath(shard));
    QCOMPARE(gets.size(), 2);
    QCOMPARE(gets[1]["range"].toString(), QString("bytes=%1-").arg(cut));
    verifySnapshot();
  }

  void resumesAfterADroppedConnection() {
    const std::string shard = "model-00007-of-00012.safetensors";
    const int cut = static_cast<int>(fs::file_size(repoDir_ / shard) / 2);
    fault(shard, "cut", cut);
    const DownloadResult r = downloadModel({kRepo, "main"}, settings());
    QCOMPARE(r.resumedFiles, 1);
    QCOMPARE(r.refetchedFiles, 0);
    const auto gets = requestsFor(storagePath(shard));
    QCOMPARE(gets.size(), 2);
    QVERIFY(gets[0]["range"].isNull());
    QCOMPARE(gets[1]["range"].toString(), QString("bytes=%1-").arg(cut));
    verifySnapshot();
  }

  void startsOverWhenTheServerIgnoresRange() {
    const std::string shard = "model-00003-of-00012.safetensors";
    const int cut = static_cast<int>(fs::file_size(repoDir_ / shard) / 2);
    fault(shard, "cut", cut);
    fault(shard, "ignore_range", 0);
    const DownloadResult r = downloadModel({kRepo, "main"}, settings());
    QCOMPARE(r.resumedFiles, 0);  // the range was asked for, the whole file came
    QCOMPARE(requestsFor(storagePath(shard)).size(), 2);
    verifySnapshot();
  }

  void fetchesACorruptTransferAgain() {
    const std::string shard = "model-00004-of-00012.safetensors";
    fault(shard, "corrupt");
    fault("config.json", "corrupt");  // a git-hashed file is checked as well
    const DownloadResult r = downloadModel({kRepo, "main"}, settings());
    QCOMPARE(r.refetchedFiles, 2);
    QCOMPARE(requestsFor(storagePath(shard)).size(), 2);
    verifySnapshot();
  }

  void refusesAFileThatFailsTwice() {
    const std::string shard = "model-00006-of-00012.safetensors";
    fault(shard, "corrupt", 0, 2);
    const QString m = expectError([&] { downloadModel({kRepo, "main"}, settings()); }, ErrorCategory::Format);
    QVERIFY2(m.contains(QString::fromStdString(kRepo + "/" + shard)) && m.contains("failed its check twice") && m.contains("SHA-256"),
             qPrintable(m));
    const fs::path blobs = cache_ / "models--test-org--tiny-llama" / "blobs";
    const std::string etag = sha256Hex(readAll(repoDir_ / shard));
    QVERIFY(!fs::exists(blobs / etag));
    QVERIFY(!fs::exists(blobs / (etag + ".incomplete")));
    QVERIFY(!fs::exists(snapshot() / shard));
  }

  void fetchesADamagedBlobAgain() {
    downloadModel({kRepo, "main"}, settings());
    const std::string shard = "model-00009-of-00012.safetensors";
    const fs::path blob = cache_ / "models--test-org--tiny-llama" / "blobs" / sha256Hex(readAll(repoDir_ / shard));
    std::string bytes = readAll(blob);
    bytes[bytes.size() / 2] ^= 0x01;  // same size, one bit off
    writeAll(blob, bytes);
    const DownloadResult r = downloadModel({kRepo, "main"}, settings());
    QCOMPARE(r.refetchedFiles, 1);
    QCOMPARE(r.fetchedBytes, uint64_t(fs::file_size(repoDir_ / shard)));
    verifySnapshot();
  }

  void explainsWhatTheHubRefuses() {
    HubSettings s = settings();
    QString m = expectError([&] { downloadModel({"test-org/missing", "main"}, s); }, ErrorCategory::Argument);
    QVERIFY2(m.contains("no model 'test-org/missing' on http://127.0.0.1") && m.contains("no HF_TOKEN is set"), qPrintable(m));
    m = expectError([&] { downloadModel({kRepo, "no-such-branch"}, s); }, ErrorCategory::Argument);
    QVERIFY2(m.contains("has no revision 'no-such-branch'"), qPrintable(m));
    m = expectError([&] { downloadModel({"test-org/gated", "main"}, s); }, ErrorCategory::Io);
    QVERIFY2(m.contains("test-org/gated is a gated model") && m.contains("(HF_TOKEN, or the Model page's Access token field") && m.contains("no token is set"), qPrintable(m));
    s.token = "hf_noaccess";
    s.tokenOrigin = "HF_TOKEN";
    m = expectError([&] { downloadModel({"test-org/gated", "main"}, s); }, ErrorCategory::Io);
    QVERIFY2(m.contains("the token from HF_TOKEN has no access to it yet") && m.contains("/test-org/gated"), qPrintable(m));
    s.token = "hf_typo";
    m = expectError([&] { downloadModel({kRepo, "main"}, s); }, ErrorCategory::Io);
    QVERIFY2(m.contains("refused the token from HF_TOKEN (invalid credentials)"), qPrintable(m));
    s.token = "hf_good";
    hub_.reset();
    const DownloadResult gated = downloadModel({"test-org/gated", "main"}, s);
    QCOMPARE(gated.files, (std::vector<std::string>{"config.json", "generation_config.json", "model.safetensors"}));
    int hubRequests = 0, storageRequests = 0;
    for (const auto& v : requestLog()) {  // the token went with every request to the hub, never to storage
      const QJsonObject o = v.toObject();
      if (o["path"].toString().startsWith("/test-org/gated") || o["path"].toString().startsWith("/api/models/test-org/gated")) {
        QCOMPARE(o["authorization"].toString(), QString("Bearer hf_good"));
        ++hubRequests;
      } else if (o["path"].toString().startsWith("/_storage/")) {
        QVERIFY2(o["authorization"].isNull(), qPrintable(o["path"].toString()));
        ++storageRequests;
      }
    }
    QVERIFY(hubRequests >= 4);
    QCOMPARE(storageRequests, 1);
    s.token.clear();
    m = expectError([&] { downloadModel({"test-org/pickles", "main"}, s); }, ErrorCategory::Unsupported);
    QVERIFY2(m.contains("has no safetensors weights (only pytorch_model.bin)") && m.contains("never pickled weights"), qPrintable(m));
    QVERIFY(requestsFor("pytorch_model.bin", "HEAD").isEmpty() && requestsFor("pytorch_model.bin", "GET").isEmpty());
  }

  void refusesAnArchitectureBeforeItsWeights() {
    const QString m = expectError([&] { downloadModel({"test-org/bert", "main"}, settings()); }, ErrorCategory::Unsupported);
    QVERIFY2(m.contains("test-org/bert: PeftDesk cannot load this model, so its weights were not downloaded") && m.contains("bert"),
             qPrintable(m));
    QVERIFY(requestsFor("model.safetensors", "HEAD").isEmpty());
    for (const auto& v : requestLog()) QVERIFY(!v.toObject()["path"].toString().startsWith("/_storage/"));
    // No snapshot or ref is left that would look like a model in the cache.
    QVERIFY(!fs::exists(cache_ / "models--test-org--bert" / "snapshots" / kCommit));
    QVERIFY(!fs::exists(cache_ / "models--test-org--bert" / "refs" / "main"));
    QCOMPARE(scanModelCache({cache_, "huggingface", "test"}).size(), size_t(0));
  }

  // A request that never answers (here a HEAD) still stops when cancelled.
  void cancelStopsAWaitingRequest() {
    fault("HEAD generation_config.json", "stall");
    std::atomic<bool> cancel{false};
    std::thread canceller([&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(1500));
      cancel = true;
    });
    QElapsedTimer timer;
    timer.start();
    const QString m = expectError([&] { downloadModel({kRepo, "main"}, settings(), {}, &cancel); }, ErrorCategory::Cancelled);
    canceller.join();
    QVERIFY2(m.contains("cancelled"), qPrintable(m));
    QVERIFY2(timer.elapsed() < 10000, qPrintable(QString::number(timer.elapsed())));
  }

  void worksOfflineFromTheCache() {
    HubSettings s = settings();
    s.offline = true;
    QString m = expectError([&] { downloadModel({kRepo, "main"}, s); }, ErrorCategory::Io);
    QVERIFY2(m.contains("offline mode (HF_HUB_OFFLINE is set)") && m.contains("is not in the cache"), qPrintable(m));
    QCOMPARE(requestLog().size(), 0);
    // A download stopped part way leaves a snapshot without all its shards: not offered offline.
    hub_.fault("model-00008-of-00012.safetensors", "corrupt", 0, 2);
    expectError([&] { downloadModel({kRepo, "main"}, settings()); }, ErrorCategory::Format);
    QVERIFY(fs::exists(snapshot() / "config.json"));
    m = expectError([&] { downloadModel({kRepo, "main"}, s); }, ErrorCategory::Io);
    QVERIFY2(m.contains("offline mode") && m.contains("only part of it"), qPrintable(m));
    hub_.reset();
    downloadModel({kRepo, "main"}, settings());
    hub_.reset();
    const DownloadResult r = downloadModel({kRepo, "main"}, s);
    QVERIFY(r.fromCacheOnly);
    QCOMPARE(r.snapshot, snapshot());
    QCOMPARE(r.files, expectedFiles_);
    QVERIFY2(QString::fromStdString(r.note).contains("offline"), r.note.c_str());
    QCOMPARE(requestLog().size(), 0);

    // An unreachable hub: the cached snapshot, with the reason; nothing cached: what to do.
    s.offline = false;
    s.endpoint = "http://127.0.0.1:9";  // discard port: nothing listens
    const DownloadResult cached = downloadModel({kRepo, "main"}, s);
    QVERIFY(cached.fromCacheOnly);
    QVERIFY2(QString::fromStdString(cached.note).contains("could not be reached"), cached.note.c_str());
    m = expectError([&] { downloadModel({"test-org/gated", "main"}, s); }, ErrorCategory::Io);
    QVERIFY2(m.contains("could not be reached") && m.contains("HF_ENDPOINT") && m.contains("HF_HUB_OFFLINE=1"), qPrintable(m));
  }

  void commandLine() {
    qputenv("HF_ENDPOINT", QByteArray::fromStdString(settings().endpoint));
    qunsetenv("HF_TOKEN");
    qunsetenv("HF_HUB_OFFLINE");
    const QString cache = QString::fromStdString(cache_.string());
    auto r = test::runCli({"download", QString::fromStdString(kRepo), "--cache-dir", cache, "--json"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    const QJsonObject j = QJsonDocument::fromJson(r.stdoutText.toUtf8()).object();
    QCOMPARE(j["commit"].toString(), QString::fromStdString(kCommit));
    QCOMPARE(j["snapshot"].toString(), QString::fromStdString(snapshot().string()));
    QCOMPARE(j["files"].toArray().size(), int(expectedFiles_.size()));
    QCOMPARE(j["endpoint"].toString(), QString::fromStdString(settings().endpoint));
    verifySnapshot();
    r = test::runCli({"download", QString::fromStdString(kRepo), "--cache-dir", cache, "--revision", "v1.0"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    QCOMPARE(r.stdoutText.trimmed(), QString::fromStdString(snapshot().string()));
    QVERIFY2(r.stderrText.contains(QString("%1 files, 0 B fetched").arg(expectedFiles_.size())), qPrintable(r.stderrText));
    // The snapshot opens as any model folder.
    r = test::runCli({"info", QString::fromStdString(snapshot().string()), "--json"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    // Ctrl-C during a transfer: exit code 130, the partial file kept.
    const std::string shard = "model-00010-of-00012.safetensors";
    fault(shard, "stall", 1000);
    const fs::path otherCache = cache_.string() + "-ctrlc";
    QProcess cli;
    cli.start(test::cliPath(), {"download", QString::fromStdString(kRepo), "--cache-dir", QString::fromStdString(otherCache.string())});
    QVERIFY(cli.waitForStarted());
    const fs::path partial = otherCache / "models--test-org--tiny-llama" / "blobs" / (sha256Hex(readAll(repoDir_ / shard)) + ".incomplete");
    QTRY_VERIFY_WITH_TIMEOUT(fs::exists(partial) && fs::file_size(partial) == 1000, 30000);
    ::kill(static_cast<pid_t>(cli.processId()), SIGINT);
    QVERIFY(cli.waitForFinished(30000));
    QCOMPARE(cli.exitCode(), 130);
    QVERIFY2(cli.readAllStandardError().contains("cancelled"), "no cancel message");
    QCOMPARE(fs::file_size(partial), uintmax_t(1000));
    r = test::runCli({"download", "not/a/repo", "--cache-dir", cache});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.stderrText.contains("'not/a/repo' is not a Hugging Face repository id"), qPrintable(r.stderrText));
    r = test::runCli({"download", "test-org/gated", "--cache-dir", cache});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.stderrText.contains("gated model"), qPrintable(r.stderrText));
    qunsetenv("HF_ENDPOINT");
  }
};

QTEST_GUILESS_MAIN(TestHubDownload)
#include "test_hub_download.moc"
