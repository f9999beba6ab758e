// See hub_download_view.h.
#include "hub_download_view.h"

#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include "background_queue.h"
#include "error_text.h"
#include "peftdesk/error.h"
#include "peftdesk/hub_download.h"

namespace peftdesk::ui {
namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

QString bytes(uint64_t n) { return QLocale().formattedDataSize(static_cast<qint64>(n), 1, QLocale::DataSizeTraditionalFormat); }

QString duration(double seconds) {
  const qint64 s = static_cast<qint64>(seconds + 0.5);
  return s >= 3600 ? QStringLiteral("%1:%2:%3").arg(s / 3600).arg(s / 60 % 60, 2, 10, QChar('0')).arg(s % 60, 2, 10, QChar('0'))
                   : QStringLiteral("%1:%2").arg(s / 60, 2, 10, QChar('0')).arg(s % 60, 2, 10, QChar('0'));
}

}  // namespace

HubDownloadView::HubDownloadView(QWidget* parent) : QWidget(parent), jobs_(new BackgroundQueue(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  title_ = new QLabel(this);
  layout->addWidget(title_);
  auto* row = new QHBoxLayout();
  repoLabel_ = new QLabel(this);
  repoEdit_ = new QLineEdit(this);
  repoLabel_->setBuddy(repoEdit_);
  revisionLabel_ = new QLabel(this);
  revisionEdit_ = new QLineEdit(this);
  revisionEdit_->setMaximumWidth(160);
  revisionLabel_->setBuddy(revisionEdit_);
  tokenLabel_ = new QLabel(this);
  tokenEdit_ = new QLineEdit(this);
  tokenEdit_->setEchoMode(QLineEdit::Password);
  tokenEdit_->setMaximumWidth(220);
  tokenLabel_->setBuddy(tokenEdit_);
  envTokenOrigin_ = q(hubSettingsFromEnvironment().tokenOrigin);  // for the placeholder; a download reads it afresh
  button_ = new QPushButton(this);
  row->addWidget(repoLabel_);
  row->addWidget(repoEdit_, 1);
  row->addWidget(revisionLabel_);
  row->addWidget(revisionEdit_);
  row->addWidget(tokenLabel_);
  row->addWidget(tokenEdit_);
  row->addWidget(button_);
  layout->addLayout(row);
  bar_ = new QProgressBar(this);
  bar_->setRange(0, 1000);
  bar_->setTextVisible(false);
  bar_->hide();
  layout->addWidget(bar_);
  status_ = new QLabel(this);
  status_->setWordWrap(true);
  status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  layout->addWidget(status_);
  connect(button_, &QPushButton::clicked, this, [this] { running() ? cancel() : start(repoEdit_->text().trimmed(), revisionEdit_->text().trimmed()); });
  for (QLineEdit* edit : {repoEdit_, revisionEdit_, tokenEdit_}) {  // Enter in any field starts
    connect(edit, &QLineEdit::returnPressed, this, [this] {
      if (!running()) start(repoEdit_->text().trimmed(), revisionEdit_->text().trimmed());
    });
  }
  retranslate();
}

HubDownloadView::~HubDownloadView() {
  if (running()) cancel_->store(true);  // closing the window cancels (any request stops within a second); the partial file stays
  jobs_->waitForDone();
}

void HubDownloadView::retranslate() {
  title_->setText(tr("<b>Download from the Hugging Face Hub</b> (safetensors weights, config and tokenizer; never pickles)"));
  repoLabel_->setText(tr("Re&pository:"));
  repoEdit_->setPlaceholderText(tr("e.g. Qwen/Qwen3-0.6B"));
  repoEdit_->setToolTip(tr("A model's repository id on the Hub. Gated models need an access token (the field on the right, or HF_TOKEN); HF_ENDPOINT selects a mirror."));
  revisionLabel_->setText(tr("Re&vision:"));
  revisionEdit_->setPlaceholderText(QStringLiteral("main"));
  revisionEdit_->setToolTip(tr("A branch, tag or commit (empty: main)"));
  tokenLabel_->setText(tr("&Access token:"));
  tokenEdit_->setPlaceholderText(envTokenOrigin_.isEmpty() ? tr("hf_… (gated models)") : tr("from %1").arg(envTokenOrigin_));
  tokenEdit_->setToolTip(tr("For gated or private models: a Hugging Face access token (hf_…) of an account with access. "
                            "Empty: HF_TOKEN or the token file, as huggingface_hub finds it. Kept only while this window is open, never saved."));
  button_->setText(running() ? tr("&Cancel download") : tr("&Download"));
}

void HubDownloadView::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

bool HubDownloadView::running() const { return running_; }
QString HubDownloadView::statusText() const { return status_->text(); }
int HubDownloadView::progressPercent() const { return bar_->maximum() == 0 ? -1 : bar_->value() / 10; }

void HubDownloadView::start(const QString& repoId, const QString& revision) {
  if (running()) return;
  DownloadRequest request;
  request.repoId = repoId.toStdString();
  request.revision = revision.isEmpty() ? std::string("main") : revision.toStdString();
  try {  // a wrong id is said at once, without a thread
    validateHubRepoId(request.repoId);
    validateHubRevision(request.revision);
  } catch (const std::exception& e) {
    done({}, errorText(e), false, {});
    return;
  }
  cancel_ = std::make_shared<std::atomic<bool>>(false);
  status_->setStyleSheet({});
  status_->setText(tr("Asking the hub about %1…").arg(repoId));
  bar_->setRange(0, 0);  // busy until the total is known
  bar_->show();
  repoEdit_->setEnabled(false);
  revisionEdit_->setEnabled(false);
  tokenEdit_->setEnabled(false);
  HubSettings settings = hubSettingsFromEnvironment();
  if (const QString typed = tokenEdit_->text().trimmed(); !typed.isEmpty()) {
    settings.token = typed.toStdString();
    settings.tokenOrigin = "the Access token field";  // core's messages are English: no tr() inside them
  }
  auto cancel = cancel_;
  running_ = true;
  struct Outcome {
    QString snapshot, summary;
  };
  jobs_->post<Outcome>(
      [this, request, settings, cancel] {
        const DownloadResult r = downloadModel(
            request, settings,
            [this](const DownloadProgress& p) { QMetaObject::invokeMethod(this, [this, p] { showProgress(p); }, Qt::QueuedConnection); },
            cancel.get());
        Outcome out{q(r.snapshot.string()), {}};
        if (r.fromCacheOnly) {
          out.summary = q(r.note);
        } else {
          out.summary = tr("%1 files, %2 fetched, %3 already in the cache").arg(r.files.size()).arg(bytes(r.fetchedBytes), bytes(r.reusedBytes));
          if (r.resumedFiles > 0) out.summary += tr("; %n file(s) continued where an earlier download stopped", nullptr, r.resumedFiles);
          if (r.refetchedFiles > 0) out.summary += tr("; %n file(s) fetched again after failing the checksum", nullptr, r.refetchedFiles);
        }
        return out;
      },
      [this](JobResult<Outcome> r) { done(r.value.snapshot, r.error, r.cancelled, r.value.summary); });
  retranslate();
  button_->setFocus();  // the fields are disabled: keep the keyboard on Cancel, not on another page's button
}

void HubDownloadView::cancel() {
  if (!running()) return;
  cancel_->store(true);
  button_->setEnabled(false);
  status_->setText(tr("Cancelling…"));
}

void HubDownloadView::showProgress(const DownloadProgress& p) {
  if (!running() || cancel_->load()) return;
  if (p.totalBytes == 0) {
    status_->setText(tr("Reading %1…").arg(q(p.file)));
    return;
  }
  bar_->setRange(0, 1000);
  bar_->setValue(static_cast<int>(1000.0 * static_cast<double>(p.doneBytes) / static_cast<double>(p.totalBytes)));
  QString text = tr("File %1 of %2: %3 — %4 of %5").arg(p.fileIndex).arg(p.fileCount).arg(q(p.file), bytes(p.doneBytes), bytes(p.totalBytes));
  if (p.phase == "checking") text += tr(" — checking");
  if (p.bytesPerSecond > 0) text += tr(" — %1/s").arg(bytes(static_cast<uint64_t>(p.bytesPerSecond)));
  if (p.etaSeconds >= 0) text += tr(" — %1 left").arg(duration(p.etaSeconds));
  if (p.phase == "fetching" && p.bytesPerSecond <= 0 && p.fileDoneBytes > 0)
    text += tr(" — waiting for the server (a dropped connection is retried from here)");
  status_->setText(text);
}

void HubDownloadView::done(const QString& snapshot, const QString& error, bool cancelled, const QString& summary) {
  running_ = false;
  bar_->hide();
  button_->setEnabled(true);
  repoEdit_->setEnabled(true);
  revisionEdit_->setEnabled(true);
  tokenEdit_->setEnabled(true);
  retranslate();
  if (button_->hasFocus()) repoEdit_->setFocus();
  if (!error.isEmpty()) {
    status_->setStyleSheet(cancelled ? QString() : QStringLiteral("color: #b3261e;"));
    status_->setText(cancelled ? tr("Cancelled. What was fetched stays in the cache; Download again continues from there.")
                               : tr("Download failed: %1").arg(error));
    emit finished(false);
    return;
  }
  status_->setStyleSheet({});
  status_->setText(tr("Downloaded: %1").arg(summary));
  emit downloaded(snapshot);
  emit finished(true);
}

}  // namespace peftdesk::ui
