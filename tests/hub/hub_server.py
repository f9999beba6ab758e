#!/usr/bin/env python3
"""A local stand-in for the Hugging Face Hub's file protocol, for test_hub_download (no internet in
tests). Standard library only. It serves model folders as repositories the way the hub answers
huggingface_hub (hf_api.model_info, file_download.get_hf_file_metadata / http_get):

  GET  /api/models/{repo}/revision/{rev}[?blobs=true]  JSON: id, sha, siblings [{rfilename, size, lfs}]
  HEAD /{repo}/resolve/{rev}/{file}   X-Repo-Commit; small files: 200 + ETag (git blob id) +
       Content-Length; LFS files (*.safetensors, *.bin): 302 to an absolute storage URL on another
       host name (localhost) +
       X-Linked-Etag (SHA-256) + X-Linked-Size
  GET  the same, and /_storage/{sha256} (the "CDN"), with Range: bytes=N- answered by 206
  errors: X-Error-Code RepoNotFound / RevisionNotFound / EntryNotFound / GatedRepo + X-Error-Message

Tokens: "hf_good" sees everything, "hf_noaccess" is valid but not granted gated repositories, any
other Bearer token is invalid. Test controls (not part of the hub): POST /_fault {"file", "kind",
"bytes", "times"} with kind cut (send `bytes` then drop the connection), stall (send `bytes` then
hold the connection open; with file "HEAD NAME": a HEAD that never answers), corrupt (flip one byte), ignore_range (answer 200 to a Range request);
GET /_log (every request: method, path, range, authorization); POST /_reset.

usage: hub_server.py --repo ORG/NAME=DIR [--repo ...] [--gated ORG/NAME] --commit HEX --port-file F
"""
import argparse
import hashlib
import json
import os
import socket
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LFS_SUFFIXES = (".safetensors", ".bin")


class Repo:
    def __init__(self, repo_id, folder, commit, gated):
        self.repo_id, self.folder, self.commit, self.gated = repo_id, folder, commit, gated
        self.files = {}  # rfilename -> dict(path, size, etag, lfs)
        for root, _, names in os.walk(folder):
            for name in sorted(names):
                path = os.path.join(root, name)
                rel = os.path.relpath(path, folder).replace(os.sep, "/")
                data = open(path, "rb").read()
                lfs = rel.endswith(LFS_SUFFIXES)
                etag = (hashlib.sha256(data).hexdigest() if lfs
                        else hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest())
                self.files[rel] = {"path": path, "size": len(data), "etag": etag, "lfs": lfs}


class State:
    def __init__(self):
        self.lock = threading.Lock()
        self.log = []
        self.faults = []  # dicts: file, kind, bytes, times


