#!/usr/bin/env python3
"""bench/run.sh: turns the run's raw records into bench/results/<date>.md and .json.

Ratios use medians over the measured repetitions of the same run. Exit status 3 when a
scenario had request errors (the harness or the server broke), after writing the files.
"""
import argparse
import glob
import json
import os
import statistics

TARGETS = [
    # id, description, kind, numerator, denominator/limit, threshold
    ("R1", "GET one Resource $details, random keys, 32 conns", "ratio", "R1", "B-R1", 0.50),
    ("R2", "GET a Version document (1 KB)", "ratio", "R2", "B-R2", 0.50),
    ("R3", "GET a page ?limit=100 of the big Group at a random cursor", "ratio", "R3", "B-R3", 0.15),
    ("R4", "GET ?filter= on an indexed attribute over the big Group", "ratio", "R4", "B-R4", 0.10),
    ("R4-name", "GET ?filter=name=<exact> over the big Group", "ratio", "R4-name", "B-R4-name", 0.10),
    ("R4-prefix", "GET ?filter=name=<prefix>* over the big Group (11 matches)", "ratio", "R4-prefix", "B-R4-prefix", 0.10),
    ("R4-label", "GET ?filter=labels.k=<v> over the big Group (1% match)", "ratio", "R4-label", "B-R4-label", 0.10),
    ("W1", "PATCH one Resource attribute, distinct Resources", "ratio", "W1", "PG-N", 0.50),
    ("W2", "POST a new Version (1 KB) with If-Match", "ratio", "W2", "PG-N", 0.40),
]
# The rows of bench/lib/oci_rows.sh (section "oci"). "bytes": the ratio of bytes/s, not req/s.
OCI_TARGETS = [
    ("R1-miss", "R1 with the node cache off (XREG_CACHE_MAX_BYTES=0)", "ratio", "R1-miss", "B-PG", 0.70),
    ("O1", "pull of one blob, 8 parallel clients (bytes/s)", "bytes", "O1", "B-O1", 0.50),
    ("O2", "push of distinct layers, 8 parallel (bytes/s)", "bytes", "O2", "DD", 0.50),
    ("O3-tag", "manifest GET by tag, 32 conns", "ratio", "O3-tag", "B-PG-O3", 0.70),
    ("O3-digest", "manifest GET by digest, 32 conns", "ratio", "O3-digest", "B-O3", 0.50),
    ("C1", "CNR pull of a 100 KB package, 32 conns", "ratio", "C1", "B-C1", 0.30),
]
# issue 18: no target; the ratio is reported next to s3proxy's CPU share
OCI_INFO = [
    ("O1-S3", "O1 on XREG_BLOB_STORE=s3 through s3proxy (bytes/s)", "bytes", "O1-S3", "B-O1-2"),
    ("O2-S3", "O2 on XREG_BLOB_STORE=s3 through s3proxy (bytes/s)", "bytes", "O2-S3", "DD-2"),
]
# PostgreSQL floors (info): pgbench replaying the least SQL of a target's request against xreg's
# own database. When PostgreSQL alone answers fewer per second than the target needs, no server
# that sends that SQL per request can reach the target (issue 15: "cannot go lower").
FLOORS = [("R3", "PG-R3"), ("R4", "PG-R4"), ("R4-name", "PG-R4-name"), ("R4-prefix", "PG-R4-prefix"),
          ("R4-label", "PG-R4-label"), ("W1", "PG-W1"), ("W2", "PG-W2")]
