// See field_tables.h. Tooltips say in one line what the value does (and the default where it
// matters); they are translated in the "Fields" context.
#include "field_tables.h"

#include "method_catalog.h"

#include <QCoreApplication>
#include <QtGlobal>
#include <cstring>

namespace peftdesk::ui {

const std::vector<FieldSpec>& trainFields() {
  static const std::vector<FieldSpec> k = {
      {"train.learning_rate", QT_TRANSLATE_NOOP("Fields", "Learning rate"), QT_TRANSLATE_NOOP("Fields", "Peak learning rate of AdamW, e.g. 2e-4 for LoRA, 1e-5 for full fine-tuning"), FieldKind::Scientific},
      {"train.num_train_epochs", QT_TRANSLATE_NOOP("Fields", "Epochs"), QT_TRANSLATE_NOOP("Fields", "Passes over the training data (Max steps wins when set)"), FieldKind::Real, -1, 10000, 2, 1},
      {"train.max_steps", QT_TRANSLATE_NOOP("Fields", "Max steps"), QT_TRANSLATE_NOOP("Fields", "Optimizer steps in total; leave at 'from epochs' to derive it from the epochs"), FieldKind::Integer, -1, 100000000, 0,
       10, {}, QT_TRANSLATE_NOOP("Fields", "from epochs")},
      {"train.per_device_train_batch_size", QT_TRANSLATE_NOOP("Fields", "Batch size"), QT_TRANSLATE_NOOP("Fields", "Examples per forward pass"), FieldKind::Integer, 0, 4096},
      {"train.gradient_accumulation_steps", QT_TRANSLATE_NOOP("Fields", "Gradient accumulation"), QT_TRANSLATE_NOOP("Fields", "Forward passes per optimizer step: effective batch = batch size × this"),
       FieldKind::Integer, 0, 4096},
      {"train.lr_scheduler_type", QT_TRANSLATE_NOOP("Fields", "Scheduler"), QT_TRANSLATE_NOOP("Fields", "How the learning rate changes over the run (after warm-up)"), FieldKind::Choice, 0, 0, 0, 1,
       {{"cosine", QT_TRANSLATE_NOOP("Fields", "cosine")}, {"linear", QT_TRANSLATE_NOOP("Fields", "linear")}, {"constant", QT_TRANSLATE_NOOP("Fields", "constant")}, {"constant_with_warmup", QT_TRANSLATE_NOOP("Fields", "constant with warm-up")},
        {"cosine_with_restarts", QT_TRANSLATE_NOOP("Fields", "cosine with restarts")}}},
      {"train.warmup_steps", QT_TRANSLATE_NOOP("Fields", "Warm-up steps"), QT_TRANSLATE_NOOP("Fields", "Steps of linear warm-up from 0 to the learning rate (wins over the ratio)"), FieldKind::Integer, -1, 1000000},
      {"train.warmup_ratio", QT_TRANSLATE_NOOP("Fields", "Warm-up ratio"), QT_TRANSLATE_NOOP("Fields", "Warm-up as a fraction of all steps"), FieldKind::Real, -1, 1, 3, 0.01},
      {"train.precision", QT_TRANSLATE_NOOP("Fields", "Precision"), QT_TRANSLATE_NOOP("Fields", "Compute precision: fp32 exact, bf16 faster and half the activation memory"), FieldKind::Choice, 0, 0, 0, 1,
       {{"fp32", QT_TRANSLATE_NOOP("Fields", "fp32")}, {"bf16", QT_TRANSLATE_NOOP("Fields", "bf16")}, {"fp16", QT_TRANSLATE_NOOP("Fields", "fp16")}}},
      // The GPU rows (one per device, or why none is usable) are appended by the Train page.
      {"train.device", QT_TRANSLATE_NOOP("Fields", "Device"), QT_TRANSLATE_NOOP("Fields", "Where the model trains: automatic picks the first usable NVIDIA GPU, else the CPU"),
       FieldKind::Choice, 0, 0, 0, 1, {{"auto", QT_TRANSLATE_NOOP("Fields", "automatic (GPU when usable)")}, {"cpu", QT_TRANSLATE_NOOP("Fields", "CPU")}}},
      {"train.deterministic", QT_TRANSLATE_NOOP("Fields", "Deterministic (GPU)"),
       QT_TRANSLATE_NOOP("Fields", "Deterministic GPU kernels, so a resumed run repeats the uninterrupted one bit for bit; somewhat slower"), FieldKind::Flag},
      {"train.weight_decay", QT_TRANSLATE_NOOP("Fields", "Weight decay"), QT_TRANSLATE_NOOP("Fields", "AdamW decoupled weight decay (not applied to biases and norms)"), FieldKind::Real, -1, 10, 4, 0.01},
      {"train.optim", QT_TRANSLATE_NOOP("Fields", "Optimizer"),
       QT_TRANSLATE_NOOP("Fields", "AdamW with fp32 moments, or bitsandbytes' 8-bit AdamW, which keeps them in about a quarter of the memory"),
       FieldKind::Choice, 0, 0, 0, 1,
       {{"adamw_torch", QT_TRANSLATE_NOOP("Fields", "AdamW (PyTorch)")}, {"adamw_8bit", QT_TRANSLATE_NOOP("Fields", "8-bit AdamW (bitsandbytes)")},
        {"paged_adamw_8bit", QT_TRANSLATE_NOOP("Fields", "paged 8-bit AdamW (bitsandbytes)")}, {"paged_adamw_32bit", QT_TRANSLATE_NOOP("Fields", "paged 32-bit AdamW (bitsandbytes)")}}},
      {"train.max_grad_norm", QT_TRANSLATE_NOOP("Fields", "Max grad norm"), QT_TRANSLATE_NOOP("Fields", "Clip the global gradient norm to this value (0 = no clipping)"), FieldKind::Real, -1, 1000, 2, 0.1},
      {"train.gradient_checkpointing", QT_TRANSLATE_NOOP("Fields", "Gradient checkpointing"), QT_TRANSLATE_NOOP("Fields", "Recompute activations in backward: less memory for about one extra forward"),
       FieldKind::Flag},
      {"train.logging_steps", QT_TRANSLATE_NOOP("Fields", "Logging steps"), QT_TRANSLATE_NOOP("Fields", "Write a metrics row every N optimizer steps"), FieldKind::Integer, 0, 100000},
      {"train.eval_steps", QT_TRANSLATE_NOOP("Fields", "Eval steps"), QT_TRANSLATE_NOOP("Fields", "Evaluate every N steps (0 = only at the end, when there is evaluation data)"), FieldKind::Integer, -1, 1000000},
      {"train.save_steps", QT_TRANSLATE_NOOP("Fields", "Save steps"), QT_TRANSLATE_NOOP("Fields", "Write a checkpoint every N steps (0 = only at the end or on stop-and-save)"), FieldKind::Integer, -1, 1000000},
      {"train.save_total_limit", QT_TRANSLATE_NOOP("Fields", "Checkpoints kept"), QT_TRANSLATE_NOOP("Fields", "Keep the newest N checkpoints and delete older ones"), FieldKind::Integer, 0, 1000},
      {"train.seed", QT_TRANSLATE_NOOP("Fields", "Seed"), QT_TRANSLATE_NOOP("Fields", "Seed of adapter initialisation, shuffling and dropout: the same seed gives the same run"), FieldKind::Integer, -1,
       2147483647},
  };
  return k;
}

const std::vector<FieldSpec>& outputFields() {
  static const std::vector<FieldSpec> k = {
      {"output_dir", QT_TRANSLATE_NOOP("Fields", "Output folder"), QT_TRANSLATE_NOOP("Fields", "The run folder: created by the run, must not hold another run"), FieldKind::Folder},
  };
  return k;
}

const std::vector<FieldSpec>& dataFields() {
  static const std::vector<FieldSpec> k = {
      {"data.format", QT_TRANSLATE_NOOP("Fields", "Format"), QT_TRANSLATE_NOOP("Fields", "Record format; auto detects alpaca, sharegpt, messages, text or tokenized"), FieldKind::Choice, 0, 0, 0, 1,
       {{"auto", QT_TRANSLATE_NOOP("Fields", "auto-detect")}, {"alpaca", QT_TRANSLATE_NOOP("Fields", "alpaca")}, {"sharegpt", QT_TRANSLATE_NOOP("Fields", "sharegpt")}, {"messages", QT_TRANSLATE_NOOP("Fields", "messages (OpenAI)")}, {"text", QT_TRANSLATE_NOOP("Fields", "plain text")},
        {"tokenized", QT_TRANSLATE_NOOP("Fields", "pre-tokenized")}}},
      {"data.cutoff_len", QT_TRANSLATE_NOOP("Fields", "Cutoff length"), QT_TRANSLATE_NOOP("Fields", "Tokens per example at most; longer examples are truncated as LLaMA-Factory does"), FieldKind::Integer, -1,
       1048576, 0, 64},
      {"data.val_size", QT_TRANSLATE_NOOP("Fields", "Validation size"), QT_TRANSLATE_NOOP("Fields", "Held out for evaluation: a fraction (< 1) or a number of examples (>= 1)"), FieldKind::Real, -1, 1000000, 3,
       0.05},
      {"data.max_samples", QT_TRANSLATE_NOOP("Fields", "Max samples"), QT_TRANSLATE_NOOP("Fields", "Use at most this many examples of each dataset"), FieldKind::Integer, 0, 100000000, 0, 100, {}, QT_TRANSLATE_NOOP("Fields", "all")},
      {"data.packing", QT_TRANSLATE_NOOP("Fields", "Packing"), QT_TRANSLATE_NOOP("Fields", "Concatenate examples into rows of cutoff length (faster on short examples)"), FieldKind::Flag},
      {"data.train_on_prompt", QT_TRANSLATE_NOOP("Fields", "Train on prompt"), QT_TRANSLATE_NOOP("Fields", "Also learn the prompt tokens, not only the responses"), FieldKind::Flag},
      {"data.mask_history", QT_TRANSLATE_NOOP("Fields", "Mask history"), QT_TRANSLATE_NOOP("Fields", "Learn only the last assistant turn of each conversation"), FieldKind::Flag},
      {"data.enable_thinking", QT_TRANSLATE_NOOP("Fields", "Thinking"),
       QT_TRANSLATE_NOOP("Fields", "Reasoning mode of templates that have one (SmolLM3); off = /no_think: an empty think block before every answer. A system prompt's /think or /no_think wins"),
       FieldKind::Flag},
      {"data.shuffle", QT_TRANSLATE_NOOP("Fields", "Shuffle"), QT_TRANSLATE_NOOP("Fields", "Reshuffle the training examples every epoch (seeded)"), FieldKind::Flag},
      {"data.on_bad_record", QT_TRANSLATE_NOOP("Fields", "Bad records"), QT_TRANSLATE_NOOP("Fields", "A malformed record stops the run before step 1, or is skipped and counted"), FieldKind::Choice, 0, 0, 0, 1,
       {{"fail", QT_TRANSLATE_NOOP("Fields", "refuse the dataset")}, {"skip", QT_TRANSLATE_NOOP("Fields", "skip and count")}}},
  };
  return k;
}

const std::vector<FieldSpec>& methodFields(const char* family) {
  // Rows several methods' forms share.
  static const FieldSpec rank{"method.r", QT_TRANSLATE_NOOP("Fields", "Rank (r)"),
                              QT_TRANSLATE_NOOP("Fields", "Rank of the low-rank update: more capacity and more parameters as it grows"), FieldKind::Integer, -1, 4096};
  static const FieldSpec layers{"method.layers_to_transform", QT_TRANSLATE_NOOP("Fields", "Layers"),
                                QT_TRANSLATE_NOOP("Fields", "Adapt only these decoder layers (comma-separated indices; empty = all)"), FieldKind::IntList};
  static const FieldSpec exclude{"method.exclude_modules", QT_TRANSLATE_NOOP("Fields", "Exclude modules"),
                                 QT_TRANSLATE_NOOP("Fields", "Never adapt these modules (names or name suffixes, comma-separated)"), FieldKind::List};
  static const FieldSpec saved{"method.modules_to_save", QT_TRANSLATE_NOOP("Fields", "Modules to save"),
                               QT_TRANSLATE_NOOP("Fields", "Extra modules trained in full and saved with the adapter, e.g. lm_head"), FieldKind::List};
  static const FieldSpec loraDropout{"method.lora_dropout", QT_TRANSLATE_NOOP("Fields", "Dropout"),
                                     QT_TRANSLATE_NOOP("Fields", "Dropout on the adapter's input during training"), FieldKind::Real, -1, 1, 3, 0.01};
  static const std::vector<FieldSpec> lora = {
      rank,
      {"method.lora_alpha", QT_TRANSLATE_NOOP("Fields", "Alpha"), QT_TRANSLATE_NOOP("Fields", "Scaling numerator: the update is scaled by alpha / r (alpha / √r with rsLoRA)"), FieldKind::Real, -1, 100000, 1, 1},
      loraDropout,
      {"method.use_dora", QT_TRANSLATE_NOOP("Fields", "DoRA"), QT_TRANSLATE_NOOP("Fields", "Weight-decomposed LoRA: learns a magnitude per output row as well"), FieldKind::Flag},
      {"method.use_rslora", QT_TRANSLATE_NOOP("Fields", "rsLoRA"), QT_TRANSLATE_NOOP("Fields", "Rank-stabilised scaling alpha / √r: keeps large ranks learning"), FieldKind::Flag},
      {"train.loraplus_lr_ratio", QT_TRANSLATE_NOOP("Fields", "LoRA+ ratio"), QT_TRANSLATE_NOOP("Fields", "LoRA+: lora_B learns this many times faster than lora_A (off when empty)"), FieldKind::Scientific},
      {"method.bias", QT_TRANSLATE_NOOP("Fields", "Bias"), QT_TRANSLATE_NOOP("Fields", "Which biases train as well"), FieldKind::Choice, 0, 0, 0, 1,
       {{"none", QT_TRANSLATE_NOOP("Fields", "none")}, {"lora_only", QT_TRANSLATE_NOOP("Fields", "of adapted layers")}, {"all", QT_TRANSLATE_NOOP("Fields", "all")}}},
      {"method.init_lora_weights", QT_TRANSLATE_NOOP("Fields", "Initialisation"),
       QT_TRANSLATE_NOOP("Fields", "How A and B start. Kaiming / Gaussian: B at zero. PiSSA / OLoRA: from the base weight's main directions "
                                   "(16- or 32-bit base), saved as a plain LoRA of twice the rank"),
       FieldKind::Choice, 0, 0, 0, 1,
       {{"true", QT_TRANSLATE_NOOP("Fields", "Kaiming-uniform (PEFT default)")},
        {"gaussian", QT_TRANSLATE_NOOP("Fields", "Gaussian")},
        {"pissa", QT_TRANSLATE_NOOP("Fields", "PiSSA (exact SVD)")},
        {"pissa_niter_16", QT_TRANSLATE_NOOP("Fields", "PiSSA, fast SVD (16 iterations)")},
        {"olora", QT_TRANSLATE_NOOP("Fields", "OLoRA (QR)")}},
       nullptr, "true"},
      layers, exclude, saved,
  };
  // LoHa and LoKr (PEFT's LyCORIS family): their alpha key is `alpha`; dropouts act on ΔW.
  static const FieldSpec lycorisAlpha{"method.alpha", QT_TRANSLATE_NOOP("Fields", "Alpha"),
                               QT_TRANSLATE_NOOP("Fields", "Scaling numerator: the update is scaled by alpha / r"), FieldKind::Real, -1, 100000, 1, 1};
  static const FieldSpec rankDropout{"method.rank_dropout", QT_TRANSLATE_NOOP("Fields", "Rank dropout"),
                              QT_TRANSLATE_NOOP("Fields", "While training, drop whole output rows of the update with this probability"), FieldKind::Real, -1, 1, 3, 0.01,
                              {}, nullptr, "0"};
  static const FieldSpec moduleDropout{"method.module_dropout", QT_TRANSLATE_NOOP("Fields", "Module dropout"),
                                QT_TRANSLATE_NOOP("Fields", "While training, skip a module's whole update with this probability"), FieldKind::Real, -1, 1, 3, 0.01,
                                {}, nullptr, "0"};
  static const std::vector<FieldSpec> loha = {
      rank, lycorisAlpha, rankDropout, moduleDropout,
      {"method.init_weights", QT_TRANSLATE_NOOP("Fields", "Initialisation"),
       QT_TRANSLATE_NOOP("Fields", "How the factors start: with one factor at zero training starts from the base model"), FieldKind::Choice, 0, 0, 0, 1,
       {{"true", QT_TRANSLATE_NOOP("Fields", "one factor zero (PEFT default)")}, {"false", QT_TRANSLATE_NOOP("Fields", "all random")}}, nullptr, "true"},
      layers, exclude, saved};
  static const std::vector<FieldSpec> lokr = {
      rank, lycorisAlpha,
      {"method.decompose_both", QT_TRANSLATE_NOOP("Fields", "Decompose both"),
       QT_TRANSLATE_NOOP("Fields", "Make the left Kronecker factor low-rank too (fewer parameters)"), FieldKind::Flag},
      {"method.decompose_factor", QT_TRANSLATE_NOOP("Fields", "Factor"),
       QT_TRANSLATE_NOOP("Fields", "The left Kronecker factor is f × f where f divides the layer's sizes (-1: sizes near their square root)"), FieldKind::Integer, -1, 65536, 0, 1, {},
       nullptr, "-1"},
      rankDropout,
      {"method.rank_dropout_scale", QT_TRANSLATE_NOOP("Fields", "Rescale rank dropout"),
       QT_TRANSLATE_NOOP("Fields", "Divide the kept rows by the fraction kept, as ordinary dropout does"), FieldKind::Flag},
      moduleDropout,
      {"method.init_weights", QT_TRANSLATE_NOOP("Fields", "Initialisation"),
       QT_TRANSLATE_NOOP("Fields", "How the factors start: with one factor at zero training starts from the base model"), FieldKind::Choice, 0, 0, 0, 1,
       {{"true", QT_TRANSLATE_NOOP("Fields", "left factor zero (PEFT default)")}, {"lycoris", QT_TRANSLATE_NOOP("Fields", "right factor zero (LyCORIS)")},
        {"false", QT_TRANSLATE_NOOP("Fields", "all random")}},
       nullptr, "true"},
      layers, exclude, saved};
  // AdaLoRA: the update B·diag(E)·A starts at init_r per layer and is pruned, by importance, to
  // target_r per layer on average over the schedule tinit → total_step − tfinal.
  static const std::vector<FieldSpec> adalora = {
      {"method.init_r", QT_TRANSLATE_NOOP("Fields", "Initial rank"),
       QT_TRANSLATE_NOOP("Fields", "Rank every target layer starts with; the schedule prunes it while training"), FieldKind::Integer, -1, 4096},
      {"method.target_r", QT_TRANSLATE_NOOP("Fields", "Target rank"),
       QT_TRANSLATE_NOOP("Fields", "Average rank per layer at the end: the final budget is this × the number of target layers"), FieldKind::Integer, -1, 4096},
      {"method.lora_alpha", QT_TRANSLATE_NOOP("Fields", "Alpha"), QT_TRANSLATE_NOOP("Fields", "Scaling numerator: the update is scaled by alpha / initial rank"),
       FieldKind::Real, -1, 100000, 1, 1},
      loraDropout,
      {"method.tinit", QT_TRANSLATE_NOOP("Fields", "Steps before pruning"), QT_TRANSLATE_NOOP("Fields", "Optimizer steps trained at the initial rank before any pruning"),
       FieldKind::Integer, -1, 100000000},
      {"method.tfinal", QT_TRANSLATE_NOOP("Fields", "Final steps"), QT_TRANSLATE_NOOP("Fields", "Last optimizer steps of the schedule, trained with the final ranks fixed"),
       FieldKind::Integer, -1, 100000000},
      {"method.deltaT", QT_TRANSLATE_NOOP("Fields", "Pruning interval"), QT_TRANSLATE_NOOP("Fields", "Between those, prune on every this many steps"), FieldKind::Integer, -1,
       100000000},
      {"method.total_step", QT_TRANSLATE_NOOP("Fields", "Schedule length"),
       QT_TRANSLATE_NOOP("Fields", "Optimizer steps the pruning schedule spans; at its minimum, the run's own length"), FieldKind::Integer, -1, 100000000, 0, 10, {},
       QT_TRANSLATE_NOOP("Fields", "the run's length")},
      {"method.orth_reg_weight", QT_TRANSLATE_NOOP("Fields", "Orthogonality weight"),
       QT_TRANSLATE_NOOP("Fields", "Weight of the loss term that keeps A's rows and B's columns orthonormal (0 = off)"), FieldKind::Real, -1, 1000, 3, 0.1},
      layers, exclude, saved};
  static const std::vector<FieldSpec> ia3 = {
      {"method.init_ia3_weights", QT_TRANSLATE_NOOP("Fields", "Start at 1"),
       QT_TRANSLATE_NOOP("Fields", "Scaling vectors start at 1 (the base model unchanged); off = random"), FieldKind::Flag, 0, 0, 0, 1, {}, nullptr,
       "true"},
      exclude, saved,
  };
  static const std::vector<FieldSpec> prefix = {
      {"method.num_virtual_tokens", QT_TRANSLATE_NOOP("Fields", "Virtual tokens"), QT_TRANSLATE_NOOP("Fields", "Learned key/value positions prepended in every layer"), FieldKind::Integer, -1, 4096},
      {"method.prefix_projection", QT_TRANSLATE_NOOP("Fields", "Projection"), QT_TRANSLATE_NOOP("Fields", "Reparameterise the prefix through a two-layer MLP"), FieldKind::Flag},
      {"method.encoder_hidden_size", QT_TRANSLATE_NOOP("Fields", "Projection width"), QT_TRANSLATE_NOOP("Fields", "Hidden size of the projection MLP"), FieldKind::Integer, 0, 65536, 0, 64, {},
       QT_TRANSLATE_NOOP("Fields", "model hidden size")},
  };
  static const std::vector<FieldSpec> prompt = {
      {"method.num_virtual_tokens", QT_TRANSLATE_NOOP("Fields", "Virtual tokens"), QT_TRANSLATE_NOOP("Fields", "Learned embeddings prepended to the input"), FieldKind::Integer, -1, 4096},
      {"method.prompt_tuning_init", QT_TRANSLATE_NOOP("Fields", "Initialisation"), QT_TRANSLATE_NOOP("Fields", "Random vectors, vocabulary samples, or the embedding of a text"), FieldKind::Choice, 0, 0, 0,
       1, {{"RANDOM", QT_TRANSLATE_NOOP("Fields", "random")}, {"SAMPLE_VOCAB", QT_TRANSLATE_NOOP("Fields", "sampled vocabulary")}, {"TEXT", QT_TRANSLATE_NOOP("Fields", "from text")}}},
      {"method.prompt_tuning_init_text", QT_TRANSLATE_NOOP("Fields", "Init text"), QT_TRANSLATE_NOOP("Fields", "Text whose token embeddings initialise the prompt (with 'from text')"), FieldKind::Text},
  };
  // AdapterHub's bottleneck adapters: the preset places them and picks the non-linearity
  // (Pfeiffer: ReLU after the MLP; Houlsby: SiLU after attention and after the MLP).
  static const std::vector<FieldSpec> bottleneck = {
      {"method.config", QT_TRANSLATE_NOOP("Fields", "Placement"), QT_TRANSLATE_NOOP("Fields", "Where the adapters sit in every decoder block"), FieldKind::Choice, 0, 0, 0, 1,
       {{"seq_bn", QT_TRANSLATE_NOOP("Fields", "after the MLP (Pfeiffer)")}, {"double_seq_bn", QT_TRANSLATE_NOOP("Fields", "after attention and MLP (Houlsby)")}}},
      {"method.reduction_factor", QT_TRANSLATE_NOOP("Fields", "Reduction factor"),
       QT_TRANSLATE_NOOP("Fields", "Bottleneck width = hidden size / this: larger means fewer parameters"), FieldKind::Real, -1, 65536, 1, 1},
      {"method.scaling", QT_TRANSLATE_NOOP("Fields", "Scaling"), QT_TRANSLATE_NOOP("Fields", "Factor on the adapter's output before it joins the residual stream"), FieldKind::Real, -1, 1000, 2, 0.1},
      {"method.dropout", QT_TRANSLATE_NOOP("Fields", "Dropout"), QT_TRANSLATE_NOOP("Fields", "Dropout on the adapter's output while training"), FieldKind::Real, -1, 0.99, 2, 0.05},
      {"method.init_weights", QT_TRANSLATE_NOOP("Fields", "Initialisation"), QT_TRANSLATE_NOOP("Fields", "How the two projections start"), FieldKind::Choice, 0, 0, 0, 1,
       {{"bert", QT_TRANSLATE_NOOP("Fields", "small random (AdapterHub default)")}, {"mam_adapter", QT_TRANSLATE_NOOP("Fields", "up projection zero (starts as the base)")},
        {"houlsby", QT_TRANSLATE_NOOP("Fields", "truncated normal (Houlsby)")}}},
  };
  static const std::vector<FieldSpec> freeze = {
      {"method.freeze_trainable_layers", QT_TRANSLATE_NOOP("Fields", "Trainable layers"), QT_TRANSLATE_NOOP("Fields", "Train the last N decoder layers (negative: the first |N|)"), FieldKind::Integer, -1024,
       1024},
  };
  static const std::vector<FieldSpec> none = {};
  static const std::pair<const char*, const std::vector<FieldSpec>*> forms[] = {
      {"lora", &lora}, {"loha", &loha}, {"lokr", &lokr}, {"adalora", &adalora}, {"ia3", &ia3}, {"prefix", &prefix}, {"prompt", &prompt}, {"bottleneck", &bottleneck}, {"freeze", &freeze}};
  for (const auto& [name, fields] : forms)
    if (!std::strcmp(family, name)) return *fields;
  return none;  // full fine-tuning: nothing to set
}

const std::vector<FieldSpec>& quantizationFields() {
  static const std::vector<FieldSpec> k = {
      {"model.quantization.type", QT_TRANSLATE_NOOP("Fields", "4-bit type"), QT_TRANSLATE_NOOP("Fields", "NF4 (QLoRA's normal float) or FP4"), FieldKind::Choice, 0, 0, 0, 1,
       {{"nf4", QT_TRANSLATE_NOOP("Fields", "NF4")}, {"fp4", QT_TRANSLATE_NOOP("Fields", "FP4")}}},
      {"model.quantization.double_quant", QT_TRANSLATE_NOOP("Fields", "Double quantization"),
       QT_TRANSLATE_NOOP("Fields", "Quantize the block scales too (about 0.4 bits per weight saved)"), FieldKind::Flag, 0, 0, 0, 1, {}, nullptr, "true"},
      {"model.quantization.blocksize", QT_TRANSLATE_NOOP("Fields", "Block size"),
       QT_TRANSLATE_NOOP("Fields", "Weights per absmax scale (bitsandbytes uses 64)"), FieldKind::Integer, 0, 4096, 0, 64, {}, nullptr, "64"},
  };
  return k;
}

QString formLabel(const std::string& key) {
  // The page names as the navigation list shows them (translated in MainWindow's context).
  auto page = [](const char* name) { return QCoreApplication::translate("peftdesk::ui::MainWindow", name); };
  auto label = [](const char* text) { return QCoreApplication::translate("Fields", text); };
  struct Table {
    const char* page;
    const std::vector<FieldSpec>* rows;
  };
  std::vector<Table> tables = {{"Train", &trainFields()}, {"Train", &outputFields()}, {"Data", &dataFields()}, {"Method", &quantizationFields()}};
  for (const char* family : methodFamilies()) tables.push_back({"Method", &methodFields(family)});
  for (const Table& t : tables)
    for (const FieldSpec& f : *t.rows)
      if (key == f.key) return QStringLiteral("%1 ▸ %2").arg(page(t.page), label(f.label));
  if (key == "model.path") return QStringLiteral("%1 ▸ %2").arg(page("Model"), label(QT_TRANSLATE_NOOP("Fields", "Model folder")));
  if (key == "data.path") return QStringLiteral("%1 ▸ %2").arg(page("Data"), label("Dataset"));
  if (key == "data.dataset")  // the entries list under a LLaMA-Factory folder (translated in the Data page's context)
    return QStringLiteral("%1 ▸ %2").arg(page("Data"), QCoreApplication::translate("peftdesk::ui::DataPage", "Datasets in this folder (dataset_info.json)"));
  const QString k = QString::fromStdString(key);
  for (const char* prefix : {"model", "data", "method", "train"}) {
    const QString p = QLatin1String(prefix);
    if (k == p || k.startsWith(p + QLatin1Char('.'))) {
      const char* name = !std::strcmp(prefix, "model") ? "Model" : !std::strcmp(prefix, "data") ? "Data" : !std::strcmp(prefix, "method") ? "Method" : "Train";
      return QStringLiteral("%1 ▸ %2").arg(page(name), k);
    }
  }
  return k;
}

}  // namespace peftdesk::ui
