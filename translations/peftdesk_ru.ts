<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
<context>
    <name>Fields</name>
    <message>
        <source>Model folder</source>
        <translation type="unfinished">Папка модели</translation>
    </message>
    <message>
        <source>Deterministic (GPU)</source>
        <translation type="unfinished">Детерминизм (GPU)</translation>
    </message>
    <message>
        <source>Deterministic GPU kernels, so a resumed run repeats the uninterrupted one bit for bit; somewhat slower</source>
        <translation type="unfinished">Детерминированные ядра GPU: возобновлённый запуск повторяет непрерывный бит в бит; несколько медленнее</translation>
    </message>
    <message>
        <source>Device</source>
        <translation type="unfinished">Устройство</translation>
    </message>
    <message>
        <source>Where the model trains: automatic picks the first usable NVIDIA GPU, else the CPU</source>
        <translation type="unfinished">Где обучается модель: «автоматически» выбирает первый подходящий GPU NVIDIA, иначе CPU</translation>
    </message>
    <message>
        <source>automatic (GPU when usable)</source>
        <translation type="unfinished">автоматически (GPU, если доступен)</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation type="unfinished">CPU</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation type="unfinished">Набор данных</translation>
    </message>
    <message>
        <source>A dataset file (JSON, JSON Lines, CSV, TXT) or a LLaMA-Factory data folder with dataset_info.json</source>
        <translation type="unfinished">Файл набора данных (JSON, JSON Lines, CSV, TXT) или папка данных LLaMA-Factory с dataset_info.json</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation type="unfinished">Скорость обучения</translation>
    </message>
    <message>
        <source>Peak learning rate of AdamW, e.g. 2e-4 for LoRA, 1e-5 for full fine-tuning</source>
        <translation type="unfinished">Пиковая скорость обучения AdamW, например 2e-4 для LoRA, 1e-5 для полного дообучения</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation type="unfinished">Эпохи</translation>
    </message>
    <message>
        <source>Passes over the training data (Max steps wins when set)</source>
        <translation type="unfinished">Число проходов по обучающим данным (если задано «Макс. шагов», действует оно)</translation>
    </message>
    <message>
        <source>Max steps</source>
        <translation type="unfinished">Макс. шагов</translation>
    </message>
    <message>
        <source>Optimizer steps in total; leave at &apos;from epochs&apos; to derive it from the epochs</source>
        <translation type="unfinished">Всего шагов оптимизатора; оставьте «по эпохам», чтобы вычислить их из числа эпох</translation>
    </message>
    <message>
        <source>from epochs</source>
        <translation type="unfinished">по эпохам</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation type="unfinished">Размер батча</translation>
    </message>
    <message>
        <source>Examples per forward pass</source>
        <translation type="unfinished">Примеров за один прямой проход</translation>
    </message>
    <message>
        <source>Gradient accumulation</source>
        <translation type="unfinished">Накопление градиента</translation>
    </message>
    <message>
        <source>Forward passes per optimizer step: effective batch = batch size × this</source>
        <translation type="unfinished">Прямых проходов на шаг оптимизатора: эффективный батч = размер батча × это число</translation>
    </message>
    <message>
        <source>Scheduler</source>
        <translation type="unfinished">Планировщик</translation>
    </message>
    <message>
        <source>How the learning rate changes over the run (after warm-up)</source>
        <translation type="unfinished">Как меняется скорость обучения в ходе запуска (после прогрева)</translation>
    </message>
    <message>
        <source>cosine</source>
        <translation type="unfinished">косинусный</translation>
    </message>
    <message>
        <source>linear</source>
        <translation type="unfinished">линейный</translation>
    </message>
    <message>
        <source>constant</source>
        <translation type="unfinished">постоянный</translation>
    </message>
    <message>
        <source>constant with warm-up</source>
        <translation type="unfinished">постоянный с прогревом</translation>
    </message>
    <message>
        <source>cosine with restarts</source>
        <translation type="unfinished">косинусный с перезапусками</translation>
    </message>
    <message>
        <source>Warm-up steps</source>
        <translation type="unfinished">Шаги прогрева</translation>
    </message>
    <message>
        <source>Steps of linear warm-up from 0 to the learning rate (wins over the ratio)</source>
        <translation type="unfinished">Шаги линейного прогрева от 0 до скорости обучения (приоритетнее доли)</translation>
    </message>
    <message>
        <source>Warm-up ratio</source>
        <translation type="unfinished">Доля прогрева</translation>
    </message>
    <message>
        <source>Warm-up as a fraction of all steps</source>
        <translation type="unfinished">Прогрев как доля от всех шагов</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation type="unfinished">Точность</translation>
    </message>
    <message>
        <source>Compute precision: fp32 exact, bf16 faster and half the activation memory</source>
        <translation type="unfinished">Точность вычислений: fp32 — точно, bf16 — быстрее и вдвое меньше памяти на активации</translation>
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
        <translation type="unfinished">Затухание весов</translation>
    </message>
    <message>
        <source>AdamW decoupled weight decay (not applied to biases and norms)</source>
        <translation type="unfinished">Раздельное затухание весов AdamW (не применяется к смещениям и нормализациям)</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation type="unfinished">Оптимизатор</translation>
    </message>
    <message>
        <source>AdamW with fp32 moments, or bitsandbytes&apos; 8-bit AdamW, which keeps them in about a quarter of the memory</source>
        <translation type="unfinished">AdamW с моментами fp32 или 8-битный AdamW из bitsandbytes (моменты занимают около четверти памяти)</translation>
    </message>
    <message>
        <source>AdamW (PyTorch)</source>
        <translation type="unfinished">AdamW (PyTorch)</translation>
    </message>
    <message>
        <source>8-bit AdamW (bitsandbytes)</source>
        <translation type="unfinished">8-битный AdamW (bitsandbytes)</translation>
    </message>
    <message>
        <source>paged 8-bit AdamW (bitsandbytes)</source>
        <translation type="unfinished">8-битный AdamW с подкачкой (bitsandbytes)</translation>
    </message>
    <message>
        <source>paged 32-bit AdamW (bitsandbytes)</source>
        <translation type="unfinished">32-битный AdamW с подкачкой (bitsandbytes)</translation>
    </message>
    <message>
        <source>Max grad norm</source>
        <translation type="unfinished">Макс. норма градиента</translation>
    </message>
    <message>
        <source>Clip the global gradient norm to this value (0 = no clipping)</source>
        <translation type="unfinished">Обрезать глобальную норму градиента до этого значения (0 = без обрезки)</translation>
    </message>
    <message>
        <source>Gradient checkpointing</source>
        <translation type="unfinished">Пересчёт активаций</translation>
    </message>
    <message>
        <source>Recompute activations in backward: less memory for about one extra forward</source>
        <translation type="unfinished">Пересчитывать активации при обратном проходе: меньше памяти ценой примерно одного лишнего прямого прохода</translation>
    </message>
    <message>
        <source>Logging steps</source>
        <translation type="unfinished">Шаги журнала</translation>
    </message>
    <message>
        <source>Write a metrics row every N optimizer steps</source>
        <translation type="unfinished">Записывать строку метрик каждые N шагов оптимизатора</translation>
    </message>
    <message>
        <source>Eval steps</source>
        <translation type="unfinished">Шаги оценки</translation>
    </message>
    <message>
        <source>Evaluate every N steps (0 = only at the end, when there is evaluation data)</source>
        <translation type="unfinished">Оценивать каждые N шагов (0 = только в конце, если есть данные для оценки)</translation>
    </message>
    <message>
        <source>Save steps</source>
        <translation type="unfinished">Шаги сохранения</translation>
    </message>
    <message>
        <source>Write a checkpoint every N steps (0 = only at the end or on stop-and-save)</source>
        <translation type="unfinished">Записывать контрольную точку каждые N шагов (0 = только в конце или при остановке с сохранением)</translation>
    </message>
    <message>
        <source>Checkpoints kept</source>
        <translation type="unfinished">Хранимые контрольные точки</translation>
    </message>
    <message>
        <source>Keep the newest N checkpoints and delete older ones</source>
        <translation type="unfinished">Хранить N новейших контрольных точек, более старые удалять</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation type="unfinished">Зерно</translation>
    </message>
    <message>
        <source>Seed of adapter initialisation, shuffling and dropout: the same seed gives the same run</source>
        <translation type="unfinished">Зерно для инициализации адаптера, перемешивания и dropout: одинаковое зерно даёт одинаковый запуск</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation type="unfinished">Выходная папка</translation>
    </message>
    <message>
        <source>The run folder: created by the run, must not hold another run</source>
        <translation type="unfinished">Папка запуска: создаётся запуском, не должна содержать другой запуск</translation>
    </message>
    <message>
        <source>Format</source>
        <translation type="unfinished">Формат</translation>
    </message>
    <message>
        <source>Record format; auto detects alpaca, sharegpt, messages, text or tokenized</source>
        <translation type="unfinished">Формат записей; автоопределение распознаёт alpaca, sharegpt, messages, text и tokenized</translation>
    </message>
    <message>
        <source>auto-detect</source>
        <translation type="unfinished">автоопределение</translation>
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
        <translation type="unfinished">messages (OpenAI)</translation>
    </message>
    <message>
        <source>plain text</source>
        <translation type="unfinished">обычный текст</translation>
    </message>
    <message>
        <source>pre-tokenized</source>
        <translation type="unfinished">предтокенизированный</translation>
    </message>
    <message>
        <source>Cutoff length</source>
        <translation type="unfinished">Длина отсечения</translation>
    </message>
    <message>
        <source>Tokens per example at most; longer examples are truncated as LLaMA-Factory does</source>
        <translation type="unfinished">Максимум токенов на пример; более длинные примеры обрезаются, как в LLaMA-Factory</translation>
    </message>
    <message>
        <source>Validation size</source>
        <translation type="unfinished">Размер валидации</translation>
    </message>
    <message>
        <source>Held out for evaluation: a fraction (&lt; 1) or a number of examples (&gt;= 1)</source>
        <translation type="unfinished">Отложено для оценки: доля (&lt; 1) или число примеров (&gt;= 1)</translation>
    </message>
    <message>
        <source>Max samples</source>
        <translation type="unfinished">Макс. примеров</translation>
    </message>
    <message>
        <source>Use at most this many examples of each dataset</source>
        <translation type="unfinished">Использовать не более стольких примеров из каждого набора данных</translation>
    </message>
    <message>
        <source>all</source>
        <translation type="unfinished">все</translation>
    </message>
    <message>
        <source>Packing</source>
        <translation type="unfinished">Упаковка</translation>
    </message>
    <message>
        <source>Concatenate examples into rows of cutoff length (faster on short examples)</source>
        <translation type="unfinished">Склеивать примеры в строки длиной отсечения (быстрее на коротких примерах)</translation>
    </message>
    <message>
        <source>Train on prompt</source>
        <translation type="unfinished">Обучать на промпте</translation>
    </message>
    <message>
        <source>Also learn the prompt tokens, not only the responses</source>
        <translation type="unfinished">Обучать также на токенах промпта, а не только на ответах</translation>
    </message>
    <message>
        <source>Mask history</source>
        <translation type="unfinished">Маскировать историю</translation>
    </message>
    <message>
        <source>Learn only the last assistant turn of each conversation</source>
        <translation type="unfinished">Обучать только на последней реплике ассистента в каждом диалоге</translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation type="unfinished">Рассуждение</translation>
    </message>
    <message>
        <source>Reasoning mode of templates that have one (SmolLM3); off = /no_think: an empty think block before every answer. A system prompt&apos;s /think or /no_think wins</source>
        <translation type="unfinished">Режим рассуждения для шаблонов, где он есть (SmolLM3); выкл. = /no_think: пустой блок think перед каждым ответом. /think или /no_think в системном промпте имеет приоритет</translation>
    </message>
    <message>
        <source>Shuffle</source>
        <translation type="unfinished">Перемешивание</translation>
    </message>
    <message>
        <source>Reshuffle the training examples every epoch (seeded)</source>
        <translation type="unfinished">Перемешивать обучающие примеры каждую эпоху (с зерном)</translation>
    </message>
    <message>
        <source>Bad records</source>
        <translation type="unfinished">Ошибочные записи</translation>
    </message>
    <message>
        <source>A malformed record stops the run before step 1, or is skipped and counted</source>
        <translation type="unfinished">Некорректная запись останавливает запуск до шага 1 либо пропускается и учитывается</translation>
    </message>
    <message>
        <source>refuse the dataset</source>
        <translation type="unfinished">отклонить набор данных</translation>
    </message>
    <message>
        <source>skip and count</source>
        <translation type="unfinished">пропустить и учесть</translation>
    </message>
    <message>
        <source>Rank (r)</source>
        <translation type="unfinished">Ранг (r)</translation>
    </message>
    <message>
        <source>Rank of the low-rank update: more capacity and more parameters as it grows</source>
        <translation type="unfinished">Ранг низкорангового обновления: с ростом больше ёмкость и больше параметров</translation>
    </message>
    <message>
        <source>Alpha</source>
        <translation type="unfinished">Альфа</translation>
    </message>
    <message>
        <source>Scaling numerator: the update is scaled by alpha / r (alpha / √r with rsLoRA)</source>
        <translation type="unfinished">Числитель масштаба: обновление масштабируется на alpha / r (alpha / √r с rsLoRA)</translation>
    </message>
    <message>
        <source>Dropout</source>
        <translation type="unfinished">Dropout</translation>
    </message>
    <message>
        <source>Dropout on the adapter&apos;s input during training</source>
        <translation type="unfinished">Dropout на входе адаптера во время обучения</translation>
    </message>
    <message>
        <source>DoRA</source>
        <translation type="unfinished">DoRA</translation>
    </message>
    <message>
        <source>Weight-decomposed LoRA: learns a magnitude per output row as well</source>
        <translation type="unfinished">LoRA с разложением весов: дополнительно обучает величину для каждой выходной строки</translation>
    </message>
    <message>
        <source>rsLoRA</source>
        <translation type="unfinished">rsLoRA</translation>
    </message>
    <message>
        <source>Rank-stabilised scaling alpha / √r: keeps large ranks learning</source>
        <translation type="unfinished">Ранго-стабилизированный масштаб alpha / √r: большие ранги продолжают обучаться</translation>
    </message>
    <message>
        <source>LoRA+ ratio</source>
        <translation type="unfinished">Коэффициент LoRA+</translation>
    </message>
    <message>
        <source>LoRA+: lora_B learns this many times faster than lora_A (off when empty)</source>
        <translation type="unfinished">LoRA+: lora_B обучается во столько раз быстрее lora_A (пусто — выключено)</translation>
    </message>
    <message>
        <source>Bias</source>
        <translation type="unfinished">Смещения</translation>
    </message>
    <message>
        <source>Which biases train as well</source>
        <translation type="unfinished">Какие смещения (bias) также обучаются</translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished">нет</translation>
    </message>
    <message>
        <source>of adapted layers</source>
        <translation type="unfinished">адаптируемых слоёв</translation>
    </message>
    <message>
        <source>Virtual tokens</source>
        <translation type="unfinished">Виртуальные токены</translation>
    </message>
    <message>
        <source>Learned key/value positions prepended in every layer</source>
        <translation type="unfinished">Обучаемые позиции ключей/значений, добавляемые в начало каждого слоя</translation>
    </message>
    <message>
        <source>Projection</source>
        <translation type="unfinished">Проекция</translation>
    </message>
    <message>
        <source>Reparameterise the prefix through a two-layer MLP</source>
        <translation type="unfinished">Репараметризовать префикс через двухслойный MLP</translation>
    </message>
    <message>
        <source>Projection width</source>
        <translation type="unfinished">Ширина проекции</translation>
    </message>
    <message>
        <source>Hidden size of the projection MLP</source>
        <translation type="unfinished">Скрытый размер MLP проекции</translation>
    </message>
    <message>
        <source>model hidden size</source>
        <translation type="unfinished">скрытый размер модели</translation>
    </message>
    <message>
        <source>Learned embeddings prepended to the input</source>
        <translation type="unfinished">Обучаемые эмбеддинги, добавляемые в начало входа</translation>
    </message>
    <message>
        <source>Initialisation</source>
        <translation type="unfinished">Инициализация</translation>
    </message>
    <message>
        <source>Random vectors, vocabulary samples, or the embedding of a text</source>
        <translation type="unfinished">Случайные векторы, выборка из словаря или эмбеддинг текста</translation>
    </message>
    <message>
        <source>random</source>
        <translation type="unfinished">случайная</translation>
    </message>
    <message>
        <source>sampled vocabulary</source>
        <translation type="unfinished">выборка из словаря</translation>
    </message>
    <message>
        <source>from text</source>
        <translation type="unfinished">из текста</translation>
    </message>
    <message>
        <source>Init text</source>
        <translation type="unfinished">Текст инициализации</translation>
    </message>
    <message>
        <source>Text whose token embeddings initialise the prompt (with &apos;from text&apos;)</source>
        <translation type="unfinished">Текст, эмбеддинги токенов которого инициализируют промпт (при «из текста»)</translation>
    </message>
    <message>
        <source>Trainable layers</source>
        <translation type="unfinished">Обучаемые слои</translation>
    </message>
    <message>
        <source>Train the last N decoder layers (negative: the first |N|)</source>
        <translation type="unfinished">Обучать последние N слоёв декодера (отрицательное: первые |N|)</translation>
    </message>
    <message>
        <source>4-bit type</source>
        <translation type="unfinished">Тип 4-бит</translation>
    </message>
    <message>
        <source>NF4 (QLoRA&apos;s normal float) or FP4</source>
        <translation type="unfinished">NF4 (normal float из QLoRA) или FP4</translation>
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
        <translation type="unfinished">Двойное квантование</translation>
    </message>
    <message>
        <source>Quantize the block scales too (about 0.4 bits per weight saved)</source>
        <translation type="unfinished">Квантовать также масштабы блоков (экономия около 0,4 бита на вес)</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation type="unfinished">Выберите папку</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation type="unfinished">Выберите файл</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished">Обзор…</translation>
    </message>
    <message>
        <source>How A and B start. Kaiming / Gaussian: B at zero. PiSSA / OLoRA: from the base weight&apos;s main directions (16- or 32-bit base), saved as a plain LoRA of twice the rank</source>
        <translation type="unfinished">Как начинаются A и B. Kaiming / Гаусс: B с нуля. PiSSA / OLoRA: из главных направлений весов базы (база в 16 или 32 битах), сохраняется как обычная LoRA двойного ранга</translation>
    </message>
    <message>
        <source>Kaiming-uniform (PEFT default)</source>
        <translation type="unfinished">Kaiming-uniform (как в PEFT)</translation>
    </message>
    <message>
        <source>Gaussian</source>
        <translation type="unfinished">Гауссова</translation>
    </message>
    <message>
        <source>PiSSA (exact SVD)</source>
        <translation type="unfinished">PiSSA (точное SVD)</translation>
    </message>
    <message>
        <source>PiSSA, fast SVD (16 iterations)</source>
        <translation type="unfinished">PiSSA, быстрое SVD (16 итераций)</translation>
    </message>
    <message>
        <source>OLoRA (QR)</source>
        <translation type="unfinished">OLoRA (QR)</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation type="unfinished">Слои</translation>
    </message>
    <message>
        <source>Adapt only these decoder layers (comma-separated indices; empty = all)</source>
        <translation type="unfinished">Адаптировать только эти слои декодера (индексы через запятую; пусто = все)</translation>
    </message>
    <message>
        <source>Exclude modules</source>
        <translation type="unfinished">Исключить модули</translation>
    </message>
    <message>
        <source>Never adapt these modules (names or name suffixes, comma-separated)</source>
        <translation type="unfinished">Никогда не адаптировать эти модули (имена или окончания имён, через запятую)</translation>
    </message>
    <message>
        <source>Modules to save</source>
        <translation type="unfinished">Сохраняемые модули</translation>
    </message>
    <message>
        <source>Extra modules trained in full and saved with the adapter, e.g. lm_head</source>
        <translation type="unfinished">Дополнительные модули, обучаемые полностью и сохраняемые с адаптером, например lm_head</translation>
    </message>
    <message>
        <source>Start at 1</source>
        <translation type="unfinished">Начинать с 1</translation>
    </message>
    <message>
        <source>Scaling vectors start at 1 (the base model unchanged); off = random</source>
        <translation type="unfinished">Векторы масштаба начинаются с 1 (базовая модель не меняется); выкл. = случайные</translation>
    </message>
    <message>
        <source>Block size</source>
        <translation type="unfinished">Размер блока</translation>
    </message>
    <message>
        <source>Weights per absmax scale (bitsandbytes uses 64)</source>
        <translation type="unfinished">Весов на один масштаб absmax (bitsandbytes использует 64)</translation>
    </message>
    <message>
        <source>Scaling numerator: the update is scaled by alpha / r</source>
        <translation type="unfinished">Числитель масштаба: обновление умножается на alpha / r</translation>
    </message>
    <message>
        <source>Rank dropout</source>
        <translation type="unfinished">Ранговый dropout</translation>
    </message>
    <message>
        <source>While training, drop whole output rows of the update with this probability</source>
        <translation type="unfinished">При обучении с этой вероятностью отбрасывать целые строки выхода обновления</translation>
    </message>
    <message>
        <source>Module dropout</source>
        <translation type="unfinished">Dropout модуля</translation>
    </message>
    <message>
        <source>While training, skip a module&apos;s whole update with this probability</source>
        <translation type="unfinished">При обучении с этой вероятностью пропускать всё обновление модуля</translation>
    </message>
    <message>
        <source>How the factors start: with one factor at zero training starts from the base model</source>
        <translation type="unfinished">Начальные значения множителей: если один из них нулевой, обучение начинается с базовой модели</translation>
    </message>
    <message>
        <source>one factor zero (PEFT default)</source>
        <translation type="unfinished">один множитель нулевой (по умолчанию в PEFT)</translation>
    </message>
    <message>
        <source>all random</source>
        <translation type="unfinished">все случайные</translation>
    </message>
    <message>
        <source>Decompose both</source>
        <translation type="unfinished">Разложить оба</translation>
    </message>
    <message>
        <source>Make the left Kronecker factor low-rank too (fewer parameters)</source>
        <translation type="unfinished">Сделать левый кронекеров множитель тоже малоранговым (меньше параметров)</translation>
    </message>
    <message>
        <source>Factor</source>
        <translation type="unfinished">Множитель</translation>
    </message>
    <message>
        <source>The left Kronecker factor is f × f where f divides the layer&apos;s sizes (-1: sizes near their square root)</source>
        <translation type="unfinished">Левый кронекеров множитель f × f, где f делит размеры слоя (-1: размеры около квадратного корня)</translation>
    </message>
    <message>
        <source>Rescale rank dropout</source>
        <translation type="unfinished">Нормировать dropout</translation>
    </message>
    <message>
        <source>Divide the kept rows by the fraction kept, as ordinary dropout does</source>
        <translation type="unfinished">Делить оставшиеся строки на долю оставшихся, как обычный dropout</translation>
    </message>
    <message>
        <source>left factor zero (PEFT default)</source>
        <translation type="unfinished">левый множитель нулевой (по умолчанию в PEFT)</translation>
    </message>
    <message>
        <source>right factor zero (LyCORIS)</source>
        <translation type="unfinished">правый множитель нулевой (LyCORIS)</translation>
    </message>
    <message>
        <source>Initial rank</source>
        <translation type="unfinished">Начальный ранг</translation>
    </message>
    <message>
        <source>Rank every target layer starts with; the schedule prunes it while training</source>
        <translation type="unfinished">Ранг, с которого начинает каждый целевой слой; расписание урезает его во время обучения</translation>
    </message>
    <message>
        <source>Target rank</source>
        <translation type="unfinished">Целевой ранг</translation>
    </message>
    <message>
        <source>Average rank per layer at the end: the final budget is this × the number of target layers</source>
        <translation type="unfinished">Средний ранг слоя в конце: итоговый бюджет — это значение × число целевых слоёв</translation>
    </message>
    <message>
        <source>Scaling numerator: the update is scaled by alpha / initial rank</source>
        <translation type="unfinished">Числитель масштаба: обновление умножается на alpha / начальный ранг</translation>
    </message>
    <message>
        <source>Steps before pruning</source>
        <translation type="unfinished">Шагов до урезания</translation>
    </message>
    <message>
        <source>Optimizer steps trained at the initial rank before any pruning</source>
        <translation type="unfinished">Шаги оптимизатора с начальным рангом до первого урезания</translation>
    </message>
    <message>
        <source>Final steps</source>
        <translation type="unfinished">Последние шаги</translation>
    </message>
    <message>
        <source>Last optimizer steps of the schedule, trained with the final ranks fixed</source>
        <translation type="unfinished">Последние шаги оптимизатора в расписании, с зафиксированными итоговыми рангами</translation>
    </message>
    <message>
        <source>Pruning interval</source>
        <translation type="unfinished">Интервал урезания</translation>
    </message>
    <message>
        <source>Between those, prune on every this many steps</source>
        <translation type="unfinished">Между ними урезать на каждом таком числе шагов</translation>
    </message>
    <message>
        <source>Schedule length</source>
        <translation type="unfinished">Длина расписания</translation>
    </message>
    <message>
        <source>Optimizer steps the pruning schedule spans; at its minimum, the run&apos;s own length</source>
        <translation type="unfinished">Шаги оптимизатора, на которые рассчитано расписание; на минимуме — длина самого запуска</translation>
    </message>
    <message>
        <source>the run&apos;s length</source>
        <translation type="unfinished">длина запуска</translation>
    </message>
    <message>
        <source>Orthogonality weight</source>
        <translation type="unfinished">Вес ортогональности</translation>
    </message>
    <message>
        <source>Weight of the loss term that keeps A&apos;s rows and B&apos;s columns orthonormal (0 = off)</source>
        <translation type="unfinished">Вес слагаемого потерь, держащего строки A и столбцы B ортонормированными (0 = выкл.)</translation>
    </message>
    <message>
        <source>Placement</source>
        <translation type="unfinished">Размещение</translation>
    </message>
    <message>
        <source>Where the adapters sit in every decoder block</source>
        <translation type="unfinished">Где адаптеры стоят в каждом блоке декодера</translation>
    </message>
    <message>
        <source>after the MLP (Pfeiffer)</source>
        <translation type="unfinished">после MLP (Pfeiffer)</translation>
    </message>
    <message>
        <source>after attention and MLP (Houlsby)</source>
        <translation type="unfinished">после внимания и MLP (Houlsby)</translation>
    </message>
    <message>
        <source>Reduction factor</source>
        <translation type="unfinished">Коэффициент сжатия</translation>
    </message>
    <message>
        <source>Bottleneck width = hidden size / this: larger means fewer parameters</source>
        <translation type="unfinished">Ширина узкого места = скрытый размер / это значение: больше — меньше параметров</translation>
    </message>
    <message>
        <source>Scaling</source>
        <translation type="unfinished">Масштаб</translation>
    </message>
    <message>
        <source>Factor on the adapter&apos;s output before it joins the residual stream</source>
        <translation type="unfinished">Множитель выхода адаптера перед добавлением в остаточный поток</translation>
    </message>
    <message>
        <source>Dropout on the adapter&apos;s output while training</source>
        <translation type="unfinished">Dropout на выходе адаптера при обучении</translation>
    </message>
    <message>
        <source>How the two projections start</source>
        <translation type="unfinished">С чего начинаются две проекции</translation>
    </message>
    <message>
        <source>small random (AdapterHub default)</source>
        <translation type="unfinished">малые случайные (по умолчанию в AdapterHub)</translation>
    </message>
    <message>
        <source>up projection zero (starts as the base)</source>
        <translation type="unfinished">верхняя проекция нулевая (старт с базовой модели)</translation>
    </message>
    <message>
        <source>truncated normal (Houlsby)</source>
        <translation type="unfinished">усечённое нормальное (Houlsby)</translation>
    </message>