# the floor measured with the OCI section's R1-miss (bench/lib/oci_rows.sh)
OCI_FLOORS = [("R1-miss", "PG-R1-miss")]
# --only writes: the targets it measures
WRITE_TARGETS = ("W1", "W2")
MEM_LIMIT_MB = 400
# rows measured in bytes/s (their req/s is meaningless: a 256 MiB response takes seconds)
TRANSFER = ("O1", "B-O1", "O2", "DD", "O1-S3", "B-O1-2", "O2-S3", "DD-2")
WHAT = {
    "R1": "xreg: GET /schemagroups/g1/schemas/<random>$details",
    "R2": "xreg: GET /schemagroups/docs/schemas/<random>/versions/1 (1 KB document)",
    "R3": "xreg: GET /schemagroups/big/schemas?limit=100&cursor=<random, one of ~100 spread over the Group>",
    "R4": "xreg: GET /schemagroups/big/schemas?filter=schemaid=<random>",
    "W1": "xreg: PATCH /schemagroups/g1/schemas/<round-robin>$details",
    "W2": "xreg: POST /schemagroups/g1/schemas/<round-robin> (1 KB), If-Match",
    "W2-unconditional": "xreg: the W2 request without If-Match (info only, not the target)",
    "B-R1": "bare Vert.x: fixed JSON body, R1's size",
    "B-R2": "bare Vert.x: fixed JSON body, R2's size",
    "B-R3": "bare Vert.x: fixed JSON body, R3's size",
    "B-R4": "bare Vert.x: fixed JSON body, R4's size",
    "R4-name": "xreg: GET /schemagroups/big/schemas?filter=name=resource <random>",
    "R4-prefix": "xreg: GET /schemagroups/big/schemas?filter=name=resource <random 10,000..99,999>*",
    "R4-label": "xreg: GET /schemagroups/big/schemas?filter=labels.k=<random 0..99>",
    "B-R4-name": "bare Vert.x: fixed JSON body, R4-name's size",
    "B-R4-prefix": "bare Vert.x: fixed JSON body, R4-prefix's size",
    "B-R4-label": "bare Vert.x: fixed JSON body, R4-label's size",
    "PG-N": "pgbench -N (simple update), -c 32 -j 1, prepared",
    "PG-S": "pgbench -S (select only), -c 32 -j 1, prepared",
    "PG-R3": "PostgreSQL floor of R3: pgbench replays lib/floor_r3.sql (page of 101 meta rows + default Versions, count), -M prepared",
    "PG-R4": "PostgreSQL floor of R4: pgbench replays lib/floor_r4.sql (ID index probe + default Version), -M extended (planned per value)",
    "PG-R4-name": "PostgreSQL floor of R4-name: pgbench replays lib/floor_r4_name.sql (default-name index probe, V13), -M extended (planned per value)",
    "PG-R4-prefix": "PostgreSQL floor of R4-prefix: pgbench replays lib/floor_r4_prefix.sql (default-name index range, V13), -M extended (planned per value)",
    "PG-R1-miss": "PostgreSQL floor of R1-miss: pgbench replays lib/floor_r1_miss.sql (the GET's one statement as xreg sends it), -M prepared",
    "PG-I1": "PostgreSQL floor of I1: pgbench replays lib/floor_i1.sql (one transaction per 1,000 Resources: ID probe, meta rows + feed, Version rows + feed, xref probe), -c 1, -M prepared",
    "PG-W1": "PostgreSQL floor of W1: pgbench replays lib/floor_w1.sql (the PATCH's 8 statements as xreg sends them), -M prepared",
    "PG-W2": "PostgreSQL floor of W2: pgbench replays lib/floor_w2.sql (the POST's 9 statements as xreg sends them), -M prepared",
    "PG-R4-label": "PostgreSQL floor of R4-label: pgbench replays lib/floor_r4_label.sql (default-labels index, V13: page of 1,001 + count), -M extended (planned per value)",
    "I1": "xreg: POST / with the import document",
    "R1-miss": "xreg with XREG_CACHE_MAX_BYTES=0: the R1 request",
    "B-PG": "bare Vert.x + one prepared primary-key SELECT of a row of R1's size (benchpg.bpg_r1, random ids)",
    "O1": "xreg: GET /v2/bench/o1/blobs/<digest>, 8 connections (disk store)",
    "B-O1": "bare Vert.x: sendFile of the same file, 8 connections",
    "O3-tag": "xreg: GET /v2/bench/o1/manifests/latest",
    "B-PG-O3": "bare Vert.x + one prepared primary-key SELECT of a row of the manifest's size",
    "O3-digest": "xreg: GET /v2/bench/o1/manifests/<digest>",
    "B-O3": "bare Vert.x: fixed body of the manifest's size",
    "C1": "xreg: GET /cnr/api/v1/packages/bench/c1/1.0.0/helm/pull",
    "B-C1": "bare Vert.x: fixed body of the package's size",
    "O2": "xreg: 8 parallel single-POST pushes of distinct layers (disk store)",
    "DD": "dd conv=fsync of the same bytes onto xreg's data disk, 8 parallel",
    "O1-S3": "xreg on s3proxy: O1's GET, 8 connections",
    "B-O1-2": "B-O1 again, interleaved with O1-S3",
    "O2-S3": "xreg on s3proxy: O2's pushes",
    "DD-2": "DD again, interleaved with O2-S3",
    "E1": "xreg: events delivered to a loopback webhook during W1 (events/s; lag commit to receipt)",
}


