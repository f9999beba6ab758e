// Short jobs off the GUI thread (parameter counts, data analysis, a measured dry run): work runs
// on a private one-thread pool, its result comes back to the GUI thread as a queued call. Only
// the newest job's result is delivered (an older one arriving late is dropped), so a form edited
// quickly never shows a stale count. post() is the one catch boundary for these jobs: an
// exception becomes the error text of the result. The destructor waits for a running job.
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
  QString error;  // non-empty when the job threw
};

class BackgroundQueue : public QObject {
  Q_OBJECT
 public:
  explicit BackgroundQueue(QObject* parent) : QObject(parent) { pool_.setMaxThreadCount(1); }
  ~BackgroundQueue() override {
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
  bool busy() const { return pending_ > 0; }

 signals:
  void idle();

 private:
  QThreadPool pool_;
  std::atomic<quint64> latest_{0};
  int pending_ = 0;
};

}  // namespace peftdesk::ui
