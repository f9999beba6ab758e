# tests/train: run configuration, the trainer against a PEFT + transformers loop, kill-and-resume.
peftdesk_add_reference_fixture(NAME training_reference SCRIPT reference/make_training_reference.py REQUIRES tiny_models)
peftdesk_add_test(NAME test_training_equivalence SOURCES train/test_training_equivalence.cpp LABELS "interop;slow"
                  FIXTURES "tiny_models;training_reference")
peftdesk_add_test(NAME test_resume SOURCES train/test_resume.cpp LABELS "slow" FIXTURES "tiny_models;training_reference" TIMEOUT 900)
peftdesk_add_test(NAME test_run_config SOURCES train/test_run_config.cpp LABELS "fast;interop" FIXTURES "tiny_models;training_reference")
peftdesk_add_test(NAME test_trainer_control SOURCES train/test_trainer_control.cpp LABELS "fast" FIXTURES "tiny_models;training_reference")
peftdesk_add_test(NAME test_llamafactory_import SOURCES train/test_llamafactory_import.cpp LABELS "fast")
peftdesk_add_test(NAME test_demo_finetune SOURCES train/test_demo_finetune.cpp LABELS "slow")
peftdesk_add_test(NAME test_train_cli SOURCES train/test_train_cli.cpp LABELS "fast")
peftdesk_add_test(NAME test_adamw_kernels SOURCES train/test_adamw_kernels.cpp LABELS "fast" LIBS peftdesk::torch)
target_include_directories(test_adamw_kernels PRIVATE ${PROJECT_SOURCE_DIR}/core)  # the internal optimizer
peftdesk_add_test(NAME test_fp16_scaling SOURCES train/test_fp16_scaling.cpp LABELS "fast" FIXTURES "tiny_models;training_reference")
target_include_directories(test_fp16_scaling PRIVATE ${PROJECT_SOURCE_DIR}/core)  # train/loss_scale.h (torch-free)
# The memory estimate of `train --dry-run --json` against the peak RSS of real runs (two model sizes).
peftdesk_add_reference_fixture(NAME memory_models SCRIPT reference/make_memory_models.py)
peftdesk_add_test(NAME test_memory_estimate SOURCES train/test_memory_estimate.cpp LABELS "slow" FIXTURES memory_models TIMEOUT 600)