</context>
<context>
    <name>MemoryEstimate</name>
    <message>
        <source>Runtime</source>
        <translation type="unfinished">Среда выполнения</translation>
    </message>
    <message>
        <source>Base weights</source>
        <translation type="unfinished">Базовые веса</translation>
    </message>
    <message>
        <source>Trainable adapter tensors</source>
        <translation type="unfinished">Обучаемые тензоры адаптера</translation>
    </message>
    <message>
        <source>Gradients</source>
        <translation type="unfinished">Градиенты</translation>
    </message>
    <message>
        <source>Optimizer state (AdamW)</source>
        <translation type="unfinished">Состояние оптимизатора (AdamW)</translation>
    </message>
    <message>
        <source>Activations</source>
        <translation type="unfinished">Активации</translation>
    </message>
    <message>
        <source>Output head and loss</source>
        <translation type="unfinished">Выходной слой и потери</translation>
    </message>
    <message>
        <source>Backward working memory</source>
        <translation type="unfinished">Рабочая память обратного прохода</translation>
    </message>
    <message>
        <source>Allocator slack</source>
        <translation type="unfinished">Резерв аллокатора</translation>
    </message>
    <message>
        <source>The data could not be read (%1): assumed micro-batch x cutoff, every token labelled.</source>
        <translation type="unfinished">Не удалось прочитать данные (%1): принято микробатч x длина отсечения, все токены размечены.</translation>
    </message>
    <message>
        <source>Peak memory on %1 (estimate): %2 of %3 available.</source>
        <translation type="unfinished">Пиковая память на %1 (оценка): %2 из %3 доступных.</translation>
    </message>
    <message>
        <source>Peak memory on %1 (estimate): %2.</source>
        <translation type="unfinished">Пиковая память на %1 (оценка): %2.</translation>
    </message>
    <message>
        <source>Does not fit: lower the micro-batch or the cutoff, or turn on gradient checkpointing or a 4-bit base.</source>
        <translation type="unfinished">Не помещается: уменьшите микробатч или длину отсечения либо включите пересчёт активаций или 4-битную базу.</translation>
    </message>
    <message>
        <source>No memory estimate until the run&apos;s settings are valid (%1: %2).</source>
        <translation type="unfinished">Оценки памяти не будет, пока настройки запуска некорректны (%1: %2).</translation>
    </message>
    <message>
        <source>AdaLoRA rank allocation</source>
        <translation type="unfinished">Распределение рангов AdaLoRA</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Fine-tune language models on your workstation.</source>
        <translation type="unfinished">Дообучение языковых моделей на вашей рабочей станции.</translation>
    </message>
    <message>
        <source>Model folder or run configuration (RUN.json) to open (default: the last form, or the bundled demo).</source>
        <translation type="unfinished">Папка модели или конфигурация запуска (RUN.json) для открытия (по умолчанию: последняя форма или встроенная демо-версия).</translation>
    </message>
    <message>
        <source>Save a picture of the window to FILE once it is shown, then quit.</source>
        <translation type="unfinished">Сохранить снимок окна в FILE после его показа и выйти.</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::HubDownloadView</name>
    <message>
        <source>&amp;Access token:</source>
        <translation type="unfinished">&amp;Токен доступа:</translation>
    </message>
    <message>
        <source>hf_… (gated models)</source>
        <translation type="unfinished">hf_… (закрытые модели)</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation type="unfinished">из %1</translation>
    </message>
    <message>
        <source>For gated or private models: a Hugging Face access token (hf_…) of an account with access. Empty: HF_TOKEN or the token file, as huggingface_hub finds it. Kept only while this window is open, never saved.</source>
        <translation type="unfinished">Для закрытых или приватных моделей: токен доступа Hugging Face (hf_…) учётной записи с доступом. Пусто: HF_TOKEN или файл токена, как их находит huggingface_hub. Хранится, только пока открыто это окно, и никогда не сохраняется.</translation>
    </message>
    <message>
        <source> — waiting for the server (a dropped connection is retried from here)</source>
        <translation type="unfinished"> — ожидание сервера (при обрыве соединения загрузка повторится с этого места)</translation>
    </message>
    <message numerus="yes">
        <source>; %n file(s) continued where an earlier download stopped</source>
        <translation type="unfinished">
            <numerusform>; %n файл докачан после прерванной загрузки</numerusform>
            <numerusform>; %n файла докачаны после прерванной загрузки</numerusform>
            <numerusform>; %n файлов докачано после прерванной загрузки</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n file(s) fetched again after failing the checksum</source>
        <translation type="unfinished">
            <numerusform>; %n файл загружен повторно из-за ошибки контрольной суммы</numerusform>
            <numerusform>; %n файла загружены повторно из-за ошибки контрольной суммы</numerusform>
            <numerusform>; %n файлов загружено повторно из-за ошибки контрольной суммы</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Download from the Hugging Face Hub&lt;/b&gt; (safetensors weights, config and tokenizer; never pickles)</source>
        <translation type="unfinished">&lt;b&gt;Загрузка с Hugging Face Hub&lt;/b&gt; (веса safetensors, конфигурация и токенизатор; никаких pickle)</translation>
    </message>
    <message>
        <source>Re&amp;pository:</source>
        <translation type="unfinished">&amp;Репозиторий:</translation>
    </message>
    <message>
        <source>e.g. Qwen/Qwen3-0.6B</source>
        <translation type="unfinished">например, Qwen/Qwen3-0.6B</translation>
    </message>
    <message>
        <source>A model&apos;s repository id on the Hub. Gated models need an access token (the field on the right, or HF_TOKEN); HF_ENDPOINT selects a mirror.</source>
        <translation type="unfinished">Идентификатор репозитория модели на Hub. Закрытым моделям нужен токен доступа (поле справа или HF_TOKEN); HF_ENDPOINT задаёт зеркало.</translation>
    </message>
    <message>
        <source>Re&amp;vision:</source>
        <translation type="unfinished">Ре&amp;визия:</translation>
    </message>
    <message>
        <source>A branch, tag or commit (empty: main)</source>
        <translation type="unfinished">Ветка, тег или коммит (пусто: main)</translation>
    </message>
    <message>
        <source>&amp;Cancel download</source>
        <translation type="unfinished">Отменить &amp;загрузку</translation>
    </message>
    <message>
        <source>&amp;Download</source>
        <translation type="unfinished">&amp;Скачать</translation>
    </message>
    <message>
        <source>Asking the hub about %1…</source>
        <translation type="unfinished">Запрос к Hub о %1…</translation>
    </message>
    <message>
        <source>%1 files, %2 fetched, %3 already in the cache</source>
        <translation type="unfinished">Файлов: %1, загружено %2, уже в кэше %3</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished">Отмена…</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation type="unfinished">Чтение %1…</translation>
    </message>
    <message>
        <source>File %1 of %2: %3 — %4 of %5</source>
        <translation type="unfinished">Файл %1 из %2: %3 — %4 из %5</translation>
    </message>
    <message>
        <source> — checking</source>
        <translation type="unfinished"> — проверка</translation>
    </message>
    <message>
        <source> — %1/s</source>
        <translation type="unfinished"> — %1/s</translation>
    </message>
    <message>
        <source> — %1 left</source>
        <translation type="unfinished"> — осталось %1</translation>
    </message>
    <message>
        <source>Cancelled. What was fetched stays in the cache; Download again continues from there.</source>
        <translation type="unfinished">Отменено. Загруженное остаётся в кэше; повторное «Скачать» продолжит с того же места.</translation>
    </message>
    <message>
        <source>Download failed: %1</source>
        <translation type="unfinished">Ошибка загрузки: %1</translation>
    </message>
    <message>
        <source>Downloaded: %1</source>
        <translation type="unfinished">Загружено: %1</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::CachedModelsView</name>
    <message>
        <source>&lt;b&gt;Models on this machine&lt;/b&gt; (Hugging Face and ModelScope caches)</source>
        <translation type="unfinished">&lt;b&gt;Модели на этом компьютере&lt;/b&gt; (кэши Hugging Face и ModelScope)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished">Об&amp;новить</translation>
    </message>
    <message>
        <source>Look in the caches again</source>
        <translation type="unfinished">Снова просмотреть кэши</translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished">Модель</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation type="unfinished">Ревизия</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation type="unfinished">Архитектура</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation type="unfinished">Параметры</translation>
    </message>
    <message>
        <source>Dtype</source>
        <translation type="unfinished">Тип данных</translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished">Размер</translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished">Состояние</translation>
    </message>
    <message>
        <source>Models on this machine</source>
        <translation type="unfinished">Модели на этом компьютере</translation>
    </message>
    <message>
        <source>Double-click or press Enter to open a model</source>
        <translation type="unfinished">Дважды щёлкните или нажмите Enter, чтобы открыть модель</translation>
    </message>
    <message>
        <source>Looked in: %1</source>
        <translation type="unfinished">Просмотрено: %1</translation>
    </message>
    <message>
        <source>Looking for models…</source>
        <translation type="unfinished">Поиск моделей…</translation>
    </message>
    <message>
        <source>Could not list the caches: %1</source>
        <translation type="unfinished">Не удалось просмотреть кэши: %1</translation>
    </message>
    <message>
        <source>ready</source>
        <translation type="unfinished">готова</translation>
    </message>
    <message>
        <source>cannot load: %1</source>
        <translation type="unfinished">не загружается: %1</translation>
    </message>
    <message>
        <source>No models found. Download one below or choose a folder above.</source>
        <translation type="unfinished">Модели не найдены. Скачайте модель ниже или выберите папку выше.</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::ChatPage</name>
    <message>
        <source>Let a reasoning model think &amp;first (Qwen3, SmolLM3)</source>
        <translation type="unfinished">Дать рассуждающей модели сначала по&amp;думать (Qwen3, SmolLM3)</translation>
    </message>
    <message>
        <source>Off: the prompt ends with an empty think block and the model answers directly (enable_thinking=False)</source>
        <translation type="unfinished">Выкл.: промпт заканчивается пустым блоком think, и модель отвечает сразу (enable_thinking=False)</translation>
    </message>
    <message>
        <source>Model folder</source>
        <translation type="unfinished">Папка модели</translation>
    </message>
    <message>
        <source>Adapter or run folder</source>
        <translation type="unfinished">Папка адаптера или запуска</translation>
    </message>
    <message>
        <source>Loading the model and adapters…</source>
        <translation type="unfinished">Загрузка модели и адаптеров…</translation>
    </message>
    <message numerus="yes">
        <source>Loaded the base and %n adapter(s) on it; template %1, context %2 tokens.</source>
        <translation type="unfinished">
            <numerusform>Загружены базовая модель и %n адаптер к ней; шаблон %1, контекст %2 токенов.</numerusform>
            <numerusform>Загружены базовая модель и %n адаптера к ней; шаблон %1, контекст %2 токенов.</numerusform>
            <numerusform>Загружены базовая модель и %n адаптеров к ней; шаблон %1, контекст %2 токенов.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot load: %1</source>
        <translation type="unfinished">Не удалось загрузить: %1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished">Ошибка: %1</translation>
    </message>
    <message>
        <source>%1 holds no adapter (adapter_config.json, or a run&apos;s adapter/ folder).</source>
        <translation type="unfinished">В %1 нет адаптера (adapter_config.json или папки adapter/ запуска).</translation>
    </message>
    <message>
        <source>Base model</source>
        <translation type="unfinished">Базовая модель</translation>
    </message>
    <message>
        <source>Choose the model folder to chat with.</source>
        <translation type="unfinished">Выберите папку модели для чата.</translation>
    </message>
    <message>
        <source>Tick the base model or an adapter to chat with.</source>
        <translation type="unfinished">Отметьте базовую модель или адаптер для чата.</translation>
    </message>
    <message numerus="yes">
        <source>%n token(s)</source>
        <translation type="unfinished">
            <numerusform>%n токен</numerusform>
            <numerusform>%n токена</numerusform>
            <numerusform>%n токенов</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation type="unfinished">%1 tokens/s</translation>
    </message>
    <message>
        <source>finished</source>
        <translation type="unfinished">завершено</translation>
    </message>
    <message>
        <source>reached the maximum new tokens</source>
        <translation type="unfinished">достигнут максимум новых токенов</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished">остановлено</translation>
    </message>
    <message>
        <source>the context is full</source>
        <translation type="unfinished">контекст заполнен</translation>
    </message>
    <message numerus="yes">
        <source>the oldest %n message(s) were left out to fit the context</source>
        <translation type="unfinished">
            <numerusform>%n самое старое сообщение опущено, чтобы уложиться в контекст</numerusform>
            <numerusform>%n самых старых сообщения опущены, чтобы уложиться в контекст</numerusform>
            <numerusform>%n самых старых сообщений опущено, чтобы уложиться в контекст</numerusform>
        </translation>
    </message>
    <message>
        <source>Not sent: the model could not be loaded.</source>
        <translation type="unfinished">Не отправлено: не удалось загрузить модель.</translation>
    </message>
    <message>
        <source>Stopped before this model replied.</source>
        <translation type="unfinished">Остановлено до ответа этой модели.</translation>
    </message>
    <message>
        <source>&amp;Model folder</source>
        <translation type="unfinished">&amp;Папка модели</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished">Обзор…</translation>
    </message>
    <message>
        <source>Chat &amp;with (one pane each)</source>
        <translation type="unfinished">&amp;Чат с (по панели на каждую)</translation>
    </message>
    <message>
        <source>The model without any adapter</source>
        <translation type="unfinished">Модель без адаптеров</translation>
    </message>
    <message>
        <source>Add adapter…</source>
        <translation type="unfinished">Добавить адаптер…</translation>
    </message>
    <message>
        <source>An adapter folder (PEFT layout) or a run folder; every listed adapter shares one loaded base</source>
        <translation type="unfinished">Папка адаптера (формат PEFT) или папка запуска; все адаптеры из списка используют одну загруженную базовую модель</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished">Удалить</translation>
    </message>
    <message>
        <source>auto (the model&apos;s own)</source>
        <translation type="unfinished">авто (шаблон модели)</translation>
    </message>
    <message>
        <source>Chat &amp;template</source>
        <translation type="unfinished">&amp;Шаблон чата</translation>
    </message>
    <message>
        <source>S&amp;ystem prompt</source>
        <translation type="unfinished">&amp;Системный промпт</translation>
    </message>
    <message>
        <source>Max &amp;new tokens</source>
        <translation type="unfinished">&amp;Макс. новых токенов</translation>
    </message>
    <message>
        <source>T&amp;emperature</source>
        <translation type="unfinished">&amp;Температура</translation>
    </message>
    <message>
        <source>Top-&amp;k</source>
        <translation type="unfinished">Top-&amp;k</translation>
    </message>
    <message>
        <source>Top-&amp;p</source>
        <translation type="unfinished">Top-&amp;p</translation>
    </message>
    <message>
        <source>&amp;Repetition penalty</source>
        <translation type="unfinished">Штраф за по&amp;вторы</translation>
    </message>
    <message>
        <source>&amp;Seed</source>
        <translation type="unfinished">&amp;Зерно</translation>
    </message>
    <message>
        <source>Empty: the template&apos;s default</source>
        <translation type="unfinished">Пусто: по умолчанию для шаблона</translation>
    </message>
    <message>
        <source>0 = greedy (always the most likely token); higher = more varied</source>
        <translation type="unfinished">0 = жадный выбор (всегда самый вероятный токен); выше = разнообразнее</translation>
    </message>
    <message>
        <source>Sample only among the k most likely tokens (0 = off)</source>
        <translation type="unfinished">Выбирать только среди k самых вероятных токенов (0 = выкл.)</translation>
    </message>
    <message>
        <source>Sample only among the most likely tokens whose probabilities add up to p (1 = off)</source>
        <translation type="unfinished">Выбирать только среди самых вероятных токенов с суммарной вероятностью p (1 = выкл.)</translation>
    </message>
    <message>
        <source>Above 1 discourages tokens already in the conversation (1 = off)</source>
        <translation type="unfinished">Больше 1 — штрафует токены, уже встречавшиеся в диалоге (1 = выкл.)</translation>
    </message>
    <message>
        <source>The same seed for every pane, so differences between panes come from the adapters</source>
        <translation type="unfinished">Одно зерно для всех панелей, чтобы различия между панелями шли от адаптеров</translation>
    </message>
    <message>
        <source>Messa&amp;ge (Ctrl+Enter sends)</source>
        <translation type="unfinished">Сооб&amp;щение (Ctrl+Enter — отправить)</translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished">Отправить</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished">Стоп</translation>
    </message>
    <message>
        <source>Clear history</source>
        <translation type="unfinished">Очистить историю</translation>
    </message>
    <message>
        <source>Empty the conversation of every pane</source>
        <translation type="unfinished">Очистить диалог во всех панелях</translation>
    </message>
    <message>
        <source>&amp;Load the base as</source>
        <translation type="unfinished">Загружать &amp;базу как</translation>
    </message>
    <message>
        <source>Loading stopped.</source>
        <translation type="unfinished">Загрузка остановлена.</translation>
    </message>
    <message>
        <source>A reply is in progress: wait for it or press Stop before changing the model or the adapters.</source>
        <translation type="unfinished">Идёт генерация ответа: дождитесь его или нажмите «Стоп», прежде чем менять модель или адаптеры.</translation>
    </message>
    <message>
        <source>%1 of %2 prompt tokens kept from the last turn</source>
        <translation type="unfinished">Сохранено %1 из %2 токенов промпта последней реплики</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::ChatPane</name>
    <message>
        <source>You</source>
        <translation type="unfinished">Вы</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation type="unfinished">Ассистент</translation>
    </message>
    <message>
        <source>Generating…</source>
        <translation type="unfinished">Генерация…</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::ComparePage</name>
    <message>
        <source>Not checked for training overlap: %1.</source>
        <translation type="unfinished">Не проверено на пересечение с обучающими данными: %1.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished">%1 (%2)</translation>
    </message>
    <message>
        <source>ΔW cosine</source>
        <translation type="unfinished">Косинус ΔW</translation>
    </message>
    <message>
        <source>‖ΔW‖ (Frobenius norm)</source>
        <translation type="unfinished">‖ΔW‖ (норма Фробениуса)</translation>
    </message>
    <message>
        <source>not adapted</source>
        <translation type="unfinished">не адаптирован</translation>
    </message>
    <message>
        <source>layer %1 · %2: %3</source>
        <translation type="unfinished">слой %1 · %2: %3</translation>
    </message>
    <message>
        <source>Choose a held-out dataset to evaluate on: data the runs did not train on (Browse…).</source>
        <translation type="unfinished">Выберите отложенный набор данных для оценки — данные, на которых запуски не обучались («Обзор…»).</translation>
    </message>
    <message>
        <source>%1 trained on %2 of the %3 evaluation examples</source>
        <translation type="unfinished">%1 обучался на %2 из %3 примеров оценки</translation>
    </message>
    <message>
        <source>Not held out: %1. Their scores include examples they learned; choose data none of the runs trained on.</source>
        <translation type="unfinished">Не отложены: %1. Их оценки включают выученные примеры; выберите данные, на которых не обучался ни один запуск.</translation>
    </message>
    <message>
        <source>a held-out file the runs did not train on</source>
        <translation type="unfinished">отложенный файл, на котором запуски не обучались</translation>
    </message>
    <message>
        <source>Add a run or adapter folder</source>
        <translation type="unfinished">Добавить папку запуска или адаптера</translation>
    </message>
    <message>
        <source>Choose the held-out dataset</source>
        <translation type="unfinished">Выберите отложенный набор данных</translation>
    </message>
    <message>
        <source>Export the evaluation</source>
        <translation type="unfinished">Экспорт оценки</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished">CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export the comparison</source>
        <translation type="unfinished">Экспорт сравнения</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation type="unfinished">JSON (*.json)</translation>
    </message>
    <message>
        <source>Runs and adapters to compare:</source>
        <translation type="unfinished">Запуски и адаптеры для сравнения:</translation>
    </message>
    <message>
        <source>Tick two or more runs of the workspace (or folders added below) trained on the same base</source>
        <translation type="unfinished">Отметьте два или более запусков рабочей папки (или добавленных ниже папок), обученных на одной базовой модели</translation>
    </message>
    <message>
        <source>Add run or adapter folder…</source>
        <translation type="unfinished">Добавить папку запуска или адаптера…</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation type="unfinished">&amp;Сравнить</translation>
    </message>
    <message>
        <source>Read the ticked runs and adapters and show them side by side</source>
        <translation type="unfinished">Прочитать отмеченные запуски и адаптеры и показать их рядом</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished">Сводка</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation type="unfinished">Конфигурация</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation type="unfinished">Кривые</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation type="unfinished">Оценка</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation type="unfinished">Веса</translation>
    </message>
    <message>
        <source>Differences only</source>
        <translation type="unfinished">Только различия</translation>
    </message>
    <message>
        <source>Curve:</source>
        <translation type="unfinished">Кривая:</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation type="unfinished">потери обучения</translation>
    </message>
    <message>
        <source>eval loss</source>
        <translation type="unfinished">потери при оценке</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation type="unfinished">скорость обучения</translation>
    </message>
    <message>
        <source>X axis:</source>
        <translation type="unfinished">Ось X:</translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished">Шаг</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation type="unfinished">Эпоха</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation type="unfinished">Токены</translation>
    </message>
    <message>
        <source>Time (s)</source>
        <translation type="unfinished">Время (с)</translation>
    </message>
    <message>
        <source>Untick a run to hide its curve</source>
        <translation type="unfinished">Снимите отметку с запуска, чтобы скрыть его кривую</translation>
    </message>
    <message>
        <source>Held-out data:</source>
        <translation type="unfinished">Отложенные данные:</translation>
    </message>
    <message>
        <source>Dataset every adapter and the base are scored on (the same formats as training)</source>
        <translation type="unfinished">Набор данных, на котором оцениваются все адаптеры и базовая модель (те же форматы, что для обучения)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished">Обзор…</translation>
    </message>
    <message>
        <source>Cutoff length:</source>
        <translation type="unfinished">Длина отсечения:</translation>
    </message>
    <message>
        <source>Max samples:</source>
        <translation type="unfinished">Макс. примеров:</translation>
    </message>
    <message>
        <source>all</source>
        <translation type="unfinished">все</translation>
    </message>
    <message>
        <source>&amp;Evaluate</source>
        <translation type="unfinished">&amp;Оценить</translation>
    </message>
    <message>
        <source>Score the base and every adapter on this data with one resident base (loss and perplexity)</source>
        <translation type="unfinished">Оценить базовую модель и каждый адаптер на этих данных с одной загруженной базой (потери и перплексия)</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished">Экспорт CSV…</translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation type="unfinished">Экспорт JSON…</translation>
    </message>
    <message>
        <source>‖ΔW‖ per layer and module of one adapter, or the ΔW cosine between two</source>
        <translation type="unfinished">‖ΔW‖ по слоям и модулям одного адаптера или косинус ΔW между двумя</translation>
    </message>
    <message>
        <source>Tick at least two runs or adapters.</source>
        <translation type="unfinished">Отметьте не менее двух запусков или адаптеров.</translation>
    </message>
    <message numerus="yes">
        <source>Reading %n item(s)…</source>
        <translation type="unfinished">
            <numerusform>Чтение %n элемента…</numerusform>
            <numerusform>Чтение %n элементов…</numerusform>
            <numerusform>Чтение %n элементов…</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot compare: %1</source>
        <translation type="unfinished">Не удалось сравнить: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) compared.</source>
        <translation type="unfinished">
            <numerusform>Сравнён %n элемент.</numerusform>
            <numerusform>Сравнено %n элемента.</numerusform>
            <numerusform>Сравнено %n элементов.</numerusform>
        </translation>
    </message>
    <message>
        <source>Tick the runs or adapters to evaluate.</source>
        <translation type="unfinished">Отметьте запуски или адаптеры для оценки.</translation>
    </message>
    <message>
        <source>Evaluating…</source>
        <translation type="unfinished">Оценка…</translation>
    </message>
    <message>
        <source>Cannot evaluate: %1</source>
        <translation type="unfinished">Не удалось выполнить оценку: %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished">Имя</translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished">Метод</translation>
    </message>
    <message>
        <source>r</source>
        <translation type="unfinished">r</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation type="unfinished">Параметры</translation>
    </message>
    <message>
        <source>File (KiB)</source>
        <translation type="unfinished">Файл (KiB)</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation type="unfinished">Шаги</translation>
    </message>
    <message>
        <source>Final loss</source>
        <translation type="unfinished">Итоговые потери</translation>
    </message>
    <message>
        <source>Best eval loss</source>
        <translation type="unfinished">Лучшие потери при оценке</translation>
    </message>
    <message>
        <source>Mean ‖ΔW‖</source>
        <translation type="unfinished">Средняя ‖ΔW‖</translation>
    </message>
    <message>
        <source>Effective rank</source>
        <translation type="unfinished">Эффективный ранг</translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished">Ключ</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation type="unfinished">Потери</translation>
    </message>
    <message>
        <source>Perplexity</source>
        <translation type="unfinished">Перплексия</translation>
    </message>
    <message>
        <source>Seconds</source>
        <translation type="unfinished">Секунды</translation>
    </message>
    <message>
        <source>Cannot export: %1</source>
        <translation type="unfinished">Не удалось экспортировать: %1</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation type="unfinished">Экспортировано: %1</translation>
    </message>
    <message>
        <source>‖ΔW‖ of %1</source>
        <translation type="unfinished">‖ΔW‖ для %1</translation>
    </message>
    <message>
        <source>ΔW cosine, %1 vs %2</source>
        <translation type="unfinished">Косинус ΔW, %1 и %2</translation>
    </message>
    <message>
        <source>module</source>
        <translation type="unfinished">модуль</translation>
    </message>
    <message>
        <source>layer</source>
        <translation type="unfinished">слой</translation>
    </message>
    <message>
        <source>Generations</source>
        <translation type="unfinished">Генерации</translation>
    </message>
    <message>
        <source>One prompt per line; each goes through the base and every ticked adapter with the same seed</source>
        <translation type="unfinished">По одному промпту на строку; каждый проходит через базовую модель и каждый отмеченный адаптер с одним и тем же зерном</translation>
    </message>
    <message>
        <source>max tokens </source>
        <translation type="unfinished">макс. токенов </translation>
    </message>
    <message>
        <source>Log-probabilities</source>
        <translation type="unfinished">Логарифмы вероятностей</translation>
    </message>
    <message>
        <source>Tint each token by its log-probability under its model minus under the base (hover for the numbers)</source>
        <translation type="unfinished">Окрашивать каждый токен по разности его логарифма вероятности в своей модели и в базовой (наведите курсор, чтобы увидеть числа)</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation type="unfinished">С&amp;генерировать</translation>
    </message>
    <message>
        <source>Tick the runs or adapters and write at least one prompt.</source>
        <translation type="unfinished">Отметьте запуски или адаптеры и напишите хотя бы один промпт.</translation>
    </message>
    <message>
        <source>Generating…</source>
        <translation type="unfinished">Генерация…</translation>
    </message>
    <message>
        <source>Cannot generate: %1</source>
        <translation type="unfinished">Не удалось сгенерировать: %1</translation>
    </message>
    <message>
        <source>Generated.</source>
        <translation type="unfinished">Сгенерировано.</translation>
    </message>
    <message>
        <source>Outputs diverge at token %1 (highlighted from there).</source>
        <translation type="unfinished">Выводы расходятся на токене %1 (выделено начиная с него).</translation>
    </message>
    <message>
        <source>All outputs are identical.</source>
        <translation type="unfinished">Все выводы идентичны.</translation>
    </message>
    <message>
        <source>Com&amp;bine LoRA adapters…</source>
        <translation type="unfinished">Объ&amp;единить адаптеры LoRA…</translation>
    </message>
    <message>
        <source>Weighted combination of the ticked LoRA adapters into a new adapter, as PEFT&apos;s add_weighted_adapter</source>
        <translation type="unfinished">Взвешенное объединение отмеченных адаптеров LoRA в новый адаптер, как add_weighted_adapter в PEFT</translation>
    </message>
    <message>
        <source>Combine LoRA adapters</source>
        <translation type="unfinished">Объединение адаптеров LoRA</translation>
    </message>
    <message>
        <source>linear (equal ranks, as PEFT)</source>
        <translation type="unfinished">linear (равные ранги, как в PEFT)</translation>
    </message>
    <message>
        <source>cat (ranks add up; exactly Σ w·ΔW)</source>
        <translation type="unfinished">cat (ранги складываются; ровно Σ w·ΔW)</translation>
    </message>
    <message>
        <source>Method:</source>
        <translation type="unfinished">Метод:</translation>
    </message>
    <message>
        <source>Output folder:</source>
        <translation type="unfinished">Выходная папка:</translation>
    </message>
    <message>
        <source>Combining…</source>
        <translation type="unfinished">Объединение…</translation>
    </message>
    <message>
        <source>Cannot combine: %1</source>
        <translation type="unfinished">Не удалось объединить: %1</translation>
    </message>
    <message>
        <source>Combined into %1.</source>
        <translation type="unfinished">Объединено в %1.</translation>
    </message>
    <message>
        <source>&amp;Load the base as (evaluation, generations):</source>
        <translation type="unfinished">Загружать &amp;базу как (оценка, генерации):</translation>
    </message>
    <message>
        <source>Evaluated on %1 (base held as %2).</source>
        <translation type="unfinished">Оценено на %1 (база загружена как %2).</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::CurvesWidget</name>
    <message>
        <source>Loss</source>
        <translation type="unfinished">Потери</translation>
    </message>
    <message>
        <source>Training loss of every logged step</source>
        <translation type="unfinished">Потери обучения на каждом записанном шаге</translation>
    </message>
    <message>
        <source>Smoothed</source>
        <translation type="unfinished">Сглаженные</translation>
    </message>
    <message>
        <source>Exponential moving average of the training loss (weight set by the slider)</source>
        <translation type="unfinished">Экспоненциальное скользящее среднее потерь обучения (вес задаётся ползунком)</translation>
    </message>
    <message>
        <source>Eval loss</source>
        <translation type="unfinished">Потери (оценка)</translation>
    </message>
    <message>
        <source>Loss on the held-out evaluation set</source>
        <translation type="unfinished">Потери на отложенном наборе для оценки</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation type="unfinished">Скор. обучения</translation>
    </message>
    <message>
        <source>Grad norm</source>
        <translation type="unfinished">Норма град.</translation>
    </message>
    <message>
        <source>Global gradient L2 norm before clipping (right axis)</source>
        <translation type="unfinished">Глобальная L2-норма градиента до обрезки (правая ось)</translation>
    </message>
    <message>
        <source>Smoothing %1</source>
        <translation type="unfinished">Сглаживание %1</translation>
    </message>
    <message>
        <source>Weight of the moving average: 0 = raw, 0.99 = very smooth</source>
        <translation type="unfinished">Вес скользящего среднего: 0 = без сглаживания, 0.99 = очень гладко</translation>
    </message>
    <message>
        <source>Smoothing</source>
        <translation type="unfinished">Сглаживание</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation type="unfinished">Лог. шкала</translation>
    </message>
    <message>
        <source>Logarithmic loss axis</source>
        <translation type="unfinished">Логарифмическая ось потерь</translation>
    </message>
    <message>
        <source>X axis:</source>
        <translation type="unfinished">Ось X:</translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished">Шаг</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation type="unfinished">Эпоха</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation type="unfinished">Токены</translation>
    </message>
    <message>
        <source>Time (s)</source>
        <translation type="unfinished">Время (с)</translation>
    </message>
    <message>
        <source>What the horizontal axis counts</source>
        <translation type="unfinished">Что откладывается по горизонтальной оси</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation type="unfinished">Вместить</translation>
    </message>
    <message>
        <source>Show all points and follow new ones (drag pans, wheel zooms)</source>
        <translation type="unfinished">Показать все точки и следить за новыми (перетаскивание — сдвиг, колесо — масштаб)</translation>
    </message>
    <message>
        <source>loss</source>
        <translation type="unfinished">потери</translation>
    </message>
    <message>
        <source>smoothed</source>
        <translation type="unfinished">сглаженные</translation>
    </message>
    <message>
        <source>eval loss</source>
        <translation type="unfinished">потери (оценка)</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation type="unfinished">скор. обучения</translation>
    </message>
    <message>
        <source>grad norm</source>
        <translation type="unfinished">норма град.</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::DataPage</name>
    <message>
        <source>Datasets in this folder (dataset_info.json)</source>
        <translation type="unfinished">Наборы данных в этой папке (dataset_info.json)</translation>
    </message>
    <message>
        <source>Tick the entries to train on; entries PeftDesk cannot use say why</source>
        <translation type="unfinished">Отметьте записи для обучения; для записей, которые PeftDesk не может использовать, указана причина</translation>
    </message>
    <message>
        <source>Template:</source>
        <translation type="unfinished">Шаблон:</translation>
    </message>
    <message>
        <source>auto (the model&apos;s own)</source>
        <translation type="unfinished">авто (шаблон модели)</translation>
    </message>
    <message>
        <source>Chat template used to turn conversations into tokens; auto picks the model&apos;s own family</source>
        <translation type="unfinished">Шаблон чата для преобразования диалогов в токены; «авто» выбирает шаблон семейства модели</translation>
    </message>
    <message>
        <source>Column mapping</source>
        <translation type="unfinished">Сопоставление столбцов</translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished">Поле</translation>
    </message>
    <message>
        <source>Column / tag in the file</source>
        <translation type="unfinished">Столбец / тег в файле</translation>
    </message>
    <message>
        <source>Which column of the file holds each field (as LLaMA-Factory&apos;s columns and tags); edit to map other names</source>
        <translation type="unfinished">Какой столбец файла содержит каждое поле (как columns и tags в LLaMA-Factory); измените, чтобы сопоставить другие имена</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation type="unfinished">Предпросмотр</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation type="unfinished">Токены</translation>
    </message>
    <message>
        <source>Lengths</source>
        <translation type="unfinished">Длины</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation type="unfinished">Проблемы</translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation type="unfinished">◀ Назад</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation type="unfinished">Далее ▶</translation>
    </message>
    <message>
        <source>Example:</source>
        <translation type="unfinished">Пример:</translation>
    </message>
    <message>
        <source>Which example to show as the trainer will see it (double-click a preview row too)</source>
        <translation type="unfinished">Какой пример показать так, как его увидит тренер (или дважды щёлкните строку предпросмотра)</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;background:#c8e6c9;color:#1b5e20&apos;&gt;&amp;nbsp;trained&amp;nbsp;&lt;/span&gt; &lt;span style=&apos;background:#e0e0e0;color:#616161&apos;&gt;&amp;nbsp;masked (prompt, history)&amp;nbsp;&lt;/span&gt; &lt;span style=&apos;color:#c62828&apos;&gt;&lt;b&gt;✂&lt;/b&gt; truncated at the cutoff&lt;/span&gt;</source>
        <translation type="unfinished">&lt;span style=&apos;background:#c8e6c9;color:#1b5e20&apos;&gt;&amp;nbsp;обучается&amp;nbsp;&lt;/span&gt; &lt;span style=&apos;background:#e0e0e0;color:#616161&apos;&gt;&amp;nbsp;маскирован (промпт, история)&amp;nbsp;&lt;/span&gt; &lt;span style=&apos;color:#c62828&apos;&gt;&lt;b&gt;✂&lt;/b&gt; обрезано по длине отсечения&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Tokens of the example</source>
        <translation type="unfinished">Токены примера</translation>
    </message>
    <message>
        <source>Malformed records</source>
        <translation type="unfinished">Некорректные записи</translation>
    </message>
    <message>
        <source>Reading the data…</source>
        <translation type="unfinished">Чтение данных…</translation>
    </message>
    <message>
        <source>Cannot read the data: %1</source>
        <translation type="unfinished">Не удалось прочитать данные: %1</translation>
    </message>
    <message>
        <source>%1 examples from %2 records · format %3</source>
        <translation type="unfinished">примеров: %1 (записей: %2) · формат %3</translation>
    </message>
    <message>
        <source>Template: %1</source>
        <translation type="unfinished">Шаблон: %1</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation type="unfinished">Предупреждение: %1</translation>
    </message>
    <message>
        <source>%1 of %2 examples are longer than the cutoff (%3 tokens) and will be truncated</source>
        <translation type="unfinished">%1 из %2 примеров превышают длину отсечения (%3 токенов) и будут обрезаны</translation>
    </message>
    <message numerus="yes">
        <source>%n malformed record(s): see Problems</source>
        <translation type="unfinished">
            <numerusform>%n некорректная запись: см. «Проблемы»</numerusform>
            <numerusform>%n некорректные записи: см. «Проблемы»</numerusform>
            <numerusform>%n некорректных записей: см. «Проблемы»</numerusform>
        </translation>
    </message>
    <message>
        <source>Problems (%1)</source>
        <translation type="unfinished">Проблемы (%1)</translation>
    </message>
    <message>
        <source>#</source>
        <translation type="unfinished">#</translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished">Источник</translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished">Текст</translation>
    </message>
    <message>
        <source>System</source>
        <translation type="unfinished">Система</translation>
    </message>
    <message>
        <source>Turns</source>
        <translation type="unfinished">Реплики</translation>
    </message>
    <message>
        <source>First prompt</source>
        <translation type="unfinished">Первый промпт</translation>
    </message>
    <message>
        <source>First response</source>
        <translation type="unfinished">Первый ответ</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation type="unfinished">Страница %1 из %2</translation>
    </message>
    <message>
        <source>Cannot encode this example: %1</source>
        <translation type="unfinished">Не удалось закодировать этот пример: %1</translation>
    </message>
    <message>
        <source>cutoff %1: %2 of %3 tokens kept</source>
        <translation type="unfinished">отсечение %1: сохранено %2 из %3 токенов</translation>
    </message>
    <message>
        <source>%1 tokens, %2 trained, %3 masked · %4</source>
        <translation type="unfinished">токенов: %1, обучаемых: %2, маскированных: %3 · %4</translation>
    </message>
    <message>
        <source>examples</source>
        <translation type="unfinished">примеры</translation>
    </message>
    <message>
        <source>cutoff %1 (dashed): %2 of %3 longer</source>
        <translation type="unfinished">отсечение %1 (пунктир): %2 из %3 длиннее</translation>
    </message>
    <message>
        <source>tokens per example</source>
        <translation type="unfinished">токенов на пример</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::ExportDialog</name>
    <message>
        <source>Merging the adapter into the weights…</source>
        <translation type="unfinished">Слияние адаптера с весами…</translation>
    </message>
    <message>
        <source>Writing the files…</source>
        <translation type="unfinished">Запись файлов…</translation>
    </message>
    <message>
        <source>Checking the merged model against base + adapter…</source>
        <translation type="unfinished">Сверка слитой модели с базой + адаптером…</translation>
    </message>
    <message>
        <source>Moving the files into place…</source>
        <translation type="unfinished">Перемещение файлов на место…</translation>
    </message>
    <message>
        <source>Export cancelled: nothing was written to %1.</source>
        <translation type="unfinished">Экспорт отменён: в %1 ничего не записано.</translation>
    </message>
    <message>
        <source>Export into</source>
        <translation type="unfinished">Экспорт в</translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation type="unfinished">Экспорт %1</translation>
    </message>
    <message>
        <source>Adapter: %1
