# The packages (issue 8): built, installed into a scratch root, run, removed. Needs the GUI.
if(TARGET peftdesk)
  add_test(NAME test_package COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/installer/test_package.sh ${PROJECT_BINARY_DIR} ${PROJECT_SOURCE_DIR})
  set_tests_properties(test_package PROPERTIES LABELS "package;slow" TIMEOUT 1200)
endif()
