# tests/train: run configuration, the trainer against a PEFT + transformers loop, kill-and-resume.
peftdesk_add_reference_fixture(NAME training_reference SCRIPT reference/make_training_reference.py REQUIRES tiny_models)
peftdesk_add_test(NAME test_training_equivalence SOURCES train/test_training_equivalence.cpp LABELS "interop;slow"
                  FIXTURES "tiny_models;training_reference")
peftdesk_add_test(NAME test_resume SOURCES train/test_resume.cpp LABELS "slow" FIXTURES "tiny_models;training_reference" TIMEOUT 900)
peftdesk_add_test(NAME test_run_config SOURCES train/test_run_config.cpp LABELS "fast;interop" FIXTURES "tiny_models;training_reference")
peftdesk_add_test(NAME test_trainer_control SOURCES train/test_trainer_control.cpp LABELS "fast" FIXTURES "tiny_models;training_reference")
peftdesk_add_test(NAME test_llamafactory_import SOURCES train/test_llamafactory_import.cpp LABELS "fast")
# A RUN.json exported by export-job and trained for 6 real steps by LLaMA-Factory 0.9.5 on the CPU
# (its reference env; nothing when absent), and PEFT's logits of the adapter it trained: what
# import-llamafactory-run must bring back.
peftdesk_add_reference_fixture(NAME llamafactory_run SCRIPT reference/make_llamafactory_run.py ARGS --cli $<TARGET_FILE:peftdesk-cli>)
peftdesk_add_test(NAME test_llamafactory_run_import SOURCES train/test_llamafactory_run_import.cpp LABELS "fast;interop" FIXTURES llamafactory_run)
target_include_directories(test_llamafactory_run_import PRIVATE ${PROJECT_SOURCE_DIR}/core)  # readMetricsRows
# RUN.json → LLaMA-Factory job and back; LLaMA-Factory's own parsing of the jobs (its reference env).
peftdesk_add_test(NAME test_llamafactory_export SOURCES train/test_llamafactory_export.cpp LABELS "fast;interop")
target_include_directories(test_llamafactory_export PRIVATE ${PROJECT_SOURCE_DIR}/core)  # the export's key rows, the YAML reader / writer
peftdesk_add_test(NAME test_demo_finetune SOURCES train/test_demo_finetune.cpp LABELS "slow")
peftdesk_add_test(NAME test_train_cli SOURCES train/test_train_cli.cpp LABELS "fast")
peftdesk_add_test(NAME test_adamw_kernels SOURCES train/test_adamw_kernels.cpp LABELS "fast" LIBS peftdesk::torch)
target_include_directories(test_adamw_kernels PRIVATE ${PROJECT_SOURCE_DIR}/core)  # the internal optimizer
peftdesk_add_test(NAME test_fp16_scaling SOURCES train/test_fp16_scaling.cpp LABELS "fast" FIXTURES "tiny_models;training_reference")
target_include_directories(test_fp16_scaling PRIVATE ${PROJECT_SOURCE_DIR}/core)  # train/loss_scale.h (torch-free)
# The memory estimate of `train --dry-run --json` against the peak RSS of real runs (two model sizes).
peftdesk_add_reference_fixture(NAME memory_models SCRIPT reference/make_memory_models.py)
peftdesk_add_test(NAME test_memory_estimate SOURCES train/test_memory_estimate.cpp LABELS "slow" FIXTURES memory_models TIMEOUT 600)
# bitsandbytes' 8-bit / 32-bit AdamW against vectors of an emulator of its CUDA kernels, itself
# checked against bitsandbytes' maps and PyTorch reference when the fixture is made.
peftdesk_add_reference_fixture(NAME optim8bit_vectors SCRIPT reference/make_optim8bit_vectors.py)
peftdesk_add_test(NAME test_adamw_8bit SOURCES train/test_adamw_8bit.cpp LABELS "fast;interop" FIXTURES optim8bit_vectors LIBS peftdesk::torch)
target_include_directories(test_adamw_8bit PRIVATE ${PROJECT_SOURCE_DIR}/core)  # the internal optimizer
target_link_libraries(test_adamw_8bit PRIVATE peftdesk_codec)
# The optimizer's CUDA kernels against their CPU reference (no LibTorch: scripts/gpu_bundle.sh).
if(TARGET peftdesk_gpu)
  peftdesk_add_test(NAME test_optim_gpu SOURCES train/test_optim_gpu.cpp LABELS "gpu" STANDALONE LIBS peftdesk_core_base peftdesk_gpu)
endif()
