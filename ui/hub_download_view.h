// "Download from the Hugging Face Hub" under the Model page's list of cached models: a repository
// id and an optional revision, a Download / Cancel button, a progress bar with the file, bytes,
// speed and ETA, and the outcome (the snapshot opens by itself; an error is shown in full). The
// download (core's hub_download.h) runs on its own thread; the Cancel button sets an atomic the
// transfer checks, and the partial file stays for the next try. Endpoint, token and cache come
// from the environment as huggingface_hub reads them (HF_ENDPOINT, HF_TOKEN, HF_HUB_CACHE, ...);
// an access token typed into the view (for a gated or private model) is used instead while the
// window is open and never written anywhere.
#pragma once

#include <QWidget>
#include <atomic>
#include <memory>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace peftdesk {
struct DownloadProgress;
}

namespace peftdesk::ui {

class BackgroundQueue;

class HubDownloadView : public QWidget {
  Q_OBJECT
 public:
  explicit HubDownloadView(QWidget* parent = nullptr);
  ~HubDownloadView() override;

  void start(const QString& repoId, const QString& revision);
  void cancel();
  bool running() const;
  QString statusText() const;
  int progressPercent() const;  // -1 while the total is unknown
  QLineEdit* repoEdit() const { return repoEdit_; }
  QLineEdit* tokenEdit() const { return tokenEdit_; }

 signals:
  void downloaded(const QString& snapshotFolder);
  void finished(bool ok);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();
  void showProgress(const DownloadProgress& p);
  void done(const QString& snapshot, const QString& error, bool cancelled, const QString& summary);

  QLabel* title_;
  QLabel* repoLabel_;
  QLineEdit* repoEdit_;
  QLabel* revisionLabel_;
  QLineEdit* revisionEdit_;
  QLabel* tokenLabel_;
  QLineEdit* tokenEdit_;
  QString envTokenOrigin_;  // where HF_TOKEN / the token file came from when the view was made ("" = none)
  QPushButton* button_;
  QProgressBar* bar_;
  QLabel* status_;
  BackgroundQueue* jobs_;
  bool running_ = false;
  std::shared_ptr<std::atomic<bool>> cancel_;
};

}  // namespace peftdesk::ui
