peftdesk_add_reference_fixture(NAME nf4_vectors SCRIPT reference/make_nf4_vectors.py)
peftdesk_add_test(NAME test_quant4bit SOURCES quant/test_quant4bit.cpp LABELS "fast;interop" FIXTURES nf4_vectors)
if(TARGET peftdesk_gpu)
  peftdesk_add_test(NAME test_quant4bit_gpu SOURCES quant/test_quant4bit_gpu.cpp LABELS "gpu" STANDALONE
                    LIBS peftdesk_core_base peftdesk_gpu_gemm)
endif()
target_link_libraries(test_quant4bit PRIVATE peftdesk_codec)