def make_handler(repos, state, refs, storage_host):
    by_sha = {}
    for repo in repos.values():
        for rel, f in repo.files.items():
            if f["lfs"]:
                by_sha[f["etag"]] = (repo, rel)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        # ---- helpers -------------------------------------------------------------------------
        def record(self):
            with state.lock:
                state.log.append({"method": self.command, "path": urllib.parse.unquote(self.path),
                                  "range": self.headers.get("Range"),
                                  "authorization": self.headers.get("Authorization")})

        def send(self, status, body=b"", headers=None, content_type="application/json"):
            self.send_response(status)
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def error(self, status, code, message):
            headers = {"X-Error-Message": message}
            if code:
                headers["X-Error-Code"] = code
            self.send(status, json.dumps({"error": message}).encode(), headers)

        def auth(self, repo):
            """None when allowed, else the error already sent."""
            header = self.headers.get("Authorization", "")
            token = header[len("Bearer "):] if header.startswith("Bearer ") else None
            if token is not None and token not in ("hf_good", "hf_noaccess"):
                self.error(401, None, "Invalid credentials in Authorization header")
                return False
            if repo.gated and token != "hf_good":
                if token is None:
                    self.error(401, "GatedRepo", f"Access to model {repo.repo_id} is restricted. You must have access "
                                                 "to it and be authenticated to access it. Please log in.")
                else:
                    self.error(403, "GatedRepo", f"Access to model {repo.repo_id} is restricted and you are not in "
                                                 "the authorized list.")
                return False
            return True

        def find_repo(self, parts):
            repo_id = "/".join(parts)
            repo = repos.get(repo_id)
            if repo is None:
                self.error(401 if not self.headers.get("Authorization") else 404, "RepoNotFound",
                           "Repository not found")
            return repo

        def commit_for(self, repo, rev):
            if rev == repo.commit or rev in refs:
                return repo.commit
            self.error(404, "RevisionNotFound", "Invalid rev id: " + rev)
            return None

        def take_fault(self, rel):
            with state.lock:
                for f in state.faults:
                    if f["file"] == rel and f["times"] > 0:
                        f["times"] -= 1
                        return dict(f)
            return None

        def hold_until_hangup(self, seconds=30):
            """Keeps the connection open, sending nothing, until the client closes it."""
            deadline = time.time() + seconds
            self.connection.settimeout(0.2)
            while time.time() < deadline:
                try:
                    if self.connection.recv(1) == b"":
                        return
                except socket.timeout:
                    continue
                except OSError:
                    return

        def serve_content(self, repo, rel):
            f = repo.files[rel]
            data = bytearray(open(f["path"], "rb").read())
            fault = self.take_fault(rel)
            if fault and fault["kind"] == "corrupt":
                data[len(data) // 2] ^= 0xFF
            start = 0
            rng = self.headers.get("Range")
            if rng and not (fault and fault["kind"] == "ignore_range"):
                start = int(rng.split("=")[1].split("-")[0])
                if start >= len(data):
                    return self.send(416, b"", {"Content-Range": f"bytes */{len(data)}"})
            body = bytes(data[start:])
            self.send_response(206 if start else 200)
            self.send_header("Content-Length", str(len(body)))
            if start:
                self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
            self.send_header("ETag", '"' + f["etag"] + '"')
            self.send_header("Content-Type", "application/octet-stream")
            self.end_headers()
            if fault and fault["kind"] in ("cut", "stall"):
                self.wfile.write(body[: fault["bytes"]])
                self.wfile.flush()
                if fault["kind"] == "stall":
                    self.hold_until_hangup()
                self.close_connection = True
                try:
                    self.connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                return
            self.wfile.write(body)

        # ---- routes --------------------------------------------------------------------------
        def do_POST(self):
            self.record()
            length = int(self.headers.get("Content-Length", "0"))
            body = json.loads(self.rfile.read(length) or b"{}")
            if self.path == "/_fault":
                with state.lock:
                    state.faults.append({"file": body["file"], "kind": body["kind"],
                                         "bytes": int(body.get("bytes", 0)), "times": int(body.get("times", 1))})
                return self.send(200, b"{}")
            if self.path == "/_reset":
                with state.lock:
                    state.faults.clear()
                    state.log.clear()
                return self.send(200, b"{}")
            self.error(404, None, "no such control")

        def do_HEAD(self):
            self.do_GET()

        def do_GET(self):
            if self.path == "/_log":
                with state.lock:
                    return self.send(200, json.dumps(state.log).encode())
            self.record()
            url = urllib.parse.urlsplit(self.path)
            parts = [urllib.parse.unquote(p) for p in url.path.split("/")[1:]]
            if parts[:2] == ["api", "models"] and "revision" in parts:
                i = parts.index("revision")
                repo = self.find_repo(parts[2:i])
                if repo is None or not self.auth(repo):
                    return
                commit = self.commit_for(repo, "/".join(parts[i + 1:]))
                if commit is None:
                    return
                blobs = "blobs=true" in (url.query or "")
                siblings = []
                for rel, f in sorted(repo.files.items()):
                    s = {"rfilename": rel}
                    if blobs:
                        s["size"] = f["size"]
                        s["blobId"] = f["etag"]
                        if f["lfs"]:
                            s["lfs"] = {"sha256": f["etag"], "size": f["size"], "pointerSize": 134}
                    siblings.append(s)
                info = {"id": repo.repo_id, "modelId": repo.repo_id, "sha": commit, "private": False,
                        "gated": "manual" if repo.gated else False, "siblings": siblings}
                return self.send(200, json.dumps(info).encode())
            if parts[:1] == ["_storage"] and len(parts) == 2 and parts[1] in by_sha:
                repo, rel = by_sha[parts[1]]
                return self.serve_content(repo, rel)
            if "resolve" in parts:
                i = parts.index("resolve")
                repo = self.find_repo(parts[:i])
                if repo is None or not self.auth(repo):
                    return
                commit = self.commit_for(repo, parts[i + 1])
                if commit is None:
                    return
                rel = "/".join(parts[i + 2:])
                f = repo.files.get(rel)
                if f is None:
                    return self.error(404, "EntryNotFound", rel + " does not exist on " + parts[i + 1])
                if self.command == "HEAD":
                    fault = self.take_fault("HEAD " + rel)
                    if fault and fault["kind"] == "stall":  # a HEAD that never answers
                        self.hold_until_hangup()
                        self.close_connection = True
                        return
                if f["lfs"]:
                    # Storage on another host name (as the hub's CDN is), so a client must not send
                    # the hub token there.
                    host = storage_host + ":" + self.headers.get("Host").rsplit(":", 1)[1]
                    return self.send(302, b"", {"Location": f"http://{host}/_storage/{f['etag']}",
                                                "X-Repo-Commit": commit, "X-Linked-Etag": '"' + f["etag"] + '"',
                                                "X-Linked-Size": str(f["size"]), "ETag": '"redirect-etag"'})
                if self.command == "HEAD":
                    self.send_response(200)
                    self.send_header("X-Repo-Commit", commit)
                    self.send_header("ETag", '"' + f["etag"] + '"')
                    self.send_header("Content-Length", str(f["size"]))
                    self.end_headers()
                    return
                return self.serve_content(repo, rel)
            self.error(404, None, "not found: " + self.path)

    return Handler


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repo", action="append", default=[], help="ORG/NAME=DIR")
    ap.add_argument("--gated", action="append", default=[])
    ap.add_argument("--ref", action="append", default=["main"], help="branch or tag names that resolve to the commit")
    ap.add_argument("--commit", required=True)
    ap.add_argument("--storage-host", default="localhost", help="host name in storage redirects (resolving to 127.0.0.1)")
    ap.add_argument("--port-file", required=True)
    a = ap.parse_args()
    repos = {}
    for spec in a.repo:
        repo_id, folder = spec.split("=", 1)
        repos[repo_id] = Repo(repo_id, folder, a.commit, repo_id in a.gated)
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(repos, State(), set(a.ref), a.storage_host))
    server.daemon_threads = True
    parent = os.getppid()

    def watch_parent():  # a test that crashed must not leave its server holding ctest's pipes
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch_parent, daemon=True).start()
    tmp = a.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(server.server_address[1]))
    os.replace(tmp, a.port_file)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
