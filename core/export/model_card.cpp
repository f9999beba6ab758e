// See model_card.h.
#include "peftdesk/model_card.h"

#include <nlohmann/json.hpp>
#include <sstream>

#include "peft/adapterhub_folder.h"
#include "peftdesk/error.h"
#include "peftdesk/json_file.h"
#include "peftdesk/peft_folder.h"
#include "peftdesk/run_summary.h"
#include "peftdesk/runtime_info.h"

namespace peftdesk {
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

std::string text(const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

void row(std::ostringstream& o, const std::string& key, const json& v) {
  if (v.is_null()) return;
  o << "| " << key << " | `" << text(v) << "` |\n";
}

}  // namespace

std::string modelCard(const ModelCardInput& in) {
  std::ostringstream o;
  // The card describes; it never stops an export: an unreadable file describes nothing.
  const auto readOrEmpty = [](const fs::path& file) {
    std::error_code ec;
    if (!fs::exists(file, ec)) return json::object();
    try {
      return readJsonFile(file);
    } catch (const Error&) {
      return json::object();
    }
  };
  const json adapter = readOrEmpty(peft_folder::configFile(in.adapterDir));
  const json base = readOrEmpty(in.baseDir / "config.json");
  std::error_code ec;
  const fs::path runDir = in.adapterDir.parent_path();
  std::optional<RunSummary> run;
  if (fs::exists(runDir / "run.json", ec)) {
    try {
      run = readRunSummary(runDir);
    } catch (const std::exception&) {
    }
  }
  // Descriptive only: a missing or mistyped field reads as unknown (the adapter itself was checked
  // when it loaded).
  // AdapterHub's adapter_config.json (a bottleneck adapter) has no peft_type: its BnConfig is under "config".
  const bool adapterHub = adapterhub_folder::isAdapterHubConfig(adapter);
  const std::string method = adapterHub ? "bottleneck" : stringOrDefault(adapter, "peft_type", "PEFT");
  std::string tagMethod = method;
  for (auto& c : tagMethod) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const std::string title = !in.title.empty() ? in.title : run ? run->name : in.adapterDir.filename().string();

  o << "---\n";
  o << "base_model: " << json(in.baseDir.string()).dump() << "\n";
  o << "library_name: " << (in.merged ? "transformers" : adapterHub ? "adapter-transformers" : "peft") << "\n";
  o << "tags:\n- peftdesk\n- " << tagMethod << (in.merged ? "\n- merged" : "") << "\n";
  o << "---\n\n";
  o << "# " << title << "\n\n";
  const json& architectures = fieldOrNull(base, "architectures");
  const std::string arch = architectures.is_array() && !architectures.empty() && architectures[0].is_string()
                               ? architectures[0].get<std::string>()
                               : stringOrDefault(base, "model_type", "a causal language model");
  if (in.merged) {
    o << "A " << method << " adapter merged into " << arch << " (" << in.baseDir.filename().string() << ")" << (in.mergedDtype.empty() ? "" : ", weights in " + in.mergedDtype)
      << ", exported by PeftDesk " << runtimeInfo().version << ". It loads as a plain transformers model.\n\n";
    if (in.mergeChecked) {
      o << "Merge check: before writing, the merged model's logits were compared with the base + adapter on probe prompts "
           "and the merge was confirmed to change the base (PeftDesk refuses to write a merge that fails either check).\n\n";
    }
  } else {
    o << "A " << method << " adapter for " << arch << " (" << in.baseDir.filename().string() << "), exported by PeftDesk " << runtimeInfo().version
      << (adapterHub ? " in AdapterHub's format (the adapters library)." : " in PEFT's format.") << "\n\n";
  }

  o << "## Method\n\n| key | value |\n|---|---|\n";
  // AdaLoRA saves LoRA's `r` (8) but sizes by init_r: its r would mislead.
  const bool adalora = fieldOrNull(adapter, "peft_type") == "ADALORA";
  if (adapterHub) {  // the BnConfig keys that shape the adapter
    const json& bn = adapter["config"];
    for (const char* k : {"mh_adapter", "output_adapter", "reduction_factor", "non_linearity", "original_ln_before", "residual_before_ln",
                          "scaling", "dropout", "init_weights", "leave_out"})
      row(o, k, fieldOrNull(bn, k));
  }
  for (const char* k : {"peft_type", "r", "init_r", "target_r", "lora_alpha", "alpha", "lora_dropout", "rank_dropout", "module_dropout",
                        "decompose_both", "decompose_factor", "use_dora", "use_rslora", "tinit", "tfinal", "deltaT", "total_step",
                        "orth_reg_weight", "target_modules", "layers_to_transform", "feedforward_modules", "num_virtual_tokens",
                        "prefix_projection", "modules_to_save", "bias"}) {
    if (adalora && std::string(k) == "r") continue;
    row(o, k, fieldOrNull(adapter, k));
  }
  if (run) {
    const json& c = run->config;
    o << "\n## Training\n\n| key | value |\n|---|---|\n";
    if (fieldOrNull(c, "data").is_object()) {
      for (const char* k : {"path", "dataset", "format", "template", "cutoff_len", "val_size", "packing", "train_on_prompt"})
        row(o, std::string("data.") + k, fieldOrNull(fieldOrNull(c, "data"), k));
    }
    if (fieldOrNull(c, "train").is_object()) {
      for (const char* k : {"learning_rate", "num_train_epochs", "max_steps", "per_device_train_batch_size", "gradient_accumulation_steps",
                            "lr_scheduler_type", "warmup_steps", "weight_decay", "optim", "precision", "seed"}) {
        row(o, std::string("train.") + k, fieldOrNull(fieldOrNull(c, "train"), k));
      }
    }
    const json& quantization = fieldOrNull(fieldOrNull(c, "model"), "quantization");
    if (!quantization.is_null()) row(o, "model.quantization", quantization);
    o << "\n## Results\n\n| | |\n|---|---|\n";
    o << "| state | " << run->state << " |\n";
    o << "| optimizer steps | " << run->step << (run->totalSteps > 0 ? " of " + std::to_string(run->totalSteps) : std::string()) << " |\n";
    if (run->lastLoss) o << "| final training loss | " << *run->lastLoss << " |\n";
    if (run->bestEvalLoss) o << "| best evaluation loss | " << *run->bestEvalLoss << " |\n";
    o << "| tokens seen | " << static_cast<long long>(run->tokens) << " |\n";
    o << "| training time | " << static_cast<long long>(run->elapsedSeconds + 0.5) << " s |\n";
  }
  o << "\n## Use\n\n```python\n";
  if (in.merged) {
    o << "from transformers import AutoModelForCausalLM\nmodel = AutoModelForCausalLM.from_pretrained(\"PATH/TO/THIS/FOLDER\")\n";
  } else if (adapterHub) {
    o << "import adapters\nfrom transformers import AutoModelForCausalLM\n"
      << "model = AutoModelForCausalLM.from_pretrained(" << json(in.baseDir.string()).dump() << ")\n"
      << "adapters.init(model)\n"
      << "name = model.load_adapter(\"PATH/TO/THIS/FOLDER\", use_safetensors=True)\n"
      << "model.set_active_adapters(name)\n";
  } else {
    o << "from peft import PeftModel\nfrom transformers import AutoModelForCausalLM\n"
      << "base = AutoModelForCausalLM.from_pretrained(" << json(in.baseDir.string()).dump() << ")\n"
      << "model = PeftModel.from_pretrained(base, \"PATH/TO/THIS/FOLDER\")\n";
  }
  o << "```\n";
  return o.str();
}

}  // namespace peftdesk
