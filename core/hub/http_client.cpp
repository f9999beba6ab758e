// See http_client.h. One curl easy handle per client, reset between requests so that the
// connection to the hub is reused (keep-alive) across the many small requests of a download.
#include "hub/http_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <mutex>

#include <unistd.h>

#include "peftdesk/error.h"

namespace peftdesk::hub {
namespace {

constexpr size_t kMaxTextBytes = 64u << 20;  // a JSON answer larger than this is not the hub's

void globalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string trim(const std::string& s) {
  size_t a = 0, b = s.size();
  while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
  while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
  return s.substr(a, b - a);
}


struct Transfer {
  const std::atomic<bool>* cancel = nullptr;
  HttpResponse* response = nullptr;
  CURL* curl = nullptr;
  std::FILE* file = nullptr;  // getToFile only
  uint64_t rangeOffset = 0;
  const std::function<void(uint64_t)>* onBytes = nullptr;
  bool cancelled = false;
  bool writeFailed = false;
};

size_t onHeader(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::string line(data, size * count);
  if (line.rfind("HTTP/", 0) == 0) {
    t->response->headers.clear();  // a new response (after a redirect or a 100 Continue)
  } else if (const size_t colon = line.find(':'); colon != std::string::npos) {
    t->response->headers[lower(trim(line.substr(0, colon)))] = trim(line.substr(colon + 1));
  }
  return size * count;
}

size_t onBody(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const size_t n = size * count;
  long status = 0;
  curl_easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &status);
  if (t->file && (status == 200 || status == 206)) {
    if (status == 200 && t->rangeOffset > 0 && !t->response->restarted) {
      t->response->restarted = true;  // the range was ignored: the whole file follows
      if (std::fflush(t->file) != 0 || ftruncate(fileno(t->file), 0) != 0 || std::fseek(t->file, 0, SEEK_SET) != 0) {
        t->writeFailed = true;
        return 0;
      }
    }
    if (std::fwrite(data, 1, n, t->file) != n) {
      t->writeFailed = true;
      return 0;
    }
    t->response->bytesWritten += n;
    if (t->onBytes && *t->onBytes) {
      try {
        (*t->onBytes)(n);
      } catch (const TransferCancelled&) {
        t->cancelled = true;
        return 0;
      }
    }
    return n;
  }
  if (t->response->body.size() + n > kMaxTextBytes) return 0;
  t->response->body.append(data, n);
  return n;
}

int onIdle(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  auto* t = static_cast<Transfer*>(user);
  if (t->cancel && t->cancel->load()) {
    t->cancelled = true;
    return 1;
  }
  if (t->onBytes && *t->onBytes) {
    try {
      (*t->onBytes)(0);
    } catch (const TransferCancelled&) {
      t->cancelled = true;
      return 1;
    }
  }
  return 0;
}

}  // namespace

std::string HttpResponse::header(const std::string& lowerName) const {
  const auto it = headers.find(lowerName);
  return it == headers.end() ? std::string() : it->second;
}

struct HttpClient::Impl {
  CURL* curl = nullptr;
  std::string token;
  std::string tokenOrigin;
  std::string userAgent;
  const std::atomic<bool>* cancel = nullptr;
  char errorText[CURL_ERROR_SIZE] = {};

