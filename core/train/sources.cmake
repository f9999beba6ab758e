# core/train: run configuration, LR schedules, optimizer, trainer loop, checkpoints and resume.
# Torch-free parts are plain sources; the LibTorch ones join the precompiled-header group.
target_sources(peftdesk_core PRIVATE
  train/run_config.cpp
  train/run_config_fields.cpp
  train/lr_schedule.cpp
  train/run_folder.cpp
  train/output_folder.cpp
  train/parameter_plan.cpp
  train/step_probe.cpp
  train/run_summary.cpp
  train/checkpoint_store.cpp
  train/data_pipeline.cpp
  train/data_overlap.cpp
  train/train_plan.cpp
  train/memory_estimate.cpp
  train/optimizer_kinds.cpp
  train/yaml_reader.cpp
  train/llamafactory_import.cpp
  train/yaml_writer.cpp
  train/llamafactory_export.cpp
  train/llamafactory_job_data.cpp
  train/llamafactory_job_files.cpp
  train/llamafactory_run_import.cpp)
list(APPEND PEFTDESK_TORCH_SOURCES
  train/adamw.cpp
  train/adamw_bnb.cpp
  train/optimizer.cpp
  train/optim_ops.cpp
  train/train_checkpoint.cpp
  train/trainer.cpp)
# bitsandbytes' optimizer arithmetic on raw buffers, torch-free (also the GPU tests' reference);
# bit-exactness: never fuse a*b+c into an FMA.
target_sources(peftdesk_core_base PRIVATE train/optim_reference.cpp)
target_link_libraries(peftdesk_core_base PUBLIC peftdesk_codec)
set_source_files_properties(train/optim_reference.cpp PROPERTIES COMPILE_OPTIONS "-ffp-contract=off")