def med(xs):
    return statistics.median(xs) if xs else None


def summarize(runs):
    by = {}
    for r in runs:
        by.setdefault(r["scenario"], []).append(r)
    out = {}
    for sid, rs in by.items():
        kind = rs[0]["kind"]
        if kind == "wrk":
            rps = [r["rps"] for r in rs]
            errors = sum(r["err_status"] + r["err_timeout"] + r["err_connect"] + r["err_read"] + r["err_write"]
                         for r in rs)
            out[sid] = {"kind": kind, "reps": len(rs), "rps_median": round(med(rps), 1),
                        "rps_min": round(min(rps), 1), "rps_max": round(max(rps), 1),
                        "rps_stdev": round(statistics.stdev(rps), 1) if len(rps) > 1 else 0.0,
                        "p50_ms": round(med([r["p50_us"] for r in rs]) / 1000, 3),
                        "p99_ms": round(med([r["p99_us"] for r in rs]) / 1000, 3),
                        "p99_ms_max": round(max(r["p99_us"] for r in rs) / 1000, 3),
                        "requests": sum(r["requests"] for r in rs), "errors": errors,
                        "status_errors": sum(r["err_status"] for r in rs),
                        "server_cpu_pct": med([r["server_cpu_pct"] for r in rs]),
                        "pg_cpu_pct": med([r["pg_cpu_pct"] for r in rs])}
            if all("bytes_per_s" in r for r in rs):
                bps = [r["bytes_per_s"] for r in rs]
                out[sid].update({"bytes_per_s_median": round(med(bps), 1), "bytes_per_s_min": round(min(bps), 1),
                                 "bytes_per_s_max": round(max(bps), 1)})
            if any("extra_cpu_pct" in r for r in rs):
                out[sid]["extra_cpu_pct"] = med([r["extra_cpu_pct"] for r in rs if "extra_cpu_pct" in r])
        elif kind == "xfer":
            bps = [r["bytes_per_s"] for r in rs]
            out[sid] = {"kind": kind, "reps": len(rs), "bytes_per_s_median": round(med(bps), 1),
                        "bytes_per_s_min": round(min(bps), 1), "bytes_per_s_max": round(max(bps), 1),
                        "bytes": sum(r["bytes"] for r in rs), "errors": sum(r["errors"] for r in rs),
                        "server_cpu_pct": med([r["server_cpu_pct"] for r in rs]),
                        "pg_cpu_pct": med([r["pg_cpu_pct"] for r in rs])}
            if any("extra_cpu_pct" in r for r in rs):
                out[sid]["extra_cpu_pct"] = med([r["extra_cpu_pct"] for r in rs if "extra_cpu_pct" in r])
        elif kind == "pgbench":
            tps = [r["tps"] for r in rs]
            out[sid] = {"kind": kind, "reps": len(rs), "rps_median": round(med(tps), 1),
                        "rps_min": round(min(tps), 1), "rps_max": round(max(tps), 1),
                        "rps_stdev": round(statistics.stdev(tps), 1) if len(tps) > 1 else 0.0,
                        "mean_latency_ms": med([r["latency_ms"] for r in rs if r["latency_ms"] is not None]),
                        "pg_cpu_pct": med([r["pg_cpu_pct"] for r in rs if r.get("pg_cpu_pct") is not None]),
                        "errors": sum(r["failed"] for r in rs)}
        else:
            out[sid] = dict(rs[-1])
    return out


