// See method_registry.h. The table: one line per method file.
#include "peft/method_registry.h"

namespace peftdesk {

extern const PeftMethodRow kLoraMethod;          // methods/lora.cpp
extern const PeftMethodRow kIa3Method;           // methods/ia3.cpp
extern const PeftMethodRow kPrefixTuningMethod;  // methods/prompt_learning_methods.cpp
extern const PeftMethodRow kPromptTuningMethod;  // methods/prompt_learning_methods.cpp
extern const PeftMethodRow kLohaMethod;          // methods/loha.cpp
extern const PeftMethodRow kLokrMethod;          // methods/lokr.cpp
extern const PeftMethodRow kAdaLoraMethod;       // methods/adalora.cpp
extern const PeftMethodRow kBottleneckMethod;    // methods/bottleneck.cpp

const std::vector<const PeftMethodRow*>& peftMethods() {
  static const std::vector<const PeftMethodRow*> rows = {&kLoraMethod, &kIa3Method, &kPrefixTuningMethod, &kPromptTuningMethod,
                                                         &kLohaMethod, &kLokrMethod, &kAdaLoraMethod, &kBottleneckMethod};
  return rows;
}

const PeftMethodRow& peftMethod(PeftType type) {
  for (const PeftMethodRow* row : peftMethods())
    if (row->type == type) return *row;
  return *peftMethods().front();  // every PeftType has a row (test_adapter_config checks)
}

const PeftMethodRow* findPeftMethod(const std::string& name) {
  for (const PeftMethodRow* row : peftMethods())
    if (name == row->name) return row;
  return nullptr;
}

std::string peftMethodNames() {
  std::string out;
  for (const PeftMethodRow* row : peftMethods()) out += (out.empty() ? "" : ", ") + std::string(row->name);
  return out;
}

}  // namespace peftdesk
