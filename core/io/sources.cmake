target_sources(peftdesk_core PRIVATE
  io/atomic_file.cpp
  io/json_file.cpp
  io/safetensors.cpp
  io/checkpoint.cpp
  io/runtime_info.cpp
  io/allocator_tuning.cpp
  io/thread_sharing.cpp
  io/device.cpp
  io/sharded_writer.cpp)
target_sources(peftdesk_core_base PRIVATE io/error.cpp)