def evaluate(s, mode, sections=("core", "oci")):
    checked = mode == "full"
    results = []

    def status(ok):
        return ("PASS" if ok else "MISS") if checked else "not checked (smoke)"

    if "oci" in sections:
        results += evaluate_oci(s, status)
    if "core" not in sections and "writes" not in sections:
        return results + i1_rows(s, status) if "import" in sections else results
    only_writes = "core" not in sections
    for tid, desc, _, num, den, thr in TARGETS:
        if only_writes and tid not in WRITE_TARGETS:
            continue
        a, b = s.get(num), s.get(den)
        if a and a.get("kind") == "na":
            results.append({"id": tid, "target": f">= {thr:.2f} x {den}", "description": desc, "status": "N/A",
                            "detail": f"{a['reason']} ({a['evidence']})"})
            continue
        if not a or not b:
            results.append({"id": tid, "target": f">= {thr:.2f} x {den}", "description": desc, "status": "ERROR",
                            "detail": "scenario or baseline did not run"})
            continue
        if a.get("errors"):
            results.append({"id": tid, "target": f">= {thr:.2f} x {den}", "description": desc, "status": "ERROR",
                            "detail": f"{a['errors']} failed requests"})
            continue
        if b["rps_median"] <= 0:
            # the baseline finished nothing in its window (a starved machine): no ratio to give
            results.append({"id": tid, "target": f">= {thr:.2f} x {den}", "description": desc, "status": "N/A",
                            "detail": "the baseline measured 0; machine too busy for a ratio"})
            continue
        ratio = a["rps_median"] / b["rps_median"]
        results.append({"id": tid, "target": f">= {thr:.2f} x {den}", "description": desc,
                        "measured": f"{a['rps_median']:.0f} / {b['rps_median']:.0f}", "ratio": round(ratio, 3),
                        "status": status(ratio >= thr)})
    for tid, floor in FLOORS:
        row = floor_row(s, tid, floor)
        if row:
            results.append(row)
    if only_writes:
        return results
    results += i1_rows(s, status)
    m1 = s.get("M1")
    if m1:
        mb = m1["max_kb"] / 1024
        results.append({"id": "M1", "target": "<= 300 MB", "description": "xreg JVM RSS during R1 (max of samples)",
                        "measured": f"{mb:.0f} MB (median {m1['median_kb'] / 1024:.0f} MB, {m1['samples']} samples)",
                        "status": status(mb <= 300)})
    r1, w1 = s.get("R1"), s.get("W1")
    if r1 and w1 and r1.get("kind") == "wrk" and w1.get("kind") == "wrk":
        ok = r1["p99_ms"] <= 5 and w1["p99_ms"] <= 20
        results.append({"id": "L1", "target": "R1 p99 <= 5 ms and W1 p99 <= 20 ms",
                        "description": "p99 latency at 32 connections (median of the repetitions' p99)",
                        "measured": f"R1 {r1['p99_ms']:.2f} ms, W1 {w1['p99_ms']:.2f} ms",
                        "status": status(ok)})
    return results


def i1_rows(s, status):
    """I1 and, when it ran, its PostgreSQL floor."""
    floor = i1_floor_row(s)
    return [evaluate_i1(s, status)] + ([floor] if floor else [])