  // Runs one request on the shared handle; `configure` sets what differs between requests.
  HttpResponse perform(const std::string& url, Transfer& t, const std::function<void(curl_slist*&)>& configure) {
    HttpResponse response;
    response.url = url;
    t.response = &response;
    t.curl = curl;
    t.cancel = cancel;
    curl_easy_reset(curl);
    errorText[0] = 0;
    curl_slist* headers = nullptr;
    if (!token.empty() && urlOrigin(url) == tokenOrigin)
      headers = curl_slist_append(headers, ("Authorization: Bearer " + token).c_str());
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");  // never file:, smb:, ... from a Location
    curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_USERAGENT, userAgent.c_str());
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 20L);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);  // a connection silent for a minute is dead
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, 60L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errorText);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, onHeader);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &t);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, onBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, onIdle);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &t);
    configure(headers);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    const CURLcode rc = curl_easy_perform(curl);
    curl_slist_free_all(headers);
    char* effective = nullptr;
    if (curl_easy_getinfo(curl, CURLINFO_EFFECTIVE_URL, &effective) == CURLE_OK && effective) response.url = effective;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
    if (t.cancelled) throw TransferCancelled{};
    if (t.writeFailed) throw Error(ErrorCategory::Io, "cannot write what " + urlWithoutQuery(url) + " sent (disk full?)");
    if (rc != CURLE_OK) {
      const std::string detail = errorText[0] ? std::string(errorText) : std::string(curl_easy_strerror(rc));
      throw Error(ErrorCategory::Io, urlWithoutQuery(url) + ": " + detail);
    }
    return response;
  }
};

HttpClient::HttpClient(std::string bearerToken, std::string tokenOrigin, std::string userAgent, const std::atomic<bool>* cancel)
    : impl_(new Impl) {
  globalInit();
  impl_->curl = curl_easy_init();
  impl_->token = std::move(bearerToken);
  impl_->tokenOrigin = std::move(tokenOrigin);
  impl_->userAgent = std::move(userAgent);
  impl_->cancel = cancel;
  if (!impl_->curl) {
    delete impl_;
    throw Error(ErrorCategory::Runtime, "libcurl could not start a transfer");
  }
}

HttpClient::~HttpClient() {
  curl_easy_cleanup(impl_->curl);
  delete impl_;
}

HttpResponse HttpClient::head(const std::string& url) {
  std::string current = url;
  for (int hop = 0; hop < 10; ++hop) {
    Transfer t;
    HttpResponse r = impl_->perform(current, t, [&](curl_slist*& headers) {
      curl_easy_setopt(impl_->curl, CURLOPT_NOBODY, 1L);
      headers = curl_slist_append(headers, "Accept-Encoding: identity");
    });
    const std::string location = r.header("location");
    const bool relative = !location.empty() && location[0] == '/' && (location.size() < 2 || location[1] != '/');
    if (r.status >= 300 && r.status < 400 && relative) {
      current = urlOrigin(current) + location;
      continue;
    }
    return r;
  }
  throw Error(ErrorCategory::Io, urlWithoutQuery(url) + ": more than 10 redirects");
}

HttpResponse HttpClient::getText(const std::string& url) {
  Transfer t;
  return impl_->perform(url, t, [&](curl_slist*&) {
    curl_easy_setopt(impl_->curl, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(impl_->curl, CURLOPT_MAXREDIRS, 10L);
    curl_easy_setopt(impl_->curl, CURLOPT_TIMEOUT, 120L);
  });
}

HttpResponse HttpClient::getToFile(const std::string& url, uint64_t offset, std::FILE* out,
                                   const std::function<void(uint64_t)>& onBytes) {
  Transfer t;
  t.file = out;
  t.rangeOffset = offset;
  t.onBytes = &onBytes;
  const std::string range = std::to_string(offset) + "-";
  return impl_->perform(url, t, [&](curl_slist*&) {
    curl_easy_setopt(impl_->curl, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(impl_->curl, CURLOPT_MAXREDIRS, 10L);
    curl_easy_setopt(impl_->curl, CURLOPT_BUFFERSIZE, 512L * 1024);  // fewer, larger writes (the file is unbuffered)
    if (offset > 0) curl_easy_setopt(impl_->curl, CURLOPT_RANGE, range.c_str());
  });
}

std::string urlOrigin(const std::string& url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  const size_t path = url.find_first_of("/?#", scheme + 3);
  return path == std::string::npos ? url : url.substr(0, path);
}

std::string urlWithoutQuery(const std::string& url) { return url.substr(0, url.find('?')); }

std::string urlEscape(const std::string& text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

}  // namespace peftdesk::hub
