// See hub_stand_in.h.
#include "hub_stand_in.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonDocument>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "test_support.h"

namespace peftdesk::test {

HubStandIn::~HubStandIn() {
  if (process_.state() != QProcess::NotRunning) {
    process_.kill();
    process_.waitForFinished();
  }
}

bool HubStandIn::start(const QString& workDir, const std::vector<Repo>& repos, QString* error) {
  const QString portFile = workDir + "/hub-stand-in.port";
  QFile::remove(portFile);
  QString python = pythonPath();
  if (python.isEmpty() || !QFile::exists(python)) python = "python3";
  QStringList args = {sourceDir() + "/tests/hub/hub_server.py", "--commit", kCommit, "--port-file", portFile, "--ref", "v1.0", "--ref", "refs/pr/1"};
  for (const Repo& r : repos) {
    args << "--repo" << QString::fromStdString(r.id + "=" + r.folder.string());
    if (r.gated) args << "--gated" << QString::fromStdString(r.id);
  }
  process_.setProcessChannelMode(QProcess::ForwardedErrorChannel);
  process_.start(python, args);
  if (!process_.waitForStarted(10000)) {
    *error = "the hub stand-in did not start: " + python;
    return false;
  }
  const QDeadlineTimer deadline(20000);
  while (!QFile::exists(portFile)) {
    if (deadline.hasExpired() || process_.waitForFinished(50)) {  // (waitForFinished: true once it has exited)
      *error = "the hub stand-in did not write its port (exit code " + QString::number(process_.exitCode()) + ")";
      return false;
    }
  }
  QFile f(portFile);
  if (!f.open(QIODevice::ReadOnly)) return false;
  port_ = f.readAll().toInt();
  return port_ > 0;
}

void HubStandIn::reset() const { httpRequest(port_, "POST", "/_reset"); }

void HubStandIn::fault(const std::string& file, const std::string& kind, int bytes, int times) const {
  httpRequest(port_, "POST", "/_fault",
              "{\"file\": \"" + file + "\", \"kind\": \"" + kind + "\", \"bytes\": " + std::to_string(bytes) +
                  ", \"times\": " + std::to_string(times) + "}");
}

QJsonArray HubStandIn::requestLog() const {
  return QJsonDocument::fromJson(QByteArray::fromStdString(httpRequest(port_, "GET", "/_log"))).array();
}

std::string httpRequest(int port, const std::string& method, const std::string& path, const std::string& body) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    if (fd >= 0) ::close(fd);
    return {};
  }
  const std::string request = method + " " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Length: " + std::to_string(body.size()) +
                              "\r\nConnection: close\r\n\r\n" + body;
  (void)!::write(fd, request.data(), request.size());
  std::string response;
  char buf[65536];
  for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;) response.append(buf, static_cast<size_t>(n));
  ::close(fd);
  const size_t split = response.find("\r\n\r\n");
  return split == std::string::npos ? std::string() : response.substr(split + 4);
}

}  // namespace peftdesk::test
