// See chat_controller.h.
#include "chat_controller.h"

#include <QMetaObject>
#include <algorithm>
#include <exception>
#include <filesystem>
#include <limits>

#include "background_queue.h"
#include "error_text.h"
#include "peftdesk/error.h"

namespace peftdesk::ui {
namespace {

// Newest modification time among a folder's files, in the file clock's ticks (its epoch is not
// 1970: the counts can be negative). The lowest value when the folder cannot be read.
int64_t newestWrite(const std::filesystem::path& dir) {
  std::error_code ec;
  int64_t newest = std::numeric_limits<int64_t>::min();
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const auto t = entry.last_write_time(ec);
    if (!ec) newest = std::max<int64_t>(newest, t.time_since_epoch().count());
  }
  return newest;
}

// What the resident engine was opened from: the model folder, each adapter folder with the time
// its files last changed (a run resumed since, or an adapter exported over, is reloaded), and the
// load options (precision, 4-bit base, device).
std::string loadKeyOf(const std::filesystem::path& modelDir, const std::vector<std::filesystem::path>& adapters, const LoadOptions& load) {
  std::string key = modelDir.string() + '\n' + computeDTypeName(load.dtype) + (load.quantization.enabled ? "/" + load.quantization.type : std::string()) +
                    '@' + deviceSpecName(load.device);
  for (const auto& a : adapters) key += '\n' + a.string() + '@' + std::to_string(newestWrite(a));
  return key;
}

std::vector<std::filesystem::path> pathsOf(const QStringList& dirs) {
  std::vector<std::filesystem::path> out;
  for (const QString& d : dirs) out.emplace_back(d.toStdString());
  return out;
}

}  // namespace

ChatController::ChatController(QObject* parent)
    : QObject(parent),
      jobs_(new BackgroundQueue(this, BackgroundQueue::Thread::KeepThread)),  // one thread for the engine's whole life
      resident_(std::make_shared<Resident>()),
      stop_(std::make_shared<std::atomic<bool>>(false)) {
  qRegisterMetaType<peftdesk::ChatReply>();
  // An exception no job caught (the jobs catch their own): said, and the page usable again.
  connect(jobs_, &BackgroundQueue::failed, this, [this](const QString& message) {
    emit openFailed(message);
    busy_ = false;
    emit idle();
  });
}

ChatController::~ChatController() {
  stop_->store(true);
  jobs_->waitForDone();  // before this object goes: the job posts back to it
}

void ChatController::stop() { stop_->store(true); }

void ChatController::forget() {
  jobs_->run([resident = resident_] {
    if (resident->engine) resident->engine->forget();
  });
}

void ChatController::send(const QString& modelDir, const QStringList& adapters, const LoadOptions& load, const std::vector<ChatPaneRequest>& panes,
                          const ChatOptions& options) {
  busy_ = true;
  stop_->store(false);
  // Queued calls back to the GUI thread; dropped if this controller is gone by then.
  auto post = [this](auto fn) { QMetaObject::invokeMethod(this, std::move(fn), Qt::QueuedConnection); };
  jobs_->run([this, post, resident = resident_, stop = stop_, modelDir, adapters, load, panes, options] {
    std::unique_ptr<ChatEngine>& engine = resident->engine;
    try {
      const std::filesystem::path dir = modelDir.toStdString();
      const std::vector<std::filesystem::path> wanted = pathsOf(adapters);
      const std::string key = loadKeyOf(dir, wanted, load);
      if (!engine || resident->loadKey != key) {
        post([this] { emit loading(); });
        engine.reset();  // free the old model before loading the new one
        resident->loadKey.clear();
        LoadOptions cancellable = load;
        cancellable.cancel = stop.get();  // Stop (or closing the window) also ends a long load
        engine = ChatEngine::open(dir, wanted, cancellable);
        resident->loadKey = key;
        QStringList rows;
        for (const std::string& r : engine->rowNames()) rows << QString::fromStdString(r);
        const QString tmpl = QString::fromStdString(engine->resolvedTemplate(options.templateName));
        const qint64 context = engine->contextLength();
        post([this, rows, tmpl, context] { emit opened(rows, tmpl, context); });
      }
    } catch (...) {
      engine.reset();
      if (stop->load() && isCancelled(std::current_exception())) {  // Stop pressed while loading: not a failure
        post([this] {
          emit loadStopped();
          busy_ = false;
          emit idle();
        });
        return;
      }
      const QString message = errorText(std::current_exception());
      post([this, message] {
        emit openFailed(message);
        busy_ = false;
        emit idle();
      });
      return;
    }
    for (size_t i = 0; i < panes.size() && !stop->load(); ++i) {
      const int pane = static_cast<int>(i);
      post([this, pane] { emit replyStarted(pane); });
      try {
        const ChatReply r = engine->reply(panes[i].row.toStdString(), panes[i].conversation, options, [&](const std::string& text) {
          if (!text.empty()) {
            const QString piece = QString::fromStdString(text);
            post([this, pane, piece] { emit this->piece(pane, piece); });
          }
          return !stop->load();
        });
        post([this, pane, r] { emit replied(pane, r); });
      } catch (...) {
        const QString message = errorText(std::current_exception());
        post([this, pane, message] { emit replyFailed(pane, message); });
      }
    }
    post([this] {
      busy_ = false;
      emit idle();
    });
  });
}

}  // namespace peftdesk::ui
