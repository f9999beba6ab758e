// The GUI's one facility for work off the GUI thread (training aside: its worker lives on a
// QThread of its own, DESIGN.md §4). Jobs run in order on a private one-thread pool.
//  - post(work, done): a job with a typed result (parameter counts, data analysis, a measured dry
//    run, a download), delivered to the GUI thread as a queued call; only the newest job's result
//    is delivered (an older one arriving late is dropped), so a form edited quickly never shows a
//    stale count. post() is the catch boundary: an exception becomes the result's error text
//    (errorText, as the CLI prints it) and `cancelled` says whether it was a stop the user asked for.
//  - run(work): a job that reports through its own queued calls (Chat's streamed replies); an
//    exception that escapes it is emitted as failed().
// KeepThread keeps the pool's thread for the queue's life (an engine used from one thread). The
// destructor, or waitForDone(), drops jobs not started yet and waits for the running one.
#pragma once

#include <QMetaObject>
#include <QObject>
#include <QString>
#include <QThreadPool>
#include <atomic>
#include <exception>
#include <functional>
#include <memory>

#include "error_text.h"

namespace peftdesk::ui {

template <class R>
struct JobResult {
  R value{};
  QString error;           // non-empty when the job threw
  bool cancelled = false;  // the job ended on core's Cancelled error
};

class BackgroundQueue : public QObject {
  Q_OBJECT
 public:
  enum class Thread { Expire, KeepThread };
  explicit BackgroundQueue(QObject* parent, Thread thread = Thread::Expire) : QObject(parent) {
    pool_.setMaxThreadCount(1);
    if (thread == Thread::KeepThread) pool_.setExpiryTimeout(-1);
  }
  ~BackgroundQueue() override { waitForDone(); }
  void waitForDone() {
    pool_.clear();
    pool_.waitForDone();
  }

  template <class R>
  void post(std::function<R()> work, std::function<void(JobResult<R>)> done) {
    const quint64 ticket = ++latest_;
    ++pending_;
    pool_.start([this, ticket, work = std::move(work), done = std::move(done)] {
      auto result = std::make_shared<JobResult<R>>();
      try {
        result->value = work();
      } catch (...) {
        result->error = errorText(std::current_exception());
        result->cancelled = isCancelled(std::current_exception());
      }
      QMetaObject::invokeMethod(
          this,
          [this, ticket, result, done] {
            --pending_;
            if (ticket == latest_) done(std::move(*result));
            if (pending_ == 0) emit idle();
          },
          Qt::QueuedConnection);
    });
  }
  void run(std::function<void()> work) {
    pool_.start([this, work = std::move(work)] {
      try {
        work();
      } catch (...) {
        const QString message = errorText(std::current_exception());
        QMetaObject::invokeMethod(this, [this, message] { emit failed(message); }, Qt::QueuedConnection);
      }
    });
  }
  bool busy() const { return pending_ > 0; }

 signals:
  void idle();
  void failed(const QString& message);  // a run() job threw

 private:
  QThreadPool pool_;
  std::atomic<quint64> latest_{0};
  int pending_ = 0;
};

}  // namespace peftdesk::ui