def evaluate_i1(s, status):
    """I1: the import's rate and heap bound (run by the core section and by --only import)."""
    i1 = s.get("I1")
    row = {"id": "I1", "target": ">= 20000 Resources/s, heap <= 256 MB", "description": "import through POST /"}
    if not i1:
        return {**row, "status": "ERROR", "detail": "did not run"}
    if i1.get("kind") == "error":
        return {**row, "status": "ERROR",
                "detail": f"POST / answered {i1['status']} after {i1['seconds']} s: {i1['body'][:300]}"}
    if i1.get("kind") == "na":
        return {**row, "status": "N/A", "detail": f"{i1['reason']} ({i1['evidence']})"}
    # The heap bound is the server's -Xmx (xmx_mb): completing under it is the heap target.
    # Older results (no xmx_mb) sampled the used heap of an unbounded JVM instead.
    xmx = i1.get("xmx_mb")
    heap_ok = xmx <= 256 if xmx else (i1["peak_heap_used_mb"] or 0) <= 256
    if i1.get("gcs") == 0:
        heap = f"at -Xmx{xmx}m, no GC during the import"
    elif xmx:
        heap = (f"at -Xmx{xmx}m, peak heap {i1['peak_heap_used_mb']} MB, live after GC "
                f"{i1['peak_live_heap_mb']} MB ({i1['gcs']} GCs)")
    else:
        heap = f"peak heap {i1['peak_heap_used_mb']} MB"
    ok = i1["resources_per_s"] >= 20000 and heap_ok
    cpu = ""
    if i1.get("jvm_cpu_s") is not None:  # older results have no CPU split
        cpu = f"; CPU: xreg JVM {i1['jvm_cpu_s']} s, PostgreSQL {i1['pg_cpu_s']} s"
    return {**row, "measured": f"{i1['resources_per_s']:.0f} Resources/s ({i1['resources']} in {i1['seconds']} s), {heap}{cpu}",
            "status": status(ok)}


def i1_floor_row(s):
    """Info: the Resources/s PostgreSQL alone writes with the import's SQL (PG-I1: batches of 1,000, one client)."""
    f = s.get("PG-I1")
    if not f or f.get("kind") != "pgbench":
        return None
    rate = f["rps_median"] * 1000
    return {"id": "I1 floor", "target": "none (info)",
            "description": "PostgreSQL alone on the import's SQL (PG-I1, batches of 1,000 Resources, one client)",
            "measured": f"{rate:.0f} Resources/s ({f['rps_median']:.1f} batches/s); the target needs 20000",
            "ratio": round(rate / 20000, 3), "status": "info"}


def floor_row(s, tid, floor):
    """Info: what PostgreSQL alone answers for a target's least SQL, against what the target needs."""
    spec = next((t for t in TARGETS + OCI_TARGETS if t[0] == tid), None)
    f, b = s.get(floor), s.get(spec[4]) if spec else None
    if not f or not b or f.get("kind") != "pgbench" or not b.get("rps_median"):
        return None
    needs = spec[5] * b["rps_median"]
    return {"id": f"{tid} floor", "target": "none (info)",
            "description": f"PostgreSQL alone on {tid}'s least SQL ({floor}) vs what {tid}'s target needs",
            "measured": f"{f['rps_median']:.0f} tps = {f['rps_median'] / b['rps_median']:.3f} x {spec[4]}; "
                        f"the target needs {needs:.0f} req/s ({spec[5]:.2f} x {spec[4]})",
            "ratio": round(f["rps_median"] / b["rps_median"], 3), "status": "info"}


def ratio_row(s, tid, desc, metric, num, den, target):
    """One same-run ratio num/den, by req/s or (metric "bytes") by bytes/s; None when it cannot be given."""
    a, b = s.get(num), s.get(den)
    row = {"id": tid, "target": target, "description": desc}
    if not a or not b:
        return {**row, "status": "ERROR", "detail": "scenario or baseline did not run"}
    if a.get("errors") or b.get("errors"):
        return {**row, "status": "ERROR", "detail": f"{a.get('errors', 0)} / {b.get('errors', 0)} failed requests"}
    key = "bytes_per_s_median" if metric == "bytes" else "rps_median"
    if not b.get(key):
        return {**row, "status": "N/A", "detail": "the baseline measured 0; machine too busy for a ratio"}
    if metric == "bytes":
        row["measured"] = f"{a[key] / 1e6:.0f} / {b[key] / 1e6:.0f} MB/s"
    else:
        row["measured"] = f"{a[key]:.0f} / {b[key]:.0f}"
    row["ratio"] = round(a[key] / b[key], 3)
    return row


