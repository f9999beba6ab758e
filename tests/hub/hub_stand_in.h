// The local Hugging Face Hub stand-in (hub_server.py) as tests use it: started on a free port with
// the repositories to serve, its control routes (faults, request log, reset) over plain sockets.
// Shared by test_hub_download and the Model page's GUI test.
#pragma once

#include <QJsonArray>
#include <QProcess>
#include <QString>

#include <filesystem>
#include <string>
#include <vector>

namespace peftdesk::test {

class HubStandIn {
 public:
  static constexpr const char* kCommit = "c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00";
  struct Repo {
    std::string id;                // "org/name"
    std::filesystem::path folder;  // its files
    bool gated = false;
  };

  ~HubStandIn();
  // Starts the server (the project's Python, else python3: it needs the standard library only);
  // false with `error` set when it does not come up within 20 s.
  bool start(const QString& workDir, const std::vector<Repo>& repos, QString* error);
  int port() const { return port_; }
  std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }

  void reset() const;
  // kind: cut | stall | corrupt | ignore_range (hub_server.py), for the next `times` GETs of `file`
  // ("HEAD NAME" with stall: a HEAD that never answers). Refs main, v1.0 and refs/pr/1 name the commit;
  // storage redirects go to "localhost" (another host than the hub's 127.0.0.1).
  void fault(const std::string& file, const std::string& kind, int bytes = 0, int times = 1) const;
  QJsonArray requestLog() const;

 private:
  QProcess process_;
  int port_ = 0;
};

// One blocking HTTP/1.0 request to 127.0.0.1:port; the body of the answer (empty on failure).
std::string httpRequest(int port, const std::string& method, const std::string& path, const std::string& body = {});

}  // namespace peftdesk::test
