// See first_run_guide.h.
#include "first_run_guide.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>
#include <algorithm>

#include "app_settings.h"

namespace peftdesk::ui {
namespace {

struct GuideStep {
  const char* title;
  const char* body;
};

// One row per step, in page order (QT_TRANSLATE_NOOP: translated where shown).
const GuideStep kGuide[FirstRunGuide::kSteps] = {
    {QT_TRANSLATE_NOOP("peftdesk::ui::FirstRunGuide", "Model"),
     QT_TRANSLATE_NOOP("peftdesk::ui::FirstRunGuide", "A first start opens the small demo model. To fine-tune your own, choose its Hugging Face folder "
                                        "here: the summary shows its size and the memory it needs.")},
    {QT_TRANSLATE_NOOP("peftdesk::ui::FirstRunGuide", "Data"),
     QT_TRANSLATE_NOOP("peftdesk::ui::FirstRunGuide", "A first start loads the demo dataset. Pick your own file or LLaMA-Factory folder: the preview and "
                                        "the token inspector show exactly which tokens the model will learn.")},
    {QT_TRANSLATE_NOOP("peftdesk::ui::FirstRunGuide", "Method"),
     QT_TRANSLATE_NOOP("peftdesk::ui::FirstRunGuide", "LoRA is chosen. Change the method or its targets and watch the trainable parameters and the adapter "
                                        "size; Measure runs three real steps to time them.")},
    {QT_TRANSLATE_NOOP("peftdesk::ui::FirstRunGuide", "Train"),
     QT_TRANSLATE_NOOP("peftdesk::ui::FirstRunGuide", "Press Start: the loss is drawn live, and you can pause or stop and save at any time. The run then "
                                        "appears on the Runs page; in its Chat, ask \"What is your name?\": the base and the tuned model answer side by side.")},
};

}  // namespace

FirstRunGuide::FirstRunGuide(QWidget* parent) : QFrame(parent) {
  setObjectName(QStringLiteral("first_run_guide"));
  setFrameShape(QFrame::StyledPanel);
  setStyleSheet(QStringLiteral("#first_run_guide { background: palette(alternate-base); }"));
  auto* h = new QHBoxLayout(this);
  auto* text = new QVBoxLayout();
  title_ = new QLabel(this);
  title_->setStyleSheet(QStringLiteral("font-weight: bold;"));
  body_ = new QLabel(this);
  body_->setWordWrap(true);
  text->addWidget(title_);
  text->addWidget(body_);
  back_ = new QPushButton(this);
  next_ = new QPushButton(this);
  next_->setObjectName(QStringLiteral("guide_next"));
  close_ = new QPushButton(this);
  close_->setObjectName(QStringLiteral("guide_close"));
  h->addLayout(text, 1);
  h->addWidget(back_);
  h->addWidget(next_);
  h->addWidget(close_);
  connect(back_, &QPushButton::clicked, this, &FirstRunGuide::back);
  connect(next_, &QPushButton::clicked, this, &FirstRunGuide::next);
  connect(close_, &QPushButton::clicked, this, &FirstRunGuide::dismiss);
  setVisible(!AppSettings().value(Setting::GuideDismissed).toBool());
  retranslate();
}

void FirstRunGuide::setStep(int step) {
  step_ = std::clamp(step, 0, kSteps - 1);
  retranslate();
}

void FirstRunGuide::restart() {
  AppSettings().setValue(Setting::GuideDismissed, false);
  setStep(0);
  show();
  emit pageRequested(0);
}

void FirstRunGuide::next() {
  if (step_ + 1 >= kSteps) {
    dismiss();  // finished
    return;
  }
  setStep(step_ + 1);
  emit pageRequested(step_);
}

void FirstRunGuide::back() {
  setStep(step_ - 1);
  emit pageRequested(step_);
}

void FirstRunGuide::dismiss() {
  AppSettings().setValue(Setting::GuideDismissed, true);
  hide();
}

QString FirstRunGuide::text() const { return title_->text() + QLatin1Char('\n') + body_->text(); }

void FirstRunGuide::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QFrame::changeEvent(event);
}

void FirstRunGuide::retranslate() {
  title_->setText(tr("Getting started — step %1 of %2: %3").arg(step_ + 1).arg(kSteps).arg(tr(kGuide[step_].title)));
  body_->setText(tr(kGuide[step_].body));
  back_->setText(tr("Back"));
  back_->setEnabled(step_ > 0);
  next_->setText(step_ + 1 >= kSteps ? tr("Done") : tr("Next"));
  close_->setText(tr("Close guide"));
  close_->setToolTip(tr("Hide the guide; Help ▸ Getting Started shows it again"));
}

}  // namespace peftdesk::ui
