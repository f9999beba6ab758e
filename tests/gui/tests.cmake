if(TARGET peftdesk_ui)
  peftdesk_add_test(NAME test_main_window SOURCES gui/test_main_window.cpp LABELS "gui;fast" LIBS peftdesk_ui)
  peftdesk_add_test(NAME test_gui_training SOURCES gui/test_gui_training.cpp LABELS "gui;slow" LIBS peftdesk_ui TIMEOUT 600)
endif()
