<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja">
<context>
    <name>Fields</name>
    <message>
        <source>Model folder</source>
        <translation type="unfinished">モデルフォルダー</translation>
    </message>
    <message>
        <source>Deterministic (GPU)</source>
        <translation type="unfinished">決定論的（GPU）</translation>
    </message>
    <message>
        <source>Deterministic GPU kernels, so a resumed run repeats the uninterrupted one bit for bit; somewhat slower</source>
        <translation type="unfinished">決定論的な GPU カーネルを使用し、再開した実行を中断なしの実行とビット単位で一致させる。やや遅くなる</translation>
    </message>
    <message>
        <source>Device</source>
        <translation type="unfinished">デバイス</translation>
    </message>
    <message>
        <source>Where the model trains: automatic picks the first usable NVIDIA GPU, else the CPU</source>
        <translation type="unfinished">モデルを学習するデバイス。自動では最初に使用可能な NVIDIA GPU を選び、なければ CPU を使用</translation>
    </message>
    <message>
        <source>automatic (GPU when usable)</source>
        <translation type="unfinished">自動（使用可能なら GPU）</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation type="unfinished">CPU</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation type="unfinished">データセット</translation>
    </message>
    <message>
        <source>A dataset file (JSON, JSON Lines, CSV, TXT) or a LLaMA-Factory data folder with dataset_info.json</source>
        <translation type="unfinished">データセットファイル（JSON、JSON Lines、CSV、TXT）、または dataset_info.json を含む LLaMA-Factory のデータフォルダー</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation type="unfinished">学習率</translation>
    </message>
    <message>
        <source>Peak learning rate of AdamW, e.g. 2e-4 for LoRA, 1e-5 for full fine-tuning</source>
        <translation type="unfinished">AdamW のピーク学習率。例: LoRA は 2e-4、フルファインチューニングは 1e-5</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation type="unfinished">エポック数</translation>
    </message>
    <message>
        <source>Passes over the training data (Max steps wins when set)</source>
        <translation type="unfinished">学習データを繰り返す回数（最大ステップ数を設定した場合はそちらを優先）</translation>
    </message>
    <message>
        <source>Max steps</source>
        <translation type="unfinished">最大ステップ数</translation>
    </message>
    <message>
        <source>Optimizer steps in total; leave at &apos;from epochs&apos; to derive it from the epochs</source>
        <translation type="unfinished">オプティマイザーの総ステップ数。「エポック数から」のままにするとエポック数から算出</translation>
    </message>
    <message>
        <source>from epochs</source>
        <translation type="unfinished">エポック数から</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation type="unfinished">バッチサイズ</translation>
    </message>
    <message>
        <source>Examples per forward pass</source>
        <translation type="unfinished">1 回の順伝播あたりのサンプル数</translation>
    </message>
    <message>
        <source>Gradient accumulation</source>
        <translation type="unfinished">勾配累積</translation>
    </message>
    <message>
        <source>Forward passes per optimizer step: effective batch = batch size × this</source>
        <translation type="unfinished">オプティマイザーの 1 ステップあたりの順伝播回数：実効バッチ = バッチサイズ × この値</translation>
    </message>
    <message>
        <source>Scheduler</source>
        <translation type="unfinished">スケジューラー</translation>
    </message>
    <message>
        <source>How the learning rate changes over the run (after warm-up)</source>
        <translation type="unfinished">学習中の学習率の変化のしかた（ウォームアップ後）</translation>
    </message>
    <message>
        <source>cosine</source>
        <translation type="unfinished">コサイン</translation>
    </message>
    <message>
        <source>linear</source>
        <translation type="unfinished">線形</translation>
    </message>
    <message>
        <source>constant</source>
        <translation type="unfinished">一定</translation>
    </message>
    <message>
        <source>constant with warm-up</source>
        <translation type="unfinished">ウォームアップ付き一定</translation>
    </message>
    <message>
        <source>cosine with restarts</source>
        <translation type="unfinished">リスタート付きコサイン</translation>
    </message>
    <message>
        <source>Warm-up steps</source>
        <translation type="unfinished">ウォームアップステップ数</translation>
    </message>
    <message>
        <source>Steps of linear warm-up from 0 to the learning rate (wins over the ratio)</source>
        <translation type="unfinished">学習率を 0 から設定値まで線形に上げるステップ数（比率より優先）</translation>
    </message>
    <message>
        <source>Warm-up ratio</source>
        <translation type="unfinished">ウォームアップ比率</translation>
    </message>
    <message>
        <source>Warm-up as a fraction of all steps</source>
        <translation type="unfinished">全ステップに対するウォームアップの割合</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation type="unfinished">精度</translation>
    </message>
    <message>
        <source>Compute precision: fp32 exact, bf16 faster and half the activation memory</source>
        <translation type="unfinished">計算精度：fp32 は正確、bf16 は高速で活性化メモリが半分</translation>
    </message>
    <message>
        <source>fp32</source>
        <translation type="unfinished">fp32</translation>
    </message>
    <message>
        <source>bf16</source>
        <translation type="unfinished">bf16</translation>
    </message>
    <message>
        <source>fp16</source>
        <translation type="unfinished">fp16</translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation type="unfinished">重み減衰</translation>
    </message>
    <message>
        <source>AdamW decoupled weight decay (not applied to biases and norms)</source>
        <translation type="unfinished">AdamW の分離型重み減衰（バイアスと正規化層には適用しない）</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation type="unfinished">オプティマイザー</translation>
    </message>
    <message>
        <source>AdamW with fp32 moments, or bitsandbytes&apos; 8-bit AdamW, which keeps them in about a quarter of the memory</source>
        <translation type="unfinished">fp32 モーメントの AdamW、または bitsandbytes の 8 ビット AdamW（モーメントのメモリは約 4 分の 1）</translation>
    </message>
    <message>
        <source>AdamW (PyTorch)</source>
        <translation type="unfinished">AdamW（PyTorch）</translation>
    </message>
    <message>
        <source>8-bit AdamW (bitsandbytes)</source>
        <translation type="unfinished">8 ビット AdamW（bitsandbytes）</translation>
    </message>
    <message>
        <source>paged 8-bit AdamW (bitsandbytes)</source>
        <translation type="unfinished">ページング 8 ビット AdamW（bitsandbytes）</translation>
    </message>
    <message>
        <source>paged 32-bit AdamW (bitsandbytes)</source>
        <translation type="unfinished">ページング 32 ビット AdamW（bitsandbytes）</translation>
    </message>
    <message>
        <source>Max grad norm</source>
        <translation type="unfinished">最大勾配ノルム</translation>
    </message>
    <message>
        <source>Clip the global gradient norm to this value (0 = no clipping)</source>
        <translation type="unfinished">全体の勾配ノルムをこの値にクリップ（0 = クリップしない）</translation>
    </message>
    <message>
        <source>Gradient checkpointing</source>
        <translation type="unfinished">勾配チェックポイント</translation>
    </message>
    <message>
        <source>Recompute activations in backward: less memory for about one extra forward</source>
        <translation type="unfinished">逆伝播時に活性化を再計算：順伝播 1 回分ほどの計算と引き換えにメモリを節約</translation>
    </message>
    <message>
        <source>Logging steps</source>
        <translation type="unfinished">ログ間隔</translation>
    </message>
    <message>
        <source>Write a metrics row every N optimizer steps</source>
        <translation type="unfinished">N オプティマイザーステップごとに指標を 1 行書き込む</translation>
    </message>
    <message>
        <source>Eval steps</source>
        <translation type="unfinished">評価間隔</translation>
    </message>
    <message>
        <source>Evaluate every N steps (0 = only at the end, when there is evaluation data)</source>
        <translation type="unfinished">N ステップごとに評価（0 = 最後のみ。評価データがある場合）</translation>
    </message>
    <message>
        <source>Save steps</source>
        <translation type="unfinished">保存間隔</translation>
    </message>
    <message>
        <source>Write a checkpoint every N steps (0 = only at the end or on stop-and-save)</source>
        <translation type="unfinished">N ステップごとにチェックポイントを書き込む（0 = 終了時または「停止して保存」時のみ）</translation>
    </message>
    <message>
        <source>Checkpoints kept</source>
        <translation type="unfinished">保持するチェックポイント数</translation>
    </message>
    <message>
        <source>Keep the newest N checkpoints and delete older ones</source>
        <translation type="unfinished">最新の N 個のチェックポイントを残し、古いものを削除</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation type="unfinished">シード</translation>
    </message>
    <message>
        <source>Seed of adapter initialisation, shuffling and dropout: the same seed gives the same run</source>
        <translation type="unfinished">アダプターの初期化、シャッフル、ドロップアウトのシード：同じシードなら同じ実行結果になる</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation type="unfinished">出力フォルダー</translation>
    </message>
    <message>
        <source>The run folder: created by the run, must not hold another run</source>
        <translation type="unfinished">実行フォルダー：実行時に作成される。他の実行を含むフォルダーは不可</translation>
    </message>
    <message>
        <source>Format</source>
        <translation type="unfinished">形式</translation>
    </message>
    <message>
        <source>Record format; auto detects alpaca, sharegpt, messages, text or tokenized</source>
        <translation type="unfinished">レコード形式。自動では alpaca、sharegpt、messages、テキスト、トークン化済みを判別</translation>
    </message>
    <message>
        <source>auto-detect</source>
        <translation type="unfinished">自動判別</translation>
    </message>
    <message>
        <source>alpaca</source>
        <translation type="unfinished">alpaca</translation>
    </message>
    <message>
        <source>sharegpt</source>
        <translation type="unfinished">sharegpt</translation>
    </message>
    <message>
        <source>messages (OpenAI)</source>
        <translation type="unfinished">messages（OpenAI）</translation>
    </message>
    <message>
        <source>plain text</source>
        <translation type="unfinished">プレーンテキスト</translation>
    </message>
    <message>
        <source>pre-tokenized</source>
        <translation type="unfinished">トークン化済み</translation>
    </message>
    <message>
        <source>Cutoff length</source>
        <translation type="unfinished">カットオフ長</translation>
    </message>
    <message>
        <source>Tokens per example at most; longer examples are truncated as LLaMA-Factory does</source>
        <translation type="unfinished">1 サンプルあたりの最大トークン数。これより長いサンプルは LLaMA-Factory と同様に切り詰める</translation>
    </message>
    <message>
        <source>Validation size</source>
        <translation type="unfinished">検証データサイズ</translation>
    </message>
    <message>
        <source>Held out for evaluation: a fraction (&lt; 1) or a number of examples (&gt;= 1)</source>
        <translation type="unfinished">評価用に取り分けるデータ：割合（&lt; 1）またはサンプル数（&gt;= 1）</translation>
    </message>
    <message>
        <source>Max samples</source>
        <translation type="unfinished">最大サンプル数</translation>
    </message>
    <message>
        <source>Use at most this many examples of each dataset</source>
        <translation type="unfinished">各データセットから使用するサンプルの最大数</translation>
    </message>
    <message>
        <source>all</source>
        <translation type="unfinished">すべて</translation>
    </message>
    <message>
        <source>Packing</source>
        <translation type="unfinished">パッキング</translation>
    </message>
    <message>
        <source>Concatenate examples into rows of cutoff length (faster on short examples)</source>
        <translation type="unfinished">サンプルを連結してカットオフ長の行にまとめる（短いサンプルで高速）</translation>
    </message>
    <message>
        <source>Train on prompt</source>
        <translation type="unfinished">プロンプトも学習</translation>
    </message>
    <message>
        <source>Also learn the prompt tokens, not only the responses</source>
        <translation type="unfinished">応答だけでなくプロンプトのトークンも学習する</translation>
    </message>
    <message>
        <source>Mask history</source>
        <translation type="unfinished">履歴をマスク</translation>
    </message>
    <message>
        <source>Learn only the last assistant turn of each conversation</source>
        <translation type="unfinished">各会話の最後のアシスタント応答のみを学習する</translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation type="unfinished">思考モード</translation>
    </message>
    <message>
        <source>Reasoning mode of templates that have one (SmolLM3); off = /no_think: an empty think block before every answer. A system prompt&apos;s /think or /no_think wins</source>
        <translation type="unfinished">推論モードを持つテンプレート（SmolLM3）の推論モード。オフ = /no_think：各回答の前に空の think ブロックを入れる。システムプロンプトの /think または /no_think が優先</translation>
    </message>
    <message>
        <source>Shuffle</source>
        <translation type="unfinished">シャッフル</translation>
    </message>
    <message>
        <source>Reshuffle the training examples every epoch (seeded)</source>
        <translation type="unfinished">エポックごとに学習サンプルをシャッフルし直す（シード固定）</translation>
    </message>
    <message>
        <source>Bad records</source>
        <translation type="unfinished">不正なレコード</translation>
    </message>
    <message>
        <source>A malformed record stops the run before step 1, or is skipped and counted</source>
        <translation type="unfinished">形式が不正なレコードがあった場合、ステップ 1 の前に実行を停止するか、スキップして件数を数える</translation>
    </message>
    <message>
        <source>refuse the dataset</source>
        <translation type="unfinished">データセットを拒否</translation>
    </message>
    <message>
        <source>skip and count</source>
        <translation type="unfinished">スキップして件数を記録</translation>
    </message>
    <message>
        <source>Rank (r)</source>
        <translation type="unfinished">ランク（r）</translation>
    </message>
    <message>
        <source>Rank of the low-rank update: more capacity and more parameters as it grows</source>
        <translation type="unfinished">低ランク更新のランク：大きいほど表現力とパラメーター数が増える</translation>
    </message>
    <message>
        <source>Alpha</source>
        <translation type="unfinished">Alpha</translation>
    </message>
    <message>
        <source>Scaling numerator: the update is scaled by alpha / r (alpha / √r with rsLoRA)</source>
        <translation type="unfinished">スケーリングの分子：更新を alpha / r でスケーリング（rsLoRA では alpha / √r）</translation>
    </message>
    <message>
        <source>Dropout</source>
        <translation type="unfinished">ドロップアウト</translation>
    </message>
    <message>
        <source>Dropout on the adapter&apos;s input during training</source>
        <translation type="unfinished">学習中にアダプターの入力に適用するドロップアウト</translation>
    </message>
    <message>
        <source>DoRA</source>
        <translation type="unfinished">DoRA</translation>
    </message>
    <message>
        <source>Weight-decomposed LoRA: learns a magnitude per output row as well</source>
        <translation type="unfinished">重み分解 LoRA：出力行ごとの大きさ（マグニチュード）も学習する</translation>
    </message>
    <message>
        <source>rsLoRA</source>
        <translation type="unfinished">rsLoRA</translation>
    </message>
    <message>
        <source>Rank-stabilised scaling alpha / √r: keeps large ranks learning</source>
        <translation type="unfinished">ランク安定化スケーリング alpha / √r：大きなランクでも学習が進むようにする</translation>
    </message>
    <message>
        <source>LoRA+ ratio</source>
        <translation type="unfinished">LoRA+ 比率</translation>
    </message>
    <message>
        <source>LoRA+: lora_B learns this many times faster than lora_A (off when empty)</source>
        <translation type="unfinished">LoRA+：lora_B を lora_A の何倍の速さで学習させるか（空欄ならオフ）</translation>
    </message>
    <message>
        <source>Bias</source>
        <translation type="unfinished">バイアス</translation>
    </message>
    <message>
        <source>Which biases train as well</source>
        <translation type="unfinished">あわせて学習するバイアス</translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished">なし</translation>
    </message>
    <message>
        <source>of adapted layers</source>
        <translation type="unfinished">適用先レイヤーのバイアス</translation>
    </message>
    <message>
        <source>Virtual tokens</source>
        <translation type="unfinished">仮想トークン数</translation>
    </message>
    <message>
        <source>Learned key/value positions prepended in every layer</source>
        <translation type="unfinished">各レイヤーの先頭に追加する学習可能なキー/値の位置</translation>
    </message>
    <message>
        <source>Projection</source>
        <translation type="unfinished">射影</translation>
    </message>
    <message>
        <source>Reparameterise the prefix through a two-layer MLP</source>
        <translation type="unfinished">2 層の MLP でプレフィックスを再パラメーター化する</translation>
    </message>
    <message>
        <source>Projection width</source>
        <translation type="unfinished">射影の幅</translation>
    </message>
    <message>
        <source>Hidden size of the projection MLP</source>
        <translation type="unfinished">射影 MLP の隠れ層サイズ</translation>
    </message>
    <message>
        <source>model hidden size</source>
        <translation type="unfinished">モデルの隠れ層サイズ</translation>
    </message>
    <message>
        <source>Learned embeddings prepended to the input</source>
        <translation type="unfinished">入力の先頭に追加する学習可能な埋め込み</translation>
    </message>
    <message>
        <source>Initialisation</source>
        <translation type="unfinished">初期化</translation>
    </message>
    <message>
        <source>Random vectors, vocabulary samples, or the embedding of a text</source>
        <translation type="unfinished">ランダムなベクトル、語彙からのサンプル、またはテキストの埋め込み</translation>
    </message>
    <message>
        <source>random</source>
        <translation type="unfinished">ランダム</translation>
    </message>
    <message>
        <source>sampled vocabulary</source>
        <translation type="unfinished">語彙からサンプル</translation>
    </message>
    <message>
        <source>from text</source>
        <translation type="unfinished">テキストから</translation>
    </message>
    <message>
        <source>Init text</source>
        <translation type="unfinished">初期化テキスト</translation>
    </message>
    <message>
        <source>Text whose token embeddings initialise the prompt (with &apos;from text&apos;)</source>
        <translation type="unfinished">トークン埋め込みでプロンプトを初期化するテキスト（「テキストから」使用時）</translation>
    </message>
    <message>
        <source>Trainable layers</source>
        <translation type="unfinished">学習するレイヤー数</translation>
    </message>
    <message>
        <source>Train the last N decoder layers (negative: the first |N|)</source>
        <translation type="unfinished">最後の N 個のデコーダーレイヤーを学習（負の値：最初の |N| 個）</translation>
    </message>
    <message>
        <source>4-bit type</source>
        <translation type="unfinished">4 ビット型</translation>
    </message>
    <message>
        <source>NF4 (QLoRA&apos;s normal float) or FP4</source>
        <translation type="unfinished">NF4（QLoRA の正規分布浮動小数点）または FP4</translation>
    </message>
    <message>
        <source>NF4</source>
        <translation type="unfinished">NF4</translation>
    </message>
    <message>
        <source>FP4</source>
        <translation type="unfinished">FP4</translation>
    </message>
    <message>
        <source>Double quantization</source>
        <translation type="unfinished">二重量子化</translation>
    </message>
    <message>
        <source>Quantize the block scales too (about 0.4 bits per weight saved)</source>
        <translation type="unfinished">ブロックのスケールも量子化する（重み 1 つあたり約 0.4 ビット節約）</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation type="unfinished">フォルダーを選択</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation type="unfinished">ファイルを選択</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished">参照…</translation>
    </message>
    <message>
        <source>How A and B start. Kaiming / Gaussian: B at zero. PiSSA / OLoRA: from the base weight&apos;s main directions (16- or 32-bit base), saved as a plain LoRA of twice the rank</source>
        <translation type="unfinished">A と B の初期化方法。Kaiming / ガウス: B はゼロから。PiSSA / OLoRA: ベース重みの主方向から（16 または 32 ビットのベース）、2 倍のランクの通常の LoRA として保存</translation>
    </message>
    <message>
        <source>Kaiming-uniform (PEFT default)</source>
        <translation type="unfinished">Kaiming 一様分布（PEFT の既定）</translation>
    </message>
    <message>
        <source>Gaussian</source>
        <translation type="unfinished">ガウス分布</translation>
    </message>
    <message>
        <source>PiSSA (exact SVD)</source>
        <translation type="unfinished">PiSSA（厳密な SVD）</translation>
    </message>
    <message>
        <source>PiSSA, fast SVD (16 iterations)</source>
        <translation type="unfinished">PiSSA、高速 SVD（16 回反復）</translation>
    </message>
    <message>
        <source>OLoRA (QR)</source>
        <translation type="unfinished">OLoRA（QR）</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation type="unfinished">レイヤー</translation>
    </message>
    <message>
        <source>Adapt only these decoder layers (comma-separated indices; empty = all)</source>
        <translation type="unfinished">これらのデコーダーレイヤーにのみ適用（カンマ区切りのインデックス。空欄 = すべて）</translation>
    </message>
    <message>
        <source>Exclude modules</source>
        <translation type="unfinished">除外するモジュール</translation>
    </message>
    <message>
        <source>Never adapt these modules (names or name suffixes, comma-separated)</source>
        <translation type="unfinished">これらのモジュールには適用しない（名前または名前の末尾、カンマ区切り）</translation>
    </message>
    <message>
        <source>Modules to save</source>
        <translation type="unfinished">保存するモジュール</translation>
    </message>
    <message>
        <source>Extra modules trained in full and saved with the adapter, e.g. lm_head</source>
        <translation type="unfinished">全体を学習してアダプターと一緒に保存する追加モジュール（例: lm_head）</translation>
    </message>
    <message>
        <source>Start at 1</source>
        <translation type="unfinished">1 で初期化</translation>
    </message>
    <message>
        <source>Scaling vectors start at 1 (the base model unchanged); off = random</source>
        <translation type="unfinished">スケーリングベクトルを 1 で初期化（ベースモデルは変化しない）。オフ = ランダム</translation>
    </message>
    <message>
        <source>Block size</source>
        <translation type="unfinished">ブロックサイズ</translation>
    </message>
    <message>
        <source>Weights per absmax scale (bitsandbytes uses 64)</source>
        <translation type="unfinished">absmax スケール 1 つあたりの重みの数（bitsandbytes は 64）</translation>
    </message>
    <message>
        <source>Scaling numerator: the update is scaled by alpha / r</source>
        <translation type="unfinished">スケーリングの分子：更新は alpha / r 倍される</translation>
    </message>
    <message>
        <source>Rank dropout</source>
        <translation type="unfinished">ランク dropout</translation>
    </message>
    <message>
        <source>While training, drop whole output rows of the update with this probability</source>
        <translation type="unfinished">学習中、この確率で更新の出力行を丸ごと落とす</translation>
    </message>
    <message>
        <source>Module dropout</source>
        <translation type="unfinished">モジュール dropout</translation>
    </message>
    <message>
        <source>While training, skip a module&apos;s whole update with this probability</source>
        <translation type="unfinished">学習中、この確率でモジュールの更新全体を省く</translation>
    </message>
    <message>
        <source>How the factors start: with one factor at zero training starts from the base model</source>
        <translation type="unfinished">因子の初期値：一方の因子がゼロなら学習はベースモデルから始まる</translation>
    </message>
    <message>
        <source>one factor zero (PEFT default)</source>
        <translation type="unfinished">一方の因子をゼロ（PEFT 既定）</translation>
    </message>
    <message>
        <source>all random</source>
        <translation type="unfinished">すべてランダム</translation>
    </message>
    <message>
        <source>Decompose both</source>
        <translation type="unfinished">両側を分解</translation>
    </message>
    <message>
        <source>Make the left Kronecker factor low-rank too (fewer parameters)</source>
        <translation type="unfinished">左側のクロネッカー因子も低ランクにする（パラメータが減る）</translation>
    </message>
    <message>
        <source>Factor</source>
        <translation type="unfinished">因子</translation>
    </message>
    <message>
        <source>The left Kronecker factor is f × f where f divides the layer&apos;s sizes (-1: sizes near their square root)</source>
        <translation type="unfinished">f が層のサイズを割り切るとき左側のクロネッカー因子は f × f（-1：平方根に近いサイズ）</translation>
    </message>
    <message>
        <source>Rescale rank dropout</source>
        <translation type="unfinished">ランク dropout を再スケール</translation>
    </message>
    <message>
        <source>Divide the kept rows by the fraction kept, as ordinary dropout does</source>
        <translation type="unfinished">通常の dropout と同様に、残した行を残存率で割る</translation>
    </message>
    <message>
        <source>left factor zero (PEFT default)</source>
        <translation type="unfinished">左因子をゼロ（PEFT 既定）</translation>
    </message>
    <message>
        <source>right factor zero (LyCORIS)</source>
        <translation type="unfinished">右因子をゼロ（LyCORIS）</translation>
    </message>
    <message>
        <source>Initial rank</source>
        <translation type="unfinished">初期ランク</translation>
    </message>
    <message>
        <source>Rank every target layer starts with; the schedule prunes it while training</source>
        <translation type="unfinished">各対象層の開始時のランク。学習中にスケジュールに従って削減されます</translation>
    </message>
    <message>
        <source>Target rank</source>
        <translation type="unfinished">目標ランク</translation>
    </message>
    <message>
        <source>Average rank per layer at the end: the final budget is this × the number of target layers</source>
        <translation type="unfinished">終了時の層あたり平均ランク：最終予算はこの値 × 対象層の数</translation>
    </message>
    <message>
        <source>Scaling numerator: the update is scaled by alpha / initial rank</source>
        <translation type="unfinished">スケーリングの分子：更新は alpha / 初期ランク でスケールされます</translation>
    </message>
    <message>
        <source>Steps before pruning</source>
        <translation type="unfinished">削減前のステップ数</translation>
    </message>
    <message>
        <source>Optimizer steps trained at the initial rank before any pruning</source>
        <translation type="unfinished">削減を始める前に初期ランクで学習するオプティマイザのステップ数</translation>
    </message>
    <message>
        <source>Final steps</source>
        <translation type="unfinished">最終ステップ数</translation>
    </message>
    <message>
        <source>Last optimizer steps of the schedule, trained with the final ranks fixed</source>
        <translation type="unfinished">スケジュール最後のオプティマイザのステップ数。最終ランクを固定して学習します</translation>
    </message>
    <message>
        <source>Pruning interval</source>
        <translation type="unfinished">削減間隔</translation>
    </message>
    <message>
        <source>Between those, prune on every this many steps</source>
        <translation type="unfinished">その間、このステップ数ごとに削減します</translation>
    </message>
    <message>
        <source>Schedule length</source>
        <translation type="unfinished">スケジュールの長さ</translation>
    </message>
    <message>
        <source>Optimizer steps the pruning schedule spans; at its minimum, the run&apos;s own length</source>
        <translation type="unfinished">削減スケジュールが及ぶオプティマイザのステップ数。最小値では実行自体の長さ</translation>
    </message>
    <message>
        <source>the run&apos;s length</source>
        <translation type="unfinished">実行の長さ</translation>
    </message>
    <message>
        <source>Orthogonality weight</source>
        <translation type="unfinished">直交性の重み</translation>
    </message>
    <message>
        <source>Weight of the loss term that keeps A&apos;s rows and B&apos;s columns orthonormal (0 = off)</source>
        <translation type="unfinished">A の行と B の列を正規直交に保つ損失項の重み（0 = オフ）</translation>
    </message>
    <message>
        <source>Placement</source>
        <translation type="unfinished">配置</translation>
    </message>
    <message>
        <source>Where the adapters sit in every decoder block</source>
        <translation type="unfinished">各デコーダーブロック内でアダプターを置く位置</translation>
    </message>
    <message>
        <source>after the MLP (Pfeiffer)</source>
        <translation type="unfinished">MLP の後（Pfeiffer）</translation>
    </message>
    <message>
        <source>after attention and MLP (Houlsby)</source>
        <translation type="unfinished">アテンションと MLP の後（Houlsby）</translation>
    </message>
    <message>
        <source>Reduction factor</source>
        <translation type="unfinished">縮小率</translation>
    </message>
    <message>
        <source>Bottleneck width = hidden size / this: larger means fewer parameters</source>
        <translation type="unfinished">ボトルネック幅 = 隠れ層サイズ / この値：大きいほどパラメーターが少ない</translation>
    </message>
    <message>
        <source>Scaling</source>
        <translation type="unfinished">スケーリング</translation>
    </message>
    <message>
        <source>Factor on the adapter&apos;s output before it joins the residual stream</source>
        <translation type="unfinished">アダプター出力を残差ストリームに加える前に掛ける係数</translation>
    </message>
    <message>
        <source>Dropout on the adapter&apos;s output while training</source>
        <translation type="unfinished">学習中のアダプター出力への Dropout</translation>
    </message>
    <message>
        <source>How the two projections start</source>
        <translation type="unfinished">2 つの射影の初期値</translation>
    </message>
    <message>
        <source>small random (AdapterHub default)</source>
        <translation type="unfinished">小さな乱数（AdapterHub の既定）</translation>
    </message>
    <message>
        <source>up projection zero (starts as the base)</source>
        <translation type="unfinished">上方射影をゼロに（ベースモデルから開始）</translation>
    </message>
    <message>
        <source>truncated normal (Houlsby)</source>
        <translation type="unfinished">切断正規分布（Houlsby）</translation>
    </message>
