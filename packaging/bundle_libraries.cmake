# Install-time step: copies every shared library the installed binaries need that does not come
# from the system (/lib, /usr/lib — those are Debian packages, declared as dependencies) into the
# private library folder. Resolution uses the build-tree binaries (their build RPATH points at
# LibTorch in .venv), so what is bundled is exactly what the loader would take from outside the
# system. Symlink chains are followed: each library is installed under the name it is asked for.
file(GET_RUNTIME_DEPENDENCIES
  EXECUTABLES ${PEFTDESK_BUNDLE_EXECUTABLES}
  RESOLVED_DEPENDENCIES_VAR _resolved
  UNRESOLVED_DEPENDENCIES_VAR _unresolved
  POST_EXCLUDE_REGEXES "^/lib/" "^/lib64/" "^/usr/lib/")
if(_unresolved)
  message(FATAL_ERROR "peftdesk: cannot bundle, these libraries were not found: ${_unresolved}")
endif()
foreach(_lib IN LISTS _resolved)
  file(INSTALL DESTINATION "${CMAKE_INSTALL_PREFIX}/${PEFTDESK_BUNDLE_DESTINATION}" TYPE SHARED_LIBRARY FOLLOW_SYMLINK_CHAIN FILES "${_lib}")
endforeach()