Base model: %2</source>
        <translation type="unfinished">Адаптер: %1
Базовая модель: %2</translation>
    </message>
    <message>
        <source>Export as:</source>
        <translation type="unfinished">Экспортировать как:</translation>
    </message>
    <message>
        <source>Adapter (PEFT format; AdapterHub&apos;s for bottleneck adapters)</source>
        <translation type="unfinished">Адаптер (формат PEFT; для адаптеров-бутылочных горлышек — AdapterHub)</translation>
    </message>
    <message>
        <source>adapter_config.json + adapter_model.safetensors; loads with PeftModel.from_pretrained (a bottleneck adapter: adapter.safetensors, loads with the adapters library)</source>
        <translation type="unfinished">adapter_config.json + adapter_model.safetensors; загружается через PeftModel.from_pretrained (адаптер-бутылочное горлышко: adapter.safetensors, загружается библиотекой adapters)</translation>
    </message>
    <message>
        <source>Merged model</source>
        <translation type="unfinished">Слитая модель</translation>
    </message>
    <message>
        <source>The adapter merged into the base weights: a plain transformers model folder</source>
        <translation type="unfinished">Адаптер, слитый с базовыми весами: обычная папка модели transformers</translation>
    </message>
    <message>
        <source>Weights dtype:</source>
        <translation type="unfinished">Тип весов:</translation>
    </message>
    <message>
        <source>Shard size:</source>
        <translation type="unfinished">Размер шарда:</translation>
    </message>
    <message>
        <source>Split the merged weights into files of at most this size</source>
        <translation type="unfinished">Разбить слитые веса на файлы не больше этого размера</translation>
    </message>
    <message>
        <source>Check the merge (recommended)</source>
        <translation type="unfinished">Проверить слияние (рекомендуется)</translation>
    </message>
    <message>
        <source>Compare merged logits with base + adapter and refuse a merge that changes nothing</source>
        <translation type="unfinished">Сравнить логиты слитой модели с базой + адаптером и отклонить слияние, которое ничего не меняет</translation>
    </message>
    <message>
        <source>Write a model card (README.md)</source>
        <translation type="unfinished">Создать карточку модели (README.md)</translation>
    </message>
    <message>
        <source>Output folder:</source>
        <translation type="unfinished">Выходная папка:</translation>
    </message>
    <message>
        <source>A new or empty folder; an existing non-empty folder is never written into</source>
        <translation type="unfinished">Новая или пустая папка; в существующую непустую папку запись не ведётся</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished">Обзор…</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation type="unfinished">&amp;Экспортировать</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished">Отмена</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished">Отмена…</translation>
    </message>
    <message>
        <source>Choose an output folder.</source>
        <translation type="unfinished">Выберите выходную папку.</translation>
    </message>
    <message>
        <source>%1 exists and is not empty: choose a new or empty folder (nothing was changed).</source>
        <translation type="unfinished">%1 существует и не пуста: выберите новую или пустую папку (ничего не изменено).</translation>
    </message>
    <message>
        <source>This run has no adapter to export yet.</source>
        <translation type="unfinished">У этого запуска пока нет адаптера для экспорта.</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation type="unfinished">Экспорт…</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation type="unfinished">Ошибка экспорта: %1</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n file(s) to %1.</source>
        <translation type="unfinished">
            <numerusform>Экспортирован %n файл в %1.</numerusform>
            <numerusform>Экспортировано %n файла в %1.</numerusform>
            <numerusform>Экспортировано %n файлов в %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Merge checked: max |logit difference| %1, largest weight change %2.</source>
        <translation type="unfinished">Слияние проверено: макс. |разница логитов| %1, наибольшее изменение веса %2.</translation>
    </message>
    <message>
        <source>GGUF type:</source>
        <translation type="unfinished">Тип GGUF:</translation>
    </message>
    <message>
        <source>GGUF content:</source>
        <translation type="unfinished">Содержимое GGUF:</translation>
    </message>
    <message>
        <source>GGUF (llama.cpp / Ollama)</source>
        <translation type="unfinished">GGUF (llama.cpp / Ollama)</translation>
    </message>
    <message>
        <source>One .gguf file that llama.cpp and Ollama run, written as llama.cpp&apos;s own converter writes it</source>
        <translation type="unfinished">Один файл .gguf для llama.cpp и Ollama, записанный так же, как его записывает конвертер самого llama.cpp</translation>
    </message>
    <message>
        <source>Merged model (runs on its own)</source>
        <translation type="unfinished">Объединённая модель (работает сама по себе)</translation>
    </message>
    <message>
        <source>LoRA adapter (llama.cpp --lora, on the base model&apos;s GGUF)</source>
        <translation type="unfinished">LoRA-адаптер (llama.cpp --lora, поверх GGUF базовой модели)</translation>
    </message>
    <message>
        <source>Write an Ollama Modelfile</source>
        <translation type="unfinished">Записать Modelfile для Ollama</translation>
    </message>
    <message>
        <source>The chat template the run trained with and its stop tokens, so that the model answers in its format and stops</source>
        <translation type="unfinished">Шаблон чата, с которым шло обучение, и его стоп-токены, чтобы модель отвечала в своём формате и останавливалась</translation>
    </message>
    <message>
        <source>Writing the GGUF file…</source>
        <translation type="unfinished">Запись файла GGUF…</translation>
    </message>
    <message>
        <source>Wrote %1 into %2.</source>
        <translation type="unfinished">Записано: %1 в %2.</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::FirstRunGuide</name>
    <message>
        <source>Model</source>
        <translation type="unfinished">Модель</translation>
    </message>
    <message>
        <source>Data</source>
        <translation type="unfinished">Данные</translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished">Метод</translation>
    </message>
    <message>
        <source>LoRA is chosen. Change the method or its targets and watch the trainable parameters and the adapter size; Measure runs three real steps to time them.</source>
        <translation type="unfinished">Выбран LoRA. Измените метод или его целевые модули и следите за числом обучаемых параметров и размером адаптера; «Измерить» выполняет три реальных шага и засекает время.</translation>
    </message>
    <message>
        <source>Train</source>
        <translation type="unfinished">Обучение</translation>
    </message>
    <message>
        <source>Press Start: the loss is drawn live, and you can pause or stop and save at any time. The run then appears on the Runs page; in its Chat, ask &quot;What is your name?&quot;: the base and the tuned model answer side by side.</source>
        <translation type="unfinished">Нажмите «Запустить»: потери рисуются в реальном времени, а приостановить или остановить с сохранением можно в любой момент. Затем запуск появится на странице «Запуски»; в его «Чате» спросите «What is your name?» — базовая и дообученная модели ответят рядом.</translation>
    </message>
    <message>
        <source>Getting started — step %1 of %2: %3</source>
        <translation type="unfinished">Начало работы — шаг %1 из %2: %3</translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished">Назад</translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished">Готово</translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished">Далее</translation>
    </message>
    <message>
        <source>Close guide</source>
        <translation type="unfinished">Закрыть руководство</translation>
    </message>
    <message>
        <source>Hide the guide; Help ▸ Getting Started shows it again</source>
        <translation type="unfinished">Скрыть руководство; «Справка ▸ Начало работы» покажет его снова</translation>
    </message>
    <message>
        <source>A first start opens the small demo model. To fine-tune your own, choose its Hugging Face folder here: the summary shows its size and the memory it needs.</source>
        <translation type="unfinished">При первом открытии программы загружается небольшая демо-модель. Чтобы дообучить свою, выберите здесь её папку Hugging Face: в сводке показаны её размер и нужная ей память.</translation>
    </message>
    <message>
        <source>A first start loads the demo dataset. Pick your own file or LLaMA-Factory folder: the preview and the token inspector show exactly which tokens the model will learn.</source>
        <translation type="unfinished">При первом открытии загружается демонстрационный набор данных. Выберите свой файл или папку LLaMA-Factory: предпросмотр и инспектор токенов точно покажут, каким токенам будет обучаться модель.</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::MainWindow</name>
    <message>
        <source>%1 cannot be opened: %2</source>
        <translation type="unfinished">Не удалось открыть %1: %2</translation>
    </message>
    <message>
        <source>PeftDesk — %1</source>
        <translation type="unfinished">PeftDesk — %1</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation type="unfinished">Открыто: %1</translation>
    </message>
    <message>
        <source>Choose a model folder</source>
        <translation type="unfinished">Выберите папку модели</translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation type="unfinished">Ctrl+Shift+O</translation>
    </message>
    <message>
        <source>Open a run configuration</source>
        <translation type="unfinished">Открыть конфигурацию запуска</translation>
    </message>
    <message>
        <source>Run configuration (*.json)</source>
        <translation type="unfinished">Конфигурация запуска (*.json)</translation>
    </message>
    <message>
        <source>Save the run configuration</source>
        <translation type="unfinished">Сохранить конфигурацию запуска</translation>
    </message>
    <message>
        <source>Save the run configuration for the command line</source>
        <translation type="unfinished">Сохранить конфигурацию запуска для командной строки</translation>
    </message>
    <message>
        <source>Equivalent command</source>
        <translation type="unfinished">Эквивалентная команда</translation>
    </message>
    <message>
        <source>This configuration was saved to %1. The same run from a terminal:</source>
        <translation type="unfinished">Эта конфигурация сохранена в %1. Тот же запуск из терминала:</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished">Копировать</translation>
    </message>
    <message>
        <source>PeftDesk</source>
        <translation type="unfinished">PeftDesk</translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished">Модель</translation>
    </message>
    <message>
        <source>Data</source>
        <translation type="unfinished">Данные</translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished">Метод</translation>
    </message>
    <message>
        <source>Train</source>
        <translation type="unfinished">Обучение</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation type="unfinished">Запуски</translation>
    </message>
    <message>
        <source>The base model: architecture, size, memory</source>
        <translation type="unfinished">Базовая модель: архитектура, размер, память</translation>
    </message>
    <message>
        <source>Dataset, format, template, preview, tokens, problems</source>
        <translation type="unfinished">Набор данных, формат, шаблон, предпросмотр, токены, проблемы</translation>
    </message>
    <message>
        <source>Fine-tuning method, targets, trainable parameters, cost</source>
        <translation type="unfinished">Метод дообучения, целевые модули, обучаемые параметры, затраты</translation>
    </message>
    <message>
        <source>Hyper-parameters, start / pause / stop, live curves</source>
        <translation type="unfinished">Гиперпараметры, запуск / пауза / остановка, кривые в реальном времени</translation>
    </message>
    <message>
        <source>Every run of the workspace: state, curves, reopen, resume</source>
        <translation type="unfinished">Все запуски рабочей папки: состояние, кривые, повторное открытие, продолжение</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation type="unfinished">Страницы</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished">&amp;Файл</translation>
    </message>
    <message>
        <source>&amp;Open Model Folder…</source>
        <translation type="unfinished">&amp;Открыть папку модели…</translation>
    </message>
    <message>
        <source>Open &amp;Run Configuration…</source>
        <translation type="unfinished">Открыть конфигурацию &amp;запуска…</translation>
    </message>
    <message>
        <source>&amp;Save Run Configuration…</source>
        <translation type="unfinished">&amp;Сохранить конфигурацию запуска…</translation>
    </message>
    <message>
        <source>Show &amp;Command Line…</source>
        <translation type="unfinished">Показать &amp;командную строку…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished">&amp;Выход</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished">&amp;Вид</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished">&amp;Язык</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished">&amp;Справка</translation>
    </message>
    <message>
        <source>&amp;About PeftDesk</source>
        <translation type="unfinished">&amp;О программе PeftDesk</translation>
    </message>
    <message>
        <source>The %1 translation could not be loaded</source>
        <translation type="unfinished">Не удалось загрузить перевод: %1</translation>
    </message>
    <message>
        <source>Cannot open the run configuration</source>
        <translation type="unfinished">Не удалось открыть конфигурацию запуска</translation>
    </message>
    <message>
        <source>Loaded %1</source>
        <translation type="unfinished">Загружено: %1</translation>
    </message>
    <message>
        <source>Cannot save the run configuration</source>
        <translation type="unfinished">Не удалось сохранить конфигурацию запуска</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation type="unfinished">Сохранено: %1</translation>
    </message>
    <message>
        <source>About PeftDesk</source>
        <translation type="unfinished">О программе PeftDesk</translation>
    </message>
    <message>
        <source>&lt;b&gt;PeftDesk %1&lt;/b&gt;&lt;br&gt;Fine-tune language models on your workstation.&lt;br&gt;&lt;br&gt;%2</source>
        <translation type="unfinished">&lt;b&gt;PeftDesk %1&lt;/b&gt;&lt;br&gt;Дообучение языковых моделей на вашей рабочей станции.&lt;br&gt;&lt;br&gt;%2</translation>
    </message>
    <message>
        <source>A run is in progress</source>
        <translation type="unfinished">Идёт запуск</translation>
    </message>
    <message>
        <source>Training is still running. Stop it and save a checkpoint before quitting? It can be resumed later from the Runs page.</source>
        <translation type="unfinished">Обучение ещё идёт. Остановить его и сохранить контрольную точку перед выходом? Его можно будет продолжить позже на странице «Запуски».</translation>
    </message>
    <message>
        <source>Saving a checkpoint…</source>
        <translation type="unfinished">Сохранение контрольной точки…</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation type="unfinished">Сравнение</translation>
    </message>
    <message>
        <source>Runs and adapters side by side: losses, curves, evaluation, weights</source>
        <translation type="unfinished">Запуски и адаптеры рядом: потери, кривые, оценка, веса</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation type="unfinished">Чат</translation>
    </message>
    <message>
        <source>Chat with the base model and adapters, side by side</source>
        <translation type="unfinished">Чат с базовой моделью и адаптерами рядом</translation>
    </message>
    <message>
        <source>&amp;Getting Started</source>
        <translation type="unfinished">&amp;Начало работы</translation>
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
        <translation type="unfinished">LoRA с разложением весов: низкоранговое обновление плюс обучаемая величина для каждой выходной строки.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2</source>
        <translation type="unfinished">&lt;b&gt;%1&lt;/b&gt;: %2</translation>
    </message>
    <message>
        <source>; GPU memory peak %1 of %2</source>
        <translation type="unfinished">; пик памяти GPU %1 из %2</translation>
    </message>
    <message>
        <source>LoRA</source>
        <translation type="unfinished">LoRA</translation>
    </message>
    <message>
        <source>Low-rank update B·A beside each target layer; DoRA, rsLoRA and LoRA+ are options below.</source>
        <translation type="unfinished">Низкоранговое обновление B·A рядом с каждым целевым слоем; DoRA, rsLoRA и LoRA+ — опции ниже.</translation>
    </message>
    <message>
        <source>QLoRA (4-bit base)</source>
        <translation type="unfinished">QLoRA (4-битная база)</translation>
    </message>
    <message>
        <source>LoRA on a base quantized to 4 bits on load (NF4, as bitsandbytes): a quarter of the weight memory.</source>
        <translation type="unfinished">LoRA на базовой модели, квантованной до 4 бит при загрузке (NF4, как в bitsandbytes): четверть памяти на веса.</translation>
    </message>
    <message>
        <source>IA³</source>
        <translation type="unfinished">IA³</translation>
    </message>
    <message>
        <source>Learned per-channel scaling of keys, values and feed-forward activations: very few parameters.</source>
        <translation type="unfinished">Обучаемое поканальное масштабирование ключей, значений и активаций feed-forward: очень мало параметров.</translation>
    </message>
    <message>
        <source>Prefix tuning</source>
        <translation type="unfinished">Prefix tuning</translation>
    </message>
    <message>
        <source>Learned key/value vectors prepended in every attention layer.</source>
        <translation type="unfinished">Обучаемые векторы ключей/значений, добавляемые в начало каждого слоя внимания.</translation>
    </message>
    <message>
        <source>Prompt tuning</source>
        <translation type="unfinished">Prompt tuning</translation>
    </message>
    <message>
        <source>Learned input embeddings prepended to every example.</source>
        <translation type="unfinished">Обучаемые входные эмбеддинги, добавляемые в начало каждого примера.</translation>
    </message>
    <message>
        <source>Full fine-tuning</source>
        <translation type="unfinished">Полное дообучение</translation>
    </message>
    <message>
        <source>Every base parameter trains (for comparison: memory grows with the whole model).</source>
        <translation type="unfinished">Обучаются все параметры базовой модели (для сравнения: память растёт вместе со всей моделью).</translation>
    </message>
    <message>
        <source>Freeze (last layers)</source>
        <translation type="unfinished">Заморозка (последние слои)</translation>
    </message>
    <message>
        <source>Only the last N decoder layers train, as LLaMA-Factory&apos;s freeze tuning.</source>
        <translation type="unfinished">Обучаются только последние N слоёв декодера, как при freeze tuning в LLaMA-Factory.</translation>
    </message>
    <message>
        <source>4-bit base (QLoRA)</source>
        <translation type="unfinished">4-битная база (QLoRA)</translation>
    </message>
    <message>
        <source>Target modules</source>
        <translation type="unfinished">Целевые модули</translation>
    </message>
    <message>
        <source>All linear layers (all-linear)</source>
        <translation type="unfinished">Все линейные слои (all-linear)</translation>
    </message>
    <message>
        <source>Adapt every linear layer except the output head, as PEFT&apos;s all-linear</source>
        <translation type="unfinished">Адаптировать все линейные слои, кроме выходного, как all-linear в PEFT</translation>
    </message>
    <message>
        <source>The model&apos;s own linear modules; the adapter goes beside each checked one</source>
        <translation type="unfinished">Собственные линейные модули модели; адаптер ставится рядом с каждым отмеченным</translation>
    </message>
    <message>
        <source>Feed-forward modules (scaled on their input):</source>
        <translation type="unfinished">Модули feed-forward (масштабируются по входу):</translation>
    </message>
    <message>
        <source>IA³ scales these modules&apos; inputs instead of their outputs; they must be targets too</source>
        <translation type="unfinished">IA³ масштабирует входы этих модулей, а не выходы; они также должны быть целевыми</translation>
    </message>
    <message>
        <source>Trainable parameters</source>
        <translation type="unfinished">Обучаемые параметры</translation>
    </message>
    <message>
        <source>Module / parameter</source>
        <translation type="unfinished">Модуль / параметр</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation type="unfinished">Форма</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation type="unfinished">Параметры</translation>
    </message>
    <message>
        <source>Dtype</source>
        <translation type="unfinished">Тип данных</translation>
    </message>
    <message>
        <source>Trainable parameters per module</source>
        <translation type="unfinished">Обучаемые параметры по модулям</translation>
    </message>
    <message>
        <source>Memory and time</source>
        <translation type="unfinished">Память и время</translation>
    </message>
    <message>
        <source>Measure (%1 steps)</source>
        <translation type="unfinished">Измерить (шагов: %1)</translation>
    </message>
    <message>
        <source>Run the real trainer for a few steps in a temporary folder and measure seconds per step and peak memory</source>
        <translation type="unfinished">Запустить настоящий тренер на несколько шагов во временной папке и измерить секунды на шаг и пиковую память</translation>
    </message>
    <message>
        <source>What training holds at its peak, before the first step: checked against measured peaks on the CPU (within 15-20 %). Measure runs real steps.</source>
        <translation type="unfinished">Что занимает обучение на пике, до первого шага: сверено с измеренными пиками на CPU (в пределах 15–20 %). «Измерить» выполняет реальные шаги.</translation>
    </message>
    <message>
        <source>Cannot count: %1</source>
        <translation type="unfinished">Не удалось подсчитать: %1</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation type="unfinished">Подсчёт…</translation>
    </message>
    <message>
        <source>Trainable: %1 of %2 parameters (%3 %) · adapter file %4</source>
        <translation type="unfinished">Обучаемых: %1 из %2 параметров (%3 %) · файл адаптера %4</translation>
    </message>
    <message>
        <source>Matched no module: %1</source>
        <translation type="unfinished">Не совпало ни с одним модулем: %1</translation>
    </message>
    <message>
        <source>Fix the configuration first: %1: %2</source>
        <translation type="unfinished">Сначала исправьте конфигурацию: %1: %2</translation>
    </message>
    <message>
        <source>Measuring…</source>
        <translation type="unfinished">Измерение…</translation>
    </message>
    <message>
        <source>Measurement failed: %1</source>
        <translation type="unfinished">Ошибка измерения: %1</translation>
    </message>
    <message>
        <source>Measured: %1 s per step, peak memory %2 (%3 above idle); the whole run (%4 steps) ≈ %5 min</source>
        <translation type="unfinished">Измерено: %1 с на шаг, пиковая память %2 (%3 сверх простоя); весь запуск (шагов: %4) ≈ %5 мин</translation>
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
        <translation type="unfinished">Поэлементное произведение двух малоранговых обновлений: ранг до r² при вдвое большем числе параметров, чем у LoRA.</translation>
    </message>
    <message>
        <source>Kronecker product of a small factor and a low-rank one: high-rank updates from very few parameters.</source>
        <translation type="unfinished">Кронекерово произведение малого и малорангового множителей: обновления высокого ранга при очень малом числе параметров.</translation>
    </message>
    <message>
        <source>AdaLoRA</source>
        <translation type="unfinished">AdaLoRA</translation>
    </message>
    <message>
        <source>SVD-shaped LoRA whose rank per layer is pruned during training, by importance, down to a budget.</source>
        <translation type="unfinished">LoRA в форме SVD: ранг каждого слоя во время обучения урезается по важности до заданного бюджета.</translation>
    </message>
    <message>
        <source>Bottleneck adapter</source>
        <translation type="unfinished">Адаптер-бутылочное горлышко</translation>
    </message>
    <message>
        <source>A small down-and-up network after each block&apos;s MLP (Pfeiffer) or after its attention too (Houlsby); saved in AdapterHub&apos;s format.</source>
        <translation type="unfinished">Небольшая сеть сжатия и расширения после MLP каждого блока (Pfeiffer) или также после внимания (Houlsby); сохраняется в формате AdapterHub.</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::ModelPage</name>
    <message>
        <source>yes</source>
        <translation type="unfinished">да</translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished">нет</translation>
    </message>
    <message>
        <source>&amp;Model folder:</source>
        <translation type="unfinished">&amp;Папка модели:</translation>
    </message>
    <message>
        <source>A Hugging Face model folder (config.json + *.safetensors)</source>
        <translation type="unfinished">Папка модели Hugging Face (config.json + *.safetensors)</translation>
    </message>
    <message>
        <source>Folder with config.json, safetensors weights and tokenizer files; press Enter to open, or pick a recent one</source>
        <translation type="unfinished">Папка с config.json, весами safetensors и файлами токенизатора; нажмите Enter, чтобы открыть, или выберите недавнюю</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished">&amp;Обзор…</translation>
    </message>
    <message>
        <source>Property</source>
        <translation type="unfinished">Свойство</translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished">Значение</translation>
    </message>
    <message>
        <source>Model architecture summary</source>
        <translation type="unfinished">Сводка архитектуры модели</translation>
    </message>
    <message>
        <source>Choose a model folder</source>
        <translation type="unfinished">Выберите папку модели</translation>
    </message>
    <message>
        <source>Cannot open this model: %1</source>
        <translation type="unfinished">Не удалось открыть эту модель: %1</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation type="unfinished">Архитектура</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation type="unfinished">Параметры</translation>
    </message>
    <message>
        <source>Dtype</source>
        <translation type="unfinished">Тип данных</translation>
    </message>
    <message>
        <source> (stored %1)</source>
        <translation type="unfinished"> (хранится в %1)</translation>
    </message>
    <message>
        <source>Vocabulary</source>
        <translation type="unfinished">Словарь</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation type="unfinished">Слои</translation>
    </message>
    <message>
        <source>Hidden size</source>
        <translation type="unfinished">Скрытый размер</translation>
    </message>
    <message>
        <source>Intermediate size</source>
        <translation type="unfinished">Промежуточный размер</translation>
    </message>
    <message>
        <source>Attention heads</source>
        <translation type="unfinished">Головы внимания</translation>
    </message>
    <message>
        <source>%1 (key/value %2, head dim %3)</source>
        <translation type="unfinished">%1 (ключ/значение %2, размер головы %3)</translation>
    </message>
    <message>
        <source>Max positions</source>
        <translation type="unfinished">Макс. позиций</translation>
    </message>
    <message>
        <source>RoPE</source>
        <translation type="unfinished">RoPE</translation>
    </message>
    <message>
        <source>theta %1, scaling %2</source>
        <translation type="unfinished">theta %1, масштабирование %2</translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished">нет</translation>
    </message>
    <message>
        <source>none (learned positions)</source>
        <translation type="unfinished">нет (обучаемые позиции)</translation>
    </message>
    <message>
        <source>Tied embeddings</source>
        <translation type="unfinished">Связанные эмбеддинги</translation>
    </message>
    <message>
        <source>Block</source>
        <translation type="unfinished">Блок</translation>
    </message>
    <message>
        <source>standard</source>
        <translation type="unfinished">стандартный</translation>
    </message>
    <message>
        <source>Size on disk</source>
        <translation type="unfinished">Размер на диске</translation>
    </message>
    <message>
        <source>Memory at bf16</source>
        <translation type="unfinished">Память в bf16</translation>
    </message>
    <message>
        <source>Memory at NF4 (QLoRA)</source>
        <translation type="unfinished">Память в NF4 (QLoRA)</translation>
    </message>
    <message>
        <source>Tokenizer files</source>
        <translation type="unfinished">Файлы токенизатора</translation>
    </message>
    <message>
        <source>This folder has no tokenizer: text datasets, chat templates and generation need one (pre-tokenized data still trains).</source>
        <translation type="unfinished">В этой папке нет токенизатора: он нужен для текстовых наборов данных, шаблонов чата и генерации (на предтокенизированных данных обучение возможно и без него).</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::PrecisionBox</name>
    <message>
        <source>fp32 (exact, most memory)</source>
        <translation type="unfinished">fp32 (точно, больше всего памяти)</translation>
    </message>
    <message>
        <source>bf16 (half the memory)</source>
        <translation type="unfinished">bf16 (вдвое меньше памяти)</translation>
    </message>
    <message>
        <source>4-bit NF4, bf16 compute (as QLoRA trains)</source>
        <translation type="unfinished">4-бит NF4, вычисления в bf16 (как обучает QLoRA)</translation>
    </message>
    <message>
        <source>How the base model&apos;s weights are held in memory while it runs</source>
        <translation type="unfinished">Как веса базовой модели хранятся в памяти во время работы</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::RunsPage</name>
    <message>
        <source>Rename run</source>
        <translation type="unfinished">Переименовать запуск</translation>
    </message>
    <message>
        <source>Name shown for %1 (empty: the folder&apos;s name):</source>
        <translation type="unfinished">Имя для %1 (пусто: имя папки):</translation>
    </message>
    <message>
        <source>Run notes</source>
        <translation type="unfinished">Заметки к запуску</translation>
    </message>
    <message>
        <source>Notes on %1:</source>
        <translation type="unfinished">Заметки к %1:</translation>
    </message>
    <message>
        <source>Move the run to the trash?</source>
        <translation type="unfinished">Переместить запуск в корзину?</translation>
    </message>
    <message>
        <source>Move %1 (its checkpoints, adapter and curves) to the trash? It can be restored from there.</source>
        <translation type="unfinished">Переместить %1 (контрольные точки, адаптер и кривые) в корзину? Оттуда его можно будет восстановить.</translation>
    </message>
    <message>
        <source>Cannot rename the run</source>
        <translation type="unfinished">Не удалось переименовать запуск</translation>
    </message>
    <message>
        <source>Cannot save the notes</source>
        <translation type="unfinished">Не удалось сохранить заметки</translation>
    </message>
    <message>
        <source>Cannot move the run to the trash</source>
        <translation type="unfinished">Не удалось переместить запуск в корзину</translation>
    </message>
    <message>
        <source>%1 is still training: stop it first.</source>
        <translation type="unfinished">%1 ещё обучается: сначала остановите его.</translation>
    </message>
    <message>
        <source>%1 could not be moved to the trash (no trash on this file system, or no permission); nothing was deleted.</source>
        <translation type="unfinished">Не удалось переместить %1 в корзину (в этой файловой системе нет корзины или нет прав); ничего не удалено.</translation>
    </message>
    <message>
        <source>Notes: %1</source>
        <translation type="unfinished">Заметки: %1</translation>
    </message>
    <message>
        <source>Manage</source>
        <translation type="unfinished">Управление</translation>
    </message>
    <message>
        <source>Rename the run, write notes on it, or move it to the trash</source>
        <translation type="unfinished">Переименовать запуск, написать к нему заметки или переместить его в корзину</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation type="unfinished">&amp;Переименовать…</translation>
    </message>
    <message>
        <source>&amp;Notes…</source>
        <translation type="unfinished">&amp;Заметки…</translation>
    </message>
    <message>
        <source>Move to &amp;trash…</source>
        <translation type="unfinished">В &amp;корзину…</translation>
    </message>
    <message>
        <source>Choose the workspace folder</source>
        <translation type="unfinished">Выберите рабочую папку</translation>
    </message>
    <message>
        <source>Add a run folder</source>
        <translation type="unfinished">Добавить папку запуска</translation>
    </message>
    <message>
        <source>Workspace: %1</source>
        <translation type="unfinished">Рабочая папка: %1</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation type="unfinished">Изменить…</translation>
    </message>
    <message>
        <source>The folder where new runs are created and listed</source>
        <translation type="unfinished">Папка, в которой создаются и отображаются новые запуски</translation>
    </message>
    <message>
        <source>Add run folder…</source>
        <translation type="unfinished">Добавить папку запуска…</translation>
    </message>
    <message>
        <source>List a run folder that lives outside the workspace</source>
        <translation type="unfinished">Показать в списке папку запуска, находящуюся вне рабочей папки</translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished">Запуск</translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished">Состояние</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished">Прогресс</translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished">Метод</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation type="unfinished">Потери</translation>
    </message>
    <message>
        <source>Best eval loss</source>
        <translation type="unfinished">Лучшие потери при оценке</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation type="unfinished">Обновлено</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation type="unfinished">Запуски</translation>
    </message>
    <message>
        <source>Open configuration</source>
        <translation type="unfinished">Открыть конфигурацию</translation>
    </message>
    <message>
        <source>Load this run&apos;s RUN.json into the form (to change it and start a new run)</source>
        <translation type="unfinished">Загрузить RUN.json этого запуска в форму (чтобы изменить его и начать новый запуск)</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished">Продолжить</translation>
    </message>
    <message>
        <source>Continue this run from its newest checkpoint</source>
        <translation type="unfinished">Продолжить этот запуск с последней контрольной точки</translation>
    </message>
    <message>
        <source>Show folder</source>
        <translation type="unfinished">Показать папку</translation>
    </message>
    <message>
        <source>running</source>
        <translation type="unfinished">выполняется</translation>
    </message>
    <message>
        <source>preparing</source>
        <translation type="unfinished">подготовка</translation>
    </message>
    <message>
        <source>paused</source>
        <translation type="unfinished">приостановлен</translation>
    </message>
    <message>
        <source>finished</source>
        <translation type="unfinished">завершён</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished">остановлен</translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished">сбой</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation type="unfinished">прерван</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished">неизвестно</translation>
    </message>
    <message>
        <source>%1 · model %2</source>
        <translation type="unfinished">%1 · модель %2</translation>
    </message>
    <message>
        <source>Checkpoints at steps %1</source>
        <translation type="unfinished">Контрольные точки на шагах %1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished">Ошибка: %1</translation>
    </message>
    <message>
        <source>The process running this run is gone; resume continues from the newest checkpoint.</source>
        <translation type="unfinished">Процесс, выполнявший этот запуск, завершился; «Продолжить» возобновит его с последней контрольной точки.</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished">Экспорт…</translation>
    </message>
    <message>
        <source>Write this run&apos;s adapter as a PEFT adapter or merged into the base, with a model card</source>
        <translation type="unfinished">Записать адаптер этого запуска как адаптер PEFT или слитым с базовой моделью, с карточкой модели</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation type="unfinished">Чат</translation>
    </message>
    <message>
        <source>Chat with this run&apos;s adapter and the base model side by side</source>
        <translation type="unfinished">Чат с адаптером этого запуска и базовой моделью рядом</translation>
    </message>
    <message>
        <source>A LLaMA-Factory output folder (output_dir)</source>
        <translation type="unfinished">Выходная папка LLaMA-Factory (output_dir)</translation>
    </message>
    <message>
        <source>The YAML this run was started with (LLaMA-Factory keeps no readable copy)</source>
        <translation type="unfinished">YAML, с которым был начат этот запуск (LLaMA-Factory не сохраняет его читаемую копию)</translation>
    </message>
    <message>
        <source>LLaMA-Factory YAML (*.yaml *.yml)</source>
        <translation type="unfinished">YAML для LLaMA-Factory (*.yaml *.yml)</translation>
    </message>
    <message>
        <source>Cannot add the LLaMA-Factory run</source>
        <translation type="unfinished">Не удалось добавить запуск LLaMA-Factory</translation>
    </message>
    <message>
        <source>Add LLaMA-Factory run…</source>
        <translation type="unfinished">Добавить запуск LLaMA-Factory…</translation>
    </message>
    <message>
        <source>Bring a LLaMA-Factory output folder (a cluster run) into the workspace: its curves, settings and adapter</source>
        <translation type="unfinished">Импортировать выходную папку LLaMA-Factory (запуск на кластере) в рабочую папку: её кривые, настройки и адаптер</translation>
    </message>
    <message>
        <source>Run on a cluster…</source>
        <translation type="unfinished">Запустить на кластере…</translation>
    </message>
    <message>
        <source>Write this run&apos;s settings as a LLaMA-Factory job for several GPUs or nodes (DeepSpeed or FSDP)</source>
        <translation type="unfinished">Записать настройки этого запуска как задание LLaMA-Factory для нескольких GPU или узлов (DeepSpeed или FSDP)</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::DeviceBox</name>
    <message>
        <source>GPU: not usable (%1)</source>
        <translation type="unfinished">GPU: недоступен (%1)</translation>
    </message>
    <message>
        <source>automatic (GPU when usable)</source>
        <translation type="unfinished">автоматически (GPU, если доступен)</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation type="unfinished">CPU</translation>
    </message>
    <message>
        <source>Where the model runs: automatic picks the first usable NVIDIA GPU, else the CPU</source>
        <translation type="unfinished">Где выполняется модель: «автоматически» выбирает первый подходящий GPU NVIDIA, иначе CPU</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::TrainPage</name>
    <message>
        <source>End the run without saving the steps since the newest checkpoint (asks first)</source>
        <translation type="unfinished">Завершить запуск без сохранения шагов после последней контрольной точки (с подтверждением)</translation>
    </message>
    <message>
        <source>Write a checkpoint and the adapter at this step, then end the run (resumable)</source>
        <translation type="unfinished">Записать контрольную точку и адаптер на этом шаге и завершить запуск (его можно продолжить)</translation>
    </message>
    <message>
        <source>• Model page: %1</source>
        <translation type="unfinished">• Страница «Модель»: %1</translation>
    </message>
    <message>
        <source>Stop without saving?</source>
        <translation type="unfinished">Остановить без сохранения?</translation>
    </message>
    <message>
        <source>Stop now and lose the steps since the newest checkpoint? No adapter is written; Resume continues from that checkpoint.

