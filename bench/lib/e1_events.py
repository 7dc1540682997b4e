#!/usr/bin/env python3
"""E1 (issue 20): events delivered per second to a loopback webhook receiver during W1 writes,
and the delivery lag (commit to receipt).

Subscribes a receiver on 127.0.0.1 to the events under --subject, writes --ready once it
listens, counts what arrives until --stop exists (the load window, run by bench/run.sh), then
drains: waits until no event came for 2 s (at most 60 s). Prints one JSON object:
events in the window per second, the drain time, lag p50/p99/max in ms. The lag is from the
event's `time` (the start of the writing transaction) to its receipt, on one machine's clock.
"""
import argparse
import json
import os
import threading
import time
import urllib.request
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

received = []  # (receipt time, event time) in epoch seconds
lock = threading.Lock()


def event_time(s):
    # Java's Instant.toString: 0 to 9 fraction digits; Python before 3.11 takes 3 or 6 only
    s = s.rstrip("Z")
    whole, _, frac = s.partition(".")
    t = datetime.strptime(whole, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=timezone.utc).timestamp()
    return t + (float("0." + frac) if frac else 0.0)


class Receiver(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a real webhook receiver would (every answer has a length)
    def do_OPTIONS(self):
        self.send_response(200)
        self.send_header("WebHook-Allowed-Origin", "*")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        now = time.time()
        with lock:
            received.append((now, event_time(json.loads(body)["time"])))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def call(method, url, body=None):
    req = urllib.request.Request(url, method=method, data=None if body is None else json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.loads(r.read() or b"null")


def pct(xs, p):
    return xs[min(len(xs) - 1, int(round(p / 100.0 * (len(xs) - 1))))] if xs else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True, help="xreg's port")
    ap.add_argument("--subject", default="/schemagroups/g1/")
    ap.add_argument("--ready", required=True)
    ap.add_argument("--stop", required=True)
    a = ap.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{a.port}"
    sub = call("POST", base + "/-/subscriptions", {
        "sink": f"http://127.0.0.1:{server.server_address[1]}/", "protocol": "HTTP",
        "filters": [{"prefix": {"subject": a.subject}}]})
    try:
        open(a.ready, "w").close()
        start = time.time()
        while not os.path.exists(a.stop) and time.time() - start < 3600:
            time.sleep(0.05)
        end = time.time()
        with lock:
            in_window = sum(1 for r, _ in received if r <= end)
        last, count = time.time(), -1
        while time.time() - last < 2 and time.time() - end < 60:
            with lock:
                if len(received) != count:
                    count, last = len(received), time.time()
            time.sleep(0.1)
        with lock:
            lags = sorted((r - t) * 1000 for r, t in received)
            drained = max((r for r, _ in received), default=end)
        status = call("GET", base + "/-/subscriptions/" + sub["id"])
    finally:
        call("DELETE", base + "/-/subscriptions/" + sub["id"])
        server.shutdown()
    window = end - start
    print(json.dumps({
        "scenario": "E1", "kind": "events", "window_s": round(window, 2), "events": len(lags),
        "events_in_window": in_window, "events_per_s": round(in_window / window, 1) if window > 0 else None,
        "drain_s": round(max(0.0, drained - end), 2),
        "lag_p50_ms": round(pct(lags, 50), 1) if lags else None,
        "lag_p99_ms": round(pct(lags, 99), 1) if lags else None,
        "lag_max_ms": round(lags[-1], 1) if lags else None,
        "subscription_status": status.get("status"), "subscription_delivered": status.get("delivered")}))


if __name__ == "__main__":
    main()