</context>
<context>
    <name>MemoryEstimate</name>
    <message>
        <source>Runtime</source>
        <translation type="unfinished">ランタイム</translation>
    </message>
    <message>
        <source>Base weights</source>
        <translation type="unfinished">ベースの重み</translation>
    </message>
    <message>
        <source>Trainable adapter tensors</source>
        <translation type="unfinished">学習可能なアダプターテンソル</translation>
    </message>
    <message>
        <source>Gradients</source>
        <translation type="unfinished">勾配</translation>
    </message>
    <message>
        <source>Optimizer state (AdamW)</source>
        <translation type="unfinished">オプティマイザーの状態（AdamW）</translation>
    </message>
    <message>
        <source>Activations</source>
        <translation type="unfinished">活性化</translation>
    </message>
    <message>
        <source>Output head and loss</source>
        <translation type="unfinished">出力ヘッドと損失</translation>
    </message>
    <message>
        <source>Backward working memory</source>
        <translation type="unfinished">逆伝播の作業メモリ</translation>
    </message>
    <message>
        <source>Allocator slack</source>
        <translation type="unfinished">アロケーターの余裕分</translation>
    </message>
    <message>
        <source>The data could not be read (%1): assumed micro-batch x cutoff, every token labelled.</source>
        <translation type="unfinished">データを読み込めませんでした（%1）。マイクロバッチ × カットオフ長で、すべてのトークンにラベルがあると仮定しています。</translation>
    </message>
    <message>
        <source>Peak memory on %1 (estimate): %2 of %3 available.</source>
        <translation type="unfinished">%1 のピークメモリ（推定）：%2（使用可能 %3）。</translation>
    </message>
    <message>
        <source>Peak memory on %1 (estimate): %2.</source>
        <translation type="unfinished">%1 のピークメモリ（推定）：%2。</translation>
    </message>
    <message>
        <source>Does not fit: lower the micro-batch or the cutoff, or turn on gradient checkpointing or a 4-bit base.</source>
        <translation type="unfinished">収まりません。マイクロバッチまたはカットオフ長を小さくするか、勾配チェックポイントまたは 4 ビットのベースを有効にしてください。</translation>
    </message>
    <message>
        <source>No memory estimate until the run&apos;s settings are valid (%1: %2).</source>
        <translation type="unfinished">実行の設定が有効になるまでメモリを推定できません（%1：%2）。</translation>
    </message>
    <message>
        <source>AdaLoRA rank allocation</source>
        <translation type="unfinished">AdaLoRA のランク配分</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Fine-tune language models on your workstation.</source>
        <translation type="unfinished">ワークステーションで言語モデルをファインチューニングします。</translation>
    </message>
    <message>
        <source>Model folder or run configuration (RUN.json) to open (default: the last form, or the bundled demo).</source>
        <translation type="unfinished">開くモデルフォルダーまたは実行構成（RUN.json）（既定：前回のフォーム、または同梱のデモ）。</translation>
    </message>
    <message>
        <source>Save a picture of the window to FILE once it is shown, then quit.</source>
        <translation type="unfinished">ウィンドウの表示後にその画像を FILE に保存して終了します。</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::HubDownloadView</name>
    <message>
        <source>&amp;Access token:</source>
        <translation type="unfinished">アクセストークン(&amp;A):</translation>
    </message>
    <message>
        <source>hf_… (gated models)</source>
        <translation type="unfinished">hf_…（アクセス制限付きモデル）</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation type="unfinished">%1 から</translation>
    </message>
    <message>
        <source>For gated or private models: a Hugging Face access token (hf_…) of an account with access. Empty: HF_TOKEN or the token file, as huggingface_hub finds it. Kept only while this window is open, never saved.</source>
        <translation type="unfinished">アクセス制限付きまたは非公開のモデル用：アクセス権のあるアカウントの Hugging Face アクセストークン（hf_…）。空欄の場合は huggingface_hub と同様に HF_TOKEN またはトークンファイルを使用します。このウィンドウが開いている間だけ保持し、保存はしません。</translation>
    </message>
    <message>
        <source> — waiting for the server (a dropped connection is retried from here)</source>
        <translation type="unfinished"> — サーバーを待機中（接続が切れた場合はここから再試行）</translation>
    </message>
    <message numerus="yes">
        <source>; %n file(s) continued where an earlier download stopped</source>
        <translation type="unfinished">
            <numerusform>、%n 個のファイルは前回中断した位置から再開</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n file(s) fetched again after failing the checksum</source>
        <translation type="unfinished">
            <numerusform>、%n 個のファイルはチェックサム不一致のため再取得</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Download from the Hugging Face Hub&lt;/b&gt; (safetensors weights, config and tokenizer; never pickles)</source>
        <translation type="unfinished">&lt;b&gt;Hugging Face Hub からダウンロード&lt;/b&gt;（safetensors の重み、設定、トークナイザー。pickle は取得しない）</translation>
    </message>
    <message>
        <source>Re&amp;pository:</source>
        <translation type="unfinished">リポジトリ(&amp;P):</translation>
    </message>
    <message>
        <source>e.g. Qwen/Qwen3-0.6B</source>
        <translation type="unfinished">例: Qwen/Qwen3-0.6B</translation>
    </message>
    <message>
        <source>A model&apos;s repository id on the Hub. Gated models need an access token (the field on the right, or HF_TOKEN); HF_ENDPOINT selects a mirror.</source>
        <translation type="unfinished">Hub 上のモデルのリポジトリ ID。アクセス制限付きモデルにはアクセストークン（右側の欄または HF_TOKEN）が必要です。HF_ENDPOINT でミラーを指定できます。</translation>
    </message>
    <message>
        <source>Re&amp;vision:</source>
        <translation type="unfinished">リビジョン(&amp;V):</translation>
    </message>
    <message>
        <source>A branch, tag or commit (empty: main)</source>
        <translation type="unfinished">ブランチ、タグ、またはコミット（空欄：main）</translation>
    </message>
    <message>
        <source>&amp;Cancel download</source>
        <translation type="unfinished">ダウンロードをキャンセル(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Download</source>
        <translation type="unfinished">ダウンロード(&amp;D)</translation>
    </message>
    <message>
        <source>Asking the hub about %1…</source>
        <translation type="unfinished">%1 について Hub に問い合わせ中…</translation>
    </message>
    <message>
        <source>%1 files, %2 fetched, %3 already in the cache</source>
        <translation type="unfinished">%1 個のファイル、取得 %2、キャッシュ済み %3</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished">キャンセル中…</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation type="unfinished">%1 を読み込み中…</translation>
    </message>
    <message>
        <source>File %1 of %2: %3 — %4 of %5</source>
        <translation type="unfinished">ファイル %1/%2：%3 — %4 / %5</translation>
    </message>
    <message>
        <source> — checking</source>
        <translation type="unfinished"> — 検証中</translation>
    </message>
    <message>
        <source> — %1/s</source>
        <translation type="unfinished"> — %1/s</translation>
    </message>
    <message>
        <source> — %1 left</source>
        <translation type="unfinished"> — 残り %1</translation>
    </message>
    <message>
        <source>Cancelled. What was fetched stays in the cache; Download again continues from there.</source>
        <translation type="unfinished">キャンセルしました。取得済みのデータはキャッシュに残り、再度ダウンロードするとそこから続行します。</translation>
    </message>
    <message>
        <source>Download failed: %1</source>
        <translation type="unfinished">ダウンロードに失敗しました：%1</translation>
    </message>
    <message>
        <source>Downloaded: %1</source>
        <translation type="unfinished">ダウンロード完了：%1</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::CachedModelsView</name>
    <message>
        <source>&lt;b&gt;Models on this machine&lt;/b&gt; (Hugging Face and ModelScope caches)</source>
        <translation type="unfinished">&lt;b&gt;このマシン上のモデル&lt;/b&gt;（Hugging Face と ModelScope のキャッシュ）</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished">更新(&amp;R)</translation>
    </message>
    <message>
        <source>Look in the caches again</source>
        <translation type="unfinished">キャッシュを再検索</translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished">モデル</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation type="unfinished">リビジョン</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation type="unfinished">アーキテクチャ</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation type="unfinished">パラメーター数</translation>
    </message>
    <message>
        <source>Dtype</source>
        <translation type="unfinished">データ型</translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished">サイズ</translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished">状態</translation>
    </message>
    <message>
        <source>Models on this machine</source>
        <translation type="unfinished">このマシン上のモデル</translation>
    </message>
    <message>
        <source>Double-click or press Enter to open a model</source>
        <translation type="unfinished">ダブルクリックまたは Enter キーでモデルを開く</translation>
    </message>
    <message>
        <source>Looked in: %1</source>
        <translation type="unfinished">検索場所：%1</translation>
    </message>
    <message>
        <source>Looking for models…</source>
        <translation type="unfinished">モデルを検索中…</translation>
    </message>
    <message>
        <source>Could not list the caches: %1</source>
        <translation type="unfinished">キャッシュを一覧表示できません：%1</translation>
    </message>
    <message>
        <source>ready</source>
        <translation type="unfinished">使用可能</translation>
    </message>
    <message>
        <source>cannot load: %1</source>
        <translation type="unfinished">読み込み不可：%1</translation>
    </message>
    <message>
        <source>No models found. Download one below or choose a folder above.</source>
        <translation type="unfinished">モデルが見つかりません。下でダウンロードするか、上でフォルダーを選択してください。</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::ChatPage</name>
    <message>
        <source>Let a reasoning model think &amp;first (Qwen3, SmolLM3)</source>
        <translation type="unfinished">推論モデルに先に思考させる（Qwen3、SmolLM3）(&amp;F)</translation>
    </message>
    <message>
        <source>Off: the prompt ends with an empty think block and the model answers directly (enable_thinking=False)</source>
        <translation type="unfinished">オフ：プロンプトの末尾に空の think ブロックを置き、モデルは直接回答する（enable_thinking=False）</translation>
    </message>
    <message>
        <source>Model folder</source>
        <translation type="unfinished">モデルフォルダー</translation>
    </message>
    <message>
        <source>Adapter or run folder</source>
        <translation type="unfinished">アダプターまたは実行フォルダー</translation>
    </message>
    <message>
        <source>Loading the model and adapters…</source>
        <translation type="unfinished">モデルとアダプターを読み込み中…</translation>
    </message>
    <message numerus="yes">
        <source>Loaded the base and %n adapter(s) on it; template %1, context %2 tokens.</source>
        <translation type="unfinished">
            <numerusform>ベースモデルとそのアダプター %n 個を読み込みました。テンプレート %1、コンテキスト %2 トークン。</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot load: %1</source>
        <translation type="unfinished">読み込めません：%1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished">失敗：%1</translation>
    </message>
    <message>
        <source>%1 holds no adapter (adapter_config.json, or a run&apos;s adapter/ folder).</source>
        <translation type="unfinished">%1 にアダプターがありません（adapter_config.json、または実行の adapter/ フォルダー）。</translation>
    </message>
    <message>
        <source>Base model</source>
        <translation type="unfinished">ベースモデル</translation>
    </message>
    <message>
        <source>Choose the model folder to chat with.</source>
        <translation type="unfinished">チャットするモデルフォルダーを選択してください。</translation>
    </message>
    <message>
        <source>Tick the base model or an adapter to chat with.</source>
        <translation type="unfinished">チャットするベースモデルまたはアダプターにチェックを入れてください。</translation>
    </message>
    <message numerus="yes">
        <source>%n token(s)</source>
        <translation type="unfinished">
            <numerusform>%n トークン</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation type="unfinished">%1 tokens/s</translation>
    </message>
    <message>
        <source>finished</source>
        <translation type="unfinished">完了</translation>
    </message>
    <message>
        <source>reached the maximum new tokens</source>
        <translation type="unfinished">最大新規トークン数に到達</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished">停止</translation>
    </message>
    <message>
        <source>the context is full</source>
        <translation type="unfinished">コンテキストが上限に到達</translation>
    </message>
    <message numerus="yes">
        <source>the oldest %n message(s) were left out to fit the context</source>
        <translation type="unfinished">
            <numerusform>コンテキストに収めるため、古いメッセージ %n 件を省略</numerusform>
        </translation>
    </message>
    <message>
        <source>Not sent: the model could not be loaded.</source>
        <translation type="unfinished">未送信：モデルを読み込めませんでした。</translation>
    </message>
    <message>
        <source>Stopped before this model replied.</source>
        <translation type="unfinished">このモデルが応答する前に停止しました。</translation>
    </message>
    <message>
        <source>&amp;Model folder</source>
        <translation type="unfinished">モデルフォルダー(&amp;M)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished">参照…</translation>
    </message>
    <message>
        <source>Chat &amp;with (one pane each)</source>
        <translation type="unfinished">チャット対象（各ペインに 1 つ）(&amp;W)</translation>
    </message>
    <message>
        <source>The model without any adapter</source>
        <translation type="unfinished">アダプターなしのモデル</translation>
    </message>
    <message>
        <source>Add adapter…</source>
        <translation type="unfinished">アダプターを追加…</translation>
    </message>
    <message>
        <source>An adapter folder (PEFT layout) or a run folder; every listed adapter shares one loaded base</source>
        <translation type="unfinished">アダプターフォルダー（PEFT 形式）または実行フォルダー。一覧のアダプターはすべて、読み込んだ 1 つのベースを共有</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished">削除</translation>
    </message>
    <message>
        <source>auto (the model&apos;s own)</source>
        <translation type="unfinished">自動（モデル自身のもの）</translation>
    </message>
    <message>
        <source>Chat &amp;template</source>
        <translation type="unfinished">チャットテンプレート(&amp;T)</translation>
    </message>
    <message>
        <source>S&amp;ystem prompt</source>
        <translation type="unfinished">システムプロンプト(&amp;Y)</translation>
    </message>
    <message>
        <source>Max &amp;new tokens</source>
        <translation type="unfinished">最大新規トークン数(&amp;N)</translation>
    </message>
    <message>
        <source>T&amp;emperature</source>
        <translation type="unfinished">温度(&amp;E)</translation>
    </message>
    <message>
        <source>Top-&amp;k</source>
        <translation type="unfinished">Top-k(&amp;K)</translation>
    </message>
    <message>
        <source>Top-&amp;p</source>
        <translation type="unfinished">Top-p(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Repetition penalty</source>
        <translation type="unfinished">繰り返しペナルティ(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Seed</source>
        <translation type="unfinished">シード(&amp;S)</translation>
    </message>
    <message>
        <source>Empty: the template&apos;s default</source>
        <translation type="unfinished">空欄：テンプレートの既定値</translation>
    </message>
    <message>
        <source>0 = greedy (always the most likely token); higher = more varied</source>
        <translation type="unfinished">0 = 貪欲（常に最も確率の高いトークン）。高いほど多様</translation>
    </message>
    <message>
        <source>Sample only among the k most likely tokens (0 = off)</source>
        <translation type="unfinished">確率の高い上位 k 個のトークンからのみサンプリング（0 = オフ）</translation>
    </message>
    <message>
        <source>Sample only among the most likely tokens whose probabilities add up to p (1 = off)</source>
        <translation type="unfinished">確率の合計が p に達するまでの上位トークンからのみサンプリング（1 = オフ）</translation>
    </message>
    <message>
        <source>Above 1 discourages tokens already in the conversation (1 = off)</source>
        <translation type="unfinished">1 を超えると会話中に既に出たトークンを抑制（1 = オフ）</translation>
    </message>
    <message>
        <source>The same seed for every pane, so differences between panes come from the adapters</source>
        <translation type="unfinished">全ペインで同じシードを使うため、ペイン間の違いはアダプターによるもの</translation>
    </message>
    <message>
        <source>Messa&amp;ge (Ctrl+Enter sends)</source>
        <translation type="unfinished">メッセージ（Ctrl+Enter で送信）(&amp;G)</translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished">送信</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished">停止</translation>
    </message>
    <message>
        <source>Clear history</source>
        <translation type="unfinished">履歴をクリア</translation>
    </message>
    <message>
        <source>Empty the conversation of every pane</source>
        <translation type="unfinished">全ペインの会話を消去</translation>
    </message>
    <message>
        <source>&amp;Load the base as</source>
        <translation type="unfinished">ベースの読み込み形式(&amp;L)</translation>
    </message>
    <message>
        <source>Loading stopped.</source>
        <translation type="unfinished">読み込みを停止しました。</translation>
    </message>
    <message>
        <source>A reply is in progress: wait for it or press Stop before changing the model or the adapters.</source>
        <translation type="unfinished">応答を生成中です。モデルやアダプターを変更する前に、完了を待つか「停止」を押してください。</translation>
    </message>
    <message>
        <source>%1 of %2 prompt tokens kept from the last turn</source>
        <translation type="unfinished">前のターンからプロンプトトークン %2 個中 %1 個を再利用</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::ChatPane</name>
    <message>
        <source>You</source>
        <translation type="unfinished">あなた</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation type="unfinished">アシスタント</translation>
    </message>
    <message>
        <source>Generating…</source>
        <translation type="unfinished">生成中…</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::ComparePage</name>
    <message>
        <source>Not checked for training overlap: %1.</source>
        <translation type="unfinished">学習データとの重複は未確認：%1。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished">%1（%2）</translation>
    </message>
    <message>
        <source>ΔW cosine</source>
        <translation type="unfinished">ΔW コサイン</translation>
    </message>
    <message>
        <source>‖ΔW‖ (Frobenius norm)</source>
        <translation type="unfinished">‖ΔW‖（フロベニウスノルム）</translation>
    </message>
    <message>
        <source>not adapted</source>
        <translation type="unfinished">未適用</translation>
    </message>
    <message>
        <source>layer %1 · %2: %3</source>
        <translation type="unfinished">レイヤー %1 · %2：%3</translation>
    </message>
    <message>
        <source>Choose a held-out dataset to evaluate on: data the runs did not train on (Browse…).</source>
        <translation type="unfinished">評価に使うホールドアウトデータセットを選択してください。各実行が学習していないデータです（参照…）。</translation>
    </message>
    <message>
        <source>%1 trained on %2 of the %3 evaluation examples</source>
        <translation type="unfinished">%1 は評価サンプル %3 個中 %2 個を学習済み</translation>
    </message>
    <message>
        <source>Not held out: %1. Their scores include examples they learned; choose data none of the runs trained on.</source>
        <translation type="unfinished">ホールドアウトではありません：%1。スコアには学習済みのサンプルが含まれます。どの実行も学習していないデータを選択してください。</translation>
    </message>
    <message>
        <source>a held-out file the runs did not train on</source>
        <translation type="unfinished">各実行が学習していないホールドアウトファイル</translation>
    </message>
    <message>
        <source>Add a run or adapter folder</source>
        <translation type="unfinished">実行またはアダプターのフォルダーを追加</translation>
    </message>
    <message>
        <source>Choose the held-out dataset</source>
        <translation type="unfinished">ホールドアウトデータセットを選択</translation>
    </message>
    <message>
        <source>Export the evaluation</source>
        <translation type="unfinished">評価結果をエクスポート</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished">CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export the comparison</source>
        <translation type="unfinished">比較結果をエクスポート</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation type="unfinished">JSON (*.json)</translation>
    </message>
    <message>
        <source>Runs and adapters to compare:</source>
        <translation type="unfinished">比較する実行とアダプター:</translation>
    </message>
    <message>
        <source>Tick two or more runs of the workspace (or folders added below) trained on the same base</source>
        <translation type="unfinished">同じベースで学習したワークスペースの実行（または下で追加したフォルダー）を 2 つ以上チェック</translation>
    </message>
    <message>
        <source>Add run or adapter folder…</source>
        <translation type="unfinished">実行またはアダプターのフォルダーを追加…</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation type="unfinished">比較(&amp;C)</translation>
    </message>
    <message>
        <source>Read the ticked runs and adapters and show them side by side</source>
        <translation type="unfinished">チェックした実行とアダプターを読み込み、並べて表示</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished">概要</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation type="unfinished">構成</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation type="unfinished">曲線</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation type="unfinished">評価</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation type="unfinished">重み</translation>
    </message>
    <message>
        <source>Differences only</source>
        <translation type="unfinished">差分のみ</translation>
    </message>
    <message>
        <source>Curve:</source>
        <translation type="unfinished">曲線:</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation type="unfinished">学習損失</translation>
    </message>
    <message>
        <source>eval loss</source>
        <translation type="unfinished">評価損失</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation type="unfinished">学習率</translation>
    </message>
    <message>
        <source>X axis:</source>
        <translation type="unfinished">X 軸:</translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished">ステップ</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation type="unfinished">エポック</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation type="unfinished">トークン</translation>
    </message>
    <message>
        <source>Time (s)</source>
        <translation type="unfinished">時間（秒）</translation>
    </message>
    <message>
        <source>Untick a run to hide its curve</source>
        <translation type="unfinished">実行のチェックを外すと曲線を非表示</translation>
    </message>
    <message>
        <source>Held-out data:</source>
        <translation type="unfinished">ホールドアウトデータ:</translation>
    </message>
    <message>
        <source>Dataset every adapter and the base are scored on (the same formats as training)</source>
        <translation type="unfinished">ベースと各アダプターのスコア算出に使うデータセット（学習と同じ形式）</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished">参照…</translation>
    </message>
    <message>
        <source>Cutoff length:</source>
        <translation type="unfinished">カットオフ長:</translation>
    </message>
    <message>
        <source>Max samples:</source>
        <translation type="unfinished">最大サンプル数:</translation>
    </message>
    <message>
        <source>all</source>
        <translation type="unfinished">すべて</translation>
    </message>
    <message>
        <source>&amp;Evaluate</source>
        <translation type="unfinished">評価(&amp;E)</translation>
    </message>
    <message>
        <source>Score the base and every adapter on this data with one resident base (loss and perplexity)</source>
        <translation type="unfinished">常駐する 1 つのベースで、ベースと各アダプターをこのデータでスコア算出（損失とパープレキシティ）</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished">CSV をエクスポート…</translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation type="unfinished">JSON をエクスポート…</translation>
    </message>
    <message>
        <source>‖ΔW‖ per layer and module of one adapter, or the ΔW cosine between two</source>
        <translation type="unfinished">1 つのアダプターのレイヤー・モジュールごとの ‖ΔW‖、または 2 つの間の ΔW コサイン類似度</translation>
    </message>
    <message>
        <source>Tick at least two runs or adapters.</source>
        <translation type="unfinished">実行またはアダプターを 2 つ以上チェックしてください。</translation>
    </message>
    <message numerus="yes">
        <source>Reading %n item(s)…</source>
        <translation type="unfinished">
            <numerusform>%n 項目を読み込み中…</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot compare: %1</source>
        <translation type="unfinished">比較できません：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) compared.</source>
        <translation type="unfinished">
            <numerusform>%n 項目を比較しました。</numerusform>
        </translation>
    </message>
    <message>
        <source>Tick the runs or adapters to evaluate.</source>
        <translation type="unfinished">評価する実行またはアダプターにチェックを入れてください。</translation>
    </message>
    <message>
        <source>Evaluating…</source>
        <translation type="unfinished">評価中…</translation>
    </message>
    <message>
        <source>Cannot evaluate: %1</source>
        <translation type="unfinished">評価できません：%1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished">名前</translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished">手法</translation>
    </message>
    <message>
        <source>r</source>
        <translation type="unfinished">r</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation type="unfinished">パラメーター数</translation>
    </message>
    <message>
        <source>File (KiB)</source>
        <translation type="unfinished">ファイル（KiB）</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation type="unfinished">ステップ数</translation>
    </message>
    <message>
        <source>Final loss</source>
        <translation type="unfinished">最終損失</translation>
    </message>
    <message>
        <source>Best eval loss</source>
        <translation type="unfinished">最良評価損失</translation>
    </message>
    <message>
        <source>Mean ‖ΔW‖</source>
        <translation type="unfinished">平均 ‖ΔW‖</translation>
    </message>
    <message>
        <source>Effective rank</source>
        <translation type="unfinished">実効ランク</translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished">キー</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation type="unfinished">損失</translation>
    </message>
    <message>
        <source>Perplexity</source>
        <translation type="unfinished">パープレキシティ</translation>
    </message>
    <message>
        <source>Seconds</source>
        <translation type="unfinished">秒</translation>
    </message>
    <message>
        <source>Cannot export: %1</source>
        <translation type="unfinished">エクスポートできません：%1</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation type="unfinished">%1 をエクスポートしました</translation>
    </message>
    <message>
        <source>‖ΔW‖ of %1</source>
        <translation type="unfinished">%1 の ‖ΔW‖</translation>
    </message>
    <message>
        <source>ΔW cosine, %1 vs %2</source>
        <translation type="unfinished">ΔW コサイン：%1 と %2</translation>
    </message>
    <message>
        <source>module</source>
        <translation type="unfinished">モジュール</translation>
    </message>
    <message>
        <source>layer</source>
        <translation type="unfinished">レイヤー</translation>
    </message>
    <message>
        <source>Generations</source>
        <translation type="unfinished">生成</translation>
    </message>
    <message>
        <source>One prompt per line; each goes through the base and every ticked adapter with the same seed</source>
        <translation type="unfinished">1 行に 1 つのプロンプト。各プロンプトを同じシードでベースとチェックした各アダプターに通す</translation>
    </message>
    <message>
        <source>max tokens </source>
        <translation type="unfinished">最大トークン数 </translation>
    </message>
    <message>
        <source>Log-probabilities</source>
        <translation type="unfinished">対数確率</translation>
    </message>
    <message>
        <source>Tint each token by its log-probability under its model minus under the base (hover for the numbers)</source>
        <translation type="unfinished">各トークンを、そのモデルでの対数確率からベースでの対数確率を引いた値で色分け（ホバーで数値を表示）</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation type="unfinished">生成(&amp;G)</translation>
    </message>
    <message>
        <source>Tick the runs or adapters and write at least one prompt.</source>
        <translation type="unfinished">実行またはアダプターにチェックを入れ、プロンプトを 1 つ以上入力してください。</translation>
    </message>
    <message>
        <source>Generating…</source>
        <translation type="unfinished">生成中…</translation>
    </message>
    <message>
        <source>Cannot generate: %1</source>
        <translation type="unfinished">生成できません：%1</translation>
    </message>
    <message>
        <source>Generated.</source>
        <translation type="unfinished">生成しました。</translation>
    </message>
    <message>
        <source>Outputs diverge at token %1 (highlighted from there).</source>
        <translation type="unfinished">出力はトークン %1 で分岐しています（そこから強調表示）。</translation>
    </message>
    <message>
        <source>All outputs are identical.</source>
        <translation type="unfinished">すべての出力が同一です。</translation>
    </message>
    <message>
        <source>Com&amp;bine LoRA adapters…</source>
        <translation type="unfinished">LoRA アダプターを結合(&amp;B)…</translation>
    </message>
    <message>
        <source>Weighted combination of the ticked LoRA adapters into a new adapter, as PEFT&apos;s add_weighted_adapter</source>
        <translation type="unfinished">チェックした LoRA アダプターを重み付きで結合して新しいアダプターを作成（PEFT の add_weighted_adapter と同様）</translation>
    </message>
    <message>
        <source>Combine LoRA adapters</source>
        <translation type="unfinished">LoRA アダプターを結合</translation>
    </message>
    <message>
        <source>linear (equal ranks, as PEFT)</source>
        <translation type="unfinished">linear（ランクが同じであること、PEFT と同様）</translation>
    </message>
    <message>
        <source>cat (ranks add up; exactly Σ w·ΔW)</source>
        <translation type="unfinished">cat（ランクを合算、厳密に Σ w·ΔW）</translation>
    </message>
    <message>
        <source>Method:</source>
        <translation type="unfinished">手法:</translation>
    </message>
    <message>
        <source>Output folder:</source>
        <translation type="unfinished">出力フォルダー:</translation>
    </message>
    <message>
        <source>Combining…</source>
        <translation type="unfinished">結合中…</translation>
    </message>
    <message>
        <source>Cannot combine: %1</source>
        <translation type="unfinished">結合できません：%1</translation>
    </message>
    <message>
        <source>Combined into %1.</source>
        <translation type="unfinished">%1 に結合しました。</translation>
    </message>
    <message>
        <source>&amp;Load the base as (evaluation, generations):</source>
        <translation type="unfinished">ベースの読み込み形式（評価、生成）(&amp;L):</translation>
    </message>
    <message>
        <source>Evaluated on %1 (base held as %2).</source>
        <translation type="unfinished">%1 で評価しました（ベースは %2 で保持）。</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::CurvesWidget</name>
    <message>
        <source>Loss</source>
        <translation type="unfinished">損失</translation>
    </message>
    <message>
        <source>Training loss of every logged step</source>
        <translation type="unfinished">ログに記録された各ステップの学習損失</translation>
    </message>
    <message>
        <source>Smoothed</source>
        <translation type="unfinished">平滑化</translation>
    </message>
    <message>
        <source>Exponential moving average of the training loss (weight set by the slider)</source>
        <translation type="unfinished">学習損失の指数移動平均（重みはスライダーで設定）</translation>
    </message>
    <message>
        <source>Eval loss</source>
        <translation type="unfinished">評価損失</translation>
    </message>
    <message>
        <source>Loss on the held-out evaluation set</source>
        <translation type="unfinished">ホールドアウト評価セットでの損失</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation type="unfinished">学習率</translation>
    </message>
    <message>
        <source>Grad norm</source>
        <translation type="unfinished">勾配ノルム</translation>
    </message>
    <message>
        <source>Global gradient L2 norm before clipping (right axis)</source>
        <translation type="unfinished">クリップ前の全体勾配の L2 ノルム（右軸）</translation>
    </message>
    <message>
        <source>Smoothing %1</source>
        <translation type="unfinished">平滑化 %1</translation>
    </message>
    <message>
        <source>Weight of the moving average: 0 = raw, 0.99 = very smooth</source>
        <translation type="unfinished">移動平均の重み：0 = 生データ、0.99 = 非常に滑らか</translation>
    </message>
    <message>
        <source>Smoothing</source>
        <translation type="unfinished">平滑化</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation type="unfinished">対数スケール</translation>
    </message>
    <message>
        <source>Logarithmic loss axis</source>
        <translation type="unfinished">損失軸を対数表示</translation>
    </message>
    <message>
        <source>X axis:</source>
        <translation type="unfinished">X 軸:</translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished">ステップ</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation type="unfinished">エポック</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation type="unfinished">トークン</translation>
    </message>
    <message>
        <source>Time (s)</source>
        <translation type="unfinished">時間（秒）</translation>
    </message>
    <message>
        <source>What the horizontal axis counts</source>
        <translation type="unfinished">横軸の単位</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation type="unfinished">全体表示</translation>
    </message>
    <message>
        <source>Show all points and follow new ones (drag pans, wheel zooms)</source>
        <translation type="unfinished">すべての点を表示し、新しい点に追従（ドラッグでパン、ホイールでズーム）</translation>
    </message>
    <message>
        <source>loss</source>
        <translation type="unfinished">損失</translation>
    </message>
    <message>
        <source>smoothed</source>
        <translation type="unfinished">平滑化</translation>
    </message>
    <message>
        <source>eval loss</source>
        <translation type="unfinished">評価損失</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation type="unfinished">学習率</translation>
    </message>
    <message>
        <source>grad norm</source>
        <translation type="unfinished">勾配ノルム</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::DataPage</name>
    <message>
        <source>Datasets in this folder (dataset_info.json)</source>
        <translation type="unfinished">このフォルダー内のデータセット（dataset_info.json）</translation>
    </message>
    <message>
        <source>Tick the entries to train on; entries PeftDesk cannot use say why</source>
        <translation type="unfinished">学習に使う項目にチェック。PeftDesk で使えない項目には理由を表示</translation>
    </message>
    <message>
        <source>Template:</source>
        <translation type="unfinished">テンプレート:</translation>
    </message>
    <message>
        <source>auto (the model&apos;s own)</source>
        <translation type="unfinished">自動（モデル自身のもの）</translation>
    </message>
    <message>
        <source>Chat template used to turn conversations into tokens; auto picks the model&apos;s own family</source>
        <translation type="unfinished">会話をトークンに変換するチャットテンプレート。自動ではモデル自身のファミリーを選択</translation>
    </message>
    <message>
        <source>Column mapping</source>
        <translation type="unfinished">列のマッピング</translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished">フィールド</translation>
    </message>
    <message>
        <source>Column / tag in the file</source>
        <translation type="unfinished">ファイル内の列 / タグ</translation>
    </message>
    <message>
        <source>Which column of the file holds each field (as LLaMA-Factory&apos;s columns and tags); edit to map other names</source>
        <translation type="unfinished">各フィールドがファイルのどの列にあるか（LLaMA-Factory の columns と tags と同様）。編集すると別の名前に対応付けられる</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation type="unfinished">プレビュー</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation type="unfinished">トークン</translation>
    </message>
    <message>
        <source>Lengths</source>
        <translation type="unfinished">長さ</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation type="unfinished">問題</translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation type="unfinished">◀ 前へ</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation type="unfinished">次へ ▶</translation>
    </message>
    <message>
        <source>Example:</source>
        <translation type="unfinished">サンプル:</translation>
    </message>
    <message>
        <source>Which example to show as the trainer will see it (double-click a preview row too)</source>
        <translation type="unfinished">トレーナーから見た形で表示するサンプル（プレビューの行をダブルクリックしても可）</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;background:#c8e6c9;color:#1b5e20&apos;&gt;&amp;nbsp;trained&amp;nbsp;&lt;/span&gt; &lt;span style=&apos;background:#e0e0e0;color:#616161&apos;&gt;&amp;nbsp;masked (prompt, history)&amp;nbsp;&lt;/span&gt; &lt;span style=&apos;color:#c62828&apos;&gt;&lt;b&gt;✂&lt;/b&gt; truncated at the cutoff&lt;/span&gt;</source>
        <translation type="unfinished">&lt;span style=&apos;background:#c8e6c9;color:#1b5e20&apos;&gt;&amp;nbsp;学習対象&amp;nbsp;&lt;/span&gt; &lt;span style=&apos;background:#e0e0e0;color:#616161&apos;&gt;&amp;nbsp;マスク（プロンプト、履歴）&amp;nbsp;&lt;/span&gt; &lt;span style=&apos;color:#c62828&apos;&gt;&lt;b&gt;✂&lt;/b&gt; カットオフ長で切り詰め&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Tokens of the example</source>
        <translation type="unfinished">サンプルのトークン</translation>
    </message>
    <message>
        <source>Malformed records</source>
        <translation type="unfinished">不正なレコード</translation>
    </message>
    <message>
        <source>Reading the data…</source>
        <translation type="unfinished">データを読み込み中…</translation>
    </message>
    <message>
        <source>Cannot read the data: %1</source>
        <translation type="unfinished">データを読み込めません：%1</translation>
    </message>
    <message>
        <source>%1 examples from %2 records · format %3</source>
        <translation type="unfinished">%2 件のレコードから %1 個のサンプル · 形式 %3</translation>
    </message>
    <message>
        <source>Template: %1</source>
        <translation type="unfinished">テンプレート：%1</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation type="unfinished">警告：%1</translation>
    </message>
    <message>
        <source>%1 of %2 examples are longer than the cutoff (%3 tokens) and will be truncated</source>
        <translation type="unfinished">%2 個中 %1 個のサンプルがカットオフ長（%3 トークン）を超えており、切り詰められます</translation>
    </message>
    <message numerus="yes">
        <source>%n malformed record(s): see Problems</source>
        <translation type="unfinished">
            <numerusform>不正なレコード %n 件：「問題」を参照</numerusform>
        </translation>
    </message>
    <message>
        <source>Problems (%1)</source>
        <translation type="unfinished">問題（%1）</translation>
    </message>
    <message>
        <source>#</source>
        <translation type="unfinished">#</translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished">ソース</translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished">テキスト</translation>
    </message>
    <message>
        <source>System</source>
        <translation type="unfinished">システム</translation>
    </message>
    <message>
        <source>Turns</source>
        <translation type="unfinished">ターン数</translation>
    </message>
    <message>
        <source>First prompt</source>
        <translation type="unfinished">最初のプロンプト</translation>
    </message>
    <message>
        <source>First response</source>
        <translation type="unfinished">最初の応答</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation type="unfinished">%1 / %2 ページ</translation>
    </message>
    <message>
        <source>Cannot encode this example: %1</source>
        <translation type="unfinished">このサンプルをエンコードできません：%1</translation>
    </message>
    <message>
        <source>cutoff %1: %2 of %3 tokens kept</source>
        <translation type="unfinished">カットオフ長 %1：%3 トークン中 %2 個を保持</translation>
    </message>
    <message>
        <source>%1 tokens, %2 trained, %3 masked · %4</source>
        <translation type="unfinished">%1 トークン、学習対象 %2、マスク %3 · %4</translation>
    </message>
    <message>
        <source>examples</source>
        <translation type="unfinished">サンプル数</translation>
    </message>
    <message>
        <source>cutoff %1 (dashed): %2 of %3 longer</source>
        <translation type="unfinished">カットオフ長 %1（破線）：%3 個中 %2 個が超過</translation>
    </message>
    <message>
        <source>tokens per example</source>
        <translation type="unfinished">サンプルあたりのトークン数</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::ExportDialog</name>
    <message>
        <source>Merging the adapter into the weights…</source>
        <translation type="unfinished">アダプターを重みにマージ中…</translation>
    </message>
    <message>
        <source>Writing the files…</source>
        <translation type="unfinished">ファイルを書き込み中…</translation>
    </message>
    <message>
        <source>Checking the merged model against base + adapter…</source>
        <translation type="unfinished">マージしたモデルをベース + アダプターと照合中…</translation>
    </message>
    <message>
        <source>Moving the files into place…</source>
        <translation type="unfinished">ファイルを所定の場所に移動中…</translation>
    </message>
    <message>
        <source>Export cancelled: nothing was written to %1.</source>
        <translation type="unfinished">エクスポートをキャンセルしました。%1 には何も書き込まれていません。</translation>
    </message>
    <message>
        <source>Export into</source>
        <translation type="unfinished">エクスポート先</translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation type="unfinished">%1 をエクスポート</translation>
    </message>
    <message>
        <source>Adapter: %1
Base model: %2</source>
        <translation type="unfinished">アダプター：%1
ベースモデル：%2</translation>
    </message>
    <message>
        <source>Export as:</source>
        <translation type="unfinished">エクスポート形式:</translation>
    </message>
    <message>
        <source>Adapter (PEFT format; AdapterHub&apos;s for bottleneck adapters)</source>
        <translation type="unfinished">アダプター（PEFT 形式。ボトルネックアダプターは AdapterHub 形式）</translation>
    </message>
    <message>
        <source>adapter_config.json + adapter_model.safetensors; loads with PeftModel.from_pretrained (a bottleneck adapter: adapter.safetensors, loads with the adapters library)</source>
        <translation type="unfinished">adapter_config.json + adapter_model.safetensors。PeftModel.from_pretrained で読み込み可能（ボトルネックアダプター：adapter.safetensors、adapters ライブラリで読み込み）</translation>
    </message>
    <message>
        <source>Merged model</source>
        <translation type="unfinished">マージ済みモデル</translation>
    </message>
    <message>
        <source>The adapter merged into the base weights: a plain transformers model folder</source>
        <translation type="unfinished">アダプターをベースの重みにマージ：通常の transformers モデルフォルダー</translation>
    </message>
    <message>
        <source>Weights dtype:</source>
        <translation type="unfinished">重みのデータ型:</translation>
    </message>
    <message>
        <source>Shard size:</source>
        <translation type="unfinished">シャードサイズ:</translation>
    </message>
    <message>
        <source>Split the merged weights into files of at most this size</source>
        <translation type="unfinished">マージした重みを、最大でこのサイズのファイルに分割</translation>
    </message>
    <message>
        <source>Check the merge (recommended)</source>
        <translation type="unfinished">マージを検証（推奨）</translation>
    </message>
    <message>
        <source>Compare merged logits with base + adapter and refuse a merge that changes nothing</source>
        <translation type="unfinished">マージ後のロジットをベース + アダプターと比較し、何も変化しないマージは拒否</translation>
    </message>
    <message>
        <source>Write a model card (README.md)</source>
        <translation type="unfinished">モデルカード（README.md）を書き込む</translation>
    </message>
    <message>
        <source>Output folder:</source>
        <translation type="unfinished">出力フォルダー:</translation>
    </message>
    <message>
        <source>A new or empty folder; an existing non-empty folder is never written into</source>
        <translation type="unfinished">新規または空のフォルダー。既存の空でないフォルダーには書き込まない</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished">参照…</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation type="unfinished">エクスポート(&amp;E)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished">キャンセル</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished">キャンセル中…</translation>
    </message>
    <message>
        <source>Choose an output folder.</source>
        <translation type="unfinished">出力フォルダーを選択してください。</translation>
    </message>
    <message>
        <source>%1 exists and is not empty: choose a new or empty folder (nothing was changed).</source>
        <translation type="unfinished">%1 は既に存在し、空ではありません。新規または空のフォルダーを選択してください（何も変更していません）。</translation>
    </message>
    <message>
        <source>This run has no adapter to export yet.</source>
        <translation type="unfinished">この実行にはまだエクスポートできるアダプターがありません。</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation type="unfinished">エクスポート中…</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation type="unfinished">エクスポートに失敗しました：%1</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n file(s) to %1.</source>
        <translation type="unfinished">
            <numerusform>%n 個のファイルを %1 にエクスポートしました。</numerusform>
        </translation>
    </message>
    <message>
        <source>Merge checked: max |logit difference| %1, largest weight change %2.</source>
        <translation type="unfinished">マージを検証しました：最大 |ロジット差| %1、最大の重み変化 %2。</translation>
    </message>
    <message>
        <source>GGUF type:</source>
        <translation type="unfinished">GGUF の型：</translation>
    </message>
    <message>
        <source>GGUF content:</source>
        <translation type="unfinished">GGUF の内容：</translation>
    </message>
    <message>
        <source>GGUF (llama.cpp / Ollama)</source>
        <translation type="unfinished">GGUF（llama.cpp / Ollama）</translation>
    </message>
    <message>
        <source>One .gguf file that llama.cpp and Ollama run, written as llama.cpp&apos;s own converter writes it</source>
        <translation type="unfinished">llama.cpp と Ollama で実行できる 1 つの .gguf ファイル。llama.cpp 自身の変換スクリプトと同じ形式で書き出します</translation>
    </message>
    <message>
        <source>Merged model (runs on its own)</source>
        <translation type="unfinished">マージ済みモデル（単体で実行可能）</translation>
    </message>
    <message>
        <source>LoRA adapter (llama.cpp --lora, on the base model&apos;s GGUF)</source>
        <translation type="unfinished">LoRA アダプター（llama.cpp --lora、ベースモデルの GGUF に適用）</translation>
    </message>
    <message>
        <source>Write an Ollama Modelfile</source>
        <translation type="unfinished">Ollama の Modelfile を書き出す</translation>
    </message>
    <message>
        <source>The chat template the run trained with and its stop tokens, so that the model answers in its format and stops</source>
        <translation type="unfinished">学習に使ったチャットテンプレートと停止トークンを書き込み、モデルが正しい形式で答えて停止するようにします</translation>
    </message>
    <message>
        <source>Writing the GGUF file…</source>
        <translation type="unfinished">GGUF ファイルを書き込み中…</translation>
    </message>
    <message>
        <source>Wrote %1 into %2.</source>
        <translation type="unfinished">%1 を %2 に書き出しました。</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::FirstRunGuide</name>
    <message>
        <source>Model</source>
        <translation type="unfinished">モデル</translation>
    </message>
    <message>
        <source>Data</source>
        <translation type="unfinished">データ</translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished">手法</translation>
    </message>
    <message>
        <source>LoRA is chosen. Change the method or its targets and watch the trainable parameters and the adapter size; Measure runs three real steps to time them.</source>
        <translation type="unfinished">LoRA が選択されています。手法や対象を変更すると、学習可能なパラメーター数とアダプターのサイズの変化を確認できます。「計測」では実際に 3 ステップ実行して時間を測ります。</translation>
    </message>
    <message>
        <source>Train</source>
        <translation type="unfinished">学習</translation>
    </message>
    <message>
        <source>Press Start: the loss is drawn live, and you can pause or stop and save at any time. The run then appears on the Runs page; in its Chat, ask &quot;What is your name?&quot;: the base and the tuned model answer side by side.</source>
        <translation type="unfinished">「開始」を押すと損失がリアルタイムに描画され、いつでも一時停止したり、停止して保存したりできます。その後、実行は「実行一覧」ページに表示されます。その「チャット」で「What is your name?」と尋ねると、ベースモデルとチューニング後のモデルが並んで回答します。</translation>
    </message>
    <message>
        <source>Getting started — step %1 of %2: %3</source>
        <translation type="unfinished">はじめに — ステップ %1/%2：%3</translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished">戻る</translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished">完了</translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished">次へ</translation>
    </message>
    <message>
        <source>Close guide</source>
        <translation type="unfinished">ガイドを閉じる</translation>
    </message>
    <message>
        <source>Hide the guide; Help ▸ Getting Started shows it again</source>
        <translation type="unfinished">ガイドを非表示にする。「ヘルプ ▸ はじめに」で再表示できる</translation>
    </message>
    <message>
        <source>A first start opens the small demo model. To fine-tune your own, choose its Hugging Face folder here: the summary shows its size and the memory it needs.</source>
        <translation type="unfinished">初回起動時は小さなデモモデルを開きます。独自のモデルをファインチューニングするには、ここでその Hugging Face フォルダーを選択してください。概要にサイズと必要なメモリが表示されます。</translation>
    </message>
    <message>
        <source>A first start loads the demo dataset. Pick your own file or LLaMA-Factory folder: the preview and the token inspector show exactly which tokens the model will learn.</source>
        <translation type="unfinished">初回起動時はデモデータセットを読み込みます。独自のファイルまたは LLaMA-Factory フォルダーを選択してください。プレビューとトークンインスペクターで、モデルがどのトークンを学習するかを正確に確認できます。</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::MainWindow</name>
    <message>
        <source>%1 cannot be opened: %2</source>
        <translation type="unfinished">%1 を開けません：%2</translation>
    </message>
    <message>
        <source>PeftDesk — %1</source>
        <translation type="unfinished">PeftDesk — %1</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation type="unfinished">%1 を開きました</translation>
    </message>
    <message>
        <source>Choose a model folder</source>
        <translation type="unfinished">モデルフォルダーを選択</translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation type="unfinished">Ctrl+Shift+O</translation>
    </message>
    <message>
        <source>Open a run configuration</source>
        <translation type="unfinished">実行構成を開く</translation>
    </message>
    <message>
        <source>Run configuration (*.json)</source>
        <translation type="unfinished">実行構成 (*.json)</translation>
    </message>
    <message>
        <source>Save the run configuration</source>
        <translation type="unfinished">実行構成を保存</translation>
    </message>
    <message>
        <source>Save the run configuration for the command line</source>
        <translation type="unfinished">コマンドライン用に実行構成を保存</translation>
    </message>
    <message>
        <source>Equivalent command</source>
        <translation type="unfinished">同等のコマンド</translation>
    </message>
    <message>
        <source>This configuration was saved to %1. The same run from a terminal:</source>
        <translation type="unfinished">この構成を %1 に保存しました。ターミナルから同じ実行を行うには:</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished">コピー</translation>
    </message>
    <message>
        <source>PeftDesk</source>
        <translation type="unfinished">PeftDesk</translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished">モデル</translation>
    </message>
    <message>
        <source>Data</source>
        <translation type="unfinished">データ</translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished">手法</translation>
    </message>
    <message>
        <source>Train</source>
        <translation type="unfinished">学習</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation type="unfinished">実行一覧</translation>
    </message>
    <message>
        <source>The base model: architecture, size, memory</source>
        <translation type="unfinished">ベースモデル：アーキテクチャ、サイズ、メモリ</translation>
    </message>
    <message>
        <source>Dataset, format, template, preview, tokens, problems</source>
        <translation type="unfinished">データセット、形式、テンプレート、プレビュー、トークン、問題</translation>
    </message>
    <message>
        <source>Fine-tuning method, targets, trainable parameters, cost</source>
        <translation type="unfinished">ファインチューニング手法、対象、学習可能なパラメーター、コスト</translation>
    </message>
    <message>
        <source>Hyper-parameters, start / pause / stop, live curves</source>
        <translation type="unfinished">ハイパーパラメーター、開始 / 一時停止 / 停止、リアルタイム曲線</translation>
    </message>
    <message>
        <source>Every run of the workspace: state, curves, reopen, resume</source>
        <translation type="unfinished">ワークスペースのすべての実行：状態、曲線、再読み込み、再開</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation type="unfinished">ページ</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished">ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open Model Folder…</source>
        <translation type="unfinished">モデルフォルダーを開く(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Run Configuration…</source>
        <translation type="unfinished">実行構成を開く(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Save Run Configuration…</source>
        <translation type="unfinished">実行構成を保存(&amp;S)…</translation>
    </message>
    <message>
        <source>Show &amp;Command Line…</source>
        <translation type="unfinished">コマンドラインを表示(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished">終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished">表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished">言語(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished">ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About PeftDesk</source>
        <translation type="unfinished">PeftDesk について(&amp;A)</translation>
    </message>
    <message>
        <source>The %1 translation could not be loaded</source>
        <translation type="unfinished">%1 の翻訳を読み込めませんでした</translation>
    </message>
    <message>
        <source>Cannot open the run configuration</source>
        <translation type="unfinished">実行構成を開けません</translation>
    </message>
    <message>
        <source>Loaded %1</source>
        <translation type="unfinished">%1 を読み込みました</translation>
    </message>
    <message>
        <source>Cannot save the run configuration</source>
        <translation type="unfinished">実行構成を保存できません</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation type="unfinished">%1 を保存しました</translation>
    </message>
    <message>
        <source>About PeftDesk</source>
        <translation type="unfinished">PeftDesk について</translation>
    </message>
    <message>
        <source>&lt;b&gt;PeftDesk %1&lt;/b&gt;&lt;br&gt;Fine-tune language models on your workstation.&lt;br&gt;&lt;br&gt;%2</source>
        <translation type="unfinished">&lt;b&gt;PeftDesk %1&lt;/b&gt;&lt;br&gt;ワークステーションで言語モデルをファインチューニングします。&lt;br&gt;&lt;br&gt;%2</translation>
    </message>
    <message>
        <source>A run is in progress</source>
        <translation type="unfinished">学習を実行中です</translation>
    </message>
    <message>
        <source>Training is still running. Stop it and save a checkpoint before quitting? It can be resumed later from the Runs page.</source>
        <translation type="unfinished">学習はまだ実行中です。終了する前に停止してチェックポイントを保存しますか？後で「実行一覧」ページから再開できます。</translation>
    </message>
    <message>
        <source>Saving a checkpoint…</source>
        <translation type="unfinished">チェックポイントを保存中…</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation type="unfinished">比較</translation>
    </message>
    <message>
        <source>Runs and adapters side by side: losses, curves, evaluation, weights</source>
        <translation type="unfinished">実行とアダプターを並べて比較：損失、曲線、評価、重み</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation type="unfinished">チャット</translation>
    </message>
    <message>
        <source>Chat with the base model and adapters, side by side</source>
        <translation type="unfinished">ベースモデルとアダプターを並べてチャット</translation>
    </message>
    <message>
        <source>&amp;Getting Started</source>
        <translation type="unfinished">はじめに(&amp;G)</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::MethodPage</name>
    <message>
        <source>DoRA</source>
        <translation type="unfinished">DoRA</translation>
    </message>
    <message>
        <source>Weight-decomposed LoRA: the low-rank update plus a learned magnitude per output row.</source>
        <translation type="unfinished">重み分解 LoRA：低ランク更新に加え、出力行ごとに大きさ（マグニチュード）を学習。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2</source>
        <translation type="unfinished">&lt;b&gt;%1&lt;/b&gt;：%2</translation>
    </message>
    <message>
        <source>; GPU memory peak %1 of %2</source>
        <translation type="unfinished">、GPU メモリのピーク %1 / %2</translation>
    </message>
    <message>
        <source>LoRA</source>
        <translation type="unfinished">LoRA</translation>
    </message>
    <message>
        <source>Low-rank update B·A beside each target layer; DoRA, rsLoRA and LoRA+ are options below.</source>
        <translation type="unfinished">各対象レイヤーの横に低ランク更新 B·A を追加。DoRA、rsLoRA、LoRA+ は下のオプションで設定。</translation>
    </message>
    <message>
        <source>QLoRA (4-bit base)</source>
        <translation type="unfinished">QLoRA（4 ビットのベース）</translation>
    </message>
    <message>
        <source>LoRA on a base quantized to 4 bits on load (NF4, as bitsandbytes): a quarter of the weight memory.</source>
        <translation type="unfinished">読み込み時に 4 ビットに量子化したベース（NF4、bitsandbytes と同様）で LoRA を学習：重みのメモリは 4 分の 1。</translation>
    </message>
    <message>
        <source>IA³</source>
        <translation type="unfinished">IA³</translation>
    </message>
    <message>
        <source>Learned per-channel scaling of keys, values and feed-forward activations: very few parameters.</source>
        <translation type="unfinished">キー、値、フィードフォワード活性化をチャネルごとに学習可能なスケーリング：パラメーターはごくわずか。</translation>
    </message>
    <message>
        <source>Prefix tuning</source>
        <translation type="unfinished">プレフィックスチューニング</translation>
    </message>
    <message>
        <source>Learned key/value vectors prepended in every attention layer.</source>
        <translation type="unfinished">各アテンションレイヤーの先頭に学習可能なキー/値ベクトルを追加。</translation>
    </message>
    <message>
        <source>Prompt tuning</source>
        <translation type="unfinished">プロンプトチューニング</translation>
    </message>
    <message>
        <source>Learned input embeddings prepended to every example.</source>
        <translation type="unfinished">各サンプルの先頭に学習可能な入力埋め込みを追加。</translation>
    </message>
    <message>
        <source>Full fine-tuning</source>
        <translation type="unfinished">フルファインチューニング</translation>
    </message>
    <message>
        <source>Every base parameter trains (for comparison: memory grows with the whole model).</source>
        <translation type="unfinished">ベースのすべてのパラメーターを学習（比較用：メモリはモデル全体に応じて増加）。</translation>
    </message>
    <message>
        <source>Freeze (last layers)</source>
        <translation type="unfinished">フリーズ（最後のレイヤー）</translation>
    </message>
    <message>
        <source>Only the last N decoder layers train, as LLaMA-Factory&apos;s freeze tuning.</source>
        <translation type="unfinished">LLaMA-Factory の freeze チューニングと同様に、最後の N 個のデコーダーレイヤーのみを学習。</translation>
    </message>
    <message>
        <source>4-bit base (QLoRA)</source>
        <translation type="unfinished">4 ビットのベース（QLoRA）</translation>
    </message>
    <message>
        <source>Target modules</source>
        <translation type="unfinished">対象モジュール</translation>
    </message>
    <message>
        <source>All linear layers (all-linear)</source>
        <translation type="unfinished">すべての線形レイヤー（all-linear）</translation>
    </message>
    <message>
        <source>Adapt every linear layer except the output head, as PEFT&apos;s all-linear</source>
        <translation type="unfinished">出力ヘッド以外のすべての線形レイヤーに適用（PEFT の all-linear と同様）</translation>
    </message>
    <message>
        <source>The model&apos;s own linear modules; the adapter goes beside each checked one</source>
        <translation type="unfinished">モデル自身の線形モジュール。チェックした各モジュールの横にアダプターを配置</translation>
    </message>
    <message>
        <source>Feed-forward modules (scaled on their input):</source>
        <translation type="unfinished">フィードフォワードモジュール（入力をスケーリング）:</translation>
    </message>
    <message>
        <source>IA³ scales these modules&apos; inputs instead of their outputs; they must be targets too</source>
        <translation type="unfinished">IA³ はこれらのモジュールの出力ではなく入力をスケーリングする。これらも対象モジュールに含める必要がある</translation>
    </message>
    <message>
        <source>Trainable parameters</source>
        <translation type="unfinished">学習可能なパラメーター</translation>
    </message>
    <message>
        <source>Module / parameter</source>
        <translation type="unfinished">モジュール / パラメーター</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation type="unfinished">形状</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation type="unfinished">パラメーター数</translation>
    </message>
    <message>
        <source>Dtype</source>
        <translation type="unfinished">データ型</translation>
    </message>
    <message>
        <source>Trainable parameters per module</source>
        <translation type="unfinished">モジュールごとの学習可能なパラメーター</translation>
    </message>
    <message>
        <source>Memory and time</source>
        <translation type="unfinished">メモリと時間</translation>
    </message>
    <message>
        <source>Measure (%1 steps)</source>
        <translation type="unfinished">計測（%1 ステップ）</translation>
    </message>
    <message>
        <source>Run the real trainer for a few steps in a temporary folder and measure seconds per step and peak memory</source>
        <translation type="unfinished">一時フォルダーで実際のトレーナーを数ステップ実行し、ステップあたりの秒数とピークメモリを計測</translation>
    </message>
    <message>
        <source>What training holds at its peak, before the first step: checked against measured peaks on the CPU (within 15-20 %). Measure runs real steps.</source>
        <translation type="unfinished">学習のピーク時に使用するメモリを最初のステップの前に見積もったもの。CPU での実測ピークと照合済み（誤差 15-20 % 以内）。「計測」では実際のステップを実行します。</translation>
    </message>
    <message>
        <source>Cannot count: %1</source>
        <translation type="unfinished">カウントできません：%1</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation type="unfinished">カウント中…</translation>
    </message>
    <message>
        <source>Trainable: %1 of %2 parameters (%3 %) · adapter file %4</source>
        <translation type="unfinished">学習可能：%2 パラメーター中 %1（%3%）· アダプターファイル %4</translation>
    </message>
    <message>
        <source>Matched no module: %1</source>
        <translation type="unfinished">一致するモジュールなし：%1</translation>
    </message>
    <message>
        <source>Fix the configuration first: %1: %2</source>
        <translation type="unfinished">先に構成を修正してください：%1：%2</translation>
    </message>
    <message>
        <source>Measuring…</source>
        <translation type="unfinished">計測中…</translation>
    </message>
    <message>
        <source>Measurement failed: %1</source>
        <translation type="unfinished">計測に失敗しました：%1</translation>
    </message>
    <message>
        <source>Measured: %1 s per step, peak memory %2 (%3 above idle); the whole run (%4 steps) ≈ %5 min</source>
        <translation type="unfinished">計測結果：1 ステップあたり %1 秒、ピークメモリ %2（アイドル時より %3 増）。実行全体（%4 ステップ）で約 %5 分</translation>
    </message>
    <message>
        <source>LoHa</source>
        <translation type="unfinished">LoHa</translation>
    </message>
    <message>
        <source>LoKr</source>
        <translation type="unfinished">LoKr</translation>
    </message>
    <message>
        <source>Elementwise product of two low-rank updates: rank up to r² for twice LoRA&apos;s parameters.</source>
        <translation type="unfinished">2 つの低ランク更新の要素ごとの積：LoRA の 2 倍のパラメータでランクは最大 r²。</translation>
    </message>
    <message>
        <source>Kronecker product of a small factor and a low-rank one: high-rank updates from very few parameters.</source>
        <translation type="unfinished">小さな因子と低ランク因子のクロネッカー積：ごく少ないパラメータで高ランクの更新。</translation>
    </message>
    <message>
        <source>AdaLoRA</source>
        <translation type="unfinished">AdaLoRA</translation>
    </message>
    <message>
        <source>SVD-shaped LoRA whose rank per layer is pruned during training, by importance, down to a budget.</source>
        <translation type="unfinished">SVD 形式の LoRA：学習中に重要度に従って層ごとのランクを予算まで削減します。</translation>
    </message>
    <message>
        <source>Bottleneck adapter</source>
        <translation type="unfinished">ボトルネックアダプター</translation>
    </message>
    <message>
        <source>A small down-and-up network after each block&apos;s MLP (Pfeiffer) or after its attention too (Houlsby); saved in AdapterHub&apos;s format.</source>
        <translation type="unfinished">各ブロックの MLP の後（Pfeiffer）、またはアテンションの後にも（Houlsby）置く小さな縮小・拡大ネットワーク。AdapterHub 形式で保存。</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::ModelPage</name>
    <message>
        <source>yes</source>
        <translation type="unfinished">はい</translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished">いいえ</translation>
    </message>
    <message>
        <source>&amp;Model folder:</source>
        <translation type="unfinished">モデルフォルダー(&amp;M):</translation>
    </message>
    <message>
        <source>A Hugging Face model folder (config.json + *.safetensors)</source>
        <translation type="unfinished">Hugging Face モデルフォルダー（config.json + *.safetensors）</translation>
    </message>
    <message>
        <source>Folder with config.json, safetensors weights and tokenizer files; press Enter to open, or pick a recent one</source>
        <translation type="unfinished">config.json、safetensors の重み、トークナイザーファイルを含むフォルダー。Enter キーで開くか、最近使ったものを選択</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished">参照(&amp;B)…</translation>
    </message>
    <message>
        <source>Property</source>
        <translation type="unfinished">プロパティ</translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished">値</translation>
    </message>
    <message>
        <source>Model architecture summary</source>
        <translation type="unfinished">モデルアーキテクチャの概要</translation>
    </message>
    <message>
        <source>Choose a model folder</source>
        <translation type="unfinished">モデルフォルダーを選択</translation>
    </message>
    <message>
        <source>Cannot open this model: %1</source>
        <translation type="unfinished">このモデルを開けません：%1</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation type="unfinished">アーキテクチャ</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation type="unfinished">パラメーター数</translation>
    </message>
    <message>
        <source>Dtype</source>
        <translation type="unfinished">データ型</translation>
    </message>
    <message>
        <source> (stored %1)</source>
        <translation type="unfinished">（保存形式 %1）</translation>
    </message>
    <message>
        <source>Vocabulary</source>
        <translation type="unfinished">語彙サイズ</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation type="unfinished">レイヤー数</translation>
    </message>
    <message>
        <source>Hidden size</source>
        <translation type="unfinished">隠れ層サイズ</translation>
    </message>
    <message>
        <source>Intermediate size</source>
        <translation type="unfinished">中間層サイズ</translation>
    </message>
    <message>
        <source>Attention heads</source>
        <translation type="unfinished">アテンションヘッド数</translation>
    </message>
    <message>
        <source>%1 (key/value %2, head dim %3)</source>
        <translation type="unfinished">%1（キー/値 %2、ヘッド次元 %3）</translation>
    </message>
    <message>
        <source>Max positions</source>
        <translation type="unfinished">最大位置数</translation>
    </message>
    <message>
        <source>RoPE</source>
        <translation type="unfinished">RoPE</translation>
    </message>
    <message>
        <source>theta %1, scaling %2</source>
        <translation type="unfinished">theta %1、スケーリング %2</translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished">なし</translation>
    </message>
    <message>
        <source>none (learned positions)</source>
        <translation type="unfinished">なし（学習型の位置埋め込み）</translation>
    </message>
    <message>
        <source>Tied embeddings</source>
        <translation type="unfinished">埋め込みの共有</translation>
    </message>
    <message>
        <source>Block</source>
        <translation type="unfinished">ブロック</translation>
    </message>
    <message>
        <source>standard</source>
        <translation type="unfinished">標準</translation>
    </message>
    <message>
        <source>Size on disk</source>
        <translation type="unfinished">ディスク上のサイズ</translation>
    </message>
    <message>
        <source>Memory at bf16</source>
        <translation type="unfinished">bf16 でのメモリ</translation>
    </message>
    <message>
        <source>Memory at NF4 (QLoRA)</source>
        <translation type="unfinished">NF4 でのメモリ（QLoRA）</translation>
    </message>
    <message>
        <source>Tokenizer files</source>
        <translation type="unfinished">トークナイザーファイル</translation>
    </message>
    <message>
        <source>This folder has no tokenizer: text datasets, chat templates and generation need one (pre-tokenized data still trains).</source>
        <translation type="unfinished">このフォルダーにはトークナイザーがありません。テキストデータセット、チャットテンプレート、生成にはトークナイザーが必要です（トークン化済みデータなら学習できます）。</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::PrecisionBox</name>
    <message>
        <source>fp32 (exact, most memory)</source>
        <translation type="unfinished">fp32（正確、メモリ最大）</translation>
    </message>
    <message>
        <source>bf16 (half the memory)</source>
        <translation type="unfinished">bf16（メモリ半分）</translation>
    </message>
    <message>
        <source>4-bit NF4, bf16 compute (as QLoRA trains)</source>
        <translation type="unfinished">4 ビット NF4、bf16 で計算（QLoRA の学習と同様）</translation>
    </message>
    <message>
        <source>How the base model&apos;s weights are held in memory while it runs</source>
        <translation type="unfinished">実行中にベースモデルの重みをメモリ上でどう保持するか</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::RunsPage</name>
    <message>
        <source>Rename run</source>
        <translation type="unfinished">実行の名前を変更</translation>
    </message>
    <message>
        <source>Name shown for %1 (empty: the folder&apos;s name):</source>
        <translation type="unfinished">%1 の表示名（空欄：フォルダー名）:</translation>
    </message>
    <message>
        <source>Run notes</source>
        <translation type="unfinished">実行のメモ</translation>
    </message>
    <message>
        <source>Notes on %1:</source>
        <translation type="unfinished">%1 のメモ:</translation>
    </message>
    <message>
        <source>Move the run to the trash?</source>
        <translation type="unfinished">実行をゴミ箱に移動しますか？</translation>
    </message>
    <message>
        <source>Move %1 (its checkpoints, adapter and curves) to the trash? It can be restored from there.</source>
        <translation type="unfinished">%1（チェックポイント、アダプター、曲線を含む）をゴミ箱に移動しますか？ゴミ箱から復元できます。</translation>
    </message>
    <message>
        <source>Cannot rename the run</source>
        <translation type="unfinished">実行の名前を変更できません</translation>
    </message>
    <message>
        <source>Cannot save the notes</source>
        <translation type="unfinished">メモを保存できません</translation>
    </message>
    <message>
        <source>Cannot move the run to the trash</source>
        <translation type="unfinished">実行をゴミ箱に移動できません</translation>
    </message>
    <message>
        <source>%1 is still training: stop it first.</source>
        <translation type="unfinished">%1 はまだ学習中です。先に停止してください。</translation>
    </message>
    <message>
        <source>%1 could not be moved to the trash (no trash on this file system, or no permission); nothing was deleted.</source>
        <translation type="unfinished">%1 をゴミ箱に移動できませんでした（このファイルシステムにゴミ箱がないか、権限がありません）。何も削除していません。</translation>
    </message>
    <message>
        <source>Notes: %1</source>
        <translation type="unfinished">メモ：%1</translation>
    </message>
    <message>
        <source>Manage</source>
        <translation type="unfinished">管理</translation>
    </message>
    <message>
        <source>Rename the run, write notes on it, or move it to the trash</source>
        <translation type="unfinished">実行の名前変更、メモの記入、ゴミ箱への移動</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation type="unfinished">名前の変更(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Notes…</source>
        <translation type="unfinished">メモ(&amp;N)…</translation>
    </message>
    <message>
        <source>Move to &amp;trash…</source>
        <translation type="unfinished">ゴミ箱に移動(&amp;T)…</translation>
    </message>
    <message>
        <source>Choose the workspace folder</source>
        <translation type="unfinished">ワークスペースフォルダーを選択</translation>
    </message>
    <message>
        <source>Add a run folder</source>
        <translation type="unfinished">実行フォルダーを追加</translation>
    </message>
    <message>
        <source>Workspace: %1</source>
        <translation type="unfinished">ワークスペース：%1</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation type="unfinished">変更…</translation>
    </message>
    <message>
        <source>The folder where new runs are created and listed</source>
        <translation type="unfinished">新しい実行を作成し、一覧表示するフォルダー</translation>
    </message>
    <message>
        <source>Add run folder…</source>
        <translation type="unfinished">実行フォルダーを追加…</translation>
    </message>
    <message>
        <source>List a run folder that lives outside the workspace</source>
        <translation type="unfinished">ワークスペース外にある実行フォルダーを一覧に追加</translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished">実行</translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished">状態</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished">進捗</translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished">手法</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation type="unfinished">損失</translation>
    </message>
    <message>
        <source>Best eval loss</source>
        <translation type="unfinished">最良評価損失</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation type="unfinished">更新日時</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation type="unfinished">実行一覧</translation>
    </message>
    <message>
        <source>Open configuration</source>
        <translation type="unfinished">構成を開く</translation>
    </message>
    <message>
        <source>Load this run&apos;s RUN.json into the form (to change it and start a new run)</source>
        <translation type="unfinished">この実行の RUN.json をフォームに読み込む（変更して新しい実行を開始するため）</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished">再開</translation>
    </message>
    <message>
        <source>Continue this run from its newest checkpoint</source>
        <translation type="unfinished">最新のチェックポイントからこの実行を再開</translation>
    </message>
    <message>
        <source>Show folder</source>
        <translation type="unfinished">フォルダーを表示</translation>
    </message>
    <message>
        <source>running</source>
        <translation type="unfinished">実行中</translation>
    </message>
    <message>
        <source>preparing</source>
        <translation type="unfinished">準備中</translation>
    </message>
    <message>
        <source>paused</source>
        <translation type="unfinished">一時停止中</translation>
    </message>
    <message>
        <source>finished</source>
        <translation type="unfinished">完了</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished">停止</translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished">失敗</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation type="unfinished">中断</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished">不明</translation>
    </message>
    <message>
        <source>%1 · model %2</source>
        <translation type="unfinished">%1 · モデル %2</translation>
    </message>
    <message>
        <source>Checkpoints at steps %1</source>
        <translation type="unfinished">チェックポイント：ステップ %1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished">失敗：%1</translation>
    </message>
    <message>
        <source>The process running this run is gone; resume continues from the newest checkpoint.</source>
        <translation type="unfinished">この実行を処理していたプロセスが存在しません。再開すると最新のチェックポイントから続行します。</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished">エクスポート…</translation>
    </message>
    <message>
        <source>Write this run&apos;s adapter as a PEFT adapter or merged into the base, with a model card</source>
        <translation type="unfinished">この実行のアダプターを PEFT アダプターとして、またはベースにマージして、モデルカード付きで書き出す</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation type="unfinished">チャット</translation>
    </message>
    <message>
        <source>Chat with this run&apos;s adapter and the base model side by side</source>
        <translation type="unfinished">この実行のアダプターとベースモデルを並べてチャット</translation>
    </message>
    <message>
        <source>A LLaMA-Factory output folder (output_dir)</source>
        <translation type="unfinished">LLaMA-Factory の出力フォルダー（output_dir）</translation>
    </message>
    <message>
        <source>The YAML this run was started with (LLaMA-Factory keeps no readable copy)</source>
        <translation type="unfinished">この実行の開始に使った YAML（LLaMA-Factory は読み取り可能なコピーを残しません）</translation>
    </message>
    <message>
        <source>LLaMA-Factory YAML (*.yaml *.yml)</source>
        <translation type="unfinished">LLaMA-Factory YAML (*.yaml *.yml)</translation>
    </message>
    <message>
        <source>Cannot add the LLaMA-Factory run</source>
        <translation type="unfinished">LLaMA-Factory の実行を追加できません</translation>
    </message>
    <message>
        <source>Add LLaMA-Factory run…</source>
        <translation type="unfinished">LLaMA-Factory の実行を追加…</translation>
    </message>
    <message>
        <source>Bring a LLaMA-Factory output folder (a cluster run) into the workspace: its curves, settings and adapter</source>
        <translation type="unfinished">LLaMA-Factory の出力フォルダー（クラスターでの実行）をワークスペースに取り込む：曲線、設定、アダプター</translation>
    </message>
    <message>
        <source>Run on a cluster…</source>
        <translation type="unfinished">クラスターで実行…</translation>
    </message>
    <message>
        <source>Write this run&apos;s settings as a LLaMA-Factory job for several GPUs or nodes (DeepSpeed or FSDP)</source>
        <translation type="unfinished">この実行の設定を、複数の GPU またはノード向けの LLaMA-Factory ジョブとして書き出す（DeepSpeed または FSDP）</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::DeviceBox</name>
    <message>
        <source>GPU: not usable (%1)</source>
        <translation type="unfinished">GPU：使用不可（%1）</translation>
    </message>
    <message>
        <source>automatic (GPU when usable)</source>
        <translation type="unfinished">自動（使用可能なら GPU）</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation type="unfinished">CPU</translation>
    </message>
    <message>
        <source>Where the model runs: automatic picks the first usable NVIDIA GPU, else the CPU</source>
        <translation type="unfinished">モデルを実行するデバイス。自動では最初に使用可能な NVIDIA GPU を選び、なければ CPU を使用</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::TrainPage</name>
    <message>
        <source>End the run without saving the steps since the newest checkpoint (asks first)</source>
        <translation type="unfinished">最新のチェックポイント以降のステップを保存せずに実行を終了（事前に確認）</translation>
    </message>
    <message>
        <source>Write a checkpoint and the adapter at this step, then end the run (resumable)</source>
        <translation type="unfinished">このステップでチェックポイントとアダプターを書き込み、実行を終了（再開可能）</translation>
    </message>
    <message>
        <source>• Model page: %1</source>
        <translation type="unfinished">• モデルページ：%1</translation>
    </message>
    <message>
        <source>Stop without saving?</source>
        <translation type="unfinished">保存せずに停止しますか？</translation>
    </message>
    <message>
        <source>Stop now and lose the steps since the newest checkpoint? No adapter is written; Resume continues from that checkpoint.

Stop and save writes a checkpoint and the adapter at this step instead.</source>
        <translation type="unfinished">今すぐ停止して、最新のチェックポイント以降のステップを破棄しますか？アダプターは書き込まれません。「再開」するとそのチェックポイントから続行します。

「停止して保存」を選ぶと、代わりにこのステップでチェックポイントとアダプターを書き込みます。</translation>
    </message>
    <message>
        <source>Stop and save</source>
        <translation type="unfinished">停止して保存</translation>
    </message>
    <message>
        <source>Stop without saving</source>
        <translation type="unfinished">保存せずに停止</translation>
    </message>
    <message>
        <source>Keep training</source>
        <translation type="unfinished">学習を続ける</translation>
    </message>
    <message>
        <source>%1 (not on this machine)</source>
        <translation type="unfinished">%1（このマシンにはありません）</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation type="unfinished">開始(&amp;S)</translation>
    </message>
    <message>
        <source>Check the whole configuration and start a new run in the output folder</source>
        <translation type="unfinished">構成全体を確認し、出力フォルダーで新しい実行を開始</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation type="unfinished">一時停止(&amp;P)</translation>
    </message>
    <message>
        <source>Hold the run after the current step (nothing is lost)</source>
        <translation type="unfinished">現在のステップの後で実行を一時停止（何も失われない）</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation type="unfinished">再開(&amp;R)</translation>
    </message>
    <message>
        <source>Continue a paused run, or a stopped one from its newest checkpoint</source>
        <translation type="unfinished">一時停止した実行を再開、または停止した実行を最新のチェックポイントから再開</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation type="unfinished">停止(&amp;T)</translation>
    </message>
    <message>
        <source>Stop &amp;and save</source>
        <translation type="unfinished">停止して保存(&amp;A)</translation>
    </message>
    <message>
        <source>Training log</source>
        <translation type="unfinished">学習ログ</translation>
    </message>
    <message>
        <source>Cannot start: fix these first
%1</source>
        <translation type="unfinished">開始できません。先に次の問題を修正してください
%1</translation>
    </message>
    <message>
        <source>Running in %1</source>
        <translation type="unfinished">%1 で実行中</translation>
    </message>
    <message>
        <source>Cannot resume: %1</source>
        <translation type="unfinished">再開できません：%1</translation>
    </message>
    <message>
        <source>Resuming %1</source>
        <translation type="unfinished">%1 を再開中</translation>
    </message>
    <message>
        <source>Paused. Resume continues from this step.</source>
        <translation type="unfinished">一時停止しました。「再開」するとこのステップから続行します。</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished">一時停止中</translation>
    </message>
    <message>
        <source>Finished: %1 steps, final loss %2. Result in %3</source>
        <translation type="unfinished">完了：%1 ステップ、最終損失 %2。結果は %3 にあります</translation>
    </message>
    <message>
        <source>Stopped at step %1. Resume continues from the newest checkpoint.</source>
        <translation type="unfinished">ステップ %1 で停止しました。「再開」すると最新のチェックポイントから続行します。</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished">失敗：%1</translation>
    </message>
    <message>
        <source>warning: </source>
        <translation type="unfinished">警告: </translation>
    </message>
    <message>
        <source>error: </source>
        <translation type="unfinished">エラー: </translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::RunDashboard</name>
    <message>
        <source>The folder chosen on the Model page is not a model it can open: choose another</source>
        <translation type="unfinished">モデルページで選択したフォルダーは開けるモデルではありません。別のフォルダーを選択してください</translation>
    </message>
    <message>
        <source>No model chosen (Model page)</source>
        <translation type="unfinished">モデルが選択されていません（モデルページ）</translation>
    </message>
    <message>
        <source>Model: %1 · no training data chosen (Data page)</source>
        <translation type="unfinished">モデル：%1 · 学習データが選択されていません（データページ）</translation>
    </message>
    <message>
        <source>Model: %1 · data: %2</source>
        <translation type="unfinished">モデル：%1 · データ：%2</translation>
    </message>
    <message>
        <source>trend after %1 steps</source>
        <translation type="unfinished">%1 ステップ後に傾向を表示</translation>
    </message>
    <message>
        <source>flat over the last %1 steps</source>
        <translation type="unfinished">直近 %1 ステップで横ばい</translation>
    </message>
    <message>
        <source>▼ %1 % over the last %2 steps</source>
        <translation type="unfinished">▼ 直近 %2 ステップで %1% 減少</translation>
    </message>
    <message>
        <source>▲ %1 % over the last %2 steps</source>
        <translation type="unfinished">▲ 直近 %2 ステップで %1% 増加</translation>
    </message>
    <message>
        <source>Preparing</source>
        <translation type="unfinished">準備中</translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished">実行中</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished">一時停止中</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation type="unfinished">完了</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished">停止</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished">失敗</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished">準備完了</translation>
    </message>
    <message>
        <source>Step —</source>
        <translation type="unfinished">ステップ —</translation>
    </message>
    <message>
        <source>Step %1 / %2</source>
        <translation type="unfinished">ステップ %1 / %2</translation>
    </message>
    <message>
        <source> (resumed at %1)</source>
        <translation type="unfinished">（ステップ %1 から再開）</translation>
    </message>
    <message>
        <source>epoch %1</source>
        <translation type="unfinished">エポック %1</translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation type="unfinished">%1 tokens/s</translation>
    </message>
    <message>
        <source>done</source>
        <translation type="unfinished">完了</translation>
    </message>
    <message>
        <source>%1 used by PeftDesk</source>
        <translation type="unfinished">PeftDesk が %1 を使用</translation>
    </message>
    <message>
        <source>%1 of %2 used by PeftDesk</source>
        <translation type="unfinished">PeftDesk が %1 / %2 を使用</translation>
    </message>
    <message>
        <source>%1 of %2 at the last step&apos;s peak</source>
        <translation type="unfinished">直前のステップのピーク時 %1 / %2</translation>
    </message>
    <message>
        <source>no GPU in use</source>
        <translation type="unfinished">GPU 未使用</translation>
    </message>
    <message>
        <source>no evaluation yet</source>
        <translation type="unfinished">未評価</translation>
    </message>
    <message>
        <source>%1 at step %2 (perplexity %3)</source>
        <translation type="unfinished">%1（ステップ %2、パープレキシティ %3）</translation>
    </message>
    <message>
        <source>none yet since the resume</source>
        <translation type="unfinished">再開後はまだなし</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation type="unfinished">まだなし</translation>
    </message>
    <message numerus="yes">
        <source>%n written, the last at step %1</source>
        <translation type="unfinished">
            <numerusform>%n 個書き込み済み、最新はステップ %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RunDashboard</name>
    <message>
        <source>Run state: %1</source>
        <translation type="unfinished">実行状態：%1</translation>
    </message>
    <message>
        <source>on %1</source>
        <translation type="unfinished">%1 上</translation>
    </message>
    <message>
        <source>Training progress</source>
        <translation type="unfinished">学習の進捗</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation type="unfinished">損失</translation>
    </message>
    <message>
        <source>Loss %1</source>
        <translation type="unfinished">損失 %1</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished">進捗</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation type="unfinished">速度</translation>
    </message>
    <message>
        <source>Elapsed / ETA</source>
        <translation type="unfinished">経過 / 残り</translation>
    </message>
    <message>
        <source>Last eval loss</source>
        <translation type="unfinished">直近の評価損失</translation>
    </message>
    <message>
        <source>Checkpoints</source>
        <translation type="unfinished">チェックポイント</translation>
    </message>
    <message>
        <source>Memory (RAM)</source>
        <translation type="unfinished">メモリ（RAM）</translation>
    </message>
    <message>
        <source>Memory used</source>
        <translation type="unfinished">メモリ使用量</translation>
    </message>
    <message>
        <source>GPU memory</source>
        <translation type="unfinished">GPU メモリ</translation>
    </message>
    <message>
        <source>GPU memory used</source>
        <translation type="unfinished">GPU メモリ使用量</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::QuickPanel</name>
    <message>
        <source>This view could not be shown:
%1</source>
        <translation type="unfinished">このビューを表示できませんでした:
%1</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::MethodCards</name>
    <message>
        <source>counting…</source>
        <translation type="unfinished">カウント中…</translation>
    </message>
    <message>
        <source>%1 trainable (%2 %)</source>
        <translation type="unfinished">学習可能 %1（%2%）</translation>
    </message>
    <message>
        <source>saves the trained weights: %1</source>
        <translation type="unfinished">学習済みの重みを保存：%1</translation>
    </message>
    <message>
        <source>adapter file %1</source>
        <translation type="unfinished">アダプターファイル %1</translation>
    </message>
    <message>
        <source>memory: fix the run&apos;s other settings first</source>
        <translation type="unfinished">メモリ：先に実行の他の設定を修正してください</translation>
    </message>
    <message>
        <source>peak ≈ %1 &gt; %2 free on %3</source>
        <translation type="unfinished">ピーク ≈ %1 &gt; %3 の空き %2</translation>
    </message>
    <message>
        <source>peak ≈ %1 on %2</source>
        <translation type="unfinished">ピーク ≈ %1（%2）</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::ClusterJobDialog</name>
    <message>
        <source>GPUs per node:</source>
        <translation type="unfinished">ノードあたりの GPU 数:</translation>
    </message>
    <message>
        <source>Nodes:</source>
        <translation type="unfinished">ノード数:</translation>
    </message>
    <message>
        <source>Sharding:</source>
        <translation type="unfinished">シャーディング:</translation>
    </message>
    <message>
        <source>Model on the cluster:</source>
        <translation type="unfinished">クラスター上のモデル:</translation>
    </message>
    <message>
        <source>Job folder:</source>
        <translation type="unfinished">ジョブフォルダー:</translation>
    </message>
    <message>
        <source>Write the job into</source>
        <translation type="unfinished">ジョブの書き込み先</translation>
    </message>
    <message>
        <source>Run %1 on a cluster</source>
        <translation type="unfinished">%1 をクラスターで実行</translation>
    </message>
    <message>
        <source>The run&apos;s settings as a LLaMA-Factory %1 job: training YAML, data folder, sharding configuration, launch script and a README for the cluster side. Settings LLaMA-Factory lacks are refused by name.</source>
        <translation type="unfinished">この実行の設定を LLaMA-Factory %1 のジョブとして書き出します：学習用 YAML、データフォルダー、シャーディング構成、起動スクリプト、クラスター側向けの README。LLaMA-Factory にない設定は名前を挙げて拒否します。</translation>
    </message>
    <message>
        <source>Data parallel (every GPU holds the model)</source>
        <translation type="unfinished">データ並列（各 GPU がモデル全体を保持）</translation>
    </message>
    <message>
        <source>DeepSpeed ZeRO-2</source>
        <translation type="unfinished">DeepSpeed ZeRO-2</translation>
    </message>
    <message>
        <source>DeepSpeed ZeRO-3</source>
        <translation type="unfinished">DeepSpeed ZeRO-3</translation>
    </message>
    <message>
        <source>DeepSpeed ZeRO-3, offloaded to CPU memory</source>
        <translation type="unfinished">DeepSpeed ZeRO-3、CPU メモリへオフロード</translation>
    </message>
    <message>
        <source>FSDP (through accelerate)</source>
        <translation type="unfinished">FSDP（accelerate 経由）</translation>
    </message>
    <message>
        <source>this machine&apos;s path (a path on the cluster or a Hub id)</source>
        <translation type="unfinished">このマシン上のパス（クラスター上のパスまたは Hub ID を入力）</translation>
    </message>
    <message>
        <source>A new or empty folder; an existing non-empty folder is never written into</source>
        <translation type="unfinished">新規または空のフォルダー。既存の空でないフォルダーには書き込まない</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished">参照…</translation>
    </message>
    <message>
        <source>&amp;Write job</source>
        <translation type="unfinished">ジョブを書き込む(&amp;W)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished">閉じる</translation>
    </message>
    <message>
        <source>The run&apos;s batch could not be read from its run.json.</source>
        <translation type="unfinished">実行の run.json からバッチサイズを読み込めませんでした。</translation>
    </message>
    <message>
        <source>%1 GPUs cannot keep the effective batch of %2 × %3 = %4: the accumulation (%3) must be a multiple of the GPU count.</source>
        <translation type="unfinished">GPU %1 台では実効バッチ %2 × %3 = %4 を維持できません。勾配累積（%3）は GPU 数の倍数である必要があります。</translation>
    </message>
    <message>
        <source>Effective batch kept: %1 per GPU × accumulation %2 × %3 GPU(s) = %4, as %1 × %5 on one device.</source>
        <translation type="unfinished">実効バッチを維持：GPU あたり %1 × 勾配累積 %2 × GPU %3 台 = %4（1 台のデバイスでの %1 × %5 と同じ）。</translation>
    </message>
    <message>
        <source>Choose the job folder.</source>
        <translation type="unfinished">ジョブフォルダーを選択してください。</translation>
    </message>
    <message>
        <source>Reading the data and writing the job…</source>
        <translation type="unfinished">データを読み込み、ジョブを書き込み中…</translation>
    </message>
    <message>
        <source>Wrote %1 (template %2). Copy it to the cluster and run launch.sh there; its README says what differs:</source>
        <translation type="unfinished">%1 を書き込みました（テンプレート %2）。これをクラスターにコピーし、そこで launch.sh を実行してください。相違点は README に記載されています：</translation>
    </message>
</context>
</TS>
