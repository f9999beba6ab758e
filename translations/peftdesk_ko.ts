<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko">
<context>
    <name>Fields</name>
    <message>
        <source>Model folder</source>
        <translation type="unfinished">모델 폴더</translation>
    </message>
    <message>
        <source>Deterministic (GPU)</source>
        <translation type="unfinished">결정적 실행(GPU)</translation>
    </message>
    <message>
        <source>Deterministic GPU kernels, so a resumed run repeats the uninterrupted one bit for bit; somewhat slower</source>
        <translation type="unfinished">결정적 GPU 커널을 사용하여 재개한 실행이 중단 없이 진행한 실행과 비트 단위까지 똑같이 반복됩니다. 다소 느려집니다</translation>
    </message>
    <message>
        <source>Device</source>
        <translation type="unfinished">장치</translation>
    </message>
    <message>
        <source>Where the model trains: automatic picks the first usable NVIDIA GPU, else the CPU</source>
        <translation type="unfinished">모델을 학습할 장치: 자동은 사용 가능한 첫 번째 NVIDIA GPU를, 없으면 CPU를 선택합니다</translation>
    </message>
    <message>
        <source>automatic (GPU when usable)</source>
        <translation type="unfinished">자동(사용 가능하면 GPU)</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation type="unfinished">CPU</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation type="unfinished">데이터셋</translation>
    </message>
    <message>
        <source>A dataset file (JSON, JSON Lines, CSV, TXT) or a LLaMA-Factory data folder with dataset_info.json</source>
        <translation type="unfinished">데이터셋 파일(JSON, JSON Lines, CSV, TXT) 또는 dataset_info.json이 있는 LLaMA-Factory 데이터 폴더</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation type="unfinished">학습률</translation>
    </message>
    <message>
        <source>Peak learning rate of AdamW, e.g. 2e-4 for LoRA, 1e-5 for full fine-tuning</source>
        <translation type="unfinished">AdamW의 최대 학습률. 예: LoRA는 2e-4, 전체 파인튜닝은 1e-5</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation type="unfinished">에폭</translation>
    </message>
    <message>
        <source>Passes over the training data (Max steps wins when set)</source>
        <translation type="unfinished">학습 데이터를 반복하는 횟수(최대 스텝을 설정하면 그 값이 우선)</translation>
    </message>
    <message>
        <source>Max steps</source>
        <translation type="unfinished">최대 스텝</translation>
    </message>
    <message>
        <source>Optimizer steps in total; leave at &apos;from epochs&apos; to derive it from the epochs</source>
        <translation type="unfinished">옵티마이저 스텝의 총 수. ‘에폭 기준’으로 두면 에폭 수로부터 계산합니다</translation>
    </message>
    <message>
        <source>from epochs</source>
        <translation type="unfinished">에폭 기준</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation type="unfinished">배치 크기</translation>
    </message>
    <message>
        <source>Examples per forward pass</source>
        <translation type="unfinished">순전파 1회당 샘플 수</translation>
    </message>
    <message>
        <source>Gradient accumulation</source>
        <translation type="unfinished">그래디언트 누적</translation>
    </message>
    <message>
        <source>Forward passes per optimizer step: effective batch = batch size × this</source>
        <translation type="unfinished">옵티마이저 스텝당 순전파 횟수: 유효 배치 = 배치 크기 × 이 값</translation>
    </message>
    <message>
        <source>Scheduler</source>
        <translation type="unfinished">스케줄러</translation>
    </message>
    <message>
        <source>How the learning rate changes over the run (after warm-up)</source>
        <translation type="unfinished">실행 중 학습률이 변하는 방식(워밍업 이후)</translation>
    </message>
    <message>
        <source>cosine</source>
        <translation type="unfinished">코사인</translation>
    </message>
    <message>
        <source>linear</source>
        <translation type="unfinished">선형</translation>
    </message>
    <message>
        <source>constant</source>
        <translation type="unfinished">상수</translation>
    </message>
    <message>
        <source>constant with warm-up</source>
        <translation type="unfinished">워밍업 후 상수</translation>
    </message>
    <message>
        <source>cosine with restarts</source>
        <translation type="unfinished">코사인(재시작 포함)</translation>
    </message>
    <message>
        <source>Warm-up steps</source>
        <translation type="unfinished">워밍업 스텝</translation>
    </message>
    <message>
        <source>Steps of linear warm-up from 0 to the learning rate (wins over the ratio)</source>
        <translation type="unfinished">학습률을 0에서 설정값까지 선형으로 올리는 스텝 수(비율보다 우선)</translation>
    </message>
    <message>
        <source>Warm-up ratio</source>
        <translation type="unfinished">워밍업 비율</translation>
    </message>
    <message>
        <source>Warm-up as a fraction of all steps</source>
        <translation type="unfinished">전체 스텝 중 워밍업이 차지하는 비율</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation type="unfinished">정밀도</translation>
    </message>
    <message>
        <source>Compute precision: fp32 exact, bf16 faster and half the activation memory</source>
        <translation type="unfinished">계산 정밀도: fp32는 정확하고, bf16은 더 빠르며 활성화 메모리가 절반입니다</translation>
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
        <translation type="unfinished">가중치 감쇠</translation>
    </message>
    <message>
        <source>AdamW decoupled weight decay (not applied to biases and norms)</source>
        <translation type="unfinished">AdamW의 분리형 가중치 감쇠(편향과 정규화 레이어에는 적용하지 않음)</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation type="unfinished">옵티마이저</translation>
    </message>
    <message>
        <source>AdamW with fp32 moments, or bitsandbytes&apos; 8-bit AdamW, which keeps them in about a quarter of the memory</source>
        <translation type="unfinished">fp32 모멘트를 쓰는 AdamW, 또는 bitsandbytes의 8비트 AdamW(모멘트 메모리가 약 4분의 1)</translation>
    </message>
    <message>
        <source>AdamW (PyTorch)</source>
        <translation type="unfinished">AdamW(PyTorch)</translation>
    </message>
    <message>
        <source>8-bit AdamW (bitsandbytes)</source>
        <translation type="unfinished">8비트 AdamW(bitsandbytes)</translation>
    </message>
    <message>
        <source>paged 8-bit AdamW (bitsandbytes)</source>
        <translation type="unfinished">페이징 8비트 AdamW(bitsandbytes)</translation>
    </message>
    <message>
        <source>paged 32-bit AdamW (bitsandbytes)</source>
        <translation type="unfinished">페이징 32비트 AdamW(bitsandbytes)</translation>
    </message>
    <message>
        <source>Max grad norm</source>
        <translation type="unfinished">최대 그래디언트 노름</translation>
    </message>
    <message>
        <source>Clip the global gradient norm to this value (0 = no clipping)</source>
        <translation type="unfinished">전역 그래디언트 노름을 이 값으로 클리핑(0 = 클리핑 안 함)</translation>
    </message>
    <message>
        <source>Gradient checkpointing</source>
        <translation type="unfinished">그래디언트 체크포인팅</translation>
    </message>
    <message>
        <source>Recompute activations in backward: less memory for about one extra forward</source>
        <translation type="unfinished">역전파 때 활성화를 다시 계산: 순전파를 약 1회 더 하는 대신 메모리를 절약합니다</translation>
    </message>
    <message>
        <source>Logging steps</source>
        <translation type="unfinished">로그 간격</translation>
    </message>
    <message>
        <source>Write a metrics row every N optimizer steps</source>
        <translation type="unfinished">옵티마이저 N 스텝마다 지표 한 행을 기록</translation>
    </message>
    <message>
        <source>Eval steps</source>
        <translation type="unfinished">평가 간격</translation>
    </message>
    <message>
        <source>Evaluate every N steps (0 = only at the end, when there is evaluation data)</source>
        <translation type="unfinished">N 스텝마다 평가(0 = 평가 데이터가 있을 때 마지막에만)</translation>
    </message>
    <message>
        <source>Save steps</source>
        <translation type="unfinished">저장 간격</translation>
    </message>
    <message>
        <source>Write a checkpoint every N steps (0 = only at the end or on stop-and-save)</source>
        <translation type="unfinished">N 스텝마다 체크포인트 저장(0 = 종료 시 또는 ‘중지 후 저장’ 시에만)</translation>
    </message>
    <message>
        <source>Checkpoints kept</source>
        <translation type="unfinished">보관할 체크포인트 수</translation>
    </message>
    <message>
        <source>Keep the newest N checkpoints and delete older ones</source>
        <translation type="unfinished">최신 체크포인트 N개를 보관하고 이전 것은 삭제</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation type="unfinished">시드</translation>
    </message>
    <message>
        <source>Seed of adapter initialisation, shuffling and dropout: the same seed gives the same run</source>
        <translation type="unfinished">어댑터 초기화, 셔플, 드롭아웃의 시드: 시드가 같으면 같은 실행이 재현됩니다</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation type="unfinished">출력 폴더</translation>
    </message>
    <message>
        <source>The run folder: created by the run, must not hold another run</source>
        <translation type="unfinished">실행 폴더: 실행이 직접 생성하며, 다른 실행이 들어 있으면 안 됩니다</translation>
    </message>
    <message>
        <source>Format</source>
        <translation type="unfinished">형식</translation>
    </message>
    <message>
        <source>Record format; auto detects alpaca, sharegpt, messages, text or tokenized</source>
        <translation type="unfinished">레코드 형식. 자동은 alpaca, sharegpt, messages, 텍스트, 사전 토큰화 형식을 감지합니다</translation>
    </message>
    <message>
        <source>auto-detect</source>
        <translation type="unfinished">자동 감지</translation>
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
        <translation type="unfinished">messages(OpenAI)</translation>
    </message>
    <message>
        <source>plain text</source>
        <translation type="unfinished">일반 텍스트</translation>
    </message>
    <message>
        <source>pre-tokenized</source>
        <translation type="unfinished">사전 토큰화</translation>
    </message>
    <message>
        <source>Cutoff length</source>
        <translation type="unfinished">컷오프 길이</translation>
    </message>
    <message>
        <source>Tokens per example at most; longer examples are truncated as LLaMA-Factory does</source>
        <translation type="unfinished">샘플당 최대 토큰 수. 더 긴 샘플은 LLaMA-Factory와 같은 방식으로 잘립니다</translation>
    </message>
    <message>
        <source>Validation size</source>
        <translation type="unfinished">검증 세트 크기</translation>
    </message>
    <message>
        <source>Held out for evaluation: a fraction (&lt; 1) or a number of examples (&gt;= 1)</source>
        <translation type="unfinished">평가용으로 떼어 둘 데이터: 비율(&lt; 1) 또는 샘플 수(&gt;= 1)</translation>
    </message>
    <message>
        <source>Max samples</source>
        <translation type="unfinished">최대 샘플 수</translation>
    </message>
    <message>
        <source>Use at most this many examples of each dataset</source>
        <translation type="unfinished">각 데이터셋에서 최대 이 개수만큼의 샘플만 사용</translation>
    </message>
    <message>
        <source>all</source>
        <translation type="unfinished">전체</translation>
    </message>
    <message>
        <source>Packing</source>
        <translation type="unfinished">패킹</translation>
    </message>
    <message>
        <source>Concatenate examples into rows of cutoff length (faster on short examples)</source>
        <translation type="unfinished">샘플을 이어 붙여 컷오프 길이의 행으로 만듦(짧은 샘플에서 더 빠름)</translation>
    </message>
    <message>
        <source>Train on prompt</source>
        <translation type="unfinished">프롬프트도 학습</translation>
    </message>
    <message>
        <source>Also learn the prompt tokens, not only the responses</source>
        <translation type="unfinished">응답뿐 아니라 프롬프트 토큰도 학습</translation>
    </message>
    <message>
        <source>Mask history</source>
        <translation type="unfinished">대화 이력 마스킹</translation>
    </message>
    <message>
        <source>Learn only the last assistant turn of each conversation</source>
        <translation type="unfinished">각 대화의 마지막 어시스턴트 턴만 학습</translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation type="unfinished">사고 모드</translation>
    </message>
    <message>
        <source>Reasoning mode of templates that have one (SmolLM3); off = /no_think: an empty think block before every answer. A system prompt&apos;s /think or /no_think wins</source>
        <translation type="unfinished">추론 모드가 있는 템플릿(SmolLM3)의 추론 모드. 끄기 = /no_think: 모든 답변 앞에 빈 think 블록을 넣습니다. 시스템 프롬프트의 /think 또는 /no_think가 우선합니다</translation>
    </message>
    <message>
        <source>Shuffle</source>
        <translation type="unfinished">셔플</translation>
    </message>
    <message>
        <source>Reshuffle the training examples every epoch (seeded)</source>
        <translation type="unfinished">에폭마다 학습 샘플을 다시 셔플(시드 적용)</translation>
    </message>
    <message>
        <source>Bad records</source>
        <translation type="unfinished">잘못된 레코드</translation>
    </message>
    <message>
        <source>A malformed record stops the run before step 1, or is skipped and counted</source>
        <translation type="unfinished">형식이 잘못된 레코드가 있으면 1스텝 전에 실행을 중단하거나, 건너뛰고 개수를 셉니다</translation>
    </message>
    <message>
        <source>refuse the dataset</source>
        <translation type="unfinished">데이터셋 거부</translation>
    </message>
    <message>
        <source>skip and count</source>
        <translation type="unfinished">건너뛰고 개수 세기</translation>
    </message>
    <message>
        <source>Rank (r)</source>
        <translation type="unfinished">랭크(r)</translation>
    </message>
    <message>
        <source>Rank of the low-rank update: more capacity and more parameters as it grows</source>
        <translation type="unfinished">저랭크 업데이트의 랭크: 클수록 표현력과 파라미터 수가 늘어납니다</translation>
    </message>
    <message>
        <source>Alpha</source>
        <translation type="unfinished">Alpha</translation>
    </message>
    <message>
        <source>Scaling numerator: the update is scaled by alpha / r (alpha / √r with rsLoRA)</source>
        <translation type="unfinished">스케일링 분자: 업데이트를 alpha / r로 스케일링합니다(rsLoRA는 alpha / √r)</translation>
    </message>
    <message>
        <source>Dropout</source>
        <translation type="unfinished">드롭아웃</translation>
    </message>
    <message>
        <source>Dropout on the adapter&apos;s input during training</source>
        <translation type="unfinished">학습 중 어댑터 입력에 적용하는 드롭아웃</translation>
    </message>
    <message>
        <source>DoRA</source>
        <translation type="unfinished">DoRA</translation>
    </message>
    <message>
        <source>Weight-decomposed LoRA: learns a magnitude per output row as well</source>
        <translation type="unfinished">가중치 분해 LoRA: 출력 행마다 크기(magnitude)도 함께 학습</translation>
    </message>
    <message>
        <source>rsLoRA</source>
        <translation type="unfinished">rsLoRA</translation>
    </message>
    <message>
        <source>Rank-stabilised scaling alpha / √r: keeps large ranks learning</source>
        <translation type="unfinished">랭크 안정화 스케일링 alpha / √r: 랭크가 커도 학습이 잘 되도록 유지</translation>
    </message>
    <message>
        <source>LoRA+ ratio</source>
        <translation type="unfinished">LoRA+ 비율</translation>
    </message>
    <message>
        <source>LoRA+: lora_B learns this many times faster than lora_A (off when empty)</source>
        <translation type="unfinished">LoRA+: lora_B가 lora_A보다 이 배수만큼 빠르게 학습(비워 두면 끔)</translation>
    </message>
    <message>
        <source>Bias</source>
        <translation type="unfinished">편향</translation>
    </message>
    <message>
        <source>Which biases train as well</source>
        <translation type="unfinished">함께 학습할 편향</translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished">없음</translation>
    </message>
    <message>
        <source>of adapted layers</source>
        <translation type="unfinished">어댑터 적용 레이어의 편향</translation>
    </message>
    <message>
        <source>Virtual tokens</source>
        <translation type="unfinished">가상 토큰 수</translation>
    </message>
    <message>
        <source>Learned key/value positions prepended in every layer</source>
        <translation type="unfinished">모든 레이어 앞에 붙는 학습 가능한 키/값 위치</translation>
    </message>
    <message>
        <source>Projection</source>
        <translation type="unfinished">프로젝션</translation>
    </message>
    <message>
        <source>Reparameterise the prefix through a two-layer MLP</source>
        <translation type="unfinished">2층 MLP로 프리픽스를 재매개변수화</translation>
    </message>
    <message>
        <source>Projection width</source>
        <translation type="unfinished">프로젝션 너비</translation>
    </message>
    <message>
        <source>Hidden size of the projection MLP</source>
        <translation type="unfinished">프로젝션 MLP의 은닉 크기</translation>
    </message>
    <message>
        <source>model hidden size</source>
        <translation type="unfinished">모델 은닉 크기</translation>
    </message>
    <message>
        <source>Learned embeddings prepended to the input</source>
        <translation type="unfinished">입력 앞에 붙는 학습 가능한 임베딩</translation>
    </message>
    <message>
        <source>Initialisation</source>
        <translation type="unfinished">초기화</translation>
    </message>
    <message>
        <source>Random vectors, vocabulary samples, or the embedding of a text</source>
        <translation type="unfinished">무작위 벡터, 어휘 샘플 또는 텍스트의 임베딩</translation>
    </message>
    <message>
        <source>random</source>
        <translation type="unfinished">무작위</translation>
    </message>
    <message>
        <source>sampled vocabulary</source>
        <translation type="unfinished">어휘 샘플링</translation>
    </message>
    <message>
        <source>from text</source>
        <translation type="unfinished">텍스트에서</translation>
    </message>
    <message>
        <source>Init text</source>
        <translation type="unfinished">초기화 텍스트</translation>
    </message>
    <message>
        <source>Text whose token embeddings initialise the prompt (with &apos;from text&apos;)</source>
        <translation type="unfinished">토큰 임베딩으로 프롬프트를 초기화할 텍스트(‘텍스트에서’ 선택 시)</translation>
    </message>
    <message>
        <source>Trainable layers</source>
        <translation type="unfinished">학습 레이어 수</translation>
    </message>
    <message>
        <source>Train the last N decoder layers (negative: the first |N|)</source>
        <translation type="unfinished">마지막 N개 디코더 레이어를 학습(음수: 처음 |N|개)</translation>
    </message>
    <message>
        <source>4-bit type</source>
        <translation type="unfinished">4비트 형식</translation>
    </message>
    <message>
        <source>NF4 (QLoRA&apos;s normal float) or FP4</source>
        <translation type="unfinished">NF4(QLoRA의 NormalFloat) 또는 FP4</translation>
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
        <translation type="unfinished">이중 양자화</translation>
    </message>
    <message>
        <source>Quantize the block scales too (about 0.4 bits per weight saved)</source>
        <translation type="unfinished">블록 스케일도 양자화(가중치당 약 0.4비트 절약)</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation type="unfinished">폴더 선택</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation type="unfinished">파일 선택</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished">찾아보기…</translation>
    </message>
    <message>
        <source>How A and B start. Kaiming / Gaussian: B at zero. PiSSA / OLoRA: from the base weight&apos;s main directions (16- or 32-bit base), saved as a plain LoRA of twice the rank</source>
        <translation type="unfinished">A와 B의 초기화 방식. Kaiming / 가우스: B는 0에서 시작. PiSSA / OLoRA: 기본 가중치의 주요 방향에서 시작(16 또는 32비트 기본 모델), 두 배 랭크의 일반 LoRA로 저장</translation>
    </message>
    <message>
        <source>Kaiming-uniform (PEFT default)</source>
        <translation type="unfinished">Kaiming 균등 분포(PEFT 기본값)</translation>
    </message>
    <message>
        <source>Gaussian</source>
        <translation type="unfinished">가우시안</translation>
    </message>
    <message>
        <source>PiSSA (exact SVD)</source>
        <translation type="unfinished">PiSSA(정확한 SVD)</translation>
    </message>
    <message>
        <source>PiSSA, fast SVD (16 iterations)</source>
        <translation type="unfinished">PiSSA, 빠른 SVD(16회 반복)</translation>
    </message>
    <message>
        <source>OLoRA (QR)</source>
        <translation type="unfinished">OLoRA(QR)</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation type="unfinished">레이어</translation>
    </message>
    <message>
        <source>Adapt only these decoder layers (comma-separated indices; empty = all)</source>
        <translation type="unfinished">이 디코더 레이어에만 적용(쉼표로 구분한 인덱스, 비워 두면 전체)</translation>
    </message>
    <message>
        <source>Exclude modules</source>
        <translation type="unfinished">제외할 모듈</translation>
    </message>
    <message>
        <source>Never adapt these modules (names or name suffixes, comma-separated)</source>
        <translation type="unfinished">이 모듈에는 적용하지 않음(이름 또는 이름 접미사, 쉼표로 구분)</translation>
    </message>
    <message>
        <source>Modules to save</source>
        <translation type="unfinished">저장할 모듈</translation>
    </message>
    <message>
        <source>Extra modules trained in full and saved with the adapter, e.g. lm_head</source>
        <translation type="unfinished">전체 학습하여 어댑터와 함께 저장할 추가 모듈. 예: lm_head</translation>
    </message>
    <message>
        <source>Start at 1</source>
        <translation type="unfinished">1로 시작</translation>
    </message>
    <message>
        <source>Scaling vectors start at 1 (the base model unchanged); off = random</source>
        <translation type="unfinished">스케일링 벡터를 1로 시작(기본 모델 그대로). 끄기 = 무작위</translation>
    </message>
    <message>
        <source>Block size</source>
        <translation type="unfinished">블록 크기</translation>
    </message>
    <message>
        <source>Weights per absmax scale (bitsandbytes uses 64)</source>
        <translation type="unfinished">absmax 스케일 하나당 가중치 수(bitsandbytes는 64 사용)</translation>
    </message>
    <message>
        <source>Scaling numerator: the update is scaled by alpha / r</source>
        <translation type="unfinished">스케일링 분자: 업데이트에 alpha / r을 곱합니다</translation>
    </message>
    <message>
        <source>Rank dropout</source>
        <translation type="unfinished">랭크 드롭아웃</translation>
    </message>
    <message>
        <source>While training, drop whole output rows of the update with this probability</source>
        <translation type="unfinished">학습 중 이 확률로 업데이트의 출력 행 전체를 버립니다</translation>
    </message>
    <message>
        <source>Module dropout</source>
        <translation type="unfinished">모듈 드롭아웃</translation>
    </message>
    <message>
        <source>While training, skip a module&apos;s whole update with this probability</source>
        <translation type="unfinished">학습 중 이 확률로 모듈의 업데이트 전체를 건너뜁니다</translation>
    </message>
    <message>
        <source>How the factors start: with one factor at zero training starts from the base model</source>
        <translation type="unfinished">인자의 초기값: 한 인자가 0이면 학습이 기본 모델에서 시작합니다</translation>
    </message>
    <message>
        <source>one factor zero (PEFT default)</source>
        <translation type="unfinished">한 인자를 0으로 (PEFT 기본값)</translation>
    </message>
    <message>
        <source>all random</source>
        <translation type="unfinished">모두 무작위</translation>
    </message>
    <message>
        <source>Decompose both</source>
        <translation type="unfinished">양쪽 분해</translation>
    </message>
    <message>
        <source>Make the left Kronecker factor low-rank too (fewer parameters)</source>
        <translation type="unfinished">왼쪽 크로네커 인자도 저랭크로 (파라미터 감소)</translation>
    </message>
    <message>
        <source>Factor</source>
        <translation type="unfinished">인자</translation>
    </message>
    <message>
        <source>The left Kronecker factor is f × f where f divides the layer&apos;s sizes (-1: sizes near their square root)</source>
        <translation type="unfinished">f가 층 크기를 나누어떨어지게 하면 왼쪽 크로네커 인자는 f × f (-1: 제곱근에 가까운 크기)</translation>
    </message>
    <message>
        <source>Rescale rank dropout</source>
        <translation type="unfinished">랭크 드롭아웃 재조정</translation>
    </message>
    <message>
        <source>Divide the kept rows by the fraction kept, as ordinary dropout does</source>
        <translation type="unfinished">일반 드롭아웃처럼 남은 행을 남은 비율로 나눕니다</translation>
    </message>
    <message>
        <source>left factor zero (PEFT default)</source>
        <translation type="unfinished">왼쪽 인자를 0으로 (PEFT 기본값)</translation>
    </message>
    <message>
        <source>right factor zero (LyCORIS)</source>
        <translation type="unfinished">오른쪽 인자를 0으로 (LyCORIS)</translation>
    </message>
    <message>
        <source>Initial rank</source>
        <translation type="unfinished">초기 랭크</translation>
    </message>
    <message>
        <source>Rank every target layer starts with; the schedule prunes it while training</source>
        <translation type="unfinished">각 대상 층의 시작 랭크이며, 학습 중 일정에 따라 가지치기됩니다</translation>
    </message>
    <message>
        <source>Target rank</source>
        <translation type="unfinished">목표 랭크</translation>
    </message>
    <message>
        <source>Average rank per layer at the end: the final budget is this × the number of target layers</source>
        <translation type="unfinished">종료 시 층당 평균 랭크: 최종 예산은 이 값 × 대상 층 수</translation>
    </message>
    <message>
        <source>Scaling numerator: the update is scaled by alpha / initial rank</source>
        <translation type="unfinished">스케일링 분자: 업데이트는 alpha / 초기 랭크로 스케일됩니다</translation>
    </message>
    <message>
        <source>Steps before pruning</source>
        <translation type="unfinished">가지치기 전 단계 수</translation>
    </message>
    <message>
        <source>Optimizer steps trained at the initial rank before any pruning</source>
        <translation type="unfinished">가지치기 전에 초기 랭크로 학습하는 옵티마이저 단계 수</translation>
    </message>
    <message>
        <source>Final steps</source>
        <translation type="unfinished">최종 단계 수</translation>
    </message>
    <message>
        <source>Last optimizer steps of the schedule, trained with the final ranks fixed</source>
        <translation type="unfinished">일정의 마지막 옵티마이저 단계 수로, 최종 랭크를 고정한 채 학습합니다</translation>
    </message>
    <message>
        <source>Pruning interval</source>
        <translation type="unfinished">가지치기 간격</translation>
    </message>
    <message>
        <source>Between those, prune on every this many steps</source>
        <translation type="unfinished">그 사이에는 이 단계 수마다 가지치기합니다</translation>
    </message>
    <message>
        <source>Schedule length</source>
        <translation type="unfinished">일정 길이</translation>
    </message>
    <message>
        <source>Optimizer steps the pruning schedule spans; at its minimum, the run&apos;s own length</source>
        <translation type="unfinished">가지치기 일정이 걸치는 옵티마이저 단계 수; 최솟값이면 실행 자체의 길이</translation>
    </message>
    <message>
        <source>the run&apos;s length</source>
        <translation type="unfinished">실행 길이</translation>
    </message>
    <message>
        <source>Orthogonality weight</source>
        <translation type="unfinished">직교성 가중치</translation>
    </message>
    <message>
        <source>Weight of the loss term that keeps A&apos;s rows and B&apos;s columns orthonormal (0 = off)</source>
        <translation type="unfinished">A의 행과 B의 열을 정규직교로 유지하는 손실 항의 가중치 (0 = 끔)</translation>
    </message>
    <message>
        <source>Placement</source>
        <translation type="unfinished">배치</translation>
    </message>
    <message>
        <source>Where the adapters sit in every decoder block</source>
        <translation type="unfinished">각 디코더 블록에서 어댑터가 놓이는 위치</translation>
    </message>
    <message>
        <source>after the MLP (Pfeiffer)</source>
        <translation type="unfinished">MLP 뒤 (Pfeiffer)</translation>
    </message>
    <message>
        <source>after attention and MLP (Houlsby)</source>
        <translation type="unfinished">어텐션과 MLP 뒤 (Houlsby)</translation>
    </message>
    <message>
        <source>Reduction factor</source>
        <translation type="unfinished">축소 비율</translation>
    </message>
    <message>
        <source>Bottleneck width = hidden size / this: larger means fewer parameters</source>
        <translation type="unfinished">병목 폭 = 은닉 크기 / 이 값: 클수록 파라미터가 적음</translation>
    </message>
    <message>
        <source>Scaling</source>
        <translation type="unfinished">스케일링</translation>
    </message>
    <message>
        <source>Factor on the adapter&apos;s output before it joins the residual stream</source>
        <translation type="unfinished">어댑터 출력이 잔차 스트림에 더해지기 전에 곱하는 계수</translation>
    </message>
    <message>
        <source>Dropout on the adapter&apos;s output while training</source>
        <translation type="unfinished">학습 중 어댑터 출력에 적용하는 Dropout</translation>
    </message>
    <message>
        <source>How the two projections start</source>
        <translation type="unfinished">두 투영의 초기값</translation>
    </message>
    <message>
        <source>small random (AdapterHub default)</source>
        <translation type="unfinished">작은 난수 (AdapterHub 기본값)</translation>
    </message>
    <message>
        <source>up projection zero (starts as the base)</source>
        <translation type="unfinished">위 투영 0 (기본 모델에서 시작)</translation>
    </message>
    <message>
        <source>truncated normal (Houlsby)</source>
        <translation type="unfinished">절단 정규분포 (Houlsby)</translation>
    </message>
