target_sources(peftdesk_core PRIVATE
  hub/model_cache.cpp
  hub/hub_download.cpp
  hub/http_client.cpp
  hub/file_digest.cpp)
find_package(CURL REQUIRED)
find_package(OpenSSL REQUIRED)
target_link_libraries(peftdesk_core PRIVATE CURL::libcurl OpenSSL::Crypto)