def evaluate_oci(s, status):
    results = []
    for tid, desc, metric, num, den, thr in OCI_TARGETS:
        row = ratio_row(s, tid, desc, metric, num, den, f">= {thr:.2f} x {den}")
        if "ratio" in row:
            row["status"] = status(row["ratio"] >= thr)
        results.append(row)
    for tid, floor in OCI_FLOORS:
        row = floor_row(s, tid, floor)
        if row:
            results.append(row)
    mem = s.get("MEM")
    target = f"RSS <= {MEM_LIMIT_MB} MB with -Xmx256m"
    if not mem:
        results.append({"id": "MEM", "target": target, "description": "push and pull of one big blob",
                        "status": "ERROR", "detail": "did not run"})
    else:
        peak = max(mem["max_rss_kb"] or 0, mem["vmhwm_kb"]) / 1024
        results.append({"id": "MEM", "target": target,
                        "description": f"push and pull of a {mem['blob_mib']} MiB blob",
                        "measured": f"VmHWM {mem['vmhwm_kb'] / 1024:.0f} MB, max sampled VmRSS "
                                    f"{(mem['max_rss_kb'] or 0) / 1024:.0f} MB ({mem['samples']} samples); push "
                                    f"{mem['push_s']} s, pull {mem['pull_s']} s",
                        "status": status(peak <= MEM_LIMIT_MB)})
    for tid, desc, metric, num, den in OCI_INFO:
        row = ratio_row(s, tid, desc, metric, num, den, f"none (info) vs {den}")
        if "ratio" in row:
            row["status"] = "info"
            row["measured"] += f"; s3proxy CPU {fmt(s[num].get('extra_cpu_pct'))}% of a core, xreg JVM " \
                               f"{fmt(s[num].get('server_cpu_pct'))}%"
        results.append(row)
    return results


def fmt(v, spec=".0f"):
    return "-" if v is None else format(v, spec)