Stop and save writes a checkpoint and the adapter at this step instead.</source>
        <translation type="unfinished">Остановить сейчас и потерять шаги после последней контрольной точки? Адаптер не будет записан; «Продолжить» возобновит обучение с этой контрольной точки.

«Остановить и сохранить» вместо этого запишет контрольную точку и адаптер на этом шаге.</translation>
    </message>
    <message>
        <source>Stop and save</source>
        <translation type="unfinished">Остановить и сохранить</translation>
    </message>
    <message>
        <source>Stop without saving</source>
        <translation type="unfinished">Остановить без сохранения</translation>
    </message>
    <message>
        <source>Keep training</source>
        <translation type="unfinished">Продолжить обучение</translation>
    </message>
    <message>
        <source>%1 (not on this machine)</source>
        <translation type="unfinished">%1 (нет на этом компьютере)</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation type="unfinished">&amp;Запустить</translation>
    </message>
    <message>
        <source>Check the whole configuration and start a new run in the output folder</source>
        <translation type="unfinished">Проверить всю конфигурацию и начать новый запуск в выходной папке</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation type="unfinished">&amp;Пауза</translation>
    </message>
    <message>
        <source>Hold the run after the current step (nothing is lost)</source>
        <translation type="unfinished">Приостановить запуск после текущего шага (ничего не теряется)</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation type="unfinished">П&amp;родолжить</translation>
    </message>
    <message>
        <source>Continue a paused run, or a stopped one from its newest checkpoint</source>
        <translation type="unfinished">Продолжить приостановленный запуск или остановленный — с последней контрольной точки</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation type="unfinished">&amp;Остановить</translation>
    </message>
    <message>
        <source>Stop &amp;and save</source>
        <translation type="unfinished">Остановить и &amp;сохранить</translation>
    </message>
    <message>
        <source>Training log</source>
        <translation type="unfinished">Журнал обучения</translation>
    </message>
    <message>
        <source>Cannot start: fix these first
