// The form fields of each page as data (FieldSpec rows, see form_binder.h): which RUN.json key,
// label, one-line tooltip, editor and range. Ranges are deliberately wider than what is valid
// (r = 0, a negative learning rate can be typed) so the core's validator — the same one the CLI
// uses — explains the problem inline instead of the widget silently clamping.
#pragma once

#include <vector>

#include "form_binder.h"

namespace peftdesk::ui {

const std::vector<FieldSpec>& trainFields();
const std::vector<FieldSpec>& outputFields();
const std::vector<FieldSpec>& dataFields();
// Per method family: "lora" (LoRA, QLoRA, DoRA), "ia3", "prefix", "prompt", "freeze".
const std::vector<FieldSpec>& methodFields(const char* family);
const std::vector<FieldSpec>& quantizationFields();

}  // namespace peftdesk::ui
