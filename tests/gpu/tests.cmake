# Device choice and the CUDA library, as far as a machine without a GPU can prove them (labels
# fast); test_gpu_device needs a GPU and skips visibly without one.
peftdesk_add_test(NAME test_gpu_device SOURCES gpu/test_gpu_device.cpp LABELS gpu)
peftdesk_add_test(NAME test_cuda_support SOURCES gpu/test_cuda_support.cpp LABELS fast)
peftdesk_add_test(NAME test_cuda_library SOURCES gpu/test_cuda_library.cpp LABELS fast LIBS peftdesk::torch)
target_compile_definitions(test_cuda_library PRIVATE PEFTDESK_TORCH_VERSION="${PEFTDESK_TORCH_VERSION}")
target_include_directories(test_cuda_library PRIVATE ${PROJECT_SOURCE_DIR}/core)  # quant/quant4bit_ops.h
if(TARGET peftdesk_cuda)
  target_compile_definitions(test_cuda_library PRIVATE PEFTDESK_CUDA_LIBRARY_PATH="$<TARGET_FILE:peftdesk_cuda>")
  add_dependencies(test_cuda_library peftdesk_cuda)
endif()
# The binaries find the library next to them (build/lib): build it with them.
if(TARGET peftdesk_cuda)
  add_dependencies(test_cuda_support peftdesk_cuda)
endif()
