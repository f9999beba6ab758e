# Per-generator CPack settings: the .deb installs under /usr; the .tar.gz is relocatable (bin/,
# lib/peftdesk/lib/, share/ under peftdesk-VERSION-Linux/; the binaries find their libraries
# through $ORIGIN).
if(CPACK_GENERATOR STREQUAL "DEB")
  set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
  # Relative to the package's staging folder (dpkg-shlibdeps runs there), whatever the component.
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS "usr/lib/peftdesk/lib")
elseif(CPACK_GENERATOR STREQUAL "TGZ")
  # Component archives have no top folder of their own: both unpack into the same
  # peftdesk-VERSION-Linux/, so the CUDA add-on lands beside the application it extends.
  set(CPACK_PACKAGING_INSTALL_PREFIX "/peftdesk-${CPACK_PACKAGE_VERSION}-Linux")
endif()
