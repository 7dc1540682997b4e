#!/usr/bin/env python3
"""Writes an "upgrades in place" fixture (issue 12) from a released xreg server jar.

    python3 generate.py <xreg-server.jar> <release>      e.g.  generate.py /tmp/xreg-prev.jar v0.1-27948ef

It starts the jar on a fresh data directory (embedded PostgreSQL), loads representative data
through the HTTP API only, records what a set of reads returns, stops the server with SIGTERM
and packs the data directory. Next to this script it writes:

    <release>.tar.gz          the data directory (its pg/ cluster), without postmaster.pid
    <release>/reads.json      each read: name, path, status, chosen headers, body file
    <release>/bodies/*        the bodies (JSON pretty-printed; documents byte for byte)

UpgradeInPlaceIT unpacks every <release>.tar.gz here, starts the current jar on it and expects
the same reads. URLs carry the server's random port, so every "http://127.0.0.1:<port>" in
headers and JSON bodies is written as "{base}". Needs Python 3.8+ and tar; nothing else.
"""
import base64
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
BASE_PLACEHOLDER = "{base}"
# Headers a client relies on: the media type, the validator it sends back in If-Match, where a
# redirect points, the next page, and a document's metadata.
KEPT_HEADERS = ("content-type", "etag", "location", "link")
KEPT_PREFIX = "xregistry-"

MODEL = {
    "attributes": {"owner": {"type": "string"}},
    "groups": {
        # the built-in domain models (cloudevents includes schema, message and endpoint)
        "$includes": ["xreg:/models/cloudevents/model.json#/groups"],
        # and a Group type of our own
        "dirs": {
            "singular": "dir",
            "attributes": {"region": {"type": "string", "enum": ["eu", "us"], "strict": True}},
            "resources": {
                "files": {"singular": "file", "maxversions": 3},
                "blobs": {"singular": "blob"},
            },
        },
    },
}

AVRO_V1 = {"type": "record", "name": "Motion", "fields": [{"name": "camera", "type": "string"}]}
AVRO_V2 = {"type": "record", "name": "Motion", "fields": [
    {"name": "camera", "type": "string"}, {"name": "kind", "type": "string", "default": "any"}]}
BINARY = bytes(range(256)) * 4  # every byte value, NUL and 0xff included


