if(TARGET peftdesk_ui)
  peftdesk_add_test(NAME test_main_window SOURCES gui/test_main_window.cpp LABELS "gui;fast" LIBS peftdesk_ui)
endif()
