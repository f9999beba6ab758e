peftdesk_add_test(NAME test_gpu_device SOURCES gpu/test_gpu_device.cpp LABELS gpu)
