add_test(NAME check_layering COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/lint/check_core_layering.sh)
set_tests_properties(check_layering PROPERTIES LABELS fast)
