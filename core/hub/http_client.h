// The little HTTP the hub download needs, over libcurl: a HEAD that stops at the first absolute
// redirect (the hub's file metadata lives on that response), a GET of a small JSON body, and a GET
// that appends to an open file from a byte offset (HTTP Range) with a byte callback that can cancel.
// Transport failures throw peftdesk::Error naming the URL; HTTP statuses are returned, not thrown,
// so the caller can turn the hub's error headers into a message. Private to core/hub.
#pragma once

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <string>

namespace peftdesk::hub {

struct HttpResponse {
  long status = 0;
  std::map<std::string, std::string> headers;  // lower-case names; the last response's (after redirects)
  std::string body;                            // head(): empty; getToFile(): the body of an error status only
  std::string url;                             // the URL that answered
  uint64_t bytesWritten = 0;                   // getToFile(): bytes appended to the file
  bool restarted = false;                      // getToFile(): a Range was asked, the whole file came (200):
                                               // the file was emptied first, bytesWritten counts from 0

  std::string header(const std::string& lowerName) const;
};

// Raised when `cancel` is set or getToFile's callback asks to stop; bytes already written stay.
struct TransferCancelled {};

class HttpClient {
 public:
  // `bearerToken` is sent as "Authorization: Bearer ..." only on requests to `tokenOrigin`
  // ("https://huggingface.co": the endpoint), never to storage it redirects to (libcurl also drops
  // it when a redirect leaves the host). Only http and https are spoken, redirects included.
  // `cancel`, when set, stops any request (TransferCancelled), waiting ones included.
  HttpClient(std::string bearerToken, std::string tokenOrigin, std::string userAgent, const std::atomic<bool>* cancel);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // HEAD; relative redirects (a renamed repository) are followed, an absolute one is not: its
  // response is returned with the Location header.
  HttpResponse head(const std::string& url);
  // GET of a small body (JSON), redirects followed.
  HttpResponse getText(const std::string& url);
  // GET from byte `offset` (a Range request when > 0), redirects followed, appending what arrives
  // to `out` only when the status is 200 or 206 (on 200 after a Range request the server ignored
  // the range: `out` is emptied before the body is written). `onBytes(n)` is called with each chunk's size and
  // may throw TransferCancelled; it is also called with 0 while the connection is idle, so a
  // stalled transfer can be cancelled too.
  HttpResponse getToFile(const std::string& url, uint64_t offset, std::FILE* out,
                         const std::function<void(uint64_t)>& onBytes);

 private:
  struct Impl;
  Impl* impl_;
};

// "scheme://host[:port]" of a URL.
std::string urlOrigin(const std::string& url);
// The URL without its query (signed storage URLs carry credentials there): for messages.
std::string urlWithoutQuery(const std::string& url);

// "%2F"-style escaping of one path segment or query value (RFC 3986 unreserved kept).
std::string urlEscape(const std::string& text);

}  // namespace peftdesk::hub
