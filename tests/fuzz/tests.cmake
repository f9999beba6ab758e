# Brief libFuzzer runs on every ctest (CI included); the script builds the targets with clang.
add_test(NAME fuzz_parsers COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/run_fuzzers.sh ${PROJECT_BINARY_DIR}/fuzz 20)
set_tests_properties(fuzz_parsers PROPERTIES LABELS "slow;fuzz" TIMEOUT 900)
