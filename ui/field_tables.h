// The form fields of each page as data (FieldSpec rows, see form_binder.h): which RUN.json key,
// label, one-line tooltip, editor and range. Ranges are deliberately wider than what is valid
// (r = 0, a negative learning rate can be typed) so the core's validator — the same one the CLI
// uses — explains the problem inline instead of the widget silently clamping.
#pragma once

#include <QString>
#include <string>
#include <vector>

#include "form_binder.h"

namespace peftdesk::ui {

const std::vector<FieldSpec>& trainFields();
const std::vector<FieldSpec>& outputFields();
const std::vector<FieldSpec>& dataFields();
// Per method family: "lora" (LoRA, QLoRA, DoRA), "loha", "lokr", "adalora", "ia3", "prefix", "prompt", "freeze".
const std::vector<FieldSpec>& methodFields(const char* family);
const std::vector<FieldSpec>& quantizationFields();

// Where a RUN.json key is edited in the window, as a user reads it: "Train ▸ Learning rate"
// (page and form label, translated). Keys without a form row name their page ("Method ▸
// method.target_modules"); keys of no page come back as they are. Messages on screen use this
// instead of config-file names.
QString formLabel(const std::string& key);

}  // namespace peftdesk::ui
