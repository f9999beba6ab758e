# CUDA is optional: gpu/ is built when nvcc is found (it must compile and link on every machine
# that has the toolkit, GPU or not). Without it the CPU paths in core/ serve alone.
set(PEFTDESK_HAVE_CUDA OFF)
if(PEFTDESK_WITH_CUDA)
  include(CheckLanguage)
  check_language(CUDA)
  if(CMAKE_CUDA_COMPILER)
    if(NOT DEFINED CMAKE_CUDA_ARCHITECTURES)
      # Ampere, Ada, Hopper (+ PTX for newer). Override with -DCMAKE_CUDA_ARCHITECTURES=...
      set(CMAKE_CUDA_ARCHITECTURES "80-real;89-real;90")
    endif()
    enable_language(CUDA)
    find_package(CUDAToolkit REQUIRED)
    set(PEFTDESK_HAVE_CUDA ON)
    message(STATUS "CUDA ${CUDAToolkit_VERSION}: building gpu/ for ${CMAKE_CUDA_ARCHITECTURES}")
  else()
    message(STATUS "nvcc not found: gpu/ is not built, CPU paths only")
  endif()
endif()