def markdown(meta, s, targets, profiles, mode):
    m = meta["machine"]
    L = [f"# xreg benchmark results, {meta['date'][:10]} ({mode})", ""]
    L += ["Produced by `bench/run.sh`" + (" --smoke" if mode == "smoke" else "") + "; see `bench/README.md` for"
          " what each scenario measures and how to read this file.", ""]
    L += ["## Machine and settings", "",
          f"- Machine: {m['nproc']} CPUs ({m['cpu_model']}), {m['ram_gib']} GiB RAM, kernel {m['kernel']}",
          f"- JVM: {meta['jvm']}",
          f"- JVM ergonomics under the server pinning: {meta['jvm_flags']}",
          f"- xreg JVM options: {meta['xreg_java_opts']}; {meta['xreg_env']}",
          f"- PostgreSQL (embedded, zonky): {meta['postgres']}; {meta['pgbench']}; {meta['wrk']}",
          f"- Pinning: server (xreg JVM + its embedded PostgreSQL, or the baseline) on CPU "
          f"{meta['pinning']['server_cpu']}; wrk/pgbench on CPU {meta['pinning']['load_cpu']}",
          f"- Load: {meta['run']['connections']} connections, wrk -t1; warm-up {meta['run']['warmup_s']} s, then "
          f"{meta['run']['reps']} x {meta['run']['duration_s']} s measured per scenario"
          + ("; a JFR window between warm-up and measurement (never during measured runs)" if meta['run']['profile']
             else ""),
          f"- Sizes: R1/W1/W2 {meta['sizes']['resources']} Resources; R2 {meta['sizes']['docs']} 1 KB documents; "
          f"R3/R4 big Group {meta['sizes']['big']} Resources"
          + (" (Resource 0 through the API, the rest by the documented SQL bulk seed)"
             if meta['sizes']['big_sql_seeded'] else " (through the API)")
          + f"; I1 {meta['sizes']['import']} Resources",
          f"- Sections run: {meta.get('sections', 'core')}"
          + (f"; OCI rows: blobs {meta['sizes']['oci_blob_mib']} MiB, {meta['sizes']['oci_parallel']} parallel clients, "
             f"S3 rows' blobs {meta['sizes'].get('oci_s3_mib')} MiB, MEM blob {meta['sizes']['oci_mem_mib']} MiB, C1 package {meta['sizes']['c1_kb']} KiB of random data"
             if 'oci' in meta.get('sections', '') else ""),
          f"- Seeding through the API (bulk POST of 500-Resource maps, sequential): "
          f"{meta['seed']['api_seed_resources']} Resources in {meta['seed']['api_seed_seconds']} s = "
          f"{meta['seed']['api_seed_resources_per_s']} Resources/s; SQL bulk seed {meta['seed']['sql_seed_seconds']} s",
          f"- Commit: {meta['git'].splitlines()[0] if meta['git'] else '?'}",
          f"- JIT warm-up before any measurement: {meta['run'].get('jit_warmup_s', 0)} s each of R1, R2 and W1 load",
          f"- Load on the machine: before xreg started (background) loadavg {meta['load_at_start']['loadavg']},"
          f" PSI {meta['load_at_start']['cpu_pressure']}; after the last row (the run's own load included) loadavg {meta.get('load_at_end', {}).get('loadavg')},"
          f" PSI {meta.get('load_at_end', {}).get('cpu_pressure')}", ""]
    L += ["## Targets", "", "| id | target | measured | ratio | status |", "|---|---|---|---|---|"]
    for t in targets:
        L.append(f"| {t['id']} | {t['target']} | {t.get('measured', t.get('detail', ''))} | "
                 f"{fmt(t.get('ratio'), '.3f')} | **{t['status']}** |")
    L += ["", "## Scenarios", "",
          "Throughput is req/s (wrk) or tps (pgbench): median over the repetitions, min-max and stdev."
          " Latency: median over repetitions of wrk's p50/p99. CPU: share of one core used by the"
          " server JVM / by all PostgreSQL processes during the measured runs (median).", "",
          "| scenario | what | median | min-max | stdev | p50 ms | p99 ms | JVM CPU % | PG CPU % | errors |",
          "|---|---|---|---|---|---|---|---|---|---|"]
    for sid, v in s.items():
        if sid in TRANSFER:
            continue
        if v.get("kind") in ("wrk", "pgbench"):
            p50 = fmt(v.get("p50_ms"), ".2f")
            p99 = fmt(v.get("p99_ms"), ".2f")
            if v["kind"] == "pgbench":
                p50 = f"mean {fmt(v.get('mean_latency_ms'), '.2f')}"
            L.append(f"| {sid} | {WHAT.get(sid, '')} | {v['rps_median']:.0f} | {v['rps_min']:.0f}-{v['rps_max']:.0f} "
                     f"| {v['rps_stdev']:.0f} | {p50} | {p99} | {fmt(v.get('server_cpu_pct'))} | "
                     f"{fmt(v.get('pg_cpu_pct'))} | {v['errors']} |")
        elif v.get("kind") == "na":
            L.append(f"| {sid} | {WHAT.get(sid, '')} | N/A ({v['reason']}) | | | | | | | |")
        elif v.get("kind") == "events":
            L.append(f"| {sid} | {WHAT.get(sid, '')} | {fmt(v.get('events_per_s'))} events/s | drain "
                     f"{v.get('drain_s')} s | | lag {fmt(v.get('lag_p50_ms'), '.1f')} | lag {fmt(v.get('lag_p99_ms'), '.1f')}"
                     f" | | | 0 |")
        elif v.get("kind") == "error":
            L.append(f"| {sid} | {WHAT.get(sid, '')} | ERROR (HTTP {v['status']} after {v['seconds']} s) | | | | | | | 1 |")
    xfer = {sid: v for sid, v in s.items() if sid in TRANSFER and v.get("bytes_per_s_median") is not None}
    if xfer:
        L += ["", "## Transfer rows (bytes/s)", "",
              "MB/s = 10^6 bytes/s: median over the repetitions (wrk: bytes read / window, partial responses"
              " included; push and dd rows: the fixed bytes / wall time of the run). CPU: share of one core"
              " (median); \"other\" is s3proxy on the S3 rows.", "",
              "| scenario | what | MB/s median | min-max | server CPU % | PG CPU % | other CPU % | errors |",
              "|---|---|---|---|---|---|---|---|"]
        for sid, v in xfer.items():
            L.append(f"| {sid} | {WHAT.get(sid, '')} | {v['bytes_per_s_median'] / 1e6:.0f} | "
                     f"{v['bytes_per_s_min'] / 1e6:.0f}-{v['bytes_per_s_max'] / 1e6:.0f} | "
                     f"{fmt(v.get('server_cpu_pct'))} | {fmt(v.get('pg_cpu_pct'))} | {fmt(v.get('extra_cpu_pct'))} | "
                     f"{v['errors']} |")
    L += ["", "## Features detected (by behaviour on a 3-Resource probe Group)", ""]
    for k, v in meta["features"]["features"].items():
        if isinstance(v, dict) and "supported" in v:
            L.append(f"- `{k}`: {'yes' if v['supported'] else 'no'} ({v['evidence']})")
    caps = meta["features"]["features"].get("capabilities")
    if caps:
        L.append(f"- `/capabilities` says: flags {caps.get('flags')}, pagination {caps.get('pagination')}")
    if profiles:
        L += ["", "## JFR profiles (xreg JVM, CPU samples of the profiling window)", ""]
        for sid, p in profiles.items():
            if not p.get("samples"):
                continue
            L += [f"### {sid}: {p['samples']} samples", "",
                  "- Threads: " + ", ".join(f"{k} {v}%" for k, v in p["threads"].items()),
                  "- Self time by subsystem: " + ", ".join(f"{k} {v}%" for k, v in p["self_by_subsystem"].items()),
                  "- Inclusive (share of samples with a frame in): "
                  + ", ".join(f"{k} {v}%" for k, v in p["inclusive"].items()),
                  "- Top self frames: " + "; ".join(f"`{f}` {c}%" for f, c in p["self"][:10]),
                  "- Top xreg frames (inclusive): " + "; ".join(f"`{f}` {c}%" for f, c in p["xreg_inclusive"][:10]),
                  ""]
    L += ["", "## Analysis of misses", "", "_Written by hand after the run; see below._", ""]
    return "\n".join(L) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--meta", required=True)
    ap.add_argument("--runs", required=True)
    ap.add_argument("--profiles", required=True)
    ap.add_argument("--md", required=True)
    ap.add_argument("--json", required=True)
    ap.add_argument("--mode", default="full")
    ap.add_argument("--sections", default="core oci")
    a = ap.parse_args()
    meta = json.load(open(a.meta))
    runs = [json.loads(l) for l in open(a.runs) if l.strip()]
    s = summarize(runs)
    targets = evaluate(s, a.mode, a.sections.split())
    profiles = {}
    for f in sorted(glob.glob(os.path.join(a.profiles, "profile-*.json"))):
        try:
            profiles[os.path.basename(f)[8:-5]] = json.load(open(f))
        except ValueError:
            pass
    with open(a.json, "w") as fh:
        json.dump({"meta": meta, "scenarios": s, "targets": targets, "profiles": profiles, "runs": runs}, fh,
                  indent=2)
    with open(a.md, "w") as fh:
        fh.write(markdown(meta, s, targets, profiles, a.mode))
    broken = [sid for sid, v in s.items() if v.get("errors") or v.get("kind") == "error"]
    for t in targets:
        print(f"{t['id']}: {t['status']} {t.get('measured', t.get('detail', ''))} ratio={t.get('ratio', '-')}")
    if broken:
        print(f"scenarios with failed requests: {broken}")
        return 3
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