class NoRedirects(urllib.request.HTTPRedirectHandler):
    """Reads record 303/307 answers themselves, not where they point."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


OPENER = urllib.request.build_opener(NoRedirects)


class Server:
    def __init__(self, jar, data_dir):
        self.data_dir = data_dir
        self.log_path = os.path.join(os.path.dirname(data_dir), "server.log")
        env = dict(os.environ, XREG_HTTP_HOST="127.0.0.1", XREG_HTTP_PORT="0", XREG_DATA_DIR=data_dir)
        self.log = open(self.log_path, "wb")
        self.process = subprocess.Popen(["java", "-Xmx256m", "-jar", jar], env=env, stdout=self.log,
                                        stderr=subprocess.STDOUT)
        self.base = self._await_started()

    def _await_started(self):
        deadline = time.time() + 120
        while time.time() < deadline:
            if self.process.poll() is not None:
                sys.exit("server exited with %s:\n%s" % (self.process.returncode, self._log()))
            m = re.search(r"event=started url=(http://\S+?)/?\s", self._log())
            if m:
                return m.group(1)
            time.sleep(0.3)
        self.process.kill()
        sys.exit("server did not start:\n" + self._log())

    def _log(self):
        with open(self.log_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def stop(self):
        """SIGTERM: the server stops PostgreSQL cleanly, so the cluster needs no recovery."""
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=120)
        self.log.close()
        if "event=stopped" not in self._log():
            sys.exit("server did not stop cleanly:\n" + self._log())

    def call(self, method, path, body=None, content_type="application/json", headers=None):
        """One request; returns (status, headers, body bytes)."""
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
        elif isinstance(body, str):
            body = body.encode()
        req = urllib.request.Request(self.base + path, data=body, method=method)
        if body is not None:
            req.add_header("Content-Type", content_type)
        for k, v in (headers or {}).items():
            req.add_header(k, v)
        try:
            with OPENER.open(req, timeout=60) as r:
                return r.status, r.headers, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read()

    def write(self, method, path, body=None, content_type="application/json", headers=None):
        status, _, out = self.call(method, path, body, content_type, headers)
        if status not in (200, 201, 204):
            sys.exit("%s %s answered %s: %s" % (method, path, status, out.decode(errors="replace")))


def load(s):
    """Representative data: every kind of entity, documents, and gaps left by deletes."""
    s.write("PUT", "/modelsource", MODEL)
    s.write("PUT", "/", {"name": "upgrade fixture", "description": "written by the release before",
                         "owner": "xreg", "labels": {"env": "test"}})
    s.write("PATCH", "/capabilities", {"shortself": True})

    # Groups of the custom type; d3 is deleted below, so IDs are not contiguous
    s.write("PUT", "/dirs/d1", {"name": "first dir", "labels": {"team": "a", "tier": "gold"}, "region": "eu"})
    s.write("PUT", "/dirs/d2", {"name": "second dir", "labels": {"team": "b"}, "region": "us"})
    s.write("PUT", "/dirs/d3", {"name": "to be deleted"})
    s.write("PUT", "/dirs/d4", {"description": "after the gap", "labels": {"team": "a"}})

    # f1: text and JSON documents over four Versions; maxversions 3 prunes the first one;
    # a sticky default that is not the newest
    s.write("PUT", "/dirs/d1/files/f1", "hello, version 1\n", "text/plain")
    s.write("PUT", "/dirs/d1/files/f1/versions/2", "hello, version 2\n", "text/plain",
            {"xRegistry-name": "second", "xRegistry-labels.stage": "beta"})
    s.write("PUT", "/dirs/d1/files/f1/versions/3$details", {"description": "JSON document", "file": {"k": 3}})
    s.write("PUT", "/dirs/d1/files/f1/versions/4", "hello, version 4\n", "text/plain; charset=utf-8")
    s.write("PATCH", "/dirs/d1/files/f1/meta", {"defaultversionid": "3", "defaultversionsticky": True})

    # a Resource that is gone, and one with a deleted Version in the middle
    s.write("PUT", "/dirs/d1/files/f2", "short-lived", "text/plain")
    s.write("DELETE", "/dirs/d1/files/f2")
    s.write("PUT", "/dirs/d1/files/f3$details", {"versions": {"a": {"name": "A"}, "b": {"name": "B"}, "c": {"name": "C"}}})
    s.write("DELETE", "/dirs/d1/files/f3/versions/b")

    # documents: raw binary, base64 in JSON, and an external URL (303)
    s.write("PUT", "/dirs/d1/blobs/b1", BINARY, "application/octet-stream")
    s.write("PUT", "/dirs/d1/blobs/b2$details", {"contenttype": "image/png",
                                                 "blobbase64": base64.b64encode(BINARY[:64]).decode()})
    s.write("PUT", "/dirs/d1/blobs/b3$details", {"bloburl": "https://example.com/blob.bin"})

    # a cross-reference in another Group
    s.write("PUT", "/dirs/d2/files/alias$details", {"meta": {"xref": "/dirs/d1/files/f1"}})
    s.write("DELETE", "/dirs/d3")

    # the built-in domains: an Avro schema with a compatible second Version, a message using it,
    # and an endpoint offering the message group
    s.write("PUT", "/schemagroups/com.example/schemas/motion$details",
            {"format": "Avro/1.11", "meta": {"compatibility": "backward"}, "schema": AVRO_V1})
    s.write("PUT", "/schemagroups/com.example/schemas/motion/versions/2$details",
            {"format": "Avro/1.11", "schema": AVRO_V2})
    s.write("PUT", "/messagegroups/com.example.events", {"envelope": "CloudEvents/1.0"})
    s.write("PUT", "/messagegroups/com.example.events/messages/motion.detected$details",
            {"envelope": "CloudEvents/1.0",
             "envelopemetadata": {"type": {"value": "com.example.motion.detected"}},
             "dataschemaformat": "Avro/1.11",
             "dataschemaxid": "/schemagroups/com.example/schemas/motion/versions/2"})
    s.write("PUT", "/endpoints/cameras", {"usage": ["producer"], "envelope": "CloudEvents/1.0",
                                          "messagegroups": ["/messagegroups/com.example.events"]})


def reads(s):
    """(name, path) of what the fixture expects to read back unchanged."""
    # an alias that is not the xid itself, so that following it looks the code up in the database
    alias = json.loads(s.call("GET", "/dirs/d1/files/f1$details")[2])["shortself"]
    out = [
        ("export", "/export"),
        ("model", "/model"),
        ("modelsource", "/modelsource"),
        ("capabilities", "/capabilities"),
        ("registry", "/"),
        ("group", "/dirs/d1"),
        ("group-filtered", "/dirs?filter=labels.team=a"),
        ("deleted-group", "/dirs/d3"),
        ("files-page-1", "/dirs/d1/files?limit=1"),
        ("resource-inlined", "/dirs/d1/files/f1$details?inline=meta,versions"),
        ("resource-meta", "/dirs/d1/files/f1/meta"),
        ("document-default-json", "/dirs/d1/files/f1"),
        ("document-text", "/dirs/d1/files/f1/versions/2"),
        ("document-binary", "/dirs/d1/blobs/b1"),
        ("document-base64", "/dirs/d1/blobs/b2"),
        ("document-url", "/dirs/d1/blobs/b3"),
        ("versions-sorted", "/dirs/d1/files/f3/versions?sort=versionid=desc"),
        ("xref", "/dirs/d2/files/alias$details"),
        ("shortself", alias[len(s.base):]),
        ("schema", "/schemagroups/com.example/schemas/motion$details?inline=versions"),
        ("message", "/messagegroups/com.example.events/messages/motion.detected$details"),
        ("endpoint", "/endpoints/cameras"),
    ]
    # the second page, through the cursor the first one handed out (signed with the
    # database's secret: a client paging across the upgrade must not lose its place)
    link = ", ".join(s.call("GET", "/dirs/d1/files?limit=1")[1].get_all("Link") or [])
    m = re.search(r"<([^>]+)>\s*;\s*rel=\"?next\"?", link)
    if not m:
        sys.exit("no next link on /dirs/d1/files?limit=1: " + link)
    out.append(("files-page-2", m.group(1)[len(s.base):]))
    return out


def normalize(text, base):
    return text.replace(base, BASE_PLACEHOLDER)


def record(s, out_dir):
    bodies = os.path.join(out_dir, "bodies")
    os.makedirs(bodies)
    index = []
    for name, path in reads(s):
        status, headers, body = s.call("GET", path)
        kept = {}
        for k in dict.fromkeys(h.lower() for h in headers.keys()):
            if k in KEPT_HEADERS or k.startswith(KEPT_PREFIX):
                # a header sent several times (Link) is one value joined by ", ", as RFC 9110 allows
                kept[k] = normalize(", ".join(headers.get_all(k)), s.base)
        document = any(k.startswith(KEPT_PREFIX) for k in kept)
        if not document and "json" in headers.get("Content-Type", ""):
            file = name + ".json"
            parsed = json.loads(normalize(body.decode("utf-8"), s.base))
            with open(os.path.join(bodies, file), "w", encoding="utf-8") as f:
                json.dump(parsed, f, indent=2, ensure_ascii=False)
                f.write("\n")
        else:
            # a document (its metadata in xRegistry-* headers): byte for byte, empty for a redirect
            file = name + ".bin"
            with open(os.path.join(bodies, file), "wb") as f:
                f.write(body)
        index.append({"name": name, "path": path, "status": status, "headers": kept, "body": file})
    with open(os.path.join(out_dir, "reads.json"), "w", encoding="utf-8") as f:
        json.dump(index, f, indent=2, ensure_ascii=False)
        f.write("\n")


def pack(data_dir, tarball):
    """The cluster as left by a clean stop; postmaster.pid would make the next start wait."""
    with open(tarball, "wb") as out:
        tar = subprocess.Popen(["tar", "-cf", "-", "--exclude=postmaster.pid", "--owner=0", "--group=0",
                                "--numeric-owner", "-C", data_dir, "."], stdout=subprocess.PIPE)
        # gzip, not xz: every tar reads it without extra tools; -n keeps the file reproducible
        subprocess.run(["gzip", "-9", "-n"], stdin=tar.stdout, stdout=out, check=True)
        if tar.wait() != 0:
            sys.exit("tar failed")


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    jar, release = os.path.abspath(sys.argv[1]), sys.argv[2]
    out_dir = os.path.join(HERE, release)
    tarball = os.path.join(HERE, release + ".tar.gz")
    if os.path.exists(out_dir) or os.path.exists(tarball):
        sys.exit("%s already exists: a release's fixture is never regenerated" % release)
    work = tempfile.mkdtemp(prefix="xreg-upgrade-")
    data_dir = os.path.join(work, "data")
    try:
        s = Server(jar, data_dir)
        try:
            load(s)
            record(s, out_dir)
        finally:
            s.stop()
        pack(data_dir, tarball)
        print("wrote %s (%d bytes) and %s/" % (tarball, os.path.getsize(tarball), out_dir))
    except BaseException:
        shutil.rmtree(out_dir, ignore_errors=True)
        if os.path.exists(tarball):
            os.remove(tarball)
        raise
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
