if(TARGET peftdesk_ui)
  # Helpers shared by the GUI tests, built once.
  add_library(peftdesk_guitestsupport STATIC gui/gui_test_support.cpp)
  target_include_directories(peftdesk_guitestsupport PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/gui)
  target_link_libraries(peftdesk_guitestsupport PUBLIC peftdesk_ui Qt6::Test)
  peftdesk_add_test(NAME test_main_window SOURCES gui/test_main_window.cpp LABELS "gui;fast" LIBS peftdesk_guitestsupport XVFB)
  peftdesk_add_test(NAME test_gui_method SOURCES gui/test_gui_method.cpp LABELS "gui;fast" LIBS peftdesk_guitestsupport)
  peftdesk_add_test(NAME test_gui_model_download SOURCES gui/test_gui_model_download.cpp hub/hub_stand_in.cpp LABELS "gui;fast;interop"
                    LIBS peftdesk_guitestsupport FIXTURES tiny_models)
  peftdesk_add_test(NAME test_gui_data SOURCES gui/test_gui_data.cpp LABELS "gui;fast" LIBS peftdesk_guitestsupport)
  peftdesk_add_test(NAME test_gui_cluster SOURCES gui/test_gui_cluster.cpp LABELS "gui;fast;interop" LIBS peftdesk_guitestsupport
                    FIXTURES llamafactory_run)
  target_include_directories(test_gui_cluster PRIVATE ${PROJECT_SOURCE_DIR}/core)  # the YAML reader
  peftdesk_add_test(NAME test_gui_runs SOURCES gui/test_gui_runs.cpp LABELS "gui;slow" LIBS peftdesk_guitestsupport TIMEOUT 600)
  peftdesk_add_test(NAME test_gui_compare SOURCES gui/test_gui_compare.cpp LABELS "gui;slow" LIBS peftdesk_guitestsupport TIMEOUT 600)
  peftdesk_add_test(NAME test_gui_export SOURCES gui/test_gui_export.cpp LABELS "gui;slow" LIBS peftdesk_guitestsupport TIMEOUT 600)
  peftdesk_add_test(NAME test_gui_chat SOURCES gui/test_gui_chat.cpp LABELS "gui;slow" LIBS peftdesk_guitestsupport TIMEOUT 600)
  peftdesk_add_test(NAME test_gui_training SOURCES gui/test_gui_training.cpp LABELS "gui;slow" LIBS peftdesk_guitestsupport TIMEOUT 600)
endif()