%1</source>
        <translation type="unfinished">Невозможно запустить, сначала исправьте:
%1</translation>
    </message>
    <message>
        <source>Running in %1</source>
        <translation type="unfinished">Выполняется в %1</translation>
    </message>
    <message>
        <source>Cannot resume: %1</source>
        <translation type="unfinished">Не удалось продолжить: %1</translation>
    </message>
    <message>
        <source>Resuming %1</source>
        <translation type="unfinished">Продолжение %1</translation>
    </message>
    <message>
        <source>Paused. Resume continues from this step.</source>
        <translation type="unfinished">Приостановлено. «Продолжить» возобновит обучение с этого шага.</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished">Приостановлено</translation>
    </message>
    <message>
        <source>Finished: %1 steps, final loss %2. Result in %3</source>
        <translation type="unfinished">Завершено: шагов — %1, итоговые потери %2. Результат в %3</translation>
    </message>
    <message>
        <source>Stopped at step %1. Resume continues from the newest checkpoint.</source>
        <translation type="unfinished">Остановлено на шаге %1. «Продолжить» возобновит обучение с последней контрольной точки.</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished">Ошибка: %1</translation>
    </message>
    <message>
        <source>warning: </source>
        <translation type="unfinished">предупреждение: </translation>
    </message>
    <message>
        <source>error: </source>
        <translation type="unfinished">ошибка: </translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::RunDashboard</name>
    <message>
        <source>The folder chosen on the Model page is not a model it can open: choose another</source>
        <translation type="unfinished">Папка, выбранная на странице «Модель», не является моделью, которую можно открыть: выберите другую</translation>
    </message>
    <message>
        <source>No model chosen (Model page)</source>
        <translation type="unfinished">Модель не выбрана (страница «Модель»)</translation>
    </message>
    <message>
        <source>Model: %1 · no training data chosen (Data page)</source>
        <translation type="unfinished">Модель: %1 · обучающие данные не выбраны (страница «Данные»)</translation>
    </message>
    <message>
        <source>Model: %1 · data: %2</source>
        <translation type="unfinished">Модель: %1 · данные: %2</translation>
    </message>
    <message>
        <source>trend after %1 steps</source>
        <translation type="unfinished">тренд появится после шага %1</translation>
    </message>
    <message>
        <source>flat over the last %1 steps</source>
        <translation type="unfinished">без изменений за последние %1 шагов</translation>
    </message>
    <message>
        <source>▼ %1 % over the last %2 steps</source>
        <translation type="unfinished">▼ %1 % за последние %2 шагов</translation>
    </message>
    <message>
        <source>▲ %1 % over the last %2 steps</source>
        <translation type="unfinished">▲ %1 % за последние %2 шагов</translation>
    </message>
    <message>
        <source>Preparing</source>
        <translation type="unfinished">Подготовка</translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished">Выполняется</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished">Приостановлен</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation type="unfinished">Завершён</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished">Остановлен</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished">Сбой</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished">Готов</translation>
    </message>
    <message>
        <source>Step —</source>
        <translation type="unfinished">Шаг —</translation>
    </message>
    <message>
        <source>Step %1 / %2</source>
        <translation type="unfinished">Шаг %1 / %2</translation>
    </message>
    <message>
        <source> (resumed at %1)</source>
        <translation type="unfinished"> (продолжен с шага %1)</translation>
    </message>
    <message>
        <source>epoch %1</source>
        <translation type="unfinished">эпоха %1</translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation type="unfinished">%1 tokens/s</translation>
    </message>
    <message>
        <source>done</source>
        <translation type="unfinished">готово</translation>
    </message>
    <message>
        <source>%1 used by PeftDesk</source>
        <translation type="unfinished">PeftDesk использует %1</translation>
    </message>
    <message>
        <source>%1 of %2 used by PeftDesk</source>
        <translation type="unfinished">PeftDesk использует %1 из %2</translation>
    </message>
    <message>
        <source>%1 of %2 at the last step&apos;s peak</source>
        <translation type="unfinished">%1 из %2 на пике последнего шага</translation>
    </message>
    <message>
        <source>no GPU in use</source>
        <translation type="unfinished">GPU не используется</translation>
    </message>
    <message>
        <source>no evaluation yet</source>
        <translation type="unfinished">оценки ещё не было</translation>
    </message>
    <message>
        <source>%1 at step %2 (perplexity %3)</source>
        <translation type="unfinished">%1 на шаге %2 (перплексия %3)</translation>
    </message>
    <message>
        <source>none yet since the resume</source>
        <translation type="unfinished">после продолжения пока нет</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation type="unfinished">пока нет</translation>
    </message>
    <message numerus="yes">
        <source>%n written, the last at step %1</source>
        <translation type="unfinished">
            <numerusform>%n записана, последняя на шаге %1</numerusform>
            <numerusform>%n записаны, последняя на шаге %1</numerusform>
            <numerusform>%n записано, последняя на шаге %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RunDashboard</name>
    <message>
        <source>Run state: %1</source>
        <translation type="unfinished">Состояние запуска: %1</translation>
    </message>
    <message>
        <source>on %1</source>
        <translation type="unfinished">на %1</translation>
    </message>
    <message>
        <source>Training progress</source>
        <translation type="unfinished">Ход обучения</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation type="unfinished">Потери</translation>
    </message>
    <message>
        <source>Loss %1</source>
        <translation type="unfinished">Потери %1</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished">Прогресс</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation type="unfinished">Скорость</translation>
    </message>
    <message>
        <source>Elapsed / ETA</source>
        <translation type="unfinished">Прошло / осталось</translation>
    </message>
    <message>
        <source>Last eval loss</source>
        <translation type="unfinished">Посл. оценка</translation>
    </message>
    <message>
        <source>Checkpoints</source>
        <translation type="unfinished">Контрольные точки</translation>
    </message>
    <message>
        <source>Memory (RAM)</source>
        <translation type="unfinished">Память (ОЗУ)</translation>
    </message>
    <message>
        <source>Memory used</source>
        <translation type="unfinished">Использовано памяти</translation>
    </message>
    <message>
        <source>GPU memory</source>
        <translation type="unfinished">Память GPU</translation>
    </message>
    <message>
        <source>GPU memory used</source>
        <translation type="unfinished">Использовано памяти GPU</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::QuickPanel</name>
    <message>
        <source>This view could not be shown:
