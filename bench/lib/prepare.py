#!/usr/bin/env python3
"""bench/run.sh helper: seeds xreg through its HTTP API and inspects what the server supports.

  prepare.py seed    --port P --resources N --docs N --big-api N
  prepare.py inspect --port P --resources N --docs N --big N --out features.json

Standard library only. Every failure raises, so run.sh stops with a clear message
(the harness must never measure a half-seeded server).
"""
import argparse
import http.client
import json
import sys
import time

MODEL = {"groups": {"schemagroups": {"singular": "schemagroup",
                                     "resources": {"schemas": {"singular": "schema"}}}}}
DOC_1K = json.dumps({"type": "record", "name": "Bench", "doc": "x" * 960}).encode()
CHUNK = 500


class Client:
    def __init__(self, port):
        self.port = port
        self.conn = None

    def call(self, method, path, body=None, headers=None, expect=None):
        hdrs = dict(headers or {})
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
            hdrs.setdefault("Content-Type", "application/json")
        for attempt in range(2):  # one reconnect if the server closed an idle keep-alive connection
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=300)
            try:
                self.conn.request(method, path, body=body, headers=hdrs)
                resp = self.conn.getresponse()
                data = resp.read()
                break
            except (http.client.HTTPException, ConnectionError):
                self.conn.close()
                self.conn = None
                if attempt == 1:
                    raise
        if expect is not None and resp.status not in expect:
            raise SystemExit(f"prepare: {method} {path} -> {resp.status} (expected {expect}): {data[:300]!r}")
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, data


def rid(i):
    return f"r{i:07d}"


def resource_body(i):
    # The same shape bulk_seed.sql copies: name, description and one label (R4's filters use all three).
    return {"name": f"resource {i}", "description": f"resource {i}", "labels": {"k": str(i % 100)}}


def seed_resources(c, group, start, count):
    done = 0
    t0 = time.monotonic()
    for lo in range(start, start + count, CHUNK):
        hi = min(start + count, lo + CHUNK)
        c.call("POST", f"/schemagroups/{group}/schemas", {rid(i): resource_body(i) for i in range(lo, hi)},
               expect=(200,))
        done += hi - lo
    return done, time.monotonic() - t0


def cmd_seed(a):
    c = Client(a.port)
    c.call("PUT", "/modelsource", MODEL, expect=(200,))
    for g in ("probe", "g1", "docs", "big"):
        c.call("PUT", f"/schemagroups/{g}", {}, expect=(200, 201))
    c.call("POST", "/schemagroups/probe/schemas", {f"p{i}": resource_body(i) for i in (1, 2, 3)}, expect=(200,))
    n, secs = seed_resources(c, "g1", 0, a.resources)
    t0 = time.monotonic()
    for i in range(a.docs):
        c.call("PUT", f"/schemagroups/docs/schemas/d{i:04d}", DOC_1K,
               headers={"Content-Type": "application/json"}, expect=(200, 201))
    doc_secs = time.monotonic() - t0
    big_n, big_secs = seed_resources(c, "big", 0, a.big_api)
    print(json.dumps({"api_seed_resources": n + big_n, "api_seed_seconds": round(secs + big_secs, 3),
                      "api_seed_resources_per_s": round((n + big_n) / max(secs + big_secs, 1e-9), 1),
                      "api_seed_docs": a.docs, "api_seed_docs_seconds": round(doc_secs, 3)}))


def keys(data):
    try:
        body = json.loads(data)
    except ValueError:
        return None
    return sorted(body.keys()) if isinstance(body, dict) else None


def detect(c):
    """Each feature by behaviour, on the 3-Resource probe Group (never on the big one)."""
    f = {}
    st, h, data = c.call("GET", "/schemagroups/probe/schemas?limit=1")
    f["limit"] = {"supported": st == 200 and keys(data) is not None and len(keys(data)) == 1,
                  "evidence": f"GET probe/schemas?limit=1 -> {st}, {len(keys(data) or [])} entries of 3,"
                              f" Link: {h.get('link', '-')}"}
    st, h, data = c.call("GET", "/schemagroups/probe/schemas?filter=schemaid=p2")
    f["filter"] = {"supported": st == 200 and keys(data) == ["p2"],
                   "evidence": f"GET probe/schemas?filter=schemaid=p2 -> {st}, entries {keys(data)}"}
    st, h, _ = c.call("GET", "/schemagroups/probe/schemas/p1$details")
    etag = h.get("etag")
    st2, _, _ = c.call("POST", "/schemagroups/probe/schemas/p1", DOC_1K,
                       headers={"Content-Type": "application/json", "If-Match": '"xreg-bench-no-such-etag"'})
    f["if_match"] = {"supported": st2 == 412,
                     "evidence": f"GET p1$details ETag: {etag or '-'}; POST p1 with a wrong If-Match -> {st2}"
                                 " (412 expected)"}
    st, _, data = c.call("POST", "/", {"schemagroups": {"probeimport": {"schemas": {"i1": {}}}}})
    f["import"] = {"supported": st == 200,
                   "evidence": f"POST / with one Group -> {st}"}
    _, _, caps = c.call("GET", "/capabilities", expect=(200,))
    try:
        cj = json.loads(caps)
        f["capabilities"] = {"flags": cj.get("flags"), "pagination": cj.get("pagination")}
    except ValueError:
        f["capabilities"] = None
    return f


