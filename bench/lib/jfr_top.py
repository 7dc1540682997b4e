#!/usr/bin/env python3
"""Summarize a JFR recording's CPU samples (jdk.ExecutionSample): where the JVM's time goes.

  jfr_top.py FILE.jfr  -> JSON on stdout:
    samples, threads (share per thread pool), self (top frames where the CPU was),
    inclusive (share of samples whose stack contains a frame of each subsystem),
    xreg_inclusive (top dev.xreg methods by inclusive share).
"""
import collections
import json
import re
import subprocess
import sys

# First matching prefix wins; order from specific to general.
SUBSYSTEMS = [
    ("jackson (JSON parse/write)", ("com.fasterxml.jackson",)),
    ("pg client (vertx-pg-client/sql-client)", ("io.vertx.pgclient", "io.vertx.sqlclient")),
    ("micrometer metrics", ("io.micrometer", "io.vertx.micrometer")),
    ("logging", ("ch.qos.logback", "org.slf4j")),
    ("vertx-web router/handlers", ("io.vertx.ext.web",)),
    ("vertx event bus", ("io.vertx.core.eventbus",)),
    ("vertx http server", ("io.vertx.core.http",)),
    ("netty", ("io.netty",)),
    ("xreg core (rules, render)", ("dev.xreg.core",)),
    ("xreg storage (executor, store)", ("dev.xreg.storage",)),
    ("xreg http", ("dev.xreg.http",)),
    ("java.time / formatting", ("java.time", "java.text")),
    ("jdk collections/strings", ("java.util", "java.lang.String", "java.lang.StringBuilder",
                                 "java.lang.AbstractStringBuilder")),
    ("jdk other", ("java.", "jdk.", "sun.")),
]
FRAME = re.compile(r"^\s+([\w$.<>/]+)\(.*\)\s+line:")


def subsystem(frame):
    for name, prefixes in SUBSYSTEMS:
        if frame.startswith(prefixes):
            return name
    return "other"


def main(path):
    text = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "96", path],
                          capture_output=True, text=True, check=True).stdout
    samples, stack, thread, in_stack = [], [], "?", False
    for line in text.splitlines():
        s = line.strip()
        if s.startswith("sampledThread"):
            m = re.search(r'"([^"]*)"', s)
            thread = m.group(1) if m else "?"
        elif s.startswith("stackTrace = ["):
            in_stack, stack = True, []
        elif in_stack and s == "]":
            in_stack = False
            samples.append((thread, stack))
        elif in_stack:
            m = FRAME.match(line)
            if m:
                stack.append(m.group(1))
            elif s == "...":
                stack.append("...")
    n = len(samples)
    out = {"samples": n}
    if n == 0:
        print(json.dumps(out))
        return
    pct = lambda c: round(100.0 * c / n, 1)
    threads = collections.Counter(re.sub(r"-\d+$", "-N", t) for t, _ in samples)
    out["threads"] = {k: pct(v) for k, v in threads.most_common(6)}
    top = collections.Counter(st[0] if st else "?" for _, st in samples)
    out["self"] = [[f, pct(c)] for f, c in top.most_common(15)]
    selfsub = collections.Counter(subsystem(st[0]) if st else "other" for _, st in samples)
    out["self_by_subsystem"] = {k: pct(v) for k, v in selfsub.most_common()}
    incl = collections.Counter()
    xreg = collections.Counter()
    for _, st in samples:
        incl.update({subsystem(f) for f in st})
        xreg.update({f for f in st if f.startswith("dev.xreg.")})
    out["inclusive"] = {k: pct(v) for k, v in incl.most_common()}
    out["xreg_inclusive"] = [[f, pct(c)] for f, c in xreg.most_common(15)]
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1])
