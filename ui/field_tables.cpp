// See field_tables.h. Tooltips say in one line what the value does (and the default where it
// matters); they are translated in the "Fields" context.
#include "field_tables.h"

#include <QtGlobal>
#include <cstring>

namespace peftdesk::ui {

#define F(text) QT_TRANSLATE_NOOP("Fields", text)

const std::vector<FieldSpec>& trainFields() {
  static const std::vector<FieldSpec> k = {
      {"train.learning_rate", F("Learning rate"), F("Peak learning rate of AdamW, e.g. 2e-4 for LoRA, 1e-5 for full fine-tuning"), FieldKind::Scientific},
      {"train.num_train_epochs", F("Epochs"), F("Passes over the training data (Max steps wins when set)"), FieldKind::Real, -1, 10000, 2, 1},
      {"train.max_steps", F("Max steps"), F("Optimizer steps in total; leave at 'from epochs' to derive it from the epochs"), FieldKind::Integer, -1, 100000000, 0,
       10, {}, F("from epochs")},
      {"train.per_device_train_batch_size", F("Batch size"), F("Examples per forward pass"), FieldKind::Integer, 0, 4096},
      {"train.gradient_accumulation_steps", F("Gradient accumulation"), F("Forward passes per optimizer step: effective batch = batch size × this"),
       FieldKind::Integer, 0, 4096},
      {"train.lr_scheduler_type", F("Scheduler"), F("How the learning rate changes over the run (after warm-up)"), FieldKind::Choice, 0, 0, 0, 1,
       {{"cosine", F("cosine")}, {"linear", F("linear")}, {"constant", F("constant")}, {"constant_with_warmup", F("constant with warm-up")},
        {"cosine_with_restarts", F("cosine with restarts")}}},
      {"train.warmup_steps", F("Warm-up steps"), F("Steps of linear warm-up from 0 to the learning rate (wins over the ratio)"), FieldKind::Integer, -1, 1000000},
      {"train.warmup_ratio", F("Warm-up ratio"), F("Warm-up as a fraction of all steps"), FieldKind::Real, -1, 1, 3, 0.01},
      {"train.precision", F("Precision"), F("Compute precision: fp32 exact, bf16 faster and half the activation memory"), FieldKind::Choice, 0, 0, 0, 1,
       {{"fp32", F("fp32")}, {"bf16", F("bf16")}, {"fp16", F("fp16")}}},
      {"train.weight_decay", F("Weight decay"), F("AdamW decoupled weight decay (not applied to biases and norms)"), FieldKind::Real, -1, 10, 4, 0.01},
      {"train.max_grad_norm", F("Max grad norm"), F("Clip the global gradient norm to this value (0 = no clipping)"), FieldKind::Real, -1, 1000, 2, 0.1},
      {"train.gradient_checkpointing", F("Gradient checkpointing"), F("Recompute activations in backward: less memory for about one extra forward"),
       FieldKind::Flag},
      {"train.logging_steps", F("Logging steps"), F("Write a metrics row every N optimizer steps"), FieldKind::Integer, 0, 100000},
      {"train.eval_steps", F("Eval steps"), F("Evaluate every N steps (0 = only at the end, when there is evaluation data)"), FieldKind::Integer, -1, 1000000},
      {"train.save_steps", F("Save steps"), F("Write a checkpoint every N steps (0 = only at the end or on stop-and-save)"), FieldKind::Integer, -1, 1000000},
      {"train.save_total_limit", F("Checkpoints kept"), F("Keep the newest N checkpoints and delete older ones"), FieldKind::Integer, 0, 1000},
      {"train.seed", F("Seed"), F("Seed of adapter initialisation, shuffling and dropout: the same seed gives the same run"), FieldKind::Integer, -1,
       2147483647},
  };
  return k;
}

const std::vector<FieldSpec>& outputFields() {
  static const std::vector<FieldSpec> k = {
      {"output_dir", F("Output folder"), F("The run folder: created by the run, must not hold another run"), FieldKind::Folder},
  };
  return k;
}

const std::vector<FieldSpec>& dataFields() {
  static const std::vector<FieldSpec> k = {
      {"data.format", F("Format"), F("Record format; auto detects alpaca, sharegpt, messages, text or tokenized"), FieldKind::Choice, 0, 0, 0, 1,
       {{"auto", F("auto-detect")}, {"alpaca", F("alpaca")}, {"sharegpt", F("sharegpt")}, {"messages", F("messages (OpenAI)")}, {"text", F("plain text")},
        {"tokenized", F("pre-tokenized")}}},
      {"data.cutoff_len", F("Cutoff length"), F("Tokens per example at most; longer examples are truncated as LLaMA-Factory does"), FieldKind::Integer, -1,
       1048576, 0, 64},
      {"data.val_size", F("Validation size"), F("Held out for evaluation: a fraction (< 1) or a number of examples (>= 1)"), FieldKind::Real, -1, 1000000, 3,
       0.05},
      {"data.max_samples", F("Max samples"), F("Use at most this many examples of each dataset"), FieldKind::Integer, 0, 100000000, 0, 100, {}, F("all")},
      {"data.packing", F("Packing"), F("Concatenate examples into rows of cutoff length (faster on short examples)"), FieldKind::Flag},
      {"data.train_on_prompt", F("Train on prompt"), F("Also learn the prompt tokens, not only the responses"), FieldKind::Flag},
      {"data.mask_history", F("Mask history"), F("Learn only the last assistant turn of each conversation"), FieldKind::Flag},
      {"data.shuffle", F("Shuffle"), F("Reshuffle the training examples every epoch (seeded)"), FieldKind::Flag},
      {"data.on_bad_record", F("Bad records"), F("A malformed record stops the run before step 1, or is skipped and counted"), FieldKind::Choice, 0, 0, 0, 1,
       {{"fail", F("refuse the dataset")}, {"skip", F("skip and count")}}},
  };
  return k;
}

const std::vector<FieldSpec>& methodFields(const char* family) {
  static const std::vector<FieldSpec> lora = {
      {"method.r", F("Rank (r)"), F("Rank of the low-rank update: more capacity and more parameters as it grows"), FieldKind::Integer, -1, 4096},
      {"method.lora_alpha", F("Alpha"), F("Scaling numerator: the update is scaled by alpha / r (alpha / √r with rsLoRA)"), FieldKind::Real, -1, 100000, 1, 1},
      {"method.lora_dropout", F("Dropout"), F("Dropout on the adapter's input during training"), FieldKind::Real, -1, 1, 3, 0.01},
      {"method.use_dora", F("DoRA"), F("Weight-decomposed LoRA: learns a magnitude per output row as well"), FieldKind::Flag},
      {"method.use_rslora", F("rsLoRA"), F("Rank-stabilised scaling alpha / √r: keeps large ranks learning"), FieldKind::Flag},
      {"train.loraplus_lr_ratio", F("LoRA+ ratio"), F("LoRA+: lora_B learns this many times faster than lora_A (off when empty)"), FieldKind::Scientific},
      {"method.bias", F("Bias"), F("Which biases train as well"), FieldKind::Choice, 0, 0, 0, 1,
       {{"none", F("none")}, {"lora_only", F("of adapted layers")}, {"all", F("all")}}},
  };
  static const std::vector<FieldSpec> ia3 = {};
  static const std::vector<FieldSpec> prefix = {
      {"method.num_virtual_tokens", F("Virtual tokens"), F("Learned key/value positions prepended in every layer"), FieldKind::Integer, -1, 4096},
      {"method.prefix_projection", F("Projection"), F("Reparameterise the prefix through a two-layer MLP"), FieldKind::Flag},
      {"method.encoder_hidden_size", F("Projection width"), F("Hidden size of the projection MLP"), FieldKind::Integer, 0, 65536, 0, 64, {},
       F("model hidden size")},
  };
  static const std::vector<FieldSpec> prompt = {
      {"method.num_virtual_tokens", F("Virtual tokens"), F("Learned embeddings prepended to the input"), FieldKind::Integer, -1, 4096},
      {"method.prompt_tuning_init", F("Initialisation"), F("Random vectors, vocabulary samples, or the embedding of a text"), FieldKind::Choice, 0, 0, 0,
       1, {{"RANDOM", F("random")}, {"SAMPLE_VOCAB", F("sampled vocabulary")}, {"TEXT", F("from text")}}},
      {"method.prompt_tuning_init_text", F("Init text"), F("Text whose token embeddings initialise the prompt (with 'from text')"), FieldKind::Text},
  };
  static const std::vector<FieldSpec> freeze = {
      {"method.freeze_trainable_layers", F("Trainable layers"), F("Train the last N decoder layers (negative: the first |N|)"), FieldKind::Integer, -1024,
       1024},
  };
  static const std::vector<FieldSpec> none = {};
  if (!std::strcmp(family, "lora")) return lora;
  if (!std::strcmp(family, "ia3")) return ia3;
  if (!std::strcmp(family, "prefix")) return prefix;
  if (!std::strcmp(family, "prompt")) return prompt;
  if (!std::strcmp(family, "freeze")) return freeze;
  return none;
}

const std::vector<FieldSpec>& quantizationFields() {
  static const std::vector<FieldSpec> k = {
      {"model.quantization.type", F("4-bit type"), F("NF4 (QLoRA's normal float) or FP4"), FieldKind::Choice, 0, 0, 0, 1,
       {{"nf4", F("NF4")}, {"fp4", F("FP4")}}},
      {"model.quantization.double_quant", F("Double quantization"), F("Quantize the block scales too (about 0.4 bits per weight saved)"), FieldKind::Flag},
  };
  return k;
}

#undef F

}  // namespace peftdesk::ui
