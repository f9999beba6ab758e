<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Fields</name>
    <message>
        <source>Model folder</source>
        <translation>模型文件夹</translation>
    </message>
    <message>
        <source>Deterministic (GPU)</source>
        <translation>确定性（GPU）</translation>
    </message>
    <message>
        <source>Deterministic GPU kernels, so a resumed run repeats the uninterrupted one bit for bit; somewhat slower</source>
        <translation>使用确定性的 GPU 内核，使续训与不中断的训练逐位一致；会稍慢一些</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Where the model trains: automatic picks the first usable NVIDIA GPU, else the CPU</source>
        <translation>模型在哪里训练：自动会选第一块可用的 NVIDIA GPU，否则用 CPU</translation>
    </message>
    <message>
        <source>automatic (GPU when usable)</source>
        <translation>自动（有可用 GPU 时用 GPU）</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>A dataset file (JSON, JSON Lines, CSV, TXT) or a LLaMA-Factory data folder with dataset_info.json</source>
        <translation>数据集文件（JSON、JSON Lines、CSV、TXT），或带 dataset_info.json 的 LLaMA-Factory 数据文件夹</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Peak learning rate of AdamW, e.g. 2e-4 for LoRA, 1e-5 for full fine-tuning</source>
        <translation>AdamW 的峰值学习率，例如 LoRA 用 2e-4，全量微调用 1e-5</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>训练轮数</translation>
    </message>
    <message>
        <source>Passes over the training data (Max steps wins when set)</source>
        <translation>遍历训练数据的次数（设置了最大步数时以最大步数为准）</translation>
    </message>
    <message>
        <source>Max steps</source>
        <translation>最大步数</translation>
    </message>
    <message>
        <source>Optimizer steps in total; leave at &apos;from epochs&apos; to derive it from the epochs</source>
        <translation>优化器总步数；保持“按轮数”则由训练轮数推算</translation>
    </message>
    <message>
        <source>from epochs</source>
        <translation>按轮数</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Examples per forward pass</source>
        <translation>每次前向传播的样本数</translation>
    </message>
    <message>
        <source>Gradient accumulation</source>
        <translation>梯度累积</translation>
    </message>
    <message>
        <source>Forward passes per optimizer step: effective batch = batch size × this</source>
        <translation>每个优化器步的前向次数：有效批大小 = 批大小 × 此值</translation>
    </message>
    <message>
        <source>Scheduler</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <source>How the learning rate changes over the run (after warm-up)</source>
        <translation>学习率在训练中的变化方式（预热之后）</translation>
    </message>
    <message>
        <source>cosine</source>
        <translation>余弦</translation>
    </message>
    <message>
        <source>linear</source>
        <translation>线性</translation>
    </message>
    <message>
        <source>constant</source>
        <translation>常数</translation>
    </message>
    <message>
        <source>constant with warm-up</source>
        <translation>带预热的常数</translation>
    </message>
    <message>
        <source>cosine with restarts</source>
        <translation>带重启的余弦</translation>
    </message>
    <message>
        <source>Warm-up steps</source>
        <translation>预热步数</translation>
    </message>
    <message>
        <source>Steps of linear warm-up from 0 to the learning rate (wins over the ratio)</source>
        <translation>学习率从 0 线性升到设定值的步数（优先于预热比例）</translation>
    </message>
    <message>
        <source>Warm-up ratio</source>
        <translation>预热比例</translation>
    </message>
    <message>
        <source>Warm-up as a fraction of all steps</source>
        <translation>预热步数占总步数的比例</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>计算精度</translation>
    </message>
    <message>
        <source>Compute precision: fp32 exact, bf16 faster and half the activation memory</source>
        <translation>计算精度：fp32 最精确，bf16 更快且激活内存减半</translation>
    </message>
    <message>
        <source>fp32</source>
        <translation>fp32</translation>
    </message>
    <message>
        <source>bf16</source>
        <translation>bf16</translation>
    </message>
    <message>
        <source>fp16</source>
        <translation>fp16</translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation>权重衰减</translation>
    </message>
    <message>
        <source>AdamW decoupled weight decay (not applied to biases and norms)</source>
        <translation>AdamW 解耦权重衰减（不作用于偏置和归一化层）</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>AdamW with fp32 moments, or bitsandbytes&apos; 8-bit AdamW, which keeps them in about a quarter of the memory</source>
        <translation>使用 fp32 动量的 AdamW，或 bitsandbytes 的 8 位 AdamW（动量只占约四分之一的内存）</translation>
    </message>
    <message>
        <source>AdamW (PyTorch)</source>
        <translation>AdamW（PyTorch）</translation>
    </message>
    <message>
        <source>8-bit AdamW (bitsandbytes)</source>
        <translation>8 位 AdamW（bitsandbytes）</translation>
    </message>
    <message>
        <source>paged 8-bit AdamW (bitsandbytes)</source>
        <translation>分页 8 位 AdamW（bitsandbytes）</translation>
    </message>
    <message>
        <source>paged 32-bit AdamW (bitsandbytes)</source>
        <translation>分页 32 位 AdamW（bitsandbytes）</translation>
    </message>
    <message>
        <source>Max grad norm</source>
        <translation>最大梯度范数</translation>
    </message>
    <message>
        <source>Clip the global gradient norm to this value (0 = no clipping)</source>
        <translation>将全局梯度范数裁剪到此值（0 = 不裁剪）</translation>
    </message>
    <message>
        <source>Gradient checkpointing</source>
        <translation>梯度检查点</translation>
    </message>
    <message>
        <source>Recompute activations in backward: less memory for about one extra forward</source>
        <translation>反向传播时重算激活：省内存，约多一次前向计算</translation>
    </message>
    <message>
        <source>Logging steps</source>
        <translation>日志间隔</translation>
    </message>
    <message>
        <source>Write a metrics row every N optimizer steps</source>
        <translation>每 N 个优化器步写一行指标</translation>
    </message>
    <message>
        <source>Eval steps</source>
        <translation>评估间隔</translation>
    </message>
    <message>
        <source>Evaluate every N steps (0 = only at the end, when there is evaluation data)</source>
        <translation>每 N 步评估一次（0 = 仅在结束时，需有评估数据）</translation>
    </message>
    <message>
        <source>Save steps</source>
        <translation>保存间隔</translation>
    </message>
    <message>
        <source>Write a checkpoint every N steps (0 = only at the end or on stop-and-save)</source>
        <translation>每 N 步保存一个检查点（0 = 仅在结束或“停止并保存”时）</translation>
    </message>
    <message>
        <source>Checkpoints kept</source>
        <translation>保留检查点数</translation>
    </message>
    <message>
        <source>Keep the newest N checkpoints and delete older ones</source>
        <translation>保留最新的 N 个检查点，删除更早的</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Seed of adapter initialisation, shuffling and dropout: the same seed gives the same run</source>
        <translation>适配器初始化、打乱和 dropout 的种子：相同种子得到相同的训练</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation>输出文件夹</translation>
    </message>
    <message>
        <source>The run folder: created by the run, must not hold another run</source>
        <translation>运行文件夹：由本次运行创建，不能已包含其他运行</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Record format; auto detects alpaca, sharegpt, messages, text or tokenized</source>
        <translation>记录格式；自动识别 alpaca、sharegpt、messages、纯文本或预分词</translation>
    </message>
    <message>
        <source>auto-detect</source>
        <translation>自动识别</translation>
    </message>
    <message>
        <source>alpaca</source>
        <translation>alpaca</translation>
    </message>
    <message>
        <source>sharegpt</source>
        <translation>sharegpt</translation>
    </message>
    <message>
        <source>messages (OpenAI)</source>
        <translation>messages（OpenAI）</translation>
    </message>
    <message>
        <source>plain text</source>
        <translation>纯文本</translation>
    </message>
    <message>
        <source>pre-tokenized</source>
        <translation>预分词</translation>
    </message>
    <message>
        <source>Cutoff length</source>
        <translation>截断长度</translation>
    </message>
    <message>
        <source>Tokens per example at most; longer examples are truncated as LLaMA-Factory does</source>
        <translation>每个样本最多的词元数；更长的样本按 LLaMA-Factory 的方式截断</translation>
    </message>
    <message>
        <source>Validation size</source>
        <translation>验证集大小</translation>
    </message>
    <message>
        <source>Held out for evaluation: a fraction (&lt; 1) or a number of examples (&gt;= 1)</source>
        <translation>留作评估的数据：比例（&lt; 1）或样本数（&gt;= 1）</translation>
    </message>
    <message>
        <source>Max samples</source>
        <translation>最大样本数</translation>
    </message>
    <message>
        <source>Use at most this many examples of each dataset</source>
        <translation>每个数据集最多使用这么多样本</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Packing</source>
        <translation>序列打包</translation>
    </message>
    <message>
        <source>Concatenate examples into rows of cutoff length (faster on short examples)</source>
        <translation>将样本拼接成截断长度的行（短样本时更快）</translation>
    </message>
    <message>
        <source>Train on prompt</source>
        <translation>训练提示词</translation>
    </message>
    <message>
        <source>Also learn the prompt tokens, not only the responses</source>
        <translation>同时学习提示词部分，而不仅是回答</translation>
    </message>
    <message>
        <source>Mask history</source>
        <translation>屏蔽历史</translation>
    </message>
    <message>
        <source>Learn only the last assistant turn of each conversation</source>
        <translation>只学习每段对话中最后一轮助手回答</translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation>思考模式</translation>
    </message>
    <message>
        <source>Reasoning mode of templates that have one (SmolLM3); off = /no_think: an empty think block before every answer. A system prompt&apos;s /think or /no_think wins</source>
        <translation>带推理模式的模板（SmolLM3）的推理模式；关闭 = /no_think：每个回答前加一个空的思考块。系统提示词中的 /think 或 /no_think 优先</translation>
    </message>
    <message>
        <source>Shuffle</source>
        <translation>打乱</translation>
    </message>
    <message>
        <source>Reshuffle the training examples every epoch (seeded)</source>
        <translation>每轮重新打乱训练样本（由种子决定）</translation>
    </message>
    <message>
        <source>Bad records</source>
        <translation>错误记录</translation>
    </message>
    <message>
        <source>A malformed record stops the run before step 1, or is skipped and counted</source>
        <translation>格式错误的记录：在第 1 步之前终止运行，或跳过并计数</translation>
    </message>
    <message>
        <source>refuse the dataset</source>
        <translation>拒绝数据集</translation>
    </message>
    <message>
        <source>skip and count</source>
        <translation>跳过并计数</translation>
    </message>
    <message>
        <source>Rank (r)</source>
        <translation>秩 (r)</translation>
    </message>
    <message>
        <source>Rank of the low-rank update: more capacity and more parameters as it grows</source>
        <translation>低秩更新的秩：越大容量越大、参数越多</translation>
    </message>
    <message>
        <source>Alpha</source>
        <translation>Alpha</translation>
    </message>
    <message>
        <source>Scaling numerator: the update is scaled by alpha / r (alpha / √r with rsLoRA)</source>
        <translation>缩放分子：更新按 alpha / r 缩放（rsLoRA 为 alpha / √r）</translation>
    </message>
    <message>
        <source>Dropout</source>
        <translation>Dropout</translation>
    </message>
    <message>
        <source>Dropout on the adapter&apos;s input during training</source>
        <translation>训练时作用于适配器输入的 dropout</translation>
    </message>
    <message>
        <source>DoRA</source>
        <translation>DoRA</translation>
    </message>
    <message>
        <source>Weight-decomposed LoRA: learns a magnitude per output row as well</source>
        <translation>权重分解 LoRA：同时学习每个输出行的幅值</translation>
    </message>
    <message>
        <source>rsLoRA</source>
        <translation>rsLoRA</translation>
    </message>
    <message>
        <source>Rank-stabilised scaling alpha / √r: keeps large ranks learning</source>
        <translation>秩稳定缩放 alpha / √r：让大秩也能有效学习</translation>
    </message>
    <message>
        <source>LoRA+ ratio</source>
        <translation>LoRA+ 比例</translation>
    </message>
    <message>
        <source>LoRA+: lora_B learns this many times faster than lora_A (off when empty)</source>
        <translation>LoRA+：lora_B 的学习率是 lora_A 的多少倍（留空则关闭）</translation>
    </message>
    <message>
        <source>Bias</source>
        <translation>偏置</translation>
    </message>
    <message>
        <source>Which biases train as well</source>
        <translation>哪些偏置也参与训练</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>of adapted layers</source>
        <translation>被适配层的偏置</translation>
    </message>
    <message>
        <source>Virtual tokens</source>
        <translation>虚拟词元数</translation>
    </message>
    <message>
        <source>Learned key/value positions prepended in every layer</source>
        <translation>在每一层前置的可学习键/值位置</translation>
    </message>
    <message>
        <source>Projection</source>
        <translation>投影</translation>
    </message>
    <message>
        <source>Reparameterise the prefix through a two-layer MLP</source>
        <translation>通过两层 MLP 对前缀重新参数化</translation>
    </message>
    <message>
        <source>Projection width</source>
        <translation>投影宽度</translation>
    </message>
    <message>
        <source>Hidden size of the projection MLP</source>
        <translation>投影 MLP 的隐藏层大小</translation>
    </message>
    <message>
        <source>model hidden size</source>
        <translation>模型隐藏层大小</translation>
    </message>
    <message>
        <source>Learned embeddings prepended to the input</source>
        <translation>前置到输入的可学习嵌入</translation>
    </message>
    <message>
        <source>Initialisation</source>
        <translation>初始化</translation>
    </message>
    <message>
        <source>Random vectors, vocabulary samples, or the embedding of a text</source>
        <translation>随机向量、词表采样，或某段文本的嵌入</translation>
    </message>
    <message>
        <source>random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>sampled vocabulary</source>
        <translation>词表采样</translation>
    </message>
    <message>
        <source>from text</source>
        <translation>来自文本</translation>
    </message>
    <message>
        <source>Init text</source>
        <translation>初始化文本</translation>
    </message>
    <message>
        <source>Text whose token embeddings initialise the prompt (with &apos;from text&apos;)</source>
        <translation>用其词元嵌入初始化提示的文本（配合“来自文本”）</translation>
    </message>
    <message>
        <source>Trainable layers</source>
        <translation>可训练层数</translation>
    </message>
    <message>
        <source>Train the last N decoder layers (negative: the first |N|)</source>
        <translation>训练最后 N 个解码层（负数：最前面的 |N| 层）</translation>
    </message>
    <message>
        <source>4-bit type</source>
        <translation>4 位类型</translation>
    </message>
    <message>
        <source>NF4 (QLoRA&apos;s normal float) or FP4</source>
        <translation>NF4（QLoRA 的正态浮点）或 FP4</translation>
    </message>
    <message>
        <source>NF4</source>
        <translation>NF4</translation>
    </message>
    <message>
        <source>FP4</source>
        <translation>FP4</translation>
    </message>
    <message>
        <source>Double quantization</source>
        <translation>双重量化</translation>
    </message>
    <message>
        <source>Quantize the block scales too (about 0.4 bits per weight saved)</source>
        <translation>对块缩放因子也进行量化（每个权重约省 0.4 位）</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>选择文件夹</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>How A and B start. Kaiming / Gaussian: B at zero. PiSSA / OLoRA: from the base weight&apos;s main directions (16- or 32-bit base), saved as a plain LoRA of twice the rank</source>
        <translation>A 和 B 的初始化方式。Kaiming / 高斯：B 从零开始。PiSSA / OLoRA：取自基础权重的主方向（需 16 或 32 位基础模型），保存为秩加倍的普通 LoRA</translation>
    </message>
    <message>
        <source>Kaiming-uniform (PEFT default)</source>
        <translation>Kaiming 均匀分布（PEFT 默认）</translation>
    </message>
    <message>
        <source>Gaussian</source>
        <translation>高斯分布</translation>
    </message>
    <message>
        <source>PiSSA (exact SVD)</source>
        <translation>PiSSA（精确 SVD）</translation>
    </message>
    <message>
        <source>PiSSA, fast SVD (16 iterations)</source>
        <translation>PiSSA，快速 SVD（16 次迭代）</translation>
    </message>
    <message>
        <source>OLoRA (QR)</source>
        <translation>OLoRA（QR）</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>层数</translation>
    </message>
    <message>
        <source>Adapt only these decoder layers (comma-separated indices; empty = all)</source>
        <translation>只适配这些解码层（逗号分隔的序号；留空 = 全部）</translation>
    </message>
    <message>
        <source>Exclude modules</source>
        <translation>排除模块</translation>
    </message>
    <message>
        <source>Never adapt these modules (names or name suffixes, comma-separated)</source>
        <translation>不适配这些模块（名称或名称后缀，逗号分隔）</translation>
    </message>
    <message>
        <source>Modules to save</source>
        <translation>额外保存的模块</translation>
    </message>
    <message>
        <source>Extra modules trained in full and saved with the adapter, e.g. lm_head</source>
        <translation>完整训练并随适配器保存的额外模块，例如 lm_head</translation>
    </message>
    <message>
        <source>Start at 1</source>
        <translation>初始为 1</translation>
    </message>
    <message>
        <source>Scaling vectors start at 1 (the base model unchanged); off = random</source>
        <translation>缩放向量初始为 1（基础模型不变）；关闭 = 随机</translation>
    </message>
    <message>
        <source>Block size</source>
        <translation>块大小</translation>
    </message>
    <message>
        <source>Weights per absmax scale (bitsandbytes uses 64)</source>
        <translation>每个 absmax 缩放因子对应的权重数（bitsandbytes 使用 64）</translation>
    </message>
    <message>
        <source>Scaling numerator: the update is scaled by alpha / r</source>
        <translation>缩放分子：更新量乘以 alpha / r</translation>
    </message>
    <message>
        <source>Rank dropout</source>
        <translation>秩 dropout</translation>
    </message>
    <message>
        <source>While training, drop whole output rows of the update with this probability</source>
        <translation>训练时以此概率丢弃更新量的整行输出</translation>
    </message>
    <message>
        <source>Module dropout</source>
        <translation>模块 dropout</translation>
    </message>
    <message>
        <source>While training, skip a module&apos;s whole update with this probability</source>
        <translation>训练时以此概率跳过某个模块的整个更新</translation>
    </message>
    <message>
        <source>How the factors start: with one factor at zero training starts from the base model</source>
        <translation>因子的初始值：其中一个因子为零时，训练从基础模型开始</translation>
    </message>
    <message>
        <source>one factor zero (PEFT default)</source>
        <translation>一个因子为零（PEFT 默认）</translation>
    </message>
    <message>
        <source>all random</source>
        <translation>全部随机</translation>
    </message>
    <message>
        <source>Decompose both</source>
        <translation>两侧都分解</translation>
    </message>
    <message>
        <source>Make the left Kronecker factor low-rank too (fewer parameters)</source>
        <translation>左侧 Kronecker 因子也做低秩分解（参数更少）</translation>
    </message>
    <message>
        <source>Factor</source>
        <translation>因子</translation>
    </message>
    <message>
        <source>The left Kronecker factor is f × f where f divides the layer&apos;s sizes (-1: sizes near their square root)</source>
        <translation>左侧 Kronecker 因子为 f × f（f 能整除层的尺寸时；-1：取接近平方根的尺寸）</translation>
    </message>
    <message>
        <source>Rescale rank dropout</source>
        <translation>秩 dropout 重缩放</translation>
    </message>
    <message>
        <source>Divide the kept rows by the fraction kept, as ordinary dropout does</source>
        <translation>像普通 dropout 一样，将保留的行除以保留比例</translation>
    </message>
    <message>
        <source>left factor zero (PEFT default)</source>
        <translation>左因子为零（PEFT 默认）</translation>
    </message>
    <message>
        <source>right factor zero (LyCORIS)</source>
        <translation>右因子为零（LyCORIS）</translation>
    </message>
    <message>
        <source>Initial rank</source>
        <translation>初始秩</translation>
    </message>
    <message>
        <source>Rank every target layer starts with; the schedule prunes it while training</source>
        <translation>每个目标层的起始秩；训练过程中按计划剪枝</translation>
    </message>
    <message>
        <source>Target rank</source>
        <translation>目标秩</translation>
    </message>
    <message>
        <source>Average rank per layer at the end: the final budget is this × the number of target layers</source>
        <translation>结束时每层的平均秩：最终预算为该值 × 目标层数</translation>
    </message>
    <message>
        <source>Scaling numerator: the update is scaled by alpha / initial rank</source>
        <translation>缩放分子：更新按 alpha / 初始秩 缩放</translation>
    </message>
    <message>
        <source>Steps before pruning</source>
        <translation>剪枝前步数</translation>
    </message>
    <message>
        <source>Optimizer steps trained at the initial rank before any pruning</source>
        <translation>开始剪枝前以初始秩训练的优化器步数</translation>
    </message>
    <message>
        <source>Final steps</source>
        <translation>最终步数</translation>
    </message>
    <message>
        <source>Last optimizer steps of the schedule, trained with the final ranks fixed</source>
        <translation>计划最后的优化器步数，以固定的最终秩训练</translation>
    </message>
    <message>
        <source>Pruning interval</source>
        <translation>剪枝间隔</translation>
    </message>
    <message>
        <source>Between those, prune on every this many steps</source>
        <translation>在两者之间，每隔该步数剪枝一次</translation>
    </message>
    <message>
        <source>Schedule length</source>
        <translation>计划长度</translation>
    </message>
    <message>
        <source>Optimizer steps the pruning schedule spans; at its minimum, the run&apos;s own length</source>
        <translation>剪枝计划覆盖的优化器步数；取最小值时为本次运行的长度</translation>
    </message>
    <message>
        <source>the run&apos;s length</source>
        <translation>运行长度</translation>
    </message>
    <message>
        <source>Orthogonality weight</source>
        <translation>正交权重</translation>
    </message>
    <message>
        <source>Weight of the loss term that keeps A&apos;s rows and B&apos;s columns orthonormal (0 = off)</source>
        <translation>使 A 的行与 B 的列保持正交归一的损失项权重（0 = 关闭）</translation>
    </message>
    <message>
        <source>Placement</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Where the adapters sit in every decoder block</source>
        <translation>适配器在每个解码器块中的位置</translation>
    </message>
    <message>
        <source>after the MLP (Pfeiffer)</source>
        <translation>MLP 之后（Pfeiffer）</translation>
    </message>
    <message>
        <source>after attention and MLP (Houlsby)</source>
        <translation>注意力和 MLP 之后（Houlsby）</translation>
    </message>
    <message>
        <source>Reduction factor</source>
        <translation>缩减因子</translation>
    </message>
    <message>
        <source>Bottleneck width = hidden size / this: larger means fewer parameters</source>
        <translation>瓶颈宽度 = 隐藏层大小 / 该值：越大参数越少</translation>
    </message>
    <message>
        <source>Scaling</source>
        <translation>缩放</translation>
    </message>
    <message>
        <source>Factor on the adapter&apos;s output before it joins the residual stream</source>
        <translation>适配器输出并入残差流之前所乘的系数</translation>
    </message>
    <message>
        <source>Dropout on the adapter&apos;s output while training</source>
        <translation>训练时对适配器输出施加的 Dropout</translation>
    </message>
    <message>
        <source>How the two projections start</source>
        <translation>两个投影的初始值</translation>
    </message>
    <message>
        <source>small random (AdapterHub default)</source>
        <translation>小随机值（AdapterHub 默认）</translation>
    </message>
    <message>
        <source>up projection zero (starts as the base)</source>
        <translation>上投影为零（从基座模型开始）</translation>
    </message>
    <message>
        <source>truncated normal (Houlsby)</source>
        <translation>截断正态分布（Houlsby）</translation>
    </message>
