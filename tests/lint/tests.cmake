add_test(NAME check_layering COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/lint/check_core_layering.sh)
set_tests_properties(check_layering PROPERTIES LABELS fast)
# The skip summary that ends `make test` (scripts/skip_summary.py) on a made-up build folder.
add_test(NAME test_skip_summary COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/lint/test_skip_summary.py)
set_tests_properties(test_skip_summary PROPERTIES LABELS fast)