def size_of(c, path):
    st, _, data = c.call("GET", path, expect=(200,))
    return len(data)


def next_cursor(link):
    """The cursor of a Link header's rel=next URL, or None on the last page."""
    for part in (link or "").split(","):
        if "rel=next" in part:
            url = part[part.index("<") + 1:part.index(">")]
            query = url.split("?", 1)[1] if "?" in url else ""
            for pair in query.split("&"):
                if pair.startswith("cursor="):
                    return pair[len("cursor="):]
    return None


def write_cursors(c, path, total, out, pages=100, step=1000):
    """R3's random cursors (issue 15: "random cursors"), one per line: the next-page cursors of a
    walk through the whole collection in pages of `step` (the server's default maximum page),
    every k-th kept so about `pages` of them spread over it. A cursor is bound to the
    collection, filter and sort, not to the limit, so each one starts a ?limit=100 page at its
    position; the first page (no cursor) is the empty line."""
    keep_every = max(1, total // (step * pages))
    cursors, url, n = [""], f"{path}?limit={step}", 0
    while True:
        _, h, _ = c.call("GET", url, expect=(200,))
        cur = next_cursor(h.get("link"))
        if cur is None:
            break
        n += 1
        if n % keep_every == 0:
            cursors.append(cur)
        url = f"{path}?limit={step}&cursor={cur}"
    with open(out, "w") as fh:
        fh.write("\n".join(cursors) + "\n")


def cmd_inspect(a):
    c = Client(a.port)
    out = {"features": detect(c)}
    sizes = {"R1": size_of(c, f"/schemagroups/g1/schemas/{rid(a.resources // 2)}$details"),
             "R2": size_of(c, "/schemagroups/docs/schemas/d0000/versions/1")}
    if out["features"]["limit"]["supported"]:
        sizes["R3"] = size_of(c, "/schemagroups/big/schemas?limit=100")
        write_cursors(c, "/schemagroups/big/schemas", a.big, a.cursors_out)
    if out["features"]["filter"]["supported"]:
        sizes["R4"] = size_of(c, f"/schemagroups/big/schemas?filter=schemaid={rid(a.big // 2)}")
        # the R4 variants (issue 15): the default Version's name, a name prefix, a label
        sizes["R4-name"] = size_of(c, f"/schemagroups/big/schemas?filter=name=resource%20{a.big // 2}")
        sizes["R4-prefix"] = size_of(c, f"/schemagroups/big/schemas?filter=name=resource%20{a.big // 20}*")
        sizes["R4-label"] = size_of(c, "/schemagroups/big/schemas?filter=labels.k=42")
    out["sizes"] = sizes
    # The big Group: a SQL-seeded Resource must render like the API-seeded one.
    _, _, first = c.call("GET", f"/schemagroups/big/schemas/{rid(0)}$details", expect=(200,))
    _, _, last = c.call("GET", f"/schemagroups/big/schemas/{rid(a.big - 1)}$details", expect=(200,))
    k0, k1 = keys(first), keys(last)
    if k0 != k1:
        raise SystemExit(f"prepare: SQL-seeded Resource renders differently from the API-seeded one: {k0} vs {k1}")
    _, _, grp = c.call("GET", "/schemagroups/big", expect=(200,))
    out["big_count"] = json.loads(grp).get("schemascount")
    if out["big_count"] != a.big:
        raise SystemExit(f"prepare: big Group has {out['big_count']} Resources, expected {a.big}")
    with open(a.out, "w") as fh:
        json.dump(out, fh, indent=2)
    print(json.dumps(out))


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("seed")
    s.add_argument("--port", type=int, required=True)
    s.add_argument("--resources", type=int, required=True)
    s.add_argument("--docs", type=int, required=True)
    s.add_argument("--big-api", type=int, required=True)
    i = sub.add_parser("inspect")
    i.add_argument("--port", type=int, required=True)
    i.add_argument("--resources", type=int, required=True)
    i.add_argument("--docs", type=int, required=True)
    i.add_argument("--big", type=int, required=True)
    i.add_argument("--out", required=True)
    i.add_argument("--cursors-out", required=True)
    a = p.parse_args()
    {"seed": cmd_seed, "inspect": cmd_inspect}[a.cmd](a)


if __name__ == "__main__":
    sys.exit(main())