</context>
<context>
    <name>MemoryEstimate</name>
    <message>
        <source>Runtime</source>
        <translation type="unfinished">런타임</translation>
    </message>
    <message>
        <source>Base weights</source>
        <translation type="unfinished">기본 모델 가중치</translation>
    </message>
    <message>
        <source>Trainable adapter tensors</source>
        <translation type="unfinished">학습 가능한 어댑터 텐서</translation>
    </message>
    <message>
        <source>Gradients</source>
        <translation type="unfinished">그래디언트</translation>
    </message>
    <message>
        <source>Optimizer state (AdamW)</source>
        <translation type="unfinished">옵티마이저 상태(AdamW)</translation>
    </message>
    <message>
        <source>Activations</source>
        <translation type="unfinished">활성화</translation>
    </message>
    <message>
        <source>Output head and loss</source>
        <translation type="unfinished">출력 헤드와 손실</translation>
    </message>
    <message>
        <source>Backward working memory</source>
        <translation type="unfinished">역전파 작업 메모리</translation>
    </message>
    <message>
        <source>Allocator slack</source>
        <translation type="unfinished">할당자 여유분</translation>
    </message>
    <message>
        <source>The data could not be read (%1): assumed micro-batch x cutoff, every token labelled.</source>
        <translation type="unfinished">데이터를 읽을 수 없습니다(%1): 마이크로 배치 x 컷오프 길이, 모든 토큰에 레이블이 있다고 가정했습니다.</translation>
    </message>
    <message>
        <source>Peak memory on %1 (estimate): %2 of %3 available.</source>
        <translation type="unfinished">%1의 피크 메모리(추정): 사용 가능한 %3 중 %2.</translation>
    </message>
    <message>
        <source>Peak memory on %1 (estimate): %2.</source>
        <translation type="unfinished">%1의 피크 메모리(추정): %2.</translation>
    </message>
    <message>
        <source>Does not fit: lower the micro-batch or the cutoff, or turn on gradient checkpointing or a 4-bit base.</source>
        <translation type="unfinished">메모리가 부족합니다: 마이크로 배치나 컷오프 길이를 줄이거나, 그래디언트 체크포인팅 또는 4비트 기본 모델을 켜세요.</translation>
    </message>
    <message>
        <source>No memory estimate until the run&apos;s settings are valid (%1: %2).</source>
        <translation type="unfinished">실행 설정이 올바르게 될 때까지 메모리를 추정할 수 없습니다(%1: %2).</translation>
    </message>
    <message>
        <source>AdaLoRA rank allocation</source>
        <translation type="unfinished">AdaLoRA 랭크 할당</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Fine-tune language models on your workstation.</source>
        <translation type="unfinished">워크스테이션에서 언어 모델을 파인튜닝합니다.</translation>
    </message>
    <message>
        <source>Model folder or run configuration (RUN.json) to open (default: the last form, or the bundled demo).</source>
        <translation type="unfinished">열 모델 폴더 또는 실행 구성(RUN.json)(기본값: 마지막 양식 또는 번들된 데모).</translation>
    </message>
    <message>
        <source>Save a picture of the window to FILE once it is shown, then quit.</source>
        <translation type="unfinished">창이 표시되면 창 이미지를 FILE에 저장한 후 종료합니다.</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::HubDownloadView</name>
    <message>
        <source>&amp;Access token:</source>
        <translation type="unfinished">액세스 토큰(&amp;A):</translation>
    </message>
    <message>
        <source>hf_… (gated models)</source>
        <translation type="unfinished">hf_…(접근 제한 모델)</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation type="unfinished">%1에서</translation>
    </message>
    <message>
        <source>For gated or private models: a Hugging Face access token (hf_…) of an account with access. Empty: HF_TOKEN or the token file, as huggingface_hub finds it. Kept only while this window is open, never saved.</source>
        <translation type="unfinished">접근 제한 모델이나 비공개 모델용: 접근 권한이 있는 계정의 Hugging Face 액세스 토큰(hf_…). 비워 두면 huggingface_hub가 찾는 방식대로 HF_TOKEN 또는 토큰 파일을 사용합니다. 이 창이 열려 있는 동안에만 보관되며 저장되지 않습니다.</translation>
    </message>
    <message>
        <source> — waiting for the server (a dropped connection is retried from here)</source>
        <translation type="unfinished"> — 서버 대기 중(연결이 끊기면 여기서부터 다시 시도)</translation>
    </message>
    <message numerus="yes">
        <source>; %n file(s) continued where an earlier download stopped</source>
        <translation type="unfinished">
            <numerusform>; 파일 %n개는 이전 다운로드가 멈춘 지점부터 이어받음</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n file(s) fetched again after failing the checksum</source>
        <translation type="unfinished">
            <numerusform>; 파일 %n개는 체크섬 확인 실패 후 다시 받음</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Download from the Hugging Face Hub&lt;/b&gt; (safetensors weights, config and tokenizer; never pickles)</source>
        <translation type="unfinished">&lt;b&gt;Hugging Face Hub에서 다운로드&lt;/b&gt;(safetensors 가중치, 구성, 토크나이저. pickle 파일은 받지 않음)</translation>
    </message>
    <message>
        <source>Re&amp;pository:</source>
        <translation type="unfinished">저장소(&amp;P):</translation>
    </message>
    <message>
        <source>e.g. Qwen/Qwen3-0.6B</source>
        <translation type="unfinished">예: Qwen/Qwen3-0.6B</translation>
    </message>
    <message>
        <source>A model&apos;s repository id on the Hub. Gated models need an access token (the field on the right, or HF_TOKEN); HF_ENDPOINT selects a mirror.</source>
        <translation type="unfinished">Hub에서의 모델 저장소 ID. 접근 제한 모델에는 액세스 토큰(오른쪽 입력란 또는 HF_TOKEN)이 필요합니다. HF_ENDPOINT로 미러를 지정할 수 있습니다.</translation>
    </message>
    <message>
        <source>Re&amp;vision:</source>
        <translation type="unfinished">리비전(&amp;V):</translation>
    </message>
    <message>
        <source>A branch, tag or commit (empty: main)</source>
        <translation type="unfinished">브랜치, 태그 또는 커밋(비워 두면 main)</translation>
    </message>
    <message>
        <source>&amp;Cancel download</source>
        <translation type="unfinished">다운로드 취소(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Download</source>
        <translation type="unfinished">다운로드(&amp;D)</translation>
    </message>
    <message>
        <source>Asking the hub about %1…</source>
        <translation type="unfinished">Hub에 %1 정보를 요청하는 중…</translation>
    </message>
    <message>
        <source>%1 files, %2 fetched, %3 already in the cache</source>
        <translation type="unfinished">파일 %1개, 다운로드 %2, 캐시에 이미 있음 %3</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished">취소하는 중…</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation type="unfinished">%1 읽는 중…</translation>
    </message>
    <message>
        <source>File %1 of %2: %3 — %4 of %5</source>
        <translation type="unfinished">파일 %1/%2: %3 — %4/%5</translation>
    </message>
    <message>
        <source> — checking</source>
        <translation type="unfinished"> — 확인 중</translation>
    </message>
    <message>
        <source> — %1/s</source>
        <translation type="unfinished"> — %1/s</translation>
    </message>
    <message>
        <source> — %1 left</source>
        <translation type="unfinished"> — %1 남음</translation>
    </message>
    <message>
        <source>Cancelled. What was fetched stays in the cache; Download again continues from there.</source>
        <translation type="unfinished">취소되었습니다. 받은 데이터는 캐시에 남아 있으며, 다시 다운로드하면 그 지점부터 이어서 받습니다.</translation>
    </message>
    <message>
        <source>Download failed: %1</source>
        <translation type="unfinished">다운로드 실패: %1</translation>
    </message>
    <message>
        <source>Downloaded: %1</source>
        <translation type="unfinished">다운로드 완료: %1</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::CachedModelsView</name>
    <message>
        <source>&lt;b&gt;Models on this machine&lt;/b&gt; (Hugging Face and ModelScope caches)</source>
        <translation type="unfinished">&lt;b&gt;이 컴퓨터의 모델&lt;/b&gt;(Hugging Face 및 ModelScope 캐시)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished">새로 고침(&amp;R)</translation>
    </message>
    <message>
        <source>Look in the caches again</source>
        <translation type="unfinished">캐시를 다시 검색</translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished">모델</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation type="unfinished">리비전</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation type="unfinished">아키텍처</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation type="unfinished">파라미터</translation>
    </message>
    <message>
        <source>Dtype</source>
        <translation type="unfinished">데이터 타입</translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished">크기</translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished">상태</translation>
    </message>
    <message>
        <source>Models on this machine</source>
        <translation type="unfinished">이 컴퓨터의 모델</translation>
    </message>
    <message>
        <source>Double-click or press Enter to open a model</source>
        <translation type="unfinished">모델을 열려면 두 번 클릭하거나 Enter 키를 누르세요</translation>
    </message>
    <message>
        <source>Looked in: %1</source>
        <translation type="unfinished">검색한 위치: %1</translation>
    </message>
    <message>
        <source>Looking for models…</source>
        <translation type="unfinished">모델을 찾는 중…</translation>
    </message>
    <message>
        <source>Could not list the caches: %1</source>
        <translation type="unfinished">캐시 목록을 가져올 수 없습니다: %1</translation>
    </message>
    <message>
        <source>ready</source>
        <translation type="unfinished">사용 가능</translation>
    </message>
    <message>
        <source>cannot load: %1</source>
        <translation type="unfinished">로드할 수 없음: %1</translation>
    </message>
    <message>
        <source>No models found. Download one below or choose a folder above.</source>
        <translation type="unfinished">모델이 없습니다. 아래에서 다운로드하거나 위에서 폴더를 선택하세요.</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::ChatPage</name>
    <message>
        <source>Let a reasoning model think &amp;first (Qwen3, SmolLM3)</source>
        <translation type="unfinished">추론 모델이 먼저 생각하게 하기(Qwen3, SmolLM3)(&amp;F)</translation>
    </message>
    <message>
        <source>Off: the prompt ends with an empty think block and the model answers directly (enable_thinking=False)</source>
        <translation type="unfinished">끄면: 프롬프트가 빈 think 블록으로 끝나고 모델이 바로 답합니다(enable_thinking=False)</translation>
    </message>
    <message>
        <source>Model folder</source>
        <translation type="unfinished">모델 폴더</translation>
    </message>
    <message>
        <source>Adapter or run folder</source>
        <translation type="unfinished">어댑터 또는 실행 폴더</translation>
    </message>
    <message>
        <source>Loading the model and adapters…</source>
        <translation type="unfinished">모델과 어댑터를 로드하는 중…</translation>
    </message>
    <message numerus="yes">
        <source>Loaded the base and %n adapter(s) on it; template %1, context %2 tokens.</source>
        <translation type="unfinished">
            <numerusform>기본 모델과 그 위의 어댑터 %n개를 로드했습니다. 템플릿 %1, 컨텍스트 %2 토큰.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot load: %1</source>
        <translation type="unfinished">로드할 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished">실패: %1</translation>
    </message>
    <message>
        <source>%1 holds no adapter (adapter_config.json, or a run&apos;s adapter/ folder).</source>
        <translation type="unfinished">%1에 어댑터가 없습니다(adapter_config.json 또는 실행의 adapter/ 폴더).</translation>
    </message>
    <message>
        <source>Base model</source>
        <translation type="unfinished">기본 모델</translation>
    </message>
    <message>
        <source>Choose the model folder to chat with.</source>
        <translation type="unfinished">대화할 모델 폴더를 선택하세요.</translation>
    </message>
    <message>
        <source>Tick the base model or an adapter to chat with.</source>
        <translation type="unfinished">대화할 기본 모델 또는 어댑터를 체크하세요.</translation>
    </message>
    <message numerus="yes">
        <source>%n token(s)</source>
        <translation type="unfinished">
            <numerusform>%n 토큰</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation type="unfinished">%1 tokens/s</translation>
    </message>
    <message>
        <source>finished</source>
        <translation type="unfinished">완료</translation>
    </message>
    <message>
        <source>reached the maximum new tokens</source>
        <translation type="unfinished">최대 새 토큰 수에 도달함</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished">중지됨</translation>
    </message>
    <message>
        <source>the context is full</source>
        <translation type="unfinished">컨텍스트가 가득 참</translation>
    </message>
    <message numerus="yes">
        <source>the oldest %n message(s) were left out to fit the context</source>
        <translation type="unfinished">
            <numerusform>컨텍스트에 맞추기 위해 가장 오래된 메시지 %n개를 제외함</numerusform>
        </translation>
    </message>
    <message>
        <source>Not sent: the model could not be loaded.</source>
        <translation type="unfinished">전송되지 않음: 모델을 로드할 수 없습니다.</translation>
    </message>
    <message>
        <source>Stopped before this model replied.</source>
        <translation type="unfinished">이 모델이 응답하기 전에 중지되었습니다.</translation>
    </message>
    <message>
        <source>&amp;Model folder</source>
        <translation type="unfinished">모델 폴더(&amp;M)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished">찾아보기…</translation>
    </message>
    <message>
        <source>Chat &amp;with (one pane each)</source>
        <translation type="unfinished">대화 대상(각각 패널 하나)(&amp;W)</translation>
    </message>
    <message>
        <source>The model without any adapter</source>
        <translation type="unfinished">어댑터 없이 모델만 사용</translation>
    </message>
    <message>
        <source>Add adapter…</source>
        <translation type="unfinished">어댑터 추가…</translation>
    </message>
    <message>
        <source>An adapter folder (PEFT layout) or a run folder; every listed adapter shares one loaded base</source>
        <translation type="unfinished">어댑터 폴더(PEFT 구조) 또는 실행 폴더. 목록의 모든 어댑터가 로드된 기본 모델 하나를 공유합니다</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished">제거</translation>
    </message>
    <message>
        <source>auto (the model&apos;s own)</source>
        <translation type="unfinished">자동(모델 자체 템플릿)</translation>
    </message>
    <message>
        <source>Chat &amp;template</source>
        <translation type="unfinished">채팅 템플릿(&amp;T)</translation>
    </message>
    <message>
        <source>S&amp;ystem prompt</source>
        <translation type="unfinished">시스템 프롬프트(&amp;Y)</translation>
    </message>
    <message>
        <source>Max &amp;new tokens</source>
        <translation type="unfinished">최대 새 토큰 수(&amp;N)</translation>
    </message>
    <message>
        <source>T&amp;emperature</source>
        <translation type="unfinished">온도(&amp;E)</translation>
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
        <translation type="unfinished">반복 페널티(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Seed</source>
        <translation type="unfinished">시드(&amp;S)</translation>
    </message>
    <message>
        <source>Empty: the template&apos;s default</source>
        <translation type="unfinished">비워 두면 템플릿 기본값 사용</translation>
    </message>
    <message>
        <source>0 = greedy (always the most likely token); higher = more varied</source>
        <translation type="unfinished">0 = 그리디(항상 가장 가능성 높은 토큰), 높을수록 다양해짐</translation>
    </message>
    <message>
        <source>Sample only among the k most likely tokens (0 = off)</source>
        <translation type="unfinished">가장 가능성 높은 토큰 k개 중에서만 샘플링(0 = 끔)</translation>
    </message>
    <message>
        <source>Sample only among the most likely tokens whose probabilities add up to p (1 = off)</source>
        <translation type="unfinished">확률 합이 p가 되는 가장 가능성 높은 토큰들 중에서만 샘플링(1 = 끔)</translation>
    </message>
    <message>
        <source>Above 1 discourages tokens already in the conversation (1 = off)</source>
        <translation type="unfinished">1보다 크면 대화에 이미 나온 토큰을 억제(1 = 끔)</translation>
    </message>
    <message>
        <source>The same seed for every pane, so differences between panes come from the adapters</source>
        <translation type="unfinished">모든 패널에 같은 시드를 사용하므로 패널 간 차이는 어댑터에서 비롯됩니다</translation>
    </message>
    <message>
        <source>Messa&amp;ge (Ctrl+Enter sends)</source>
        <translation type="unfinished">메시지(Ctrl+Enter로 보내기)(&amp;G)</translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished">보내기</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished">중지</translation>
    </message>
    <message>
        <source>Clear history</source>
        <translation type="unfinished">기록 지우기</translation>
    </message>
    <message>
        <source>Empty the conversation of every pane</source>
        <translation type="unfinished">모든 패널의 대화를 비움</translation>
    </message>
    <message>
        <source>&amp;Load the base as</source>
        <translation type="unfinished">기본 모델 로드 방식(&amp;L)</translation>
    </message>
    <message>
        <source>Loading stopped.</source>
        <translation type="unfinished">로드를 중지했습니다.</translation>
    </message>
    <message>
        <source>A reply is in progress: wait for it or press Stop before changing the model or the adapters.</source>
        <translation type="unfinished">응답을 생성하는 중입니다. 모델이나 어댑터를 변경하려면 완료될 때까지 기다리거나 ‘중지’를 누르세요.</translation>
    </message>
    <message>
        <source>%1 of %2 prompt tokens kept from the last turn</source>
        <translation type="unfinished">프롬프트 토큰 %2개 중 %1개를 이전 턴에서 재사용</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::ChatPane</name>
    <message>
        <source>You</source>
        <translation type="unfinished">사용자</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation type="unfinished">어시스턴트</translation>
    </message>
    <message>
        <source>Generating…</source>
        <translation type="unfinished">생성하는 중…</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::ComparePage</name>
    <message>
        <source>Not checked for training overlap: %1.</source>
        <translation type="unfinished">학습 데이터 중복을 확인하지 않음: %1.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished">%1 (%2)</translation>
    </message>
    <message>
        <source>ΔW cosine</source>
        <translation type="unfinished">ΔW 코사인</translation>
    </message>
    <message>
        <source>‖ΔW‖ (Frobenius norm)</source>
        <translation type="unfinished">‖ΔW‖(프로베니우스 노름)</translation>
    </message>
    <message>
        <source>not adapted</source>
        <translation type="unfinished">적용 안 됨</translation>
    </message>
    <message>
        <source>layer %1 · %2: %3</source>
        <translation type="unfinished">레이어 %1 · %2: %3</translation>
    </message>
    <message>
        <source>Choose a held-out dataset to evaluate on: data the runs did not train on (Browse…).</source>
        <translation type="unfinished">평가에 사용할 홀드아웃 데이터셋을 선택하세요: 실행들이 학습하지 않은 데이터(찾아보기…).</translation>
    </message>
    <message>
        <source>%1 trained on %2 of the %3 evaluation examples</source>
        <translation type="unfinished">%1은(는) 평가 샘플 %3개 중 %2개로 학습했습니다</translation>
    </message>
    <message>
        <source>Not held out: %1. Their scores include examples they learned; choose data none of the runs trained on.</source>
        <translation type="unfinished">홀드아웃 데이터가 아님: %1. 점수에 이미 학습한 샘플이 포함됩니다. 어떤 실행도 학습하지 않은 데이터를 선택하세요.</translation>
    </message>
    <message>
        <source>a held-out file the runs did not train on</source>
        <translation type="unfinished">실행들이 학습하지 않은 홀드아웃 파일</translation>
    </message>
    <message>
        <source>Add a run or adapter folder</source>
        <translation type="unfinished">실행 또는 어댑터 폴더 추가</translation>
    </message>
    <message>
        <source>Choose the held-out dataset</source>
        <translation type="unfinished">홀드아웃 데이터셋 선택</translation>
    </message>
    <message>
        <source>Export the evaluation</source>
        <translation type="unfinished">평가 결과 내보내기</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished">CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export the comparison</source>
        <translation type="unfinished">비교 결과 내보내기</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation type="unfinished">JSON (*.json)</translation>
    </message>
    <message>
        <source>Runs and adapters to compare:</source>
        <translation type="unfinished">비교할 실행 및 어댑터:</translation>
    </message>
    <message>
        <source>Tick two or more runs of the workspace (or folders added below) trained on the same base</source>
        <translation type="unfinished">같은 기본 모델로 학습한 작업 공간의 실행(또는 아래에 추가한 폴더)을 두 개 이상 체크하세요</translation>
    </message>
    <message>
        <source>Add run or adapter folder…</source>
        <translation type="unfinished">실행 또는 어댑터 폴더 추가…</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation type="unfinished">비교(&amp;C)</translation>
    </message>
    <message>
        <source>Read the ticked runs and adapters and show them side by side</source>
        <translation type="unfinished">체크한 실행과 어댑터를 읽어 나란히 표시</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished">요약</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation type="unfinished">구성</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation type="unfinished">곡선</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation type="unfinished">평가</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation type="unfinished">가중치</translation>
    </message>
    <message>
        <source>Differences only</source>
        <translation type="unfinished">차이만 표시</translation>
    </message>
    <message>
        <source>Curve:</source>
        <translation type="unfinished">곡선:</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation type="unfinished">학습 손실</translation>
    </message>
    <message>
        <source>eval loss</source>
        <translation type="unfinished">평가 손실</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation type="unfinished">학습률</translation>
    </message>
    <message>
        <source>X axis:</source>
        <translation type="unfinished">X축:</translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished">스텝</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation type="unfinished">에폭</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation type="unfinished">토큰</translation>
    </message>
    <message>
        <source>Time (s)</source>
        <translation type="unfinished">시간(초)</translation>
    </message>
    <message>
        <source>Untick a run to hide its curve</source>
        <translation type="unfinished">실행의 체크를 해제하면 해당 곡선이 숨겨집니다</translation>
    </message>
    <message>
        <source>Held-out data:</source>
        <translation type="unfinished">홀드아웃 데이터:</translation>
    </message>
    <message>
        <source>Dataset every adapter and the base are scored on (the same formats as training)</source>
        <translation type="unfinished">각 어댑터와 기본 모델을 점수화할 데이터셋(학습과 같은 형식)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished">찾아보기…</translation>
    </message>
    <message>
        <source>Cutoff length:</source>
        <translation type="unfinished">컷오프 길이:</translation>
    </message>
    <message>
        <source>Max samples:</source>
        <translation type="unfinished">최대 샘플 수:</translation>
    </message>
    <message>
        <source>all</source>
        <translation type="unfinished">전체</translation>
    </message>
    <message>
        <source>&amp;Evaluate</source>
        <translation type="unfinished">평가(&amp;E)</translation>
    </message>
    <message>
        <source>Score the base and every adapter on this data with one resident base (loss and perplexity)</source>
        <translation type="unfinished">상주하는 기본 모델 하나로 이 데이터에서 기본 모델과 모든 어댑터를 점수화(손실 및 퍼플렉서티)</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished">CSV 내보내기…</translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation type="unfinished">JSON 내보내기…</translation>
    </message>
    <message>
        <source>‖ΔW‖ per layer and module of one adapter, or the ΔW cosine between two</source>
        <translation type="unfinished">어댑터 하나의 레이어·모듈별 ‖ΔW‖ 또는 두 어댑터 간 ΔW 코사인</translation>
    </message>
    <message>
        <source>Tick at least two runs or adapters.</source>
        <translation type="unfinished">실행 또는 어댑터를 두 개 이상 체크하세요.</translation>
    </message>
    <message numerus="yes">
        <source>Reading %n item(s)…</source>
        <translation type="unfinished">
            <numerusform>항목 %n개를 읽는 중…</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot compare: %1</source>
        <translation type="unfinished">비교할 수 없습니다: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) compared.</source>
        <translation type="unfinished">
            <numerusform>항목 %n개를 비교했습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>Tick the runs or adapters to evaluate.</source>
        <translation type="unfinished">평가할 실행 또는 어댑터를 체크하세요.</translation>
    </message>
    <message>
        <source>Evaluating…</source>
        <translation type="unfinished">평가하는 중…</translation>
    </message>
    <message>
        <source>Cannot evaluate: %1</source>
        <translation type="unfinished">평가할 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished">이름</translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished">방법</translation>
    </message>
    <message>
        <source>r</source>
        <translation type="unfinished">r</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation type="unfinished">파라미터</translation>
    </message>
    <message>
        <source>File (KiB)</source>
        <translation type="unfinished">파일(KiB)</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation type="unfinished">스텝</translation>
    </message>
    <message>
        <source>Final loss</source>
        <translation type="unfinished">최종 손실</translation>
    </message>
    <message>
        <source>Best eval loss</source>
        <translation type="unfinished">최저 평가 손실</translation>
    </message>
    <message>
        <source>Mean ‖ΔW‖</source>
        <translation type="unfinished">평균 ‖ΔW‖</translation>
    </message>
    <message>
        <source>Effective rank</source>
        <translation type="unfinished">유효 랭크</translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished">키</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation type="unfinished">손실</translation>
    </message>
    <message>
        <source>Perplexity</source>
        <translation type="unfinished">퍼플렉서티</translation>
    </message>
    <message>
        <source>Seconds</source>
        <translation type="unfinished">초</translation>
    </message>
    <message>
        <source>Cannot export: %1</source>
        <translation type="unfinished">내보낼 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation type="unfinished">내보내기 완료: %1</translation>
    </message>
    <message>
        <source>‖ΔW‖ of %1</source>
        <translation type="unfinished">%1의 ‖ΔW‖</translation>
    </message>
    <message>
        <source>ΔW cosine, %1 vs %2</source>
        <translation type="unfinished">ΔW 코사인, %1 대 %2</translation>
    </message>
    <message>
        <source>module</source>
        <translation type="unfinished">모듈</translation>
    </message>
    <message>
        <source>layer</source>
        <translation type="unfinished">레이어</translation>
    </message>
    <message>
        <source>Generations</source>
        <translation type="unfinished">생성 결과</translation>
    </message>
    <message>
        <source>One prompt per line; each goes through the base and every ticked adapter with the same seed</source>
        <translation type="unfinished">한 줄에 프롬프트 하나. 각 프롬프트는 같은 시드로 기본 모델과 체크한 모든 어댑터를 거칩니다</translation>
    </message>
    <message>
        <source>max tokens </source>
        <translation type="unfinished">최대 토큰 </translation>
    </message>
    <message>
        <source>Log-probabilities</source>
        <translation type="unfinished">로그 확률</translation>
    </message>
    <message>
        <source>Tint each token by its log-probability under its model minus under the base (hover for the numbers)</source>
        <translation type="unfinished">각 토큰을 해당 모델에서의 로그 확률에서 기본 모델에서의 로그 확률을 뺀 값으로 색칠(마우스를 올리면 수치 표시)</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation type="unfinished">생성(&amp;G)</translation>
    </message>
    <message>
        <source>Tick the runs or adapters and write at least one prompt.</source>
        <translation type="unfinished">실행 또는 어댑터를 체크하고 프롬프트를 하나 이상 작성하세요.</translation>
    </message>
    <message>
        <source>Generating…</source>
        <translation type="unfinished">생성하는 중…</translation>
    </message>
    <message>
        <source>Cannot generate: %1</source>
        <translation type="unfinished">생성할 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Generated.</source>
        <translation type="unfinished">생성했습니다.</translation>
    </message>
    <message>
        <source>Outputs diverge at token %1 (highlighted from there).</source>
        <translation type="unfinished">출력이 %1번째 토큰에서 갈라집니다(그 지점부터 강조 표시).</translation>
    </message>
    <message>
        <source>All outputs are identical.</source>
        <translation type="unfinished">모든 출력이 동일합니다.</translation>
    </message>
    <message>
        <source>Com&amp;bine LoRA adapters…</source>
        <translation type="unfinished">LoRA 어댑터 결합(&amp;B)…</translation>
    </message>
    <message>
        <source>Weighted combination of the ticked LoRA adapters into a new adapter, as PEFT&apos;s add_weighted_adapter</source>
        <translation type="unfinished">체크한 LoRA 어댑터를 가중 결합하여 새 어댑터를 만듭니다(PEFT의 add_weighted_adapter와 동일)</translation>
    </message>
    <message>
        <source>Combine LoRA adapters</source>
        <translation type="unfinished">LoRA 어댑터 결합</translation>
    </message>
    <message>
        <source>linear (equal ranks, as PEFT)</source>
        <translation type="unfinished">linear(랭크가 같아야 함, PEFT와 동일)</translation>
    </message>
    <message>
        <source>cat (ranks add up; exactly Σ w·ΔW)</source>
        <translation type="unfinished">cat(랭크가 합쳐짐, 정확히 Σ w·ΔW)</translation>
    </message>
    <message>
        <source>Method:</source>
        <translation type="unfinished">방법:</translation>
    </message>
    <message>
        <source>Output folder:</source>
        <translation type="unfinished">출력 폴더:</translation>
    </message>
    <message>
        <source>Combining…</source>
        <translation type="unfinished">결합하는 중…</translation>
    </message>
    <message>
        <source>Cannot combine: %1</source>
        <translation type="unfinished">결합할 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Combined into %1.</source>
        <translation type="unfinished">%1에 결합했습니다.</translation>
    </message>
    <message>
        <source>&amp;Load the base as (evaluation, generations):</source>
        <translation type="unfinished">기본 모델 로드 방식(평가, 생성)(&amp;L):</translation>
    </message>
    <message>
        <source>Evaluated on %1 (base held as %2).</source>
        <translation type="unfinished">%1에서 평가했습니다(기본 모델 로드 방식: %2).</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::CurvesWidget</name>
    <message>
        <source>Loss</source>
        <translation type="unfinished">손실</translation>
    </message>
    <message>
        <source>Training loss of every logged step</source>
        <translation type="unfinished">기록된 각 스텝의 학습 손실</translation>
    </message>
    <message>
        <source>Smoothed</source>
        <translation type="unfinished">평활화</translation>
    </message>
    <message>
        <source>Exponential moving average of the training loss (weight set by the slider)</source>
        <translation type="unfinished">학습 손실의 지수 이동 평균(가중치는 슬라이더로 설정)</translation>
    </message>
    <message>
        <source>Eval loss</source>
        <translation type="unfinished">평가 손실</translation>
    </message>
    <message>
        <source>Loss on the held-out evaluation set</source>
        <translation type="unfinished">홀드아웃 평가 세트의 손실</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation type="unfinished">학습률</translation>
    </message>
    <message>
        <source>Grad norm</source>
        <translation type="unfinished">그래디언트 노름</translation>
    </message>
    <message>
        <source>Global gradient L2 norm before clipping (right axis)</source>
        <translation type="unfinished">클리핑 전 전역 그래디언트 L2 노름(오른쪽 축)</translation>
    </message>
    <message>
        <source>Smoothing %1</source>
        <translation type="unfinished">평활화 %1</translation>
    </message>
    <message>
        <source>Weight of the moving average: 0 = raw, 0.99 = very smooth</source>
        <translation type="unfinished">이동 평균의 가중치: 0 = 원본, 0.99 = 매우 부드럽게</translation>
    </message>
    <message>
        <source>Smoothing</source>
        <translation type="unfinished">평활화</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation type="unfinished">로그 스케일</translation>
    </message>
    <message>
        <source>Logarithmic loss axis</source>
        <translation type="unfinished">손실 축을 로그 스케일로 표시</translation>
    </message>
    <message>
        <source>X axis:</source>
        <translation type="unfinished">X축:</translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished">스텝</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation type="unfinished">에폭</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation type="unfinished">토큰</translation>
    </message>
    <message>
        <source>Time (s)</source>
        <translation type="unfinished">시간(초)</translation>
    </message>
    <message>
        <source>What the horizontal axis counts</source>
        <translation type="unfinished">가로축이 나타내는 값</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation type="unfinished">맞춤</translation>
    </message>
    <message>
        <source>Show all points and follow new ones (drag pans, wheel zooms)</source>
        <translation type="unfinished">모든 점을 표시하고 새 점을 따라감(드래그하여 이동, 휠로 확대/축소)</translation>
    </message>
    <message>
        <source>loss</source>
        <translation type="unfinished">손실</translation>
    </message>
    <message>
        <source>smoothed</source>
        <translation type="unfinished">평활화</translation>
    </message>
    <message>
        <source>eval loss</source>
        <translation type="unfinished">평가 손실</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation type="unfinished">학습률</translation>
    </message>
    <message>
        <source>grad norm</source>
        <translation type="unfinished">그래디언트 노름</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::DataPage</name>
    <message>
        <source>Datasets in this folder (dataset_info.json)</source>
        <translation type="unfinished">이 폴더의 데이터셋(dataset_info.json)</translation>
    </message>
    <message>
        <source>Tick the entries to train on; entries PeftDesk cannot use say why</source>
        <translation type="unfinished">학습할 항목을 체크하세요. PeftDesk가 사용할 수 없는 항목에는 이유가 표시됩니다</translation>
    </message>
    <message>
        <source>Template:</source>
        <translation type="unfinished">템플릿:</translation>
    </message>
    <message>
        <source>auto (the model&apos;s own)</source>
        <translation type="unfinished">자동(모델 자체 템플릿)</translation>
    </message>
    <message>
        <source>Chat template used to turn conversations into tokens; auto picks the model&apos;s own family</source>
        <translation type="unfinished">대화를 토큰으로 변환하는 채팅 템플릿. 자동은 모델 자체 계열의 템플릿을 선택합니다</translation>
    </message>
    <message>
        <source>Column mapping</source>
        <translation type="unfinished">열 매핑</translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished">필드</translation>
    </message>
    <message>
        <source>Column / tag in the file</source>
        <translation type="unfinished">파일의 열 / 태그</translation>
    </message>
    <message>
        <source>Which column of the file holds each field (as LLaMA-Factory&apos;s columns and tags); edit to map other names</source>
        <translation type="unfinished">각 필드가 파일의 어느 열에 있는지(LLaMA-Factory의 columns 및 tags와 같음). 다른 이름을 매핑하려면 편집하세요</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation type="unfinished">미리 보기</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation type="unfinished">토큰</translation>
    </message>
    <message>
        <source>Lengths</source>
        <translation type="unfinished">길이</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation type="unfinished">문제</translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation type="unfinished">◀ 이전</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation type="unfinished">다음 ▶</translation>
    </message>
    <message>
        <source>Example:</source>
        <translation type="unfinished">샘플:</translation>
    </message>
    <message>
        <source>Which example to show as the trainer will see it (double-click a preview row too)</source>
        <translation type="unfinished">트레이너가 보는 형태로 표시할 샘플(미리 보기 행을 두 번 클릭해도 됨)</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;background:#c8e6c9;color:#1b5e20&apos;&gt;&amp;nbsp;trained&amp;nbsp;&lt;/span&gt; &lt;span style=&apos;background:#e0e0e0;color:#616161&apos;&gt;&amp;nbsp;masked (prompt, history)&amp;nbsp;&lt;/span&gt; &lt;span style=&apos;color:#c62828&apos;&gt;&lt;b&gt;✂&lt;/b&gt; truncated at the cutoff&lt;/span&gt;</source>
        <translation type="unfinished">&lt;span style=&apos;background:#c8e6c9;color:#1b5e20&apos;&gt;&amp;nbsp;학습&amp;nbsp;&lt;/span&gt; &lt;span style=&apos;background:#e0e0e0;color:#616161&apos;&gt;&amp;nbsp;마스킹됨(프롬프트, 대화 이력)&amp;nbsp;&lt;/span&gt; &lt;span style=&apos;color:#c62828&apos;&gt;&lt;b&gt;✂&lt;/b&gt; 컷오프 길이에서 잘림&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Tokens of the example</source>
        <translation type="unfinished">샘플의 토큰</translation>
    </message>
    <message>
        <source>Malformed records</source>
        <translation type="unfinished">형식이 잘못된 레코드</translation>
    </message>
    <message>
        <source>Reading the data…</source>
        <translation type="unfinished">데이터를 읽는 중…</translation>
    </message>
    <message>
        <source>Cannot read the data: %1</source>
        <translation type="unfinished">데이터를 읽을 수 없습니다: %1</translation>
    </message>
    <message>
        <source>%1 examples from %2 records · format %3</source>
        <translation type="unfinished">레코드 %2개에서 샘플 %1개 · 형식 %3</translation>
    </message>
    <message>
        <source>Template: %1</source>
        <translation type="unfinished">템플릿: %1</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation type="unfinished">경고: %1</translation>
    </message>
    <message>
        <source>%1 of %2 examples are longer than the cutoff (%3 tokens) and will be truncated</source>
        <translation type="unfinished">샘플 %2개 중 %1개가 컷오프 길이(%3 토큰)보다 길어서 잘립니다</translation>
    </message>
    <message numerus="yes">
        <source>%n malformed record(s): see Problems</source>
        <translation type="unfinished">
            <numerusform>형식이 잘못된 레코드 %n개: ‘문제’ 참조</numerusform>
        </translation>
    </message>
    <message>
        <source>Problems (%1)</source>
        <translation type="unfinished">문제(%1)</translation>
    </message>
    <message>
        <source>#</source>
        <translation type="unfinished">#</translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished">출처</translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished">텍스트</translation>
    </message>
    <message>
        <source>System</source>
        <translation type="unfinished">시스템</translation>
    </message>
    <message>
        <source>Turns</source>
        <translation type="unfinished">턴 수</translation>
    </message>
    <message>
        <source>First prompt</source>
        <translation type="unfinished">첫 프롬프트</translation>
    </message>
    <message>
        <source>First response</source>
        <translation type="unfinished">첫 응답</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation type="unfinished">%1/%2 페이지</translation>
    </message>
    <message>
        <source>Cannot encode this example: %1</source>
        <translation type="unfinished">이 샘플을 인코딩할 수 없습니다: %1</translation>
    </message>
    <message>
        <source>cutoff %1: %2 of %3 tokens kept</source>
        <translation type="unfinished">컷오프 %1: 토큰 %3개 중 %2개 유지</translation>
    </message>
    <message>
        <source>%1 tokens, %2 trained, %3 masked · %4</source>
        <translation type="unfinished">토큰 %1개, 학습 %2개, 마스킹 %3개 · %4</translation>
    </message>
    <message>
        <source>examples</source>
        <translation type="unfinished">샘플 수</translation>
    </message>
    <message>
        <source>cutoff %1 (dashed): %2 of %3 longer</source>
        <translation type="unfinished">컷오프 %1(점선): %3개 중 %2개가 더 김</translation>
    </message>
    <message>
        <source>tokens per example</source>
        <translation type="unfinished">샘플당 토큰 수</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::ExportDialog</name>
    <message>
        <source>Merging the adapter into the weights…</source>
        <translation type="unfinished">어댑터를 가중치에 병합하는 중…</translation>
    </message>
    <message>
        <source>Writing the files…</source>
        <translation type="unfinished">파일을 쓰는 중…</translation>
    </message>
    <message>
        <source>Checking the merged model against base + adapter…</source>
        <translation type="unfinished">병합된 모델을 기본 모델 + 어댑터와 대조하는 중…</translation>
    </message>
    <message>
        <source>Moving the files into place…</source>
        <translation type="unfinished">파일을 최종 위치로 옮기는 중…</translation>
    </message>
    <message>
        <source>Export cancelled: nothing was written to %1.</source>
        <translation type="unfinished">내보내기 취소됨: %1에 아무것도 쓰지 않았습니다.</translation>
    </message>
    <message>
        <source>Export into</source>
        <translation type="unfinished">내보낼 위치</translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation type="unfinished">%1 내보내기</translation>
    </message>
    <message>
        <source>Adapter: %1
Base model: %2</source>
        <translation type="unfinished">어댑터: %1
기본 모델: %2</translation>
    </message>
    <message>
        <source>Export as:</source>
        <translation type="unfinished">내보내기 형식:</translation>
    </message>
    <message>
        <source>Adapter (PEFT format; AdapterHub&apos;s for bottleneck adapters)</source>
        <translation type="unfinished">어댑터 (PEFT 형식; 병목 어댑터는 AdapterHub 형식)</translation>
    </message>
    <message>
        <source>adapter_config.json + adapter_model.safetensors; loads with PeftModel.from_pretrained (a bottleneck adapter: adapter.safetensors, loads with the adapters library)</source>
        <translation type="unfinished">adapter_config.json + adapter_model.safetensors. PeftModel.from_pretrained로 로드할 수 있습니다 (병목 어댑터: adapter.safetensors, adapters 라이브러리로 로드)</translation>
    </message>
    <message>
        <source>Merged model</source>
        <translation type="unfinished">병합된 모델</translation>
    </message>
    <message>
        <source>The adapter merged into the base weights: a plain transformers model folder</source>
        <translation type="unfinished">어댑터를 기본 모델 가중치에 병합: 일반 transformers 모델 폴더</translation>
    </message>
    <message>
        <source>Weights dtype:</source>
        <translation type="unfinished">가중치 데이터 타입:</translation>
    </message>
    <message>
        <source>Shard size:</source>
        <translation type="unfinished">샤드 크기:</translation>
    </message>
    <message>
        <source>Split the merged weights into files of at most this size</source>
        <translation type="unfinished">병합된 가중치를 최대 이 크기의 파일로 분할</translation>
    </message>
    <message>
        <source>Check the merge (recommended)</source>
        <translation type="unfinished">병합 검증(권장)</translation>
    </message>
    <message>
        <source>Compare merged logits with base + adapter and refuse a merge that changes nothing</source>
        <translation type="unfinished">병합된 로짓을 기본 모델 + 어댑터와 비교하고, 아무것도 바뀌지 않는 병합은 거부</translation>
    </message>
    <message>
        <source>Write a model card (README.md)</source>
        <translation type="unfinished">모델 카드 작성(README.md)</translation>
    </message>
    <message>
        <source>Output folder:</source>
        <translation type="unfinished">출력 폴더:</translation>
    </message>
    <message>
        <source>A new or empty folder; an existing non-empty folder is never written into</source>
        <translation type="unfinished">새 폴더 또는 빈 폴더. 비어 있지 않은 기존 폴더에는 절대 쓰지 않습니다</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished">찾아보기…</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation type="unfinished">내보내기(&amp;E)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished">취소</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished">취소하는 중…</translation>
    </message>
    <message>
        <source>Choose an output folder.</source>
        <translation type="unfinished">출력 폴더를 선택하세요.</translation>
    </message>
    <message>
        <source>%1 exists and is not empty: choose a new or empty folder (nothing was changed).</source>
        <translation type="unfinished">%1이(가) 이미 있으며 비어 있지 않습니다. 새 폴더 또는 빈 폴더를 선택하세요(변경된 사항 없음).</translation>
    </message>
    <message>
        <source>This run has no adapter to export yet.</source>
        <translation type="unfinished">이 실행에는 아직 내보낼 어댑터가 없습니다.</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation type="unfinished">내보내는 중…</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation type="unfinished">내보내기 실패: %1</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n file(s) to %1.</source>
        <translation type="unfinished">
            <numerusform>%1에 파일 %n개를 내보냈습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>Merge checked: max |logit difference| %1, largest weight change %2.</source>
        <translation type="unfinished">병합 검증 완료: 최대 |로짓 차이| %1, 최대 가중치 변화 %2.</translation>
    </message>
    <message>
        <source>GGUF type:</source>
        <translation type="unfinished">GGUF 형식:</translation>
    </message>
    <message>
        <source>GGUF content:</source>
        <translation type="unfinished">GGUF 내용:</translation>
    </message>
    <message>
        <source>GGUF (llama.cpp / Ollama)</source>
        <translation type="unfinished">GGUF (llama.cpp / Ollama)</translation>
    </message>
    <message>
        <source>One .gguf file that llama.cpp and Ollama run, written as llama.cpp&apos;s own converter writes it</source>
        <translation type="unfinished">llama.cpp와 Ollama가 실행하는 .gguf 파일 하나이며, llama.cpp 자체 변환기와 같은 방식으로 기록됩니다</translation>
    </message>
    <message>
        <source>Merged model (runs on its own)</source>
        <translation type="unfinished">병합된 모델 (단독 실행)</translation>
    </message>
    <message>
        <source>LoRA adapter (llama.cpp --lora, on the base model&apos;s GGUF)</source>
        <translation type="unfinished">LoRA 어댑터 (llama.cpp --lora, 기본 모델의 GGUF에 적용)</translation>
    </message>
    <message>
        <source>Write an Ollama Modelfile</source>
        <translation type="unfinished">Ollama Modelfile 작성</translation>
    </message>
    <message>
        <source>The chat template the run trained with and its stop tokens, so that the model answers in its format and stops</source>
        <translation type="unfinished">학습에 쓴 채팅 템플릿과 정지 토큰을 기록하여 모델이 올바른 형식으로 답하고 멈추게 합니다</translation>
    </message>
    <message>
        <source>Writing the GGUF file…</source>
        <translation type="unfinished">GGUF 파일을 쓰는 중…</translation>
    </message>
    <message>
        <source>Wrote %1 into %2.</source>
        <translation type="unfinished">%1을(를) %2에 기록했습니다.</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::FirstRunGuide</name>
    <message>
        <source>Model</source>
        <translation type="unfinished">모델</translation>
    </message>
    <message>
        <source>Data</source>
        <translation type="unfinished">데이터</translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished">방법</translation>
    </message>
    <message>
        <source>LoRA is chosen. Change the method or its targets and watch the trainable parameters and the adapter size; Measure runs three real steps to time them.</source>
        <translation type="unfinished">LoRA가 선택되어 있습니다. 방법이나 대상을 바꾸면서 학습 가능한 파라미터와 어댑터 크기를 확인하세요. ‘측정’은 실제 스텝 3개를 실행하여 시간을 잽니다.</translation>
    </message>
    <message>
        <source>Train</source>
        <translation type="unfinished">학습</translation>
    </message>
    <message>
        <source>Press Start: the loss is drawn live, and you can pause or stop and save at any time. The run then appears on the Runs page; in its Chat, ask &quot;What is your name?&quot;: the base and the tuned model answer side by side.</source>
        <translation type="unfinished">‘시작’을 누르세요. 손실이 실시간으로 그려지며, 언제든 일시 중지하거나 중지 후 저장할 수 있습니다. 그러면 실행이 ‘실행 목록’ 페이지에 나타납니다. 해당 실행의 ‘채팅’에서 &quot;What is your name?&quot;이라고 물으면 기본 모델과 튜닝된 모델이 나란히 답합니다.</translation>
    </message>
    <message>
        <source>Getting started — step %1 of %2: %3</source>
        <translation type="unfinished">시작하기 — %2단계 중 %1단계: %3</translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished">이전</translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished">완료</translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished">다음</translation>
    </message>
    <message>
        <source>Close guide</source>
        <translation type="unfinished">가이드 닫기</translation>
    </message>
    <message>
        <source>Hide the guide; Help ▸ Getting Started shows it again</source>
        <translation type="unfinished">가이드를 숨깁니다. ‘도움말 ▸ 시작하기’에서 다시 볼 수 있습니다</translation>
    </message>
    <message>
        <source>A first start opens the small demo model. To fine-tune your own, choose its Hugging Face folder here: the summary shows its size and the memory it needs.</source>
        <translation type="unfinished">처음 시작하면 작은 데모 모델이 열립니다. 자신의 모델을 파인튜닝하려면 여기서 해당 Hugging Face 폴더를 선택하세요. 요약에 크기와 필요한 메모리가 표시됩니다.</translation>
    </message>
    <message>
        <source>A first start loads the demo dataset. Pick your own file or LLaMA-Factory folder: the preview and the token inspector show exactly which tokens the model will learn.</source>
        <translation type="unfinished">처음 시작하면 데모 데이터셋이 로드됩니다. 자신의 파일 또는 LLaMA-Factory 폴더를 선택하세요. 미리 보기와 토큰 검사기가 모델이 학습할 토큰을 정확히 보여 줍니다.</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::MainWindow</name>
    <message>
        <source>%1 cannot be opened: %2</source>
        <translation type="unfinished">%1을(를) 열 수 없습니다: %2</translation>
    </message>
    <message>
        <source>PeftDesk — %1</source>
        <translation type="unfinished">PeftDesk — %1</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation type="unfinished">열림: %1</translation>
    </message>
    <message>
        <source>Choose a model folder</source>
        <translation type="unfinished">모델 폴더 선택</translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation type="unfinished">Ctrl+Shift+O</translation>
    </message>
    <message>
        <source>Open a run configuration</source>
        <translation type="unfinished">실행 구성 열기</translation>
    </message>
    <message>
        <source>Run configuration (*.json)</source>
        <translation type="unfinished">실행 구성(*.json)</translation>
    </message>
    <message>
        <source>Save the run configuration</source>
        <translation type="unfinished">실행 구성 저장</translation>
    </message>
    <message>
        <source>Save the run configuration for the command line</source>
        <translation type="unfinished">명령줄용 실행 구성 저장</translation>
    </message>
    <message>
        <source>Equivalent command</source>
        <translation type="unfinished">동등한 명령</translation>
    </message>
    <message>
        <source>This configuration was saved to %1. The same run from a terminal:</source>
        <translation type="unfinished">이 구성은 %1에 저장되었습니다. 터미널에서 같은 실행을 하려면:</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished">복사</translation>
    </message>
    <message>
        <source>PeftDesk</source>
        <translation type="unfinished">PeftDesk</translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished">모델</translation>
    </message>
    <message>
        <source>Data</source>
        <translation type="unfinished">데이터</translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished">방법</translation>
    </message>
    <message>
        <source>Train</source>
        <translation type="unfinished">학습</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation type="unfinished">실행 목록</translation>
    </message>
    <message>
        <source>The base model: architecture, size, memory</source>
        <translation type="unfinished">기본 모델: 아키텍처, 크기, 메모리</translation>
    </message>
    <message>
        <source>Dataset, format, template, preview, tokens, problems</source>
        <translation type="unfinished">데이터셋, 형식, 템플릿, 미리 보기, 토큰, 문제</translation>
    </message>
    <message>
        <source>Fine-tuning method, targets, trainable parameters, cost</source>
        <translation type="unfinished">파인튜닝 방법, 대상, 학습 가능한 파라미터, 비용</translation>
    </message>
    <message>
        <source>Hyper-parameters, start / pause / stop, live curves</source>
        <translation type="unfinished">하이퍼파라미터, 시작 / 일시 중지 / 중지, 실시간 곡선</translation>
    </message>
    <message>
        <source>Every run of the workspace: state, curves, reopen, resume</source>
        <translation type="unfinished">작업 공간의 모든 실행: 상태, 곡선, 다시 열기, 재개</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation type="unfinished">페이지</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished">파일(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open Model Folder…</source>
        <translation type="unfinished">모델 폴더 열기(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Run Configuration…</source>
        <translation type="unfinished">실행 구성 열기(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Save Run Configuration…</source>
        <translation type="unfinished">실행 구성 저장(&amp;S)…</translation>
    </message>
    <message>
        <source>Show &amp;Command Line…</source>
        <translation type="unfinished">명령줄 보기(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished">종료(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished">보기(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished">언어(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished">도움말(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About PeftDesk</source>
        <translation type="unfinished">PeftDesk 정보(&amp;A)</translation>
    </message>
    <message>
        <source>The %1 translation could not be loaded</source>
        <translation type="unfinished">%1 번역을 로드할 수 없습니다</translation>
    </message>
    <message>
        <source>Cannot open the run configuration</source>
        <translation type="unfinished">실행 구성을 열 수 없습니다</translation>
    </message>
    <message>
        <source>Loaded %1</source>
        <translation type="unfinished">로드됨: %1</translation>
    </message>
    <message>
        <source>Cannot save the run configuration</source>
        <translation type="unfinished">실행 구성을 저장할 수 없습니다</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation type="unfinished">저장됨: %1</translation>
    </message>
    <message>
        <source>About PeftDesk</source>
        <translation type="unfinished">PeftDesk 정보</translation>
    </message>
    <message>
        <source>&lt;b&gt;PeftDesk %1&lt;/b&gt;&lt;br&gt;Fine-tune language models on your workstation.&lt;br&gt;&lt;br&gt;%2</source>
        <translation type="unfinished">&lt;b&gt;PeftDesk %1&lt;/b&gt;&lt;br&gt;워크스테이션에서 언어 모델을 파인튜닝합니다.&lt;br&gt;&lt;br&gt;%2</translation>
    </message>
    <message>
        <source>A run is in progress</source>
        <translation type="unfinished">실행이 진행 중입니다</translation>
    </message>
    <message>
        <source>Training is still running. Stop it and save a checkpoint before quitting? It can be resumed later from the Runs page.</source>
        <translation type="unfinished">학습이 아직 진행 중입니다. 종료하기 전에 학습을 중지하고 체크포인트를 저장할까요? 나중에 ‘실행 목록’ 페이지에서 재개할 수 있습니다.</translation>
    </message>
    <message>
        <source>Saving a checkpoint…</source>
        <translation type="unfinished">체크포인트를 저장하는 중…</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation type="unfinished">비교</translation>
    </message>
    <message>
        <source>Runs and adapters side by side: losses, curves, evaluation, weights</source>
        <translation type="unfinished">실행과 어댑터를 나란히 비교: 손실, 곡선, 평가, 가중치</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation type="unfinished">채팅</translation>
    </message>
    <message>
        <source>Chat with the base model and adapters, side by side</source>
        <translation type="unfinished">기본 모델 및 어댑터와 나란히 채팅</translation>
    </message>
    <message>
        <source>&amp;Getting Started</source>
        <translation type="unfinished">시작하기(&amp;G)</translation>
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
        <translation type="unfinished">가중치 분해 LoRA: 저랭크 업데이트에 더해 출력 행마다 크기(magnitude)를 학습합니다.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2</source>
        <translation type="unfinished">&lt;b&gt;%1&lt;/b&gt;: %2</translation>
    </message>
    <message>
        <source>; GPU memory peak %1 of %2</source>
        <translation type="unfinished">; GPU 메모리 피크 %1 / %2</translation>
    </message>
    <message>
        <source>LoRA</source>
        <translation type="unfinished">LoRA</translation>
    </message>
    <message>
        <source>Low-rank update B·A beside each target layer; DoRA, rsLoRA and LoRA+ are options below.</source>
        <translation type="unfinished">각 대상 레이어 옆에 저랭크 업데이트 B·A를 추가합니다. DoRA, rsLoRA, LoRA+는 아래 옵션에 있습니다.</translation>
    </message>
    <message>
        <source>QLoRA (4-bit base)</source>
        <translation type="unfinished">QLoRA(4비트 기본 모델)</translation>
    </message>
    <message>
        <source>LoRA on a base quantized to 4 bits on load (NF4, as bitsandbytes): a quarter of the weight memory.</source>
        <translation type="unfinished">로드 시 4비트로 양자화한 기본 모델(NF4, bitsandbytes와 동일)에서 LoRA 학습: 가중치 메모리가 4분의 1로 줄어듭니다.</translation>
    </message>
    <message>
        <source>IA³</source>
        <translation type="unfinished">IA³</translation>
    </message>
    <message>
        <source>Learned per-channel scaling of keys, values and feed-forward activations: very few parameters.</source>
        <translation type="unfinished">키, 값, 피드포워드 활성화를 채널별로 학습된 값으로 스케일링합니다. 파라미터가 매우 적습니다.</translation>
    </message>
    <message>
        <source>Prefix tuning</source>
        <translation type="unfinished">프리픽스 튜닝</translation>
    </message>
    <message>
        <source>Learned key/value vectors prepended in every attention layer.</source>
        <translation type="unfinished">모든 어텐션 레이어 앞에 학습 가능한 키/값 벡터를 붙입니다.</translation>
    </message>
    <message>
        <source>Prompt tuning</source>
        <translation type="unfinished">프롬프트 튜닝</translation>
    </message>
    <message>
        <source>Learned input embeddings prepended to every example.</source>
        <translation type="unfinished">모든 샘플 앞에 학습 가능한 입력 임베딩을 붙입니다.</translation>
    </message>
    <message>
        <source>Full fine-tuning</source>
        <translation type="unfinished">전체 파인튜닝</translation>
    </message>
    <message>
        <source>Every base parameter trains (for comparison: memory grows with the whole model).</source>
        <translation type="unfinished">기본 모델의 모든 파라미터를 학습합니다(비교용: 메모리가 모델 전체 크기에 따라 늘어남).</translation>
    </message>
    <message>
        <source>Freeze (last layers)</source>
        <translation type="unfinished">동결 튜닝(마지막 레이어)</translation>
    </message>
    <message>
        <source>Only the last N decoder layers train, as LLaMA-Factory&apos;s freeze tuning.</source>
        <translation type="unfinished">LLaMA-Factory의 freeze 튜닝처럼 마지막 N개 디코더 레이어만 학습합니다.</translation>
    </message>
    <message>
        <source>4-bit base (QLoRA)</source>
        <translation type="unfinished">4비트 기본 모델(QLoRA)</translation>
    </message>
    <message>
        <source>Target modules</source>
        <translation type="unfinished">대상 모듈</translation>
    </message>
    <message>
        <source>All linear layers (all-linear)</source>
        <translation type="unfinished">모든 선형 레이어(all-linear)</translation>
    </message>
    <message>
        <source>Adapt every linear layer except the output head, as PEFT&apos;s all-linear</source>
        <translation type="unfinished">PEFT의 all-linear처럼 출력 헤드를 제외한 모든 선형 레이어에 적용</translation>
    </message>
    <message>
        <source>The model&apos;s own linear modules; the adapter goes beside each checked one</source>
        <translation type="unfinished">모델 자체의 선형 모듈. 체크한 각 모듈 옆에 어댑터가 추가됩니다</translation>
    </message>
    <message>
        <source>Feed-forward modules (scaled on their input):</source>
        <translation type="unfinished">피드포워드 모듈(입력을 스케일링):</translation>
    </message>
    <message>
        <source>IA³ scales these modules&apos; inputs instead of their outputs; they must be targets too</source>
        <translation type="unfinished">IA³는 이 모듈들의 출력 대신 입력을 스케일링합니다. 이 모듈들도 대상이어야 합니다</translation>
    </message>
    <message>
        <source>Trainable parameters</source>
        <translation type="unfinished">학습 가능한 파라미터</translation>
    </message>
    <message>
        <source>Module / parameter</source>
        <translation type="unfinished">모듈 / 파라미터</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation type="unfinished">형태</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation type="unfinished">파라미터</translation>
    </message>
    <message>
        <source>Dtype</source>
        <translation type="unfinished">데이터 타입</translation>
    </message>
    <message>
        <source>Trainable parameters per module</source>
        <translation type="unfinished">모듈별 학습 가능한 파라미터</translation>
    </message>
    <message>
        <source>Memory and time</source>
        <translation type="unfinished">메모리와 시간</translation>
    </message>
    <message>
        <source>Measure (%1 steps)</source>
        <translation type="unfinished">측정(%1 스텝)</translation>
    </message>
    <message>
        <source>Run the real trainer for a few steps in a temporary folder and measure seconds per step and peak memory</source>
        <translation type="unfinished">임시 폴더에서 실제 트레이너를 몇 스텝 실행하여 스텝당 시간(초)과 피크 메모리를 측정</translation>
    </message>
    <message>
        <source>What training holds at its peak, before the first step: checked against measured peaks on the CPU (within 15-20 %). Measure runs real steps.</source>
        <translation type="unfinished">첫 스텝 전에 추정한, 학습이 피크 시 차지하는 메모리: CPU에서 실측 피크와 대조했습니다(오차 15-20 % 이내). ‘측정’은 실제 스텝을 실행합니다.</translation>
    </message>
    <message>
        <source>Cannot count: %1</source>
        <translation type="unfinished">집계할 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation type="unfinished">집계하는 중…</translation>
    </message>
    <message>
        <source>Trainable: %1 of %2 parameters (%3 %) · adapter file %4</source>
        <translation type="unfinished">학습 가능: 파라미터 %2개 중 %1개(%3 %) · 어댑터 파일 %4</translation>
    </message>
    <message>
        <source>Matched no module: %1</source>
        <translation type="unfinished">일치하는 모듈 없음: %1</translation>
    </message>
    <message>
        <source>Fix the configuration first: %1: %2</source>
        <translation type="unfinished">먼저 구성을 수정하세요: %1: %2</translation>
    </message>
    <message>
        <source>Measuring…</source>
        <translation type="unfinished">측정하는 중…</translation>
    </message>
    <message>
        <source>Measurement failed: %1</source>
        <translation type="unfinished">측정 실패: %1</translation>
    </message>
    <message>
        <source>Measured: %1 s per step, peak memory %2 (%3 above idle); the whole run (%4 steps) ≈ %5 min</source>
        <translation type="unfinished">측정 결과: 스텝당 %1초, 피크 메모리 %2(유휴 대비 +%3). 전체 실행(%4 스텝) ≈ %5분</translation>
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
        <translation type="unfinished">두 저랭크 업데이트의 원소별 곱: LoRA의 두 배 파라미터로 랭크가 최대 r²까지.</translation>
    </message>
    <message>
        <source>Kronecker product of a small factor and a low-rank one: high-rank updates from very few parameters.</source>
        <translation type="unfinished">작은 인자와 저랭크 인자의 크로네커 곱: 아주 적은 파라미터로 고랭크 업데이트.</translation>
    </message>
    <message>
        <source>AdaLoRA</source>
        <translation type="unfinished">AdaLoRA</translation>
    </message>
    <message>
        <source>SVD-shaped LoRA whose rank per layer is pruned during training, by importance, down to a budget.</source>
        <translation type="unfinished">SVD 형태의 LoRA: 학습 중 중요도에 따라 층별 랭크를 예산까지 가지치기합니다.</translation>
    </message>
    <message>
        <source>Bottleneck adapter</source>
        <translation type="unfinished">병목 어댑터</translation>
    </message>
    <message>
        <source>A small down-and-up network after each block&apos;s MLP (Pfeiffer) or after its attention too (Houlsby); saved in AdapterHub&apos;s format.</source>
        <translation type="unfinished">각 블록의 MLP 뒤(Pfeiffer) 또는 어텐션 뒤에도(Houlsby) 두는 작은 축소·확장 네트워크; AdapterHub 형식으로 저장.</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::ModelPage</name>
    <message>
        <source>yes</source>
        <translation type="unfinished">예</translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished">아니요</translation>
    </message>
    <message>
        <source>&amp;Model folder:</source>
        <translation type="unfinished">모델 폴더(&amp;M):</translation>
    </message>
    <message>
        <source>A Hugging Face model folder (config.json + *.safetensors)</source>
        <translation type="unfinished">Hugging Face 모델 폴더(config.json + *.safetensors)</translation>
    </message>
    <message>
        <source>Folder with config.json, safetensors weights and tokenizer files; press Enter to open, or pick a recent one</source>
        <translation type="unfinished">config.json, safetensors 가중치, 토크나이저 파일이 있는 폴더. Enter 키를 눌러 열거나 최근 폴더를 선택하세요</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished">찾아보기(&amp;B)…</translation>
    </message>
    <message>
        <source>Property</source>
        <translation type="unfinished">속성</translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished">값</translation>
    </message>
    <message>
        <source>Model architecture summary</source>
        <translation type="unfinished">모델 아키텍처 요약</translation>
    </message>
    <message>
        <source>Choose a model folder</source>
        <translation type="unfinished">모델 폴더 선택</translation>
    </message>
    <message>
        <source>Cannot open this model: %1</source>
        <translation type="unfinished">이 모델을 열 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation type="unfinished">아키텍처</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation type="unfinished">파라미터</translation>
    </message>
    <message>
        <source>Dtype</source>
        <translation type="unfinished">데이터 타입</translation>
    </message>
    <message>
        <source> (stored %1)</source>
        <translation type="unfinished"> (저장 형식 %1)</translation>
    </message>
    <message>
        <source>Vocabulary</source>
        <translation type="unfinished">어휘 크기</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation type="unfinished">레이어</translation>
    </message>
    <message>
        <source>Hidden size</source>
        <translation type="unfinished">은닉 크기</translation>
    </message>
    <message>
        <source>Intermediate size</source>
        <translation type="unfinished">중간 크기</translation>
    </message>
    <message>
        <source>Attention heads</source>
        <translation type="unfinished">어텐션 헤드</translation>
    </message>
    <message>
        <source>%1 (key/value %2, head dim %3)</source>
        <translation type="unfinished">%1(키/값 %2, 헤드 차원 %3)</translation>
    </message>
    <message>
        <source>Max positions</source>
        <translation type="unfinished">최대 위치</translation>
    </message>
    <message>
        <source>RoPE</source>
        <translation type="unfinished">RoPE</translation>
    </message>
    <message>
        <source>theta %1, scaling %2</source>
        <translation type="unfinished">theta %1, 스케일링 %2</translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished">없음</translation>
    </message>
    <message>
        <source>none (learned positions)</source>
        <translation type="unfinished">없음(학습된 위치 임베딩)</translation>
    </message>
    <message>
        <source>Tied embeddings</source>
        <translation type="unfinished">임베딩 공유</translation>
    </message>
    <message>
        <source>Block</source>
        <translation type="unfinished">블록</translation>
    </message>
    <message>
        <source>standard</source>
        <translation type="unfinished">표준</translation>
    </message>
    <message>
        <source>Size on disk</source>
        <translation type="unfinished">디스크 크기</translation>
    </message>
    <message>
        <source>Memory at bf16</source>
        <translation type="unfinished">bf16 기준 메모리</translation>
    </message>
    <message>
        <source>Memory at NF4 (QLoRA)</source>
        <translation type="unfinished">NF4 기준 메모리(QLoRA)</translation>
    </message>
    <message>
        <source>Tokenizer files</source>
        <translation type="unfinished">토크나이저 파일</translation>
    </message>
    <message>
        <source>This folder has no tokenizer: text datasets, chat templates and generation need one (pre-tokenized data still trains).</source>
        <translation type="unfinished">이 폴더에는 토크나이저가 없습니다. 텍스트 데이터셋, 채팅 템플릿, 생성에는 토크나이저가 필요합니다(사전 토큰화된 데이터는 학습 가능).</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::PrecisionBox</name>
    <message>
        <source>fp32 (exact, most memory)</source>
        <translation type="unfinished">fp32(정확, 메모리 최대)</translation>
    </message>
    <message>
        <source>bf16 (half the memory)</source>
        <translation type="unfinished">bf16(메모리 절반)</translation>
    </message>
    <message>
        <source>4-bit NF4, bf16 compute (as QLoRA trains)</source>
        <translation type="unfinished">4비트 NF4, bf16 연산(QLoRA 학습 방식)</translation>
    </message>
    <message>
        <source>How the base model&apos;s weights are held in memory while it runs</source>
        <translation type="unfinished">실행 중 기본 모델 가중치를 메모리에 보관하는 방식</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::RunsPage</name>
    <message>
        <source>Rename run</source>
        <translation type="unfinished">실행 이름 바꾸기</translation>
    </message>
    <message>
        <source>Name shown for %1 (empty: the folder&apos;s name):</source>
        <translation type="unfinished">%1에 표시할 이름(비워 두면 폴더 이름):</translation>
    </message>
    <message>
        <source>Run notes</source>
        <translation type="unfinished">실행 메모</translation>
    </message>
    <message>
        <source>Notes on %1:</source>
        <translation type="unfinished">%1 메모:</translation>
    </message>
    <message>
        <source>Move the run to the trash?</source>
        <translation type="unfinished">실행을 휴지통으로 이동할까요?</translation>
    </message>
    <message>
        <source>Move %1 (its checkpoints, adapter and curves) to the trash? It can be restored from there.</source>
        <translation type="unfinished">%1(체크포인트, 어댑터, 곡선 포함)을(를) 휴지통으로 이동할까요? 휴지통에서 복원할 수 있습니다.</translation>
    </message>
    <message>
        <source>Cannot rename the run</source>
        <translation type="unfinished">실행 이름을 바꿀 수 없습니다</translation>
    </message>
    <message>
        <source>Cannot save the notes</source>
        <translation type="unfinished">메모를 저장할 수 없습니다</translation>
    </message>
    <message>
        <source>Cannot move the run to the trash</source>
        <translation type="unfinished">실행을 휴지통으로 이동할 수 없습니다</translation>
    </message>
    <message>
        <source>%1 is still training: stop it first.</source>
        <translation type="unfinished">%1은(는) 아직 학습 중입니다. 먼저 중지하세요.</translation>
    </message>
    <message>
        <source>%1 could not be moved to the trash (no trash on this file system, or no permission); nothing was deleted.</source>
        <translation type="unfinished">%1을(를) 휴지통으로 이동할 수 없습니다(이 파일 시스템에 휴지통이 없거나 권한이 없음). 아무것도 삭제되지 않았습니다.</translation>
    </message>
    <message>
        <source>Notes: %1</source>
        <translation type="unfinished">메모: %1</translation>
    </message>
    <message>
        <source>Manage</source>
        <translation type="unfinished">관리</translation>
    </message>
    <message>
        <source>Rename the run, write notes on it, or move it to the trash</source>
        <translation type="unfinished">실행 이름 바꾸기, 메모 작성 또는 휴지통으로 이동</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation type="unfinished">이름 바꾸기(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Notes…</source>
        <translation type="unfinished">메모(&amp;N)…</translation>
    </message>
    <message>
        <source>Move to &amp;trash…</source>
        <translation type="unfinished">휴지통으로 이동(&amp;T)…</translation>
    </message>
    <message>
        <source>Choose the workspace folder</source>
        <translation type="unfinished">작업 공간 폴더 선택</translation>
    </message>
    <message>
        <source>Add a run folder</source>
        <translation type="unfinished">실행 폴더 추가</translation>
    </message>
    <message>
        <source>Workspace: %1</source>
        <translation type="unfinished">작업 공간: %1</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation type="unfinished">변경…</translation>
    </message>
    <message>
        <source>The folder where new runs are created and listed</source>
        <translation type="unfinished">새 실행이 생성되고 목록에 표시되는 폴더</translation>
    </message>
    <message>
        <source>Add run folder…</source>
        <translation type="unfinished">실행 폴더 추가…</translation>
    </message>
    <message>
        <source>List a run folder that lives outside the workspace</source>
        <translation type="unfinished">작업 공간 밖에 있는 실행 폴더를 목록에 추가</translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished">실행</translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished">상태</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished">진행률</translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished">방법</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation type="unfinished">손실</translation>
    </message>
    <message>
        <source>Best eval loss</source>
        <translation type="unfinished">최저 평가 손실</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation type="unfinished">업데이트</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation type="unfinished">실행 목록</translation>
    </message>
    <message>
        <source>Open configuration</source>
        <translation type="unfinished">구성 열기</translation>
    </message>
    <message>
        <source>Load this run&apos;s RUN.json into the form (to change it and start a new run)</source>
        <translation type="unfinished">이 실행의 RUN.json을 양식으로 불러옵니다(수정하여 새 실행을 시작할 수 있음)</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished">재개</translation>
    </message>
    <message>
        <source>Continue this run from its newest checkpoint</source>
        <translation type="unfinished">최신 체크포인트부터 이 실행을 재개</translation>
    </message>
    <message>
        <source>Show folder</source>
        <translation type="unfinished">폴더 보기</translation>
    </message>
    <message>
        <source>running</source>
        <translation type="unfinished">실행 중</translation>
    </message>
    <message>
        <source>preparing</source>
        <translation type="unfinished">준비 중</translation>
    </message>
    <message>
        <source>paused</source>
        <translation type="unfinished">일시 중지됨</translation>
    </message>
    <message>
        <source>finished</source>
        <translation type="unfinished">완료</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished">중지됨</translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished">실패</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation type="unfinished">중단됨</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished">알 수 없음</translation>
    </message>
    <message>
        <source>%1 · model %2</source>
        <translation type="unfinished">%1 · 모델 %2</translation>
    </message>
    <message>
        <source>Checkpoints at steps %1</source>
        <translation type="unfinished">체크포인트 스텝: %1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished">실패: %1</translation>
    </message>
    <message>
        <source>The process running this run is gone; resume continues from the newest checkpoint.</source>
        <translation type="unfinished">이 실행을 처리하던 프로세스가 사라졌습니다. 재개하면 최신 체크포인트부터 이어집니다.</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished">내보내기…</translation>
    </message>
    <message>
        <source>Write this run&apos;s adapter as a PEFT adapter or merged into the base, with a model card</source>
        <translation type="unfinished">이 실행의 어댑터를 PEFT 어댑터로, 또는 기본 모델에 병합하여 모델 카드와 함께 저장</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation type="unfinished">채팅</translation>
    </message>
    <message>
        <source>Chat with this run&apos;s adapter and the base model side by side</source>
        <translation type="unfinished">이 실행의 어댑터 및 기본 모델과 나란히 채팅</translation>
    </message>
    <message>
        <source>A LLaMA-Factory output folder (output_dir)</source>
        <translation type="unfinished">LLaMA-Factory 출력 폴더(output_dir)</translation>
    </message>
    <message>
        <source>The YAML this run was started with (LLaMA-Factory keeps no readable copy)</source>
        <translation type="unfinished">이 실행을 시작할 때 사용한 YAML(LLaMA-Factory는 읽을 수 있는 사본을 남기지 않음)</translation>
    </message>
    <message>
        <source>LLaMA-Factory YAML (*.yaml *.yml)</source>
        <translation type="unfinished">LLaMA-Factory YAML (*.yaml *.yml)</translation>
    </message>
    <message>
        <source>Cannot add the LLaMA-Factory run</source>
        <translation type="unfinished">LLaMA-Factory 실행을 추가할 수 없습니다</translation>
    </message>
    <message>
        <source>Add LLaMA-Factory run…</source>
        <translation type="unfinished">LLaMA-Factory 실행 추가…</translation>
    </message>
    <message>
        <source>Bring a LLaMA-Factory output folder (a cluster run) into the workspace: its curves, settings and adapter</source>
        <translation type="unfinished">LLaMA-Factory 출력 폴더(클러스터에서의 실행)를 작업 공간으로 가져옵니다: 곡선, 설정, 어댑터</translation>
    </message>
    <message>
        <source>Run on a cluster…</source>
        <translation type="unfinished">클러스터에서 실행…</translation>
    </message>
    <message>
        <source>Write this run&apos;s settings as a LLaMA-Factory job for several GPUs or nodes (DeepSpeed or FSDP)</source>
        <translation type="unfinished">이 실행의 설정을 여러 GPU 또는 노드용 LLaMA-Factory 작업으로 저장(DeepSpeed 또는 FSDP)</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::DeviceBox</name>
    <message>
        <source>GPU: not usable (%1)</source>
        <translation type="unfinished">GPU: 사용 불가(%1)</translation>
    </message>
    <message>
        <source>automatic (GPU when usable)</source>
        <translation type="unfinished">자동(사용 가능하면 GPU)</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation type="unfinished">CPU</translation>
    </message>
    <message>
        <source>Where the model runs: automatic picks the first usable NVIDIA GPU, else the CPU</source>
        <translation type="unfinished">모델을 실행할 장치: 자동은 사용 가능한 첫 번째 NVIDIA GPU를, 없으면 CPU를 선택합니다</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::TrainPage</name>
    <message>
        <source>End the run without saving the steps since the newest checkpoint (asks first)</source>
        <translation type="unfinished">최신 체크포인트 이후의 스텝을 저장하지 않고 실행 종료(먼저 확인함)</translation>
    </message>
    <message>
        <source>Write a checkpoint and the adapter at this step, then end the run (resumable)</source>
        <translation type="unfinished">현재 스텝에서 체크포인트와 어댑터를 저장한 뒤 실행 종료(재개 가능)</translation>
    </message>
    <message>
        <source>• Model page: %1</source>
        <translation type="unfinished">• 모델 페이지: %1</translation>
    </message>
    <message>
        <source>Stop without saving?</source>
        <translation type="unfinished">저장하지 않고 중지할까요?</translation>
    </message>
    <message>
        <source>Stop now and lose the steps since the newest checkpoint? No adapter is written; Resume continues from that checkpoint.

Stop and save writes a checkpoint and the adapter at this step instead.</source>
        <translation type="unfinished">지금 중지하고 최신 체크포인트 이후의 스텝을 버릴까요? 어댑터는 저장되지 않으며, 재개하면 해당 체크포인트부터 이어집니다.

‘중지 후 저장’을 선택하면 대신 현재 스텝에서 체크포인트와 어댑터를 저장합니다.</translation>
    </message>
    <message>
        <source>Stop and save</source>
        <translation type="unfinished">중지 후 저장</translation>
    </message>
    <message>
        <source>Stop without saving</source>
        <translation type="unfinished">저장하지 않고 중지</translation>
    </message>
    <message>
        <source>Keep training</source>
        <translation type="unfinished">학습 계속</translation>
    </message>
    <message>
        <source>%1 (not on this machine)</source>
        <translation type="unfinished">%1(이 컴퓨터에 없음)</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation type="unfinished">시작(&amp;S)</translation>
    </message>
    <message>
        <source>Check the whole configuration and start a new run in the output folder</source>
        <translation type="unfinished">전체 구성을 확인하고 출력 폴더에서 새 실행을 시작</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation type="unfinished">일시 중지(&amp;P)</translation>
    </message>
    <message>
        <source>Hold the run after the current step (nothing is lost)</source>
        <translation type="unfinished">현재 스텝 후 실행을 일시 중지(손실되는 것 없음)</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation type="unfinished">재개(&amp;R)</translation>
    </message>
    <message>
        <source>Continue a paused run, or a stopped one from its newest checkpoint</source>
        <translation type="unfinished">일시 중지된 실행을 계속하거나, 중지된 실행을 최신 체크포인트부터 재개</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation type="unfinished">중지(&amp;T)</translation>
    </message>
    <message>
        <source>Stop &amp;and save</source>
        <translation type="unfinished">중지 후 저장(&amp;A)</translation>
    </message>
    <message>
        <source>Training log</source>
        <translation type="unfinished">학습 로그</translation>
    </message>
    <message>
        <source>Cannot start: fix these first
%1</source>
        <translation type="unfinished">시작할 수 없습니다: 먼저 다음 문제를 수정하세요
%1</translation>
    </message>
    <message>
        <source>Running in %1</source>
        <translation type="unfinished">실행 중: %1</translation>
    </message>
    <message>
        <source>Cannot resume: %1</source>
        <translation type="unfinished">재개할 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Resuming %1</source>
        <translation type="unfinished">재개하는 중: %1</translation>
    </message>
    <message>
        <source>Paused. Resume continues from this step.</source>
        <translation type="unfinished">일시 중지되었습니다. 재개하면 이 스텝부터 이어집니다.</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished">일시 중지됨</translation>
    </message>
    <message>
        <source>Finished: %1 steps, final loss %2. Result in %3</source>
        <translation type="unfinished">완료: %1 스텝, 최종 손실 %2. 결과 위치: %3</translation>
    </message>
    <message>
        <source>Stopped at step %1. Resume continues from the newest checkpoint.</source>
        <translation type="unfinished">%1 스텝에서 중지되었습니다. 재개하면 최신 체크포인트부터 이어집니다.</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished">실패: %1</translation>
    </message>
    <message>
        <source>warning: </source>
        <translation type="unfinished">경고: </translation>
    </message>
    <message>
        <source>error: </source>
        <translation type="unfinished">오류: </translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::RunDashboard</name>
    <message>
        <source>The folder chosen on the Model page is not a model it can open: choose another</source>
        <translation type="unfinished">모델 페이지에서 선택한 폴더는 열 수 있는 모델이 아닙니다. 다른 폴더를 선택하세요</translation>
    </message>
    <message>
        <source>No model chosen (Model page)</source>
        <translation type="unfinished">선택한 모델 없음(모델 페이지)</translation>
    </message>
    <message>
        <source>Model: %1 · no training data chosen (Data page)</source>
        <translation type="unfinished">모델: %1 · 선택한 학습 데이터 없음(데이터 페이지)</translation>
    </message>
    <message>
        <source>Model: %1 · data: %2</source>
        <translation type="unfinished">모델: %1 · 데이터: %2</translation>
    </message>
    <message>
        <source>trend after %1 steps</source>
        <translation type="unfinished">%1 스텝 후 추세 표시</translation>
    </message>
    <message>
        <source>flat over the last %1 steps</source>
        <translation type="unfinished">최근 %1 스텝 동안 변화 없음</translation>
    </message>
    <message>
        <source>▼ %1 % over the last %2 steps</source>
        <translation type="unfinished">▼ 최근 %2 스텝 동안 %1 %</translation>
    </message>
    <message>
        <source>▲ %1 % over the last %2 steps</source>
        <translation type="unfinished">▲ 최근 %2 스텝 동안 %1 %</translation>
    </message>
    <message>
        <source>Preparing</source>
        <translation type="unfinished">준비 중</translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished">실행 중</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished">일시 중지됨</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation type="unfinished">완료</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished">중지됨</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished">실패</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished">준비됨</translation>
    </message>
    <message>
        <source>Step —</source>
        <translation type="unfinished">스텝 —</translation>
    </message>
    <message>
        <source>Step %1 / %2</source>
        <translation type="unfinished">스텝 %1 / %2</translation>
    </message>
    <message>
        <source> (resumed at %1)</source>
        <translation type="unfinished"> (%1 스텝에서 재개)</translation>
    </message>
    <message>
        <source>epoch %1</source>
        <translation type="unfinished">에폭 %1</translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation type="unfinished">%1 tokens/s</translation>
    </message>
    <message>
        <source>done</source>
        <translation type="unfinished">완료</translation>
    </message>
    <message>
        <source>%1 used by PeftDesk</source>
        <translation type="unfinished">PeftDesk 사용량 %1</translation>
    </message>
    <message>
        <source>%1 of %2 used by PeftDesk</source>
        <translation type="unfinished">PeftDesk 사용량 %1 / %2</translation>
    </message>
    <message>
        <source>%1 of %2 at the last step&apos;s peak</source>
        <translation type="unfinished">마지막 스텝 피크 %1 / %2</translation>
    </message>
    <message>
        <source>no GPU in use</source>
        <translation type="unfinished">사용 중인 GPU 없음</translation>
    </message>
    <message>
        <source>no evaluation yet</source>
        <translation type="unfinished">아직 평가 없음</translation>
    </message>
    <message>
        <source>%1 at step %2 (perplexity %3)</source>
        <translation type="unfinished">%1, %2 스텝(퍼플렉서티 %3)</translation>
    </message>
    <message>
        <source>none yet since the resume</source>
        <translation type="unfinished">재개 후 아직 없음</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation type="unfinished">아직 없음</translation>
    </message>
    <message numerus="yes">
        <source>%n written, the last at step %1</source>
        <translation type="unfinished">
            <numerusform>%n개 저장됨, 마지막은 %1 스텝</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RunDashboard</name>
    <message>
        <source>Run state: %1</source>
        <translation type="unfinished">실행 상태: %1</translation>
    </message>
    <message>
        <source>on %1</source>
        <translation type="unfinished">장치 %1</translation>
    </message>
    <message>
        <source>Training progress</source>
        <translation type="unfinished">학습 진행률</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation type="unfinished">손실</translation>
    </message>
    <message>
        <source>Loss %1</source>
        <translation type="unfinished">손실 %1</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished">진행률</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation type="unfinished">속도</translation>
    </message>
    <message>
        <source>Elapsed / ETA</source>
        <translation type="unfinished">경과 / 남은 시간</translation>
    </message>
    <message>
        <source>Last eval loss</source>
        <translation type="unfinished">최근 평가 손실</translation>
    </message>
    <message>
        <source>Checkpoints</source>
        <translation type="unfinished">체크포인트</translation>
    </message>
    <message>
        <source>Memory (RAM)</source>
        <translation type="unfinished">메모리(RAM)</translation>
    </message>
    <message>
        <source>Memory used</source>
        <translation type="unfinished">사용 중인 메모리</translation>
    </message>
    <message>
        <source>GPU memory</source>
        <translation type="unfinished">GPU 메모리</translation>
    </message>
    <message>
        <source>GPU memory used</source>
        <translation type="unfinished">사용 중인 GPU 메모리</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::QuickPanel</name>
    <message>
        <source>This view could not be shown:
%1</source>
        <translation type="unfinished">이 뷰를 표시할 수 없습니다:
%1</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::MethodCards</name>
    <message>
        <source>counting…</source>
        <translation type="unfinished">계산하는 중…</translation>
    </message>
    <message>
        <source>%1 trainable (%2 %)</source>
        <translation type="unfinished">학습 가능 %1(%2 %)</translation>
    </message>
    <message>
        <source>saves the trained weights: %1</source>
        <translation type="unfinished">학습된 가중치 저장: %1</translation>
    </message>
    <message>
        <source>adapter file %1</source>
        <translation type="unfinished">어댑터 파일 %1</translation>
    </message>
    <message>
        <source>memory: fix the run&apos;s other settings first</source>
        <translation type="unfinished">메모리: 먼저 실행의 다른 설정을 수정하세요</translation>
    </message>
    <message>
        <source>peak ≈ %1 &gt; %2 free on %3</source>
        <translation type="unfinished">피크 ≈ %1 &gt; %3의 여유 %2</translation>
    </message>
    <message>
        <source>peak ≈ %1 on %2</source>
        <translation type="unfinished">%2에서 피크 ≈ %1</translation>
    </message>
</context>
<context>
    <name>peftdesk::ui::ClusterJobDialog</name>
    <message>
        <source>GPUs per node:</source>
        <translation type="unfinished">노드당 GPU 수:</translation>
    </message>
    <message>
        <source>Nodes:</source>
        <translation type="unfinished">노드 수:</translation>
    </message>
    <message>
        <source>Sharding:</source>
        <translation type="unfinished">샤딩:</translation>
    </message>
    <message>
        <source>Model on the cluster:</source>
        <translation type="unfinished">클러스터의 모델:</translation>
    </message>
    <message>
        <source>Job folder:</source>
        <translation type="unfinished">작업 폴더:</translation>
    </message>
    <message>
        <source>Write the job into</source>
        <translation type="unfinished">작업을 쓸 위치</translation>
    </message>
    <message>
        <source>Run %1 on a cluster</source>
        <translation type="unfinished">클러스터에서 %1 실행</translation>
    </message>
    <message>
        <source>The run&apos;s settings as a LLaMA-Factory %1 job: training YAML, data folder, sharding configuration, launch script and a README for the cluster side. Settings LLaMA-Factory lacks are refused by name.</source>
        <translation type="unfinished">이 실행의 설정을 LLaMA-Factory %1 작업으로 만듭니다: 학습 YAML, 데이터 폴더, 샤딩 구성, 시작 스크립트, 클러스터 쪽을 위한 README. LLaMA-Factory에 없는 설정은 이름을 밝혀 거부합니다.</translation>
    </message>
    <message>
        <source>Data parallel (every GPU holds the model)</source>
        <translation type="unfinished">데이터 병렬(모든 GPU가 모델 전체를 보유)</translation>
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
        <translation type="unfinished">DeepSpeed ZeRO-3, CPU 메모리로 오프로드</translation>
    </message>
    <message>
        <source>FSDP (through accelerate)</source>
        <translation type="unfinished">FSDP(accelerate 사용)</translation>
    </message>
    <message>
        <source>this machine&apos;s path (a path on the cluster or a Hub id)</source>
        <translation type="unfinished">이 컴퓨터의 경로(클러스터의 경로 또는 Hub ID 입력)</translation>
    </message>
    <message>
        <source>A new or empty folder; an existing non-empty folder is never written into</source>
        <translation type="unfinished">새 폴더 또는 빈 폴더. 비어 있지 않은 기존 폴더에는 절대 쓰지 않습니다</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished">찾아보기…</translation>
    </message>
    <message>
        <source>&amp;Write job</source>
        <translation type="unfinished">작업 쓰기(&amp;W)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished">닫기</translation>
    </message>
    <message>
        <source>The run&apos;s batch could not be read from its run.json.</source>
        <translation type="unfinished">실행의 run.json에서 배치 크기를 읽을 수 없습니다.</translation>
    </message>
    <message>
        <source>%1 GPUs cannot keep the effective batch of %2 × %3 = %4: the accumulation (%3) must be a multiple of the GPU count.</source>
        <translation type="unfinished">GPU %1개로는 유효 배치(%2 × %3 = %4)를 유지할 수 없습니다: 그래디언트 누적(%3)은 GPU 수의 배수여야 합니다.</translation>
    </message>
    <message>
        <source>Effective batch kept: %1 per GPU × accumulation %2 × %3 GPU(s) = %4, as %1 × %5 on one device.</source>
        <translation type="unfinished">유효 배치 유지: GPU당 %1 × 그래디언트 누적 %2 × GPU %3개 = %4, 단일 장치 기준 %1 × %5와 같습니다.</translation>
    </message>
    <message>
        <source>Choose the job folder.</source>
        <translation type="unfinished">작업 폴더를 선택하세요.</translation>
    </message>
    <message>
        <source>Reading the data and writing the job…</source>
        <translation type="unfinished">데이터를 읽고 작업을 쓰는 중…</translation>
    </message>
    <message>
        <source>Wrote %1 (template %2). Copy it to the cluster and run launch.sh there; its README says what differs:</source>
        <translation type="unfinished">%1에 썼습니다(템플릿 %2). 클러스터에 복사한 뒤 그곳에서 launch.sh를 실행하세요. 달라지는 점은 README에 있습니다:</translation>
    </message>
</context>
</TS>