%1</source>
        <translation type="unfinished">Не удалось показать это представление:
%1</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::MethodCards</name>
    <message>
        <source>counting…</source>
        <translation type="unfinished">подсчёт…</translation>
    </message>
    <message>
        <source>%1 trainable (%2 %)</source>
        <translation type="unfinished">обучаемых: %1 (%2 %)</translation>
    </message>
    <message>
        <source>saves the trained weights: %1</source>
        <translation type="unfinished">сохраняет обученные веса: %1</translation>
    </message>
    <message>
        <source>adapter file %1</source>
        <translation type="unfinished">файл адаптера %1</translation>
    </message>
    <message>
        <source>memory: fix the run&apos;s other settings first</source>
        <translation type="unfinished">память: сначала исправьте другие настройки запуска</translation>
    </message>
    <message>
        <source>peak ≈ %1 &gt; %2 free on %3</source>
        <translation type="unfinished">пик ≈ %1 &gt; %2 свободно на %3</translation>
    </message>
    <message>
        <source>peak ≈ %1 on %2</source>
        <translation type="unfinished">пик ≈ %1 на %2</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::ClusterJobDialog</name>
    <message>
        <source>GPUs per node:</source>
        <translation type="unfinished">GPU на узел:</translation>
    </message>
    <message>
        <source>Nodes:</source>
        <translation type="unfinished">Узлы:</translation>
    </message>
    <message>
        <source>Sharding:</source>
        <translation type="unfinished">Шардирование:</translation>
    </message>
    <message>
        <source>Model on the cluster:</source>
        <translation type="unfinished">Модель на кластере:</translation>
    </message>
    <message>
        <source>Job folder:</source>
        <translation type="unfinished">Папка задания:</translation>
    </message>
    <message>
        <source>Write the job into</source>
        <translation type="unfinished">Записать задание в</translation>
    </message>
    <message>
        <source>Run %1 on a cluster</source>
        <translation type="unfinished">Запустить %1 на кластере</translation>
    </message>
    <message>
        <source>The run&apos;s settings as a LLaMA-Factory %1 job: training YAML, data folder, sharding configuration, launch script and a README for the cluster side. Settings LLaMA-Factory lacks are refused by name.</source>
        <translation type="unfinished">Настройки запуска в виде задания LLaMA-Factory %1: YAML для обучения, папка данных, конфигурация шардирования, скрипт запуска и README для работы на кластере. Настройки, которых нет в LLaMA-Factory, отклоняются с указанием их имени.</translation>
    </message>
    <message>
        <source>Data parallel (every GPU holds the model)</source>
        <translation type="unfinished">Параллелизм по данным (каждый GPU хранит всю модель)</translation>
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
        <translation type="unfinished">DeepSpeed ZeRO-3 с выгрузкой в память CPU</translation>
    </message>
    <message>
        <source>FSDP (through accelerate)</source>
        <translation type="unfinished">FSDP (через accelerate)</translation>
    </message>
    <message>
        <source>this machine&apos;s path (a path on the cluster or a Hub id)</source>
        <translation type="unfinished">путь на этой машине (или путь на кластере, или ID на Hub)</translation>
    </message>
    <message>
        <source>A new or empty folder; an existing non-empty folder is never written into</source>
        <translation type="unfinished">Новая или пустая папка; в существующую непустую папку запись не ведётся</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished">Обзор…</translation>
    </message>
    <message>
        <source>&amp;Write job</source>
        <translation type="unfinished">&amp;Записать задание</translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished">Закрыть</translation>
    </message>
    <message>
        <source>The run&apos;s batch could not be read from its run.json.</source>
        <translation type="unfinished">Не удалось прочитать размер батча из run.json запуска.</translation>
    </message>
    <message>
        <source>%1 GPUs cannot keep the effective batch of %2 × %3 = %4: the accumulation (%3) must be a multiple of the GPU count.</source>
        <translation type="unfinished">При %1 GPU нельзя сохранить эффективный батч %2 × %3 = %4: накопление градиента (%3) должно быть кратно числу GPU.</translation>
    </message>
    <message>
        <source>Effective batch kept: %1 per GPU × accumulation %2 × %3 GPU(s) = %4, as %1 × %5 on one device.</source>
        <translation type="unfinished">Эффективный батч сохранён: %1 на GPU × накопление %2 × %3 GPU = %4, как %1 × %5 на одном устройстве.</translation>
    </message>
    <message>
        <source>Choose the job folder.</source>
        <translation type="unfinished">Выберите папку задания.</translation>
    </message>
    <message>
        <source>Reading the data and writing the job…</source>
        <translation type="unfinished">Чтение данных и запись задания…</translation>
    </message>
    <message>
        <source>Wrote %1 (template %2). Copy it to the cluster and run launch.sh there; its README says what differs:</source>
        <translation type="unfinished">Записано в %1 (шаблон %2). Скопируйте папку на кластер и запустите там launch.sh; что отличается, сказано в её README:</translation>
    </message>
</context>
</TS>
