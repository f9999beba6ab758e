# Install-time step: copies every shared library the installed binaries (PEFTDESK_BUNDLE_EXECUTABLES)
# or libraries (PEFTDESK_BUNDLE_LIBRARIES) need that does not come from the system (/lib, /usr/lib —
# those are Debian packages, declared as dependencies) into PEFTDESK_BUNDLE_DESTINATION. Resolution
# uses the build-tree files (their build RPATH points at LibTorch in .venv), so what is bundled is
# exactly what the loader would take from outside the system. Libraries that the executables in
# PEFTDESK_BUNDLE_PROVIDED_BY already bring (the CPU package's, for the CUDA add-on) are left out.
# Symlink chains are followed: each library is installed under the name it is asked for.
set(_what)
if(PEFTDESK_BUNDLE_EXECUTABLES)
  list(APPEND _what EXECUTABLES ${PEFTDESK_BUNDLE_EXECUTABLES})
endif()
if(PEFTDESK_BUNDLE_LIBRARIES)
  list(APPEND _what LIBRARIES ${PEFTDESK_BUNDLE_LIBRARIES})
endif()
set(_system_regexes "^/lib/" "^/lib64/" "^/usr/lib/")
file(GET_RUNTIME_DEPENDENCIES
  ${_what}
  RESOLVED_DEPENDENCIES_VAR _resolved
  UNRESOLVED_DEPENDENCIES_VAR _unresolved
  POST_EXCLUDE_REGEXES ${_system_regexes})
if(_unresolved)
  message(FATAL_ERROR "peftdesk: cannot bundle, these libraries were not found: ${_unresolved}")
endif()
set(_provided_real)
if(PEFTDESK_BUNDLE_PROVIDED_BY)
  file(GET_RUNTIME_DEPENDENCIES
    EXECUTABLES ${PEFTDESK_BUNDLE_PROVIDED_BY}
    RESOLVED_DEPENDENCIES_VAR _provided
    POST_EXCLUDE_REGEXES ${_system_regexes})
  # Compared as real paths: the same file is reached through different RPATH spellings.
  foreach(_lib IN LISTS _provided)
    file(REAL_PATH "${_lib}" _real)
    list(APPEND _provided_real "${_real}")
  endforeach()
endif()
foreach(_lib IN LISTS _resolved)
  file(REAL_PATH "${_lib}" _real)
  list(FIND _provided_real "${_real}" _at)  # (install scripts run without the IN_LIST policy)
  if(NOT _at EQUAL -1)
    continue()
  endif()
  file(INSTALL DESTINATION "${CMAKE_INSTALL_PREFIX}/${PEFTDESK_BUNDLE_DESTINATION}" TYPE SHARED_LIBRARY FOLLOW_SYMLINK_CHAIN FILES "${_lib}")
endforeach()
# install(SCRIPT) includes this file into one cmake_install.cmake: leave nothing for the next component.
unset(PEFTDESK_BUNDLE_EXECUTABLES)
unset(PEFTDESK_BUNDLE_LIBRARIES)
unset(PEFTDESK_BUNDLE_PROVIDED_BY)
unset(_provided_real)