</context>
<context>
    <name>MemoryEstimate</name>
    <message>
        <source>Runtime</source>
        <translation>运行时</translation>
    </message>
    <message>
        <source>Base weights</source>
        <translation>基座权重</translation>
    </message>
    <message>
        <source>Trainable adapter tensors</source>
        <translation>可训练的适配器张量</translation>
    </message>
    <message>
        <source>Gradients</source>
        <translation>梯度</translation>
    </message>
    <message>
        <source>Optimizer state (AdamW)</source>
        <translation>优化器状态 (AdamW)</translation>
    </message>
    <message>
        <source>Activations</source>
        <translation>激活值</translation>
    </message>
    <message>
        <source>Output head and loss</source>
        <translation>输出头与损失</translation>
    </message>
    <message>
        <source>Backward working memory</source>
        <translation>反向传播工作内存</translation>
    </message>
    <message>
        <source>Allocator slack</source>
        <translation>分配器余量</translation>
    </message>
    <message>
        <source>The data could not be read (%1): assumed micro-batch x cutoff, every token labelled.</source>
        <translation>无法读取数据（%1）：按微批次 × 截断长度估算，且假定每个词元都带标签。</translation>
    </message>
    <message>
        <source>Peak memory on %1 (estimate): %2 of %3 available.</source>
        <translation>%1 上的峰值内存（估算）：%2，可用 %3。</translation>
    </message>
    <message>
        <source>Peak memory on %1 (estimate): %2.</source>
        <translation>%1 上的峰值内存（估算）：%2。</translation>
    </message>
    <message>
        <source>Does not fit: lower the micro-batch or the cutoff, or turn on gradient checkpointing or a 4-bit base.</source>
        <translation>放不下：请减小微批次或截断长度，或开启梯度检查点或 4 位基座。</translation>
    </message>
    <message>
        <source>No memory estimate until the run&apos;s settings are valid (%1: %2).</source>
        <translation>运行设置有效后才能估算内存（%1：%2）。</translation>
    </message>
    <message>
        <source>AdaLoRA rank allocation</source>
        <translation>AdaLoRA 秩分配</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Fine-tune language models on your workstation.</source>
        <translation>在你的工作站上微调语言模型。</translation>
    </message>
    <message>
        <source>Model folder or run configuration (RUN.json) to open (default: the last form, or the bundled demo).</source>
        <translation>要打开的模型文件夹或运行配置（RUN.json）（默认：上次的表单，或自带的演示）。</translation>
    </message>
    <message>
        <source>Save a picture of the window to FILE once it is shown, then quit.</source>
        <translation>窗口显示后将其截图保存到 FILE，然后退出。</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::HubDownloadView</name>
    <message>
        <source>&amp;Access token:</source>
        <translation>访问令牌(&amp;A)：</translation>
    </message>
    <message>
        <source>hf_… (gated models)</source>
        <translation>hf_…（受限模型）</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>来自 %1</translation>
    </message>
    <message>
        <source>For gated or private models: a Hugging Face access token (hf_…) of an account with access. Empty: HF_TOKEN or the token file, as huggingface_hub finds it. Kept only while this window is open, never saved.</source>
        <translation>用于受限或私有模型：有访问权限的账号的 Hugging Face 访问令牌（hf_…）。留空则使用 HF_TOKEN 或令牌文件（与 huggingface_hub 的查找方式相同）。仅在本窗口打开期间保留，从不保存。</translation>
    </message>
    <message>
        <source> — waiting for the server (a dropped connection is retried from here)</source>
        <translation> — 正在等待服务器（连接中断时会从此处重试）</translation>
    </message>
    <message numerus="yes">
        <source>; %n file(s) continued where an earlier download stopped</source>
        <translation>
            <numerusform>；%n 个文件从上次中断处继续</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n file(s) fetched again after failing the checksum</source>
        <translation>
            <numerusform>；%n 个文件校验失败后已重新下载</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Download from the Hugging Face Hub&lt;/b&gt; (safetensors weights, config and tokenizer; never pickles)</source>
        <translation>&lt;b&gt;从 Hugging Face Hub 下载&lt;/b&gt;（safetensors 权重、配置和分词器；从不下载 pickle 文件）</translation>
    </message>
    <message>
        <source>Re&amp;pository:</source>
        <translation>仓库(&amp;P)：</translation>
    </message>
    <message>
        <source>e.g. Qwen/Qwen3-0.6B</source>
        <translation>例如 Qwen/Qwen3-0.6B</translation>
    </message>
    <message>
        <source>A model&apos;s repository id on the Hub. Gated models need an access token (the field on the right, or HF_TOKEN); HF_ENDPOINT selects a mirror.</source>
        <translation>模型在 Hub 上的仓库 ID。受限模型需要访问令牌（右侧输入框或 HF_TOKEN）；HF_ENDPOINT 可指定镜像。</translation>
    </message>
    <message>
        <source>Re&amp;vision:</source>
        <translation>版本(&amp;V)：</translation>
    </message>
    <message>
        <source>A branch, tag or commit (empty: main)</source>
        <translation>分支、标签或提交（留空：main）</translation>
    </message>
    <message>
        <source>&amp;Cancel download</source>
        <translation>取消下载(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Download</source>
        <translation>下载(&amp;D)</translation>
    </message>
    <message>
        <source>Asking the hub about %1…</source>
        <translation>正在向 Hub 查询 %1…</translation>
    </message>
    <message>
        <source>%1 files, %2 fetched, %3 already in the cache</source>
        <translation>%1 个文件，下载 %2，缓存中已有 %3</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>File %1 of %2: %3 — %4 of %5</source>
        <translation>文件 %1/%2：%3 — %4 / %5</translation>
    </message>
    <message>
        <source> — checking</source>
        <translation> — 正在校验</translation>
    </message>
    <message>
        <source> — %1/s</source>
        <translation> — %1/秒</translation>
    </message>
    <message>
        <source> — %1 left</source>
        <translation> — 剩余 %1</translation>
    </message>
    <message>
        <source>Cancelled. What was fetched stays in the cache; Download again continues from there.</source>
        <translation>已取消。已下载的部分保留在缓存中，再次下载会从该处继续。</translation>
    </message>
    <message>
        <source>Download failed: %1</source>
        <translation>下载失败：%1</translation>
    </message>
    <message>
        <source>Downloaded: %1</source>
        <translation>已下载：%1</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::CachedModelsView</name>
    <message>
        <source>&lt;b&gt;Models on this machine&lt;/b&gt; (Hugging Face and ModelScope caches)</source>
        <translation>&lt;b&gt;本机上的模型&lt;/b&gt;（Hugging Face 与 ModelScope 缓存）</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Look in the caches again</source>
        <translation>重新查找缓存</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>架构</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <source>Dtype</source>
        <translation>数据类型</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Models on this machine</source>
        <translation>本机上的模型</translation>
    </message>
    <message>
        <source>Double-click or press Enter to open a model</source>
        <translation>双击或按回车打开模型</translation>
    </message>
    <message>
        <source>Looked in: %1</source>
        <translation>已查找：%1</translation>
    </message>
    <message>
        <source>Looking for models…</source>
        <translation>正在查找模型…</translation>
    </message>
    <message>
        <source>Could not list the caches: %1</source>
        <translation>无法列出缓存：%1</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>可用</translation>
    </message>
    <message>
        <source>cannot load: %1</source>
        <translation>无法加载：%1</translation>
    </message>
    <message>
        <source>No models found. Download one below or choose a folder above.</source>
        <translation>未找到模型。可在下方下载，或在上方选择文件夹。</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::ChatPage</name>
    <message>
        <source>Let a reasoning model think &amp;first (Qwen3, SmolLM3)</source>
        <translation>让推理模型先思考(&amp;F)（Qwen3、SmolLM3）</translation>
    </message>
    <message>
        <source>Off: the prompt ends with an empty think block and the model answers directly (enable_thinking=False)</source>
        <translation>关闭时：提示以空的思考块结尾，模型直接回答（enable_thinking=False）</translation>
    </message>
    <message>
        <source>Model folder</source>
        <translation>模型文件夹</translation>
    </message>
    <message>
        <source>Adapter or run folder</source>
        <translation>适配器或运行文件夹</translation>
    </message>
    <message>
        <source>Loading the model and adapters…</source>
        <translation>正在加载模型和适配器…</translation>
    </message>
    <message numerus="yes">
        <source>Loaded the base and %n adapter(s) on it; template %1, context %2 tokens.</source>
        <translation>
            <numerusform>已加载基座模型及其上的 %n 个适配器；模板 %1，上下文 %2 个词元。</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot load: %1</source>
        <translation>无法加载：%1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>%1 holds no adapter (adapter_config.json, or a run&apos;s adapter/ folder).</source>
        <translation>%1 中没有适配器（adapter_config.json，或运行的 adapter/ 文件夹）。</translation>
    </message>
    <message>
        <source>Base model</source>
        <translation>基座模型</translation>
    </message>
    <message>
        <source>Choose the model folder to chat with.</source>
        <translation>请选择要对话的模型文件夹。</translation>
    </message>
    <message>
        <source>Tick the base model or an adapter to chat with.</source>
        <translation>请勾选要对话的基座模型或适配器。</translation>
    </message>
    <message numerus="yes">
        <source>%n token(s)</source>
        <translation>
            <numerusform>%n 个词元</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation>%1 词元/秒</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>reached the maximum new tokens</source>
        <translation>已达到最大新词元数</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>the context is full</source>
        <translation>上下文已满</translation>
    </message>
    <message numerus="yes">
        <source>the oldest %n message(s) were left out to fit the context</source>
        <translation>
            <numerusform>为适应上下文，省略了最早的 %n 条消息</numerusform>
        </translation>
    </message>
    <message>
        <source>Not sent: the model could not be loaded.</source>
        <translation>未发送：模型无法加载。</translation>
    </message>
    <message>
        <source>Stopped before this model replied.</source>
        <translation>在此模型回复前已停止。</translation>
    </message>
    <message>
        <source>&amp;Model folder</source>
        <translation>模型文件夹(&amp;M)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Chat &amp;with (one pane each)</source>
        <translation>对话对象（每个一栏）(&amp;W)</translation>
    </message>
    <message>
        <source>The model without any adapter</source>
        <translation>不加任何适配器的模型</translation>
    </message>
    <message>
        <source>Add adapter…</source>
        <translation>添加适配器…</translation>
    </message>
    <message>
        <source>An adapter folder (PEFT layout) or a run folder; every listed adapter shares one loaded base</source>
        <translation>适配器文件夹（PEFT 布局）或运行文件夹；列出的所有适配器共用一个已加载的基座模型</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>auto (the model&apos;s own)</source>
        <translation>自动（模型自带）</translation>
    </message>
    <message>
        <source>Chat &amp;template</source>
        <translation>对话模板(&amp;T)</translation>
    </message>
    <message>
        <source>S&amp;ystem prompt</source>
        <translation>系统提示词(&amp;Y)</translation>
    </message>
    <message>
        <source>Max &amp;new tokens</source>
        <translation>最大新词元数(&amp;N)</translation>
    </message>
    <message>
        <source>T&amp;emperature</source>
        <translation>温度(&amp;E)</translation>
    </message>
    <message>
        <source>Top-&amp;k</source>
        <translation>Top-k(&amp;K)</translation>
    </message>
    <message>
        <source>Top-&amp;p</source>
        <translation>Top-p(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Repetition penalty</source>
        <translation>重复惩罚(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Seed</source>
        <translation>随机种子(&amp;S)</translation>
    </message>
    <message>
        <source>Empty: the template&apos;s default</source>
        <translation>留空：使用模板的默认值</translation>
    </message>
    <message>
        <source>0 = greedy (always the most likely token); higher = more varied</source>
        <translation>0 = 贪心（总是取最可能的词元）；越高越多样</translation>
    </message>
    <message>
        <source>Sample only among the k most likely tokens (0 = off)</source>
        <translation>只在最可能的 k 个词元中采样（0 = 关闭）</translation>
    </message>
    <message>
        <source>Sample only among the most likely tokens whose probabilities add up to p (1 = off)</source>
        <translation>只在累计概率达到 p 的最可能词元中采样（1 = 关闭）</translation>
    </message>
    <message>
        <source>Above 1 discourages tokens already in the conversation (1 = off)</source>
        <translation>大于 1 时抑制对话中已出现的词元（1 = 关闭）</translation>
    </message>
    <message>
        <source>The same seed for every pane, so differences between panes come from the adapters</source>
        <translation>每栏使用相同的种子，因此各栏的差异来自适配器</translation>
    </message>
    <message>
        <source>Messa&amp;ge (Ctrl+Enter sends)</source>
        <translation>消息（Ctrl+Enter 发送）(&amp;G)</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Clear history</source>
        <translation>清空历史</translation>
    </message>
    <message>
        <source>Empty the conversation of every pane</source>
        <translation>清空每一栏的对话</translation>
    </message>
    <message>
        <source>&amp;Load the base as</source>
        <translation>基座加载方式(&amp;L)</translation>
    </message>
    <message>
        <source>Loading stopped.</source>
        <translation>已停止加载。</translation>
    </message>
    <message>
        <source>A reply is in progress: wait for it or press Stop before changing the model or the adapters.</source>
        <translation>正在生成回复：请等待其完成或按“停止”，然后再更改模型或适配器。</translation>
    </message>
    <message>
        <source>%1 of %2 prompt tokens kept from the last turn</source>
        <translation>%2 个提示词元中有 %1 个沿用上一轮的缓存</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::ChatPane</name>
    <message>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>助手</translation>
    </message>
    <message>
        <source>Generating…</source>
        <translation>正在生成…</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::ComparePage</name>
    <message>
        <source>Not checked for training overlap: %1.</source>
        <translation>未检查训练重叠：%1。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>ΔW cosine</source>
        <translation>ΔW 余弦</translation>
    </message>
    <message>
        <source>‖ΔW‖ (Frobenius norm)</source>
        <translation>‖ΔW‖（Frobenius 范数）</translation>
    </message>
    <message>
        <source>not adapted</source>
        <translation>未适配</translation>
    </message>
    <message>
        <source>layer %1 · %2: %3</source>
        <translation>第 %1 层 · %2：%3</translation>
    </message>
    <message>
        <source>Choose a held-out dataset to evaluate on: data the runs did not train on (Browse…).</source>
        <translation>请选择用于评估的留出数据集：这些运行没有训练过的数据（浏览…）。</translation>
    </message>
    <message>
        <source>%1 trained on %2 of the %3 evaluation examples</source>
        <translation>%1 训练过 %3 个评估样本中的 %2 个</translation>
    </message>
    <message>
        <source>Not held out: %1. Their scores include examples they learned; choose data none of the runs trained on.</source>
        <translation>不是留出数据：%1。其得分包含已学过的样本；请选择所有运行都没有训练过的数据。</translation>
    </message>
    <message>
        <source>a held-out file the runs did not train on</source>
        <translation>运行未训练过的留出数据文件</translation>
    </message>
    <message>
        <source>Add a run or adapter folder</source>
        <translation>添加运行或适配器文件夹</translation>
    </message>
    <message>
        <source>Choose the held-out dataset</source>
        <translation>选择留出数据集</translation>
    </message>
    <message>
        <source>Export the evaluation</source>
        <translation>导出评估结果</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export the comparison</source>
        <translation>导出对比结果</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Runs and adapters to compare:</source>
        <translation>要对比的运行和适配器：</translation>
    </message>
    <message>
        <source>Tick two or more runs of the workspace (or folders added below) trained on the same base</source>
        <translation>勾选工作区中基于同一基础模型训练的两个或更多运行（或下方添加的文件夹）</translation>
    </message>
    <message>
        <source>Add run or adapter folder…</source>
        <translation>添加运行或适配器文件夹…</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>对比(&amp;C)</translation>
    </message>
    <message>
        <source>Read the ticked runs and adapters and show them side by side</source>
        <translation>读取勾选的运行和适配器并并排显示</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>曲线</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Differences only</source>
        <translation>仅显示差异</translation>
    </message>
    <message>
        <source>Curve:</source>
        <translation>曲线：</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>eval loss</source>
        <translation>评估损失</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>X axis:</source>
        <translation>横轴：</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>词元</translation>
    </message>
    <message>
        <source>Time (s)</source>
        <translation>时间（秒）</translation>
    </message>
    <message>
        <source>Untick a run to hide its curve</source>
        <translation>取消勾选某个运行以隐藏其曲线</translation>
    </message>
    <message>
        <source>Held-out data:</source>
        <translation>留出数据：</translation>
    </message>
    <message>
        <source>Dataset every adapter and the base are scored on (the same formats as training)</source>
        <translation>用于给每个适配器和基础模型打分的数据集（格式与训练相同）</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Cutoff length:</source>
        <translation>截断长度：</translation>
    </message>
    <message>
        <source>Max samples:</source>
        <translation>最大样本数：</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>&amp;Evaluate</source>
        <translation>评估(&amp;E)</translation>
    </message>
    <message>
        <source>Score the base and every adapter on this data with one resident base (loss and perplexity)</source>
        <translation>在常驻的同一基础模型上，用此数据为基础模型和每个适配器打分（损失和困惑度）</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation>导出 JSON…</translation>
    </message>
    <message>
        <source>‖ΔW‖ per layer and module of one adapter, or the ΔW cosine between two</source>
        <translation>一个适配器各层各模块的 ‖ΔW‖，或两个适配器之间 ΔW 的余弦相似度</translation>
    </message>
    <message>
        <source>Tick at least two runs or adapters.</source>
        <translation>请至少勾选两个运行或适配器。</translation>
    </message>
    <message numerus="yes">
        <source>Reading %n item(s)…</source>
        <translation>
            <numerusform>正在读取 %n 项…</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot compare: %1</source>
        <translation>无法对比：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) compared.</source>
        <translation>
            <numerusform>已对比 %n 项。</numerusform>
        </translation>
    </message>
    <message>
        <source>Tick the runs or adapters to evaluate.</source>
        <translation>请勾选要评估的运行或适配器。</translation>
    </message>
    <message>
        <source>Evaluating…</source>
        <translation>正在评估…</translation>
    </message>
    <message>
        <source>Cannot evaluate: %1</source>
        <translation>无法评估：%1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>r</source>
        <translation>r</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <source>File (KiB)</source>
        <translation>文件（KiB）</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Final loss</source>
        <translation>最终损失</translation>
    </message>
    <message>
        <source>Best eval loss</source>
        <translation>最佳评估损失</translation>
    </message>
    <message>
        <source>Mean ‖ΔW‖</source>
        <translation>平均 ‖ΔW‖</translation>
    </message>
    <message>
        <source>Effective rank</source>
        <translation>有效秩</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Perplexity</source>
        <translation>困惑度</translation>
    </message>
    <message>
        <source>Seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>Cannot export: %1</source>
        <translation>无法导出：%1</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
    <message>
        <source>‖ΔW‖ of %1</source>
        <translation>%1 的 ‖ΔW‖</translation>
    </message>
    <message>
        <source>ΔW cosine, %1 vs %2</source>
        <translation>ΔW 余弦相似度：%1 对 %2</translation>
    </message>
    <message>
        <source>module</source>
        <translation>模块</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Generations</source>
        <translation>生成对比</translation>
    </message>
    <message>
        <source>One prompt per line; each goes through the base and every ticked adapter with the same seed</source>
        <translation>每行一个提示；每个提示都用相同的种子经过基础模型和每个勾选的适配器</translation>
    </message>
    <message>
        <source>max tokens </source>
        <translation>最多词元 </translation>
    </message>
    <message>
        <source>Log-probabilities</source>
        <translation>对数概率</translation>
    </message>
    <message>
        <source>Tint each token by its log-probability under its model minus under the base (hover for the numbers)</source>
        <translation>按“在其模型下的对数概率减去在基础模型下的对数概率”为每个词元着色（悬停查看数值）</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>生成(&amp;G)</translation>
    </message>
    <message>
        <source>Tick the runs or adapters and write at least one prompt.</source>
        <translation>请勾选运行或适配器，并至少写一个提示。</translation>
    </message>
    <message>
        <source>Generating…</source>
        <translation>正在生成…</translation>
    </message>
    <message>
        <source>Cannot generate: %1</source>
        <translation>无法生成：%1</translation>
    </message>
    <message>
        <source>Generated.</source>
        <translation>已生成。</translation>
    </message>
    <message>
        <source>Outputs diverge at token %1 (highlighted from there).</source>
        <translation>输出在第 %1 个词元处开始不同（从此处高亮）。</translation>
    </message>
    <message>
        <source>All outputs are identical.</source>
        <translation>所有输出完全相同。</translation>
    </message>
    <message>
        <source>Com&amp;bine LoRA adapters…</source>
        <translation>合并 LoRA 适配器(&amp;B)…</translation>
    </message>
    <message>
        <source>Weighted combination of the ticked LoRA adapters into a new adapter, as PEFT&apos;s add_weighted_adapter</source>
        <translation>把勾选的 LoRA 适配器加权组合成一个新适配器，同 PEFT 的 add_weighted_adapter</translation>
    </message>
    <message>
        <source>Combine LoRA adapters</source>
        <translation>合并 LoRA 适配器</translation>
    </message>
    <message>
        <source>linear (equal ranks, as PEFT)</source>
        <translation>linear（秩须相同，同 PEFT）</translation>
    </message>
    <message>
        <source>cat (ranks add up; exactly Σ w·ΔW)</source>
        <translation>cat（秩相加；恰好等于 Σ w·ΔW）</translation>
    </message>
    <message>
        <source>Method:</source>
        <translation>方法：</translation>
    </message>
    <message>
        <source>Output folder:</source>
        <translation>输出文件夹：</translation>
    </message>
    <message>
        <source>Combining…</source>
        <translation>正在合并…</translation>
    </message>
    <message>
        <source>Cannot combine: %1</source>
        <translation>无法合并：%1</translation>
    </message>
    <message>
        <source>Combined into %1.</source>
        <translation>已合并到 %1。</translation>
    </message>
    <message>
        <source>&amp;Load the base as (evaluation, generations):</source>
        <translation>基座加载方式（评估、生成）(&amp;L)：</translation>
    </message>
    <message>
        <source>Evaluated on %1 (base held as %2).</source>
        <translation>已在 %1 上评估（基座以 %2 加载）。</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::CurvesWidget</name>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Training loss of every logged step</source>
        <translation>每个记录步的训练损失</translation>
    </message>
    <message>
        <source>Smoothed</source>
        <translation>平滑</translation>
    </message>
    <message>
        <source>Exponential moving average of the training loss (weight set by the slider)</source>
        <translation>训练损失的指数移动平均（权重由滑块设置）</translation>
    </message>
    <message>
        <source>Eval loss</source>
        <translation>评估损失</translation>
    </message>
    <message>
        <source>Loss on the held-out evaluation set</source>
        <translation>留出评估集上的损失</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Grad norm</source>
        <translation>梯度范数</translation>
    </message>
    <message>
        <source>Global gradient L2 norm before clipping (right axis)</source>
        <translation>裁剪前的全局梯度 L2 范数（右轴）</translation>
    </message>
    <message>
        <source>Smoothing %1</source>
        <translation>平滑 %1</translation>
    </message>
    <message>
        <source>Weight of the moving average: 0 = raw, 0.99 = very smooth</source>
        <translation>移动平均的权重：0 = 原始，0.99 = 非常平滑</translation>
    </message>
    <message>
        <source>Smoothing</source>
        <translation>平滑</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>对数坐标</translation>
    </message>
    <message>
        <source>Logarithmic loss axis</source>
        <translation>损失轴使用对数刻度</translation>
    </message>
    <message>
        <source>X axis:</source>
        <translation>横轴：</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>词元</translation>
    </message>
    <message>
        <source>Time (s)</source>
        <translation>时间（秒）</translation>
    </message>
    <message>
        <source>What the horizontal axis counts</source>
        <translation>横轴的计量方式</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应</translation>
    </message>
    <message>
        <source>Show all points and follow new ones (drag pans, wheel zooms)</source>
        <translation>显示全部数据点并跟随新数据（拖动平移，滚轮缩放）</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>smoothed</source>
        <translation>平滑</translation>
    </message>
    <message>
        <source>eval loss</source>
        <translation>评估损失</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>grad norm</source>
        <translation>梯度范数</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::DataPage</name>
    <message>
        <source>Datasets in this folder (dataset_info.json)</source>
        <translation>此文件夹中的数据集（dataset_info.json）</translation>
    </message>
    <message>
        <source>Tick the entries to train on; entries PeftDesk cannot use say why</source>
        <translation>勾选要训练的条目；PeftDesk 无法使用的条目会说明原因</translation>
    </message>
    <message>
        <source>Template:</source>
        <translation>模板：</translation>
    </message>
    <message>
        <source>auto (the model&apos;s own)</source>
        <translation>自动（模型自带）</translation>
    </message>
    <message>
        <source>Chat template used to turn conversations into tokens; auto picks the model&apos;s own family</source>
        <translation>把对话转换为词元的对话模板；自动会选择模型自身所属的模板系列</translation>
    </message>
    <message>
        <source>Column mapping</source>
        <translation>列映射</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Column / tag in the file</source>
        <translation>文件中的列 / 标签</translation>
    </message>
    <message>
        <source>Which column of the file holds each field (as LLaMA-Factory&apos;s columns and tags); edit to map other names</source>
        <translation>每个字段对应文件中的哪一列（同 LLaMA-Factory 的 columns 和 tags）；可编辑以映射其他名称</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>词元</translation>
    </message>
    <message>
        <source>Lengths</source>
        <translation>长度</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation>◀ 上一页</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一页 ▶</translation>
    </message>
    <message>
        <source>Example:</source>
        <translation>样本：</translation>
    </message>
    <message>
        <source>Which example to show as the trainer will see it (double-click a preview row too)</source>
        <translation>以训练器看到的形式显示哪个样本（也可双击预览行）</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;background:#c8e6c9;color:#1b5e20&apos;&gt;&amp;nbsp;trained&amp;nbsp;&lt;/span&gt; &lt;span style=&apos;background:#e0e0e0;color:#616161&apos;&gt;&amp;nbsp;masked (prompt, history)&amp;nbsp;&lt;/span&gt; &lt;span style=&apos;color:#c62828&apos;&gt;&lt;b&gt;✂&lt;/b&gt; truncated at the cutoff&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;background:#c8e6c9;color:#1b5e20&apos;&gt;&amp;nbsp;参与训练&amp;nbsp;&lt;/span&gt; &lt;span style=&apos;background:#e0e0e0;color:#616161&apos;&gt;&amp;nbsp;被屏蔽（提示词、历史）&amp;nbsp;&lt;/span&gt; &lt;span style=&apos;color:#c62828&apos;&gt;&lt;b&gt;✂&lt;/b&gt; 在截断长度处截断&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Tokens of the example</source>
        <translation>样本的词元</translation>
    </message>
    <message>
        <source>Malformed records</source>
        <translation>格式错误的记录</translation>
    </message>
    <message>
        <source>Reading the data…</source>
        <translation>正在读取数据…</translation>
    </message>
    <message>
        <source>Cannot read the data: %1</source>
        <translation>无法读取数据：%1</translation>
    </message>
    <message>
        <source>%1 examples from %2 records · format %3</source>
        <translation>%2 条记录中得到 %1 个样本 · 格式 %3</translation>
    </message>
    <message>
        <source>Template: %1</source>
        <translation>模板：%1</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>警告：%1</translation>
    </message>
    <message>
        <source>%1 of %2 examples are longer than the cutoff (%3 tokens) and will be truncated</source>
        <translation>%2 个样本中有 %1 个超过截断长度（%3 个词元），将被截断</translation>
    </message>
    <message numerus="yes">
        <source>%n malformed record(s): see Problems</source>
        <translation>
            <numerusform>%n 条格式错误的记录：见“问题”</numerusform>
        </translation>
    </message>
    <message>
        <source>Problems (%1)</source>
        <translation>问题（%1）</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统提示</translation>
    </message>
    <message>
        <source>Turns</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>First prompt</source>
        <translation>第一个提问</translation>
    </message>
    <message>
        <source>First response</source>
        <translation>第一个回答</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
    <message>
        <source>Cannot encode this example: %1</source>
        <translation>无法编码此样本：%1</translation>
    </message>
    <message>
        <source>cutoff %1: %2 of %3 tokens kept</source>
        <translation>截断长度 %1：保留 %3 个词元中的 %2 个</translation>
    </message>
    <message>
        <source>%1 tokens, %2 trained, %3 masked · %4</source>
        <translation>%1 个词元，%2 个参与训练，%3 个被屏蔽 · %4</translation>
    </message>
    <message>
        <source>examples</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>cutoff %1 (dashed): %2 of %3 longer</source>
        <translation>截断长度 %1（虚线）：%3 个中有 %2 个更长</translation>
    </message>
    <message>
        <source>tokens per example</source>
        <translation>每个样本的词元数</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::ExportDialog</name>
    <message>
        <source>Merging the adapter into the weights…</source>
        <translation>正在将适配器合并到权重中…</translation>
    </message>
    <message>
        <source>Writing the files…</source>
        <translation>正在写入文件…</translation>
    </message>
    <message>
        <source>Checking the merged model against base + adapter…</source>
        <translation>正在将合并后的模型与基础模型 + 适配器进行核对…</translation>
    </message>
    <message>
        <source>Moving the files into place…</source>
        <translation>正在将文件移动到位…</translation>
    </message>
    <message>
        <source>Export cancelled: nothing was written to %1.</source>
        <translation>导出已取消：未向 %1 写入任何内容。</translation>
    </message>
    <message>
        <source>Export into</source>
        <translation>导出到</translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation>导出 %1</translation>
    </message>
    <message>
        <source>Adapter: %1
Base model: %2</source>
        <translation>适配器：%1
基础模型：%2</translation>
    </message>
    <message>
        <source>Export as:</source>
        <translation>导出为：</translation>
    </message>
    <message>
        <source>Adapter (PEFT format; AdapterHub&apos;s for bottleneck adapters)</source>
        <translation>适配器（PEFT 格式；瓶颈适配器为 AdapterHub 格式）</translation>
    </message>
    <message>
        <source>adapter_config.json + adapter_model.safetensors; loads with PeftModel.from_pretrained (a bottleneck adapter: adapter.safetensors, loads with the adapters library)</source>
        <translation>adapter_config.json + adapter_model.safetensors；可用 PeftModel.from_pretrained 加载（瓶颈适配器：adapter.safetensors，用 adapters 库加载）</translation>
    </message>
    <message>
        <source>Merged model</source>
        <translation>合并后的模型</translation>
    </message>
    <message>
        <source>The adapter merged into the base weights: a plain transformers model folder</source>
        <translation>把适配器合并进基础权重：普通的 transformers 模型文件夹</translation>
    </message>
    <message>
        <source>Weights dtype:</source>
        <translation>权重数据类型：</translation>
    </message>
    <message>
        <source>Shard size:</source>
        <translation>分片大小：</translation>
    </message>
    <message>
        <source>Split the merged weights into files of at most this size</source>
        <translation>把合并后的权重拆分为不超过此大小的文件</translation>
    </message>
    <message>
        <source>Check the merge (recommended)</source>
        <translation>检查合并结果（推荐）</translation>
    </message>
    <message>
        <source>Compare merged logits with base + adapter and refuse a merge that changes nothing</source>
        <translation>比较合并后与“基础模型 + 适配器”的 logits，并拒绝没有任何改变的合并</translation>
    </message>
    <message>
        <source>Write a model card (README.md)</source>
        <translation>写入模型卡（README.md）</translation>
    </message>
    <message>
        <source>Output folder:</source>
        <translation>输出文件夹：</translation>
    </message>
    <message>
        <source>A new or empty folder; an existing non-empty folder is never written into</source>
        <translation>新的或空的文件夹；绝不会写入已存在且非空的文件夹</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Choose an output folder.</source>
        <translation>请选择输出文件夹。</translation>
    </message>
    <message>
        <source>%1 exists and is not empty: choose a new or empty folder (nothing was changed).</source>
        <translation>%1 已存在且非空：请选择新的或空的文件夹（未做任何更改）。</translation>
    </message>
    <message>
        <source>This run has no adapter to export yet.</source>
        <translation>此运行还没有可导出的适配器。</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n file(s) to %1.</source>
        <translation>
            <numerusform>已导出 %n 个文件到 %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>Merge checked: max |logit difference| %1, largest weight change %2.</source>
        <translation>合并已检查：最大 |logit 差| %1，最大权重变化 %2。</translation>
    </message>
    <message>
        <source>GGUF type:</source>
        <translation>GGUF 类型：</translation>
    </message>
    <message>
        <source>GGUF content:</source>
        <translation>GGUF 内容：</translation>
    </message>
    <message>
        <source>GGUF (llama.cpp / Ollama)</source>
        <translation>GGUF（llama.cpp / Ollama）</translation>
    </message>
    <message>
        <source>One .gguf file that llama.cpp and Ollama run, written as llama.cpp&apos;s own converter writes it</source>
        <translation>一个可由 llama.cpp 和 Ollama 运行的 .gguf 文件，写法与 llama.cpp 自带的转换器相同</translation>
    </message>
    <message>
        <source>Merged model (runs on its own)</source>
        <translation>合并后的模型（可单独运行）</translation>
    </message>
    <message>
        <source>LoRA adapter (llama.cpp --lora, on the base model&apos;s GGUF)</source>
        <translation>LoRA 适配器（llama.cpp --lora，作用于基础模型的 GGUF）</translation>
    </message>
    <message>
        <source>Write an Ollama Modelfile</source>
        <translation>写出 Ollama Modelfile</translation>
    </message>
    <message>
        <source>The chat template the run trained with and its stop tokens, so that the model answers in its format and stops</source>
        <translation>写入训练时使用的对话模板及其停止标记，使模型按其格式回答并能正常停止</translation>
    </message>
    <message>
        <source>Writing the GGUF file…</source>
        <translation>正在写入 GGUF 文件…</translation>
    </message>
    <message>
        <source>Wrote %1 into %2.</source>
        <translation>已将 %1 写入 %2。</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::FirstRunGuide</name>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>LoRA is chosen. Change the method or its targets and watch the trainable parameters and the adapter size; Measure runs three real steps to time them.</source>
        <translation>已选择 LoRA。更改方法或目标模块，即可看到可训练参数和适配器大小的变化；“测量”会真实运行三步来计时。</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Press Start: the loss is drawn live, and you can pause or stop and save at any time. The run then appears on the Runs page; in its Chat, ask &quot;What is your name?&quot;: the base and the tuned model answer side by side.</source>
        <translation>按“开始”：损失曲线实时绘制，可随时暂停或停止并保存。之后该运行会出现在“运行记录”页；在它的“对话”中问“What is your name?”，基础模型和微调后的模型会并排回答。</translation>
    </message>
    <message>
        <source>Getting started — step %1 of %2: %3</source>
        <translation>入门 — 第 %1 步，共 %2 步：%3</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Close guide</source>
        <translation>关闭向导</translation>
    </message>
    <message>
        <source>Hide the guide; Help ▸ Getting Started shows it again</source>
        <translation>隐藏向导；“帮助 ▸ 入门”可再次显示</translation>
    </message>
    <message>
        <source>A first start opens the small demo model. To fine-tune your own, choose its Hugging Face folder here: the summary shows its size and the memory it needs.</source>
        <translation>首次启动时会打开小型演示模型。要微调你自己的模型，请在此选择它的 Hugging Face 文件夹：摘要会显示它的大小和所需内存。</translation>
    </message>
    <message>
        <source>A first start loads the demo dataset. Pick your own file or LLaMA-Factory folder: the preview and the token inspector show exactly which tokens the model will learn.</source>
        <translation>首次启动时会加载演示数据集。请选择你自己的文件或 LLaMA-Factory 文件夹：预览和词元检查器会准确显示模型将学习哪些词元。</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::MainWindow</name>
    <message>
        <source>%1 cannot be opened: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>PeftDesk — %1</source>
        <translation>PeftDesk — %1</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <source>Choose a model folder</source>
        <translation>选择模型文件夹</translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <source>Open a run configuration</source>
        <translation>打开运行配置</translation>
    </message>
    <message>
        <source>Run configuration (*.json)</source>
        <translation>运行配置 (*.json)</translation>
    </message>
    <message>
        <source>Save the run configuration</source>
        <translation>保存运行配置</translation>
    </message>
    <message>
        <source>Save the run configuration for the command line</source>
        <translation>为命令行保存运行配置</translation>
    </message>
    <message>
        <source>Equivalent command</source>
        <translation>等效命令</translation>
    </message>
    <message>
        <source>This configuration was saved to %1. The same run from a terminal:</source>
        <translation>配置已保存到 %1。在终端中运行同样的训练：</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>PeftDesk</source>
        <translation>PeftDesk</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行记录</translation>
    </message>
    <message>
        <source>The base model: architecture, size, memory</source>
        <translation>基础模型：架构、大小、内存</translation>
    </message>
    <message>
        <source>Dataset, format, template, preview, tokens, problems</source>
        <translation>数据集、格式、模板、预览、词元、问题</translation>
    </message>
    <message>
        <source>Fine-tuning method, targets, trainable parameters, cost</source>
        <translation>微调方法、目标模块、可训练参数、开销</translation>
    </message>
    <message>
        <source>Hyper-parameters, start / pause / stop, live curves</source>
        <translation>超参数、开始 / 暂停 / 停止、实时曲线</translation>
    </message>
    <message>
        <source>Every run of the workspace: state, curves, reopen, resume</source>
        <translation>工作区的所有运行：状态、曲线、重新打开、继续</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>页面</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open Model Folder…</source>
        <translation>打开模型文件夹(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Run Configuration…</source>
        <translation>打开运行配置(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Save Run Configuration…</source>
        <translation>保存运行配置(&amp;S)…</translation>
    </message>
    <message>
        <source>Show &amp;Command Line…</source>
        <translation>显示命令行(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About PeftDesk</source>
        <translation>关于 PeftDesk(&amp;A)</translation>
    </message>
    <message>
        <source>The %1 translation could not be loaded</source>
        <translation>无法加载 %1 翻译</translation>
    </message>
    <message>
        <source>Cannot open the run configuration</source>
        <translation>无法打开运行配置</translation>
    </message>
    <message>
        <source>Loaded %1</source>
        <translation>已加载 %1</translation>
    </message>
    <message>
        <source>Cannot save the run configuration</source>
        <translation>无法保存运行配置</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>About PeftDesk</source>
        <translation>关于 PeftDesk</translation>
    </message>
    <message>
        <source>&lt;b&gt;PeftDesk %1&lt;/b&gt;&lt;br&gt;Fine-tune language models on your workstation.&lt;br&gt;&lt;br&gt;%2</source>
        <translation>&lt;b&gt;PeftDesk %1&lt;/b&gt;&lt;br&gt;在你的工作站上微调语言模型。&lt;br&gt;&lt;br&gt;%2</translation>
    </message>
    <message>
        <source>A run is in progress</source>
        <translation>训练正在进行</translation>
    </message>
    <message>
        <source>Training is still running. Stop it and save a checkpoint before quitting? It can be resumed later from the Runs page.</source>
        <translation>训练仍在进行。要先停止并保存检查点再退出吗？之后可在“运行记录”页继续。</translation>
    </message>
    <message>
        <source>Saving a checkpoint…</source>
        <translation>正在保存检查点…</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <source>Runs and adapters side by side: losses, curves, evaluation, weights</source>
        <translation>并排对比运行和适配器：损失、曲线、评估、权重</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>Chat with the base model and adapters, side by side</source>
        <translation>与基座模型和适配器并排对话</translation>
    </message>
    <message>
        <source>&amp;Getting Started</source>
        <translation>入门(&amp;G)</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::MethodPage</name>
    <message>
        <source>DoRA</source>
        <translation>DoRA</translation>
    </message>
    <message>
        <source>Weight-decomposed LoRA: the low-rank update plus a learned magnitude per output row.</source>
        <translation>权重分解 LoRA：低秩更新，外加每个输出行一个可学习的幅度。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;：%2</translation>
    </message>
    <message>
        <source>; GPU memory peak %1 of %2</source>
        <translation>；显存峰值 %1（共 %2）</translation>
    </message>
    <message>
        <source>LoRA</source>
        <translation>LoRA</translation>
    </message>
    <message>
        <source>Low-rank update B·A beside each target layer; DoRA, rsLoRA and LoRA+ are options below.</source>
        <translation>在每个目标层旁加入低秩更新 B·A；DoRA、rsLoRA 和 LoRA+ 见下方选项。</translation>
    </message>
    <message>
        <source>QLoRA (4-bit base)</source>
        <translation>QLoRA（4 位基础模型）</translation>
    </message>
    <message>
        <source>LoRA on a base quantized to 4 bits on load (NF4, as bitsandbytes): a quarter of the weight memory.</source>
        <translation>在加载时量化为 4 位（NF4，与 bitsandbytes 相同）的基础模型上训练 LoRA：权重内存仅为四分之一。</translation>
    </message>
    <message>
        <source>IA³</source>
        <translation>IA³</translation>
    </message>
    <message>
        <source>Learned per-channel scaling of keys, values and feed-forward activations: very few parameters.</source>
        <translation>对键、值和前馈激活进行可学习的逐通道缩放：参数极少。</translation>
    </message>
    <message>
        <source>Prefix tuning</source>
        <translation>前缀微调</translation>
    </message>
    <message>
        <source>Learned key/value vectors prepended in every attention layer.</source>
        <translation>在每个注意力层前置可学习的键/值向量。</translation>
    </message>
    <message>
        <source>Prompt tuning</source>
        <translation>提示微调</translation>
    </message>
    <message>
        <source>Learned input embeddings prepended to every example.</source>
        <translation>在每个样本前置可学习的输入嵌入。</translation>
    </message>
    <message>
        <source>Full fine-tuning</source>
        <translation>全量微调</translation>
    </message>
    <message>
        <source>Every base parameter trains (for comparison: memory grows with the whole model).</source>
        <translation>训练基础模型的全部参数（用于对比：内存随整个模型增长）。</translation>
    </message>
    <message>
        <source>Freeze (last layers)</source>
        <translation>冻结微调（最后几层）</translation>
    </message>
    <message>
        <source>Only the last N decoder layers train, as LLaMA-Factory&apos;s freeze tuning.</source>
        <translation>只训练最后 N 个解码层，同 LLaMA-Factory 的冻结微调。</translation>
    </message>
    <message>
        <source>4-bit base (QLoRA)</source>
        <translation>4 位基础模型（QLoRA）</translation>
    </message>
    <message>
        <source>Target modules</source>
        <translation>目标模块</translation>
    </message>
    <message>
        <source>All linear layers (all-linear)</source>
        <translation>所有线性层（all-linear）</translation>
    </message>
    <message>
        <source>Adapt every linear layer except the output head, as PEFT&apos;s all-linear</source>
        <translation>适配除输出头以外的所有线性层，同 PEFT 的 all-linear</translation>
    </message>
    <message>
        <source>The model&apos;s own linear modules; the adapter goes beside each checked one</source>
        <translation>模型自身的线性模块；适配器加在每个勾选的模块旁</translation>
    </message>
    <message>
        <source>Feed-forward modules (scaled on their input):</source>
        <translation>前馈模块（缩放其输入）：</translation>
    </message>
    <message>
        <source>IA³ scales these modules&apos; inputs instead of their outputs; they must be targets too</source>
        <translation>IA³ 缩放这些模块的输入而非输出；它们也必须是目标模块</translation>
    </message>
    <message>
        <source>Trainable parameters</source>
        <translation>可训练参数</translation>
    </message>
    <message>
        <source>Module / parameter</source>
        <translation>模块 / 参数</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <source>Dtype</source>
        <translation>数据类型</translation>
    </message>
    <message>
        <source>Trainable parameters per module</source>
        <translation>各模块的可训练参数</translation>
    </message>
    <message>
        <source>Memory and time</source>
        <translation>内存与时间</translation>
    </message>
    <message>
        <source>Measure (%1 steps)</source>
        <translation>实测（%1 步）</translation>
    </message>
    <message>
        <source>Run the real trainer for a few steps in a temporary folder and measure seconds per step and peak memory</source>
        <translation>在临时文件夹中用真实训练器运行几步，测量每步耗时和峰值内存</translation>
    </message>
    <message>
        <source>What training holds at its peak, before the first step: checked against measured peaks on the CPU (within 15-20 %). Measure runs real steps.</source>
        <translation>训练在峰值时占用的内存，在第一步之前估算：已在 CPU 上与实测峰值对照（误差在 15–20% 以内）。“测量”会运行真实的训练步骤。</translation>
    </message>
    <message>
        <source>Cannot count: %1</source>
        <translation>无法统计：%1</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>Trainable: %1 of %2 parameters (%3 %) · adapter file %4</source>
        <translation>可训练：%2 个参数中的 %1 个（%3 %）· 适配器文件 %4</translation>
    </message>
    <message>
        <source>Matched no module: %1</source>
        <translation>未匹配任何模块：%1</translation>
    </message>
    <message>
        <source>Fix the configuration first: %1: %2</source>
        <translation>请先修正配置：%1：%2</translation>
    </message>
    <message>
        <source>Measuring…</source>
        <translation>正在测量…</translation>
    </message>
    <message>
        <source>Measurement failed: %1</source>
        <translation>测量失败：%1</translation>
    </message>
    <message>
        <source>Measured: %1 s per step, peak memory %2 (%3 above idle); the whole run (%4 steps) ≈ %5 min</source>
        <translation>实测：每步 %1 秒，峰值内存 %2（比空闲时多 %3）；整个运行（%4 步）约 %5 分钟</translation>
    </message>
    <message>
        <source>LoHa</source>
        <translation>LoHa</translation>
    </message>
    <message>
        <source>LoKr</source>
        <translation>LoKr</translation>
    </message>
    <message>
        <source>Elementwise product of two low-rank updates: rank up to r² for twice LoRA&apos;s parameters.</source>
        <translation>两个低秩更新的逐元素乘积：参数量为 LoRA 的两倍，秩最高可达 r²。</translation>
    </message>
    <message>
        <source>Kronecker product of a small factor and a low-rank one: high-rank updates from very few parameters.</source>
        <translation>一个小因子与一个低秩因子的 Kronecker 积：用极少的参数得到高秩更新。</translation>
    </message>
    <message>
        <source>AdaLoRA</source>
        <translation>AdaLoRA</translation>
    </message>
    <message>
        <source>SVD-shaped LoRA whose rank per layer is pruned during training, by importance, down to a budget.</source>
        <translation>SVD 形式的 LoRA：训练中按重要性逐层剪枝秩，直至预算。</translation>
    </message>
    <message>
        <source>Bottleneck adapter</source>
        <translation>瓶颈适配器</translation>
    </message>
    <message>
        <source>A small down-and-up network after each block&apos;s MLP (Pfeiffer) or after its attention too (Houlsby); saved in AdapterHub&apos;s format.</source>
        <translation>在每个块的 MLP 之后（Pfeiffer）或同时在注意力之后（Houlsby）加入一个先降维再升维的小网络；以 AdapterHub 格式保存。</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::ModelPage</name>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>&amp;Model folder:</source>
        <translation>模型文件夹(&amp;M)：</translation>
    </message>
    <message>
        <source>A Hugging Face model folder (config.json + *.safetensors)</source>
        <translation>Hugging Face 模型文件夹（config.json + *.safetensors）</translation>
    </message>
    <message>
        <source>Folder with config.json, safetensors weights and tokenizer files; press Enter to open, or pick a recent one</source>
        <translation>包含 config.json、safetensors 权重和分词器文件的文件夹；按回车打开，或选择最近使用的</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Property</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Model architecture summary</source>
        <translation>模型架构概要</translation>
    </message>
    <message>
        <source>Choose a model folder</source>
        <translation>选择模型文件夹</translation>
    </message>
    <message>
        <source>Cannot open this model: %1</source>
        <translation>无法打开此模型：%1</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>架构</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <source>Dtype</source>
        <translation>数据类型</translation>
    </message>
    <message>
        <source> (stored %1)</source>
        <translation>（存储为 %1）</translation>
    </message>
    <message>
        <source>Vocabulary</source>
        <translation>词表大小</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>层数</translation>
    </message>
    <message>
        <source>Hidden size</source>
        <translation>隐藏层大小</translation>
    </message>
    <message>
        <source>Intermediate size</source>
        <translation>中间层大小</translation>
    </message>
    <message>
        <source>Attention heads</source>
        <translation>注意力头</translation>
    </message>
    <message>
        <source>%1 (key/value %2, head dim %3)</source>
        <translation>%1（键/值 %2，头维度 %3）</translation>
    </message>
    <message>
        <source>Max positions</source>
        <translation>最大位置数</translation>
    </message>
    <message>
        <source>RoPE</source>
        <translation>RoPE</translation>
    </message>
    <message>
        <source>theta %1, scaling %2</source>
        <translation>theta %1，缩放 %2</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>none (learned positions)</source>
        <translation>无（可学习位置编码）</translation>
    </message>
    <message>
        <source>Tied embeddings</source>
        <translation>共享嵌入</translation>
    </message>
    <message>
        <source>Block</source>
        <translation>层结构</translation>
    </message>
    <message>
        <source>standard</source>
        <translation>标准</translation>
    </message>
    <message>
        <source>Size on disk</source>
        <translation>磁盘占用</translation>
    </message>
    <message>
        <source>Memory at bf16</source>
        <translation>bf16 内存</translation>
    </message>
    <message>
        <source>Memory at NF4 (QLoRA)</source>
        <translation>NF4 内存（QLoRA）</translation>
    </message>
    <message>
        <source>Tokenizer files</source>
        <translation>分词器文件</translation>
    </message>
    <message>
        <source>This folder has no tokenizer: text datasets, chat templates and generation need one (pre-tokenized data still trains).</source>
        <translation>此文件夹没有分词器：文本数据集、对话模板和生成都需要分词器（预分词数据仍可训练）。</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::PrecisionBox</name>
    <message>
        <source>fp32 (exact, most memory)</source>
        <translation>fp32（精确，内存最多）</translation>
    </message>
    <message>
        <source>bf16 (half the memory)</source>
        <translation>bf16（内存减半）</translation>
    </message>
    <message>
        <source>4-bit NF4, bf16 compute (as QLoRA trains)</source>
        <translation>4 位 NF4，bf16 计算（与 QLoRA 训练时相同）</translation>
    </message>
    <message>
        <source>How the base model&apos;s weights are held in memory while it runs</source>
        <translation>运行时基座模型权重在内存中的存放方式</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::RunsPage</name>
    <message>
        <source>Rename run</source>
        <translation>重命名运行</translation>
    </message>
    <message>
        <source>Name shown for %1 (empty: the folder&apos;s name):</source>
        <translation>%1 的显示名称（留空：使用文件夹名）：</translation>
    </message>
    <message>
        <source>Run notes</source>
        <translation>运行备注</translation>
    </message>
    <message>
        <source>Notes on %1:</source>
        <translation>%1 的备注：</translation>
    </message>
    <message>
        <source>Move the run to the trash?</source>
        <translation>将运行移到回收站？</translation>
    </message>
    <message>
        <source>Move %1 (its checkpoints, adapter and curves) to the trash? It can be restored from there.</source>
        <translation>将 %1（及其检查点、适配器和曲线）移到回收站？之后可从回收站恢复。</translation>
    </message>
    <message>
        <source>Cannot rename the run</source>
        <translation>无法重命名运行</translation>
    </message>
    <message>
        <source>Cannot save the notes</source>
        <translation>无法保存备注</translation>
    </message>
    <message>
        <source>Cannot move the run to the trash</source>
        <translation>无法将运行移到回收站</translation>
    </message>
    <message>
        <source>%1 is still training: stop it first.</source>
        <translation>%1 仍在训练：请先停止。</translation>
    </message>
    <message>
        <source>%1 could not be moved to the trash (no trash on this file system, or no permission); nothing was deleted.</source>
        <translation>无法将 %1 移到回收站（该文件系统没有回收站，或没有权限）；没有删除任何内容。</translation>
    </message>
    <message>
        <source>Notes: %1</source>
        <translation>备注：%1</translation>
    </message>
    <message>
        <source>Manage</source>
        <translation>管理</translation>
    </message>
    <message>
        <source>Rename the run, write notes on it, or move it to the trash</source>
        <translation>重命名运行、写备注，或移到回收站</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>重命名(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Notes…</source>
        <translation>备注(&amp;N)…</translation>
    </message>
    <message>
        <source>Move to &amp;trash…</source>
        <translation>移到回收站(&amp;T)…</translation>
    </message>
    <message>
        <source>Choose the workspace folder</source>
        <translation>选择工作区文件夹</translation>
    </message>
    <message>
        <source>Add a run folder</source>
        <translation>添加运行文件夹</translation>
    </message>
    <message>
        <source>Workspace: %1</source>
        <translation>工作区：%1</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>更改…</translation>
    </message>
    <message>
        <source>The folder where new runs are created and listed</source>
        <translation>创建并列出新运行的文件夹</translation>
    </message>
    <message>
        <source>Add run folder…</source>
        <translation>添加运行文件夹…</translation>
    </message>
    <message>
        <source>List a run folder that lives outside the workspace</source>
        <translation>列出位于工作区之外的运行文件夹</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Best eval loss</source>
        <translation>最佳评估损失</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行记录</translation>
    </message>
    <message>
        <source>Open configuration</source>
        <translation>打开配置</translation>
    </message>
    <message>
        <source>Load this run&apos;s RUN.json into the form (to change it and start a new run)</source>
        <translation>把此运行的 RUN.json 载入表单（可修改后开始新运行）</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Continue this run from its newest checkpoint</source>
        <translation>从最新检查点继续此运行</translation>
    </message>
    <message>
        <source>Show folder</source>
        <translation>显示文件夹</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>preparing</source>
        <translation>准备中</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>%1 · model %2</source>
        <translation>%1 · 模型 %2</translation>
    </message>
    <message>
        <source>Checkpoints at steps %1</source>
        <translation>检查点位于第 %1 步</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>The process running this run is gone; resume continues from the newest checkpoint.</source>
        <translation>运行此训练的进程已不存在；继续将从最新检查点开始。</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Write this run&apos;s adapter as a PEFT adapter or merged into the base, with a model card</source>
        <translation>把此运行的适配器导出为 PEFT 适配器或合并进基础模型，并附带模型卡</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>Chat with this run&apos;s adapter and the base model side by side</source>
        <translation>与此运行的适配器和基座模型并排对话</translation>
    </message>
    <message>
        <source>A LLaMA-Factory output folder (output_dir)</source>
        <translation>LLaMA-Factory 输出文件夹（output_dir）</translation>
    </message>
    <message>
        <source>The YAML this run was started with (LLaMA-Factory keeps no readable copy)</source>
        <translation>启动此运行时所用的 YAML（LLaMA-Factory 不保留可读的副本）</translation>
    </message>
    <message>
        <source>LLaMA-Factory YAML (*.yaml *.yml)</source>
        <translation>LLaMA-Factory YAML (*.yaml *.yml)</translation>
    </message>
    <message>
        <source>Cannot add the LLaMA-Factory run</source>
        <translation>无法添加 LLaMA-Factory 运行</translation>
    </message>
    <message>
        <source>Add LLaMA-Factory run…</source>
        <translation>添加 LLaMA-Factory 运行…</translation>
    </message>
    <message>
        <source>Bring a LLaMA-Factory output folder (a cluster run) into the workspace: its curves, settings and adapter</source>
        <translation>将 LLaMA-Factory 输出文件夹（集群上的运行）导入工作区：包括其曲线、设置和适配器</translation>
    </message>
    <message>
        <source>Run on a cluster…</source>
        <translation>在集群上运行…</translation>
    </message>
    <message>
        <source>Write this run&apos;s settings as a LLaMA-Factory job for several GPUs or nodes (DeepSpeed or FSDP)</source>
        <translation>将此运行的设置写成适用于多块 GPU 或多个节点的 LLaMA-Factory 作业（DeepSpeed 或 FSDP）</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::DeviceBox</name>
    <message>
        <source>GPU: not usable (%1)</source>
        <translation>GPU：不可用（%1）</translation>
    </message>
    <message>
        <source>automatic (GPU when usable)</source>
        <translation>自动（有可用 GPU 时用 GPU）</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Where the model runs: automatic picks the first usable NVIDIA GPU, else the CPU</source>
        <translation>模型在哪里运行：自动会选第一块可用的 NVIDIA GPU，否则用 CPU</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::TrainPage</name>
    <message>
        <source>End the run without saving the steps since the newest checkpoint (asks first)</source>
        <translation>结束运行，不保存最新检查点之后的步数（会先询问）</translation>
    </message>
    <message>
        <source>Write a checkpoint and the adapter at this step, then end the run (resumable)</source>
        <translation>在此步写入检查点和适配器后结束运行（可继续）</translation>
    </message>
    <message>
        <source>• Model page: %1</source>
        <translation>• 模型页：%1</translation>
    </message>
    <message>
        <source>Stop without saving?</source>
        <translation>不保存就停止？</translation>
    </message>
    <message>
        <source>Stop now and lose the steps since the newest checkpoint? No adapter is written; Resume continues from that checkpoint.

Stop and save writes a checkpoint and the adapter at this step instead.</source>
        <translation>现在停止并丢弃最新检查点之后的步数？不会写入适配器；继续时从该检查点开始。

“停止并保存”则会在此步写入检查点和适配器。</translation>
    </message>
    <message>
        <source>Stop and save</source>
        <translation>停止并保存</translation>
    </message>
    <message>
        <source>Stop without saving</source>
        <translation>不保存，停止</translation>
    </message>
    <message>
        <source>Keep training</source>
        <translation>继续训练</translation>
    </message>
    <message>
        <source>%1 (not on this machine)</source>
        <translation>%1（本机没有）</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <source>Check the whole configuration and start a new run in the output folder</source>
        <translation>检查全部配置并在输出文件夹中开始新运行</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>Hold the run after the current step (nothing is lost)</source>
        <translation>在当前步之后暂停运行（不会丢失任何内容）</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>继续(&amp;R)</translation>
    </message>
    <message>
        <source>Continue a paused run, or a stopped one from its newest checkpoint</source>
        <translation>继续已暂停的运行，或从最新检查点继续已停止的运行</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>Stop &amp;and save</source>
        <translation>停止并保存(&amp;A)</translation>
    </message>
    <message>
        <source>Training log</source>
        <translation>训练日志</translation>
    </message>
    <message>
        <source>Cannot start: fix these first
%1</source>
        <translation>无法开始：请先修正以下问题
%1</translation>
    </message>
    <message>
        <source>Running in %1</source>
        <translation>正在运行：%1</translation>
    </message>
    <message>
        <source>Cannot resume: %1</source>
        <translation>无法继续：%1</translation>
    </message>
    <message>
        <source>Resuming %1</source>
        <translation>正在继续：%1</translation>
    </message>
    <message>
        <source>Paused. Resume continues from this step.</source>
        <translation>已暂停。继续将从此步开始。</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Finished: %1 steps, final loss %2. Result in %3</source>
        <translation>已完成：%1 步，最终损失 %2。结果位于 %3</translation>
    </message>
    <message>
        <source>Stopped at step %1. Resume continues from the newest checkpoint.</source>
        <translation>已在第 %1 步停止。继续将从最新检查点开始。</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>warning: </source>
        <translation>警告：</translation>
    </message>
    <message>
        <source>error: </source>
        <translation>错误：</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::RunDashboard</name>
    <message>
        <source>The folder chosen on the Model page is not a model it can open: choose another</source>
        <translation>在模型页选择的文件夹不是可打开的模型：请另选一个</translation>
    </message>
    <message>
        <source>No model chosen (Model page)</source>
        <translation>尚未选择模型（模型页）</translation>
    </message>
    <message>
        <source>Model: %1 · no training data chosen (Data page)</source>
        <translation>模型：%1 · 尚未选择训练数据（数据页）</translation>
    </message>
    <message>
        <source>Model: %1 · data: %2</source>
        <translation>模型：%1 · 数据：%2</translation>
    </message>
    <message>
        <source>trend after %1 steps</source>
        <translation>%1 步后显示趋势</translation>
    </message>
    <message>
        <source>flat over the last %1 steps</source>
        <translation>最近 %1 步基本持平</translation>
    </message>
    <message>
        <source>▼ %1 % over the last %2 steps</source>
        <translation>▼ 最近 %2 步下降 %1 %</translation>
    </message>
    <message>
        <source>▲ %1 % over the last %2 steps</source>
        <translation>▲ 最近 %2 步上升 %1 %</translation>
    </message>
    <message>
        <source>Preparing</source>
        <translation>准备中</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Step —</source>
        <translation>步数 —</translation>
    </message>
    <message>
        <source>Step %1 / %2</source>
        <translation>第 %1 / %2 步</translation>
    </message>
    <message>
        <source> (resumed at %1)</source>
        <translation>（从第 %1 步继续）</translation>
    </message>
    <message>
        <source>epoch %1</source>
        <translation>第 %1 轮</translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation>%1 词元/秒</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>%1 used by PeftDesk</source>
        <translation>PeftDesk 占用 %1</translation>
    </message>
    <message>
        <source>%1 of %2 used by PeftDesk</source>
        <translation>PeftDesk 占用 %1（共 %2）</translation>
    </message>
    <message>
        <source>%1 of %2 at the last step&apos;s peak</source>
        <translation>上一步峰值 %1（共 %2）</translation>
    </message>
    <message>
        <source>no GPU in use</source>
        <translation>未使用 GPU</translation>
    </message>
    <message>
        <source>no evaluation yet</source>
        <translation>尚未评估</translation>
    </message>
    <message>
        <source>%1 at step %2 (perplexity %3)</source>
        <translation>%1，第 %2 步（困惑度 %3）</translation>
    </message>
    <message>
        <source>none yet since the resume</source>
        <translation>继续后尚未写入</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>尚未写入</translation>
    </message>
    <message numerus="yes">
        <source>%n written, the last at step %1</source>
        <translation>
            <numerusform>已写入 %n 个，最近一个在第 %1 步</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RunDashboard</name>
    <message>
        <source>Run state: %1</source>
        <translation>运行状态：%1</translation>
    </message>
    <message>
        <source>on %1</source>
        <translation>设备 %1</translation>
    </message>
    <message>
        <source>Training progress</source>
        <translation>训练进度</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Loss %1</source>
        <translation>损失 %1</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Elapsed / ETA</source>
        <translation>已用 / 剩余</translation>
    </message>
    <message>
        <source>Last eval loss</source>
        <translation>最近评估损失</translation>
    </message>
    <message>
        <source>Checkpoints</source>
        <translation>检查点</translation>
    </message>
    <message>
        <source>Memory (RAM)</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>Memory used</source>
        <translation>已用内存</translation>
    </message>
    <message>
        <source>GPU memory</source>
        <translation>显存</translation>
    </message>
    <message>
        <source>GPU memory used</source>
        <translation>已用显存</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::QuickPanel</name>
    <message>
        <source>This view could not be shown:
%1</source>
        <translation>无法显示此视图：
%1</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::MethodCards</name>
    <message>
        <source>counting…</source>
        <translation>计算中…</translation>
    </message>
    <message>
        <source>%1 trainable (%2 %)</source>
        <translation>可训练 %1（%2 %）</translation>
    </message>
    <message>
        <source>saves the trained weights: %1</source>
        <translation>保存训练后的权重：%1</translation>
    </message>
    <message>
        <source>adapter file %1</source>
        <translation>适配器文件 %1</translation>
    </message>
    <message>
        <source>memory: fix the run&apos;s other settings first</source>
        <translation>内存：请先修正运行的其他设置</translation>
    </message>
    <message>
        <source>peak ≈ %1 &gt; %2 free on %3</source>
        <translation>峰值 ≈ %1 &gt; %3 可用 %2</translation>
    </message>
    <message>
        <source>peak ≈ %1 on %2</source>
        <translation>峰值 ≈ %1（%2）</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::ClusterJobDialog</name>
    <message>
        <source>GPUs per node:</source>
        <translation>每节点 GPU 数：</translation>
    </message>
    <message>
        <source>Nodes:</source>
        <translation>节点数：</translation>
    </message>
    <message>
        <source>Sharding:</source>
        <translation>分片方式：</translation>
    </message>
    <message>
        <source>Model on the cluster:</source>
        <translation>集群上的模型：</translation>
    </message>
    <message>
        <source>Job folder:</source>
        <translation>作业文件夹：</translation>
    </message>
    <message>
        <source>Write the job into</source>
        <translation>作业写入到</translation>
    </message>
    <message>
        <source>Run %1 on a cluster</source>
        <translation>在集群上运行 %1</translation>
    </message>
    <message>
        <source>The run&apos;s settings as a LLaMA-Factory %1 job: training YAML, data folder, sharding configuration, launch script and a README for the cluster side. Settings LLaMA-Factory lacks are refused by name.</source>
        <translation>将此运行的设置写成 LLaMA-Factory %1 作业：训练 YAML、数据文件夹、分片配置、启动脚本，以及供集群端使用的 README。LLaMA-Factory 不支持的设置会按名称列出并拒绝。</translation>
    </message>
    <message>
        <source>Data parallel (every GPU holds the model)</source>
        <translation>数据并行（每块 GPU 都持有完整模型）</translation>
    </message>
    <message>
        <source>DeepSpeed ZeRO-2</source>
        <translation>DeepSpeed ZeRO-2</translation>
    </message>
    <message>
        <source>DeepSpeed ZeRO-3</source>
        <translation>DeepSpeed ZeRO-3</translation>
    </message>
    <message>
        <source>DeepSpeed ZeRO-3, offloaded to CPU memory</source>
        <translation>DeepSpeed ZeRO-3，卸载到 CPU 内存</translation>
    </message>
    <message>
        <source>FSDP (through accelerate)</source>
        <translation>FSDP（通过 accelerate）</translation>
    </message>
    <message>
        <source>this machine&apos;s path (a path on the cluster or a Hub id)</source>
        <translation>本机上的路径（可填集群上的路径或 Hub ID）</translation>
    </message>
    <message>
        <source>A new or empty folder; an existing non-empty folder is never written into</source>
        <translation>新的或空的文件夹；绝不会写入已存在且非空的文件夹</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>&amp;Write job</source>
        <translation>写入作业(&amp;W)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>The run&apos;s batch could not be read from its run.json.</source>
        <translation>无法从此运行的 run.json 读取批大小。</translation>
    </message>
    <message>
        <source>%1 GPUs cannot keep the effective batch of %2 × %3 = %4: the accumulation (%3) must be a multiple of the GPU count.</source>
        <translation>%1 块 GPU 无法保持有效批大小 %2 × %3 = %4：梯度累积（%3）必须是 GPU 数的整数倍。</translation>
    </message>
    <message>
        <source>Effective batch kept: %1 per GPU × accumulation %2 × %3 GPU(s) = %4, as %1 × %5 on one device.</source>
        <translation>有效批大小保持不变：每块 GPU %1 × 梯度累积 %2 × %3 块 GPU = %4，与单个设备上的 %1 × %5 相同。</translation>
    </message>
    <message>
        <source>Choose the job folder.</source>
        <translation>请选择作业文件夹。</translation>
    </message>
    <message>
        <source>Reading the data and writing the job…</source>
        <translation>正在读取数据并写入作业…</translation>
    </message>
    <message>
        <source>Wrote %1 (template %2). Copy it to the cluster and run launch.sh there; its README says what differs:</source>
        <translation>已写入 %1（模板 %2）。请将其复制到集群，并在集群上运行 launch.sh；其中的 README 说明了有哪些不同：</translation>
    </message>
</context>
</TS>
