#!/usr/bin/env python3
"""bench/run.sh, OCI rows: makes blob files of distinct content and prints their digests.

  blobs.py make DIR PREFIX COUNT MIB TAG
      writes DIR/PREFIX-<i>.bin (i = 1..COUNT), each MIB MiB: one random base (DIR/.base-MIB,
      made once) whose first 64 bytes are replaced by a header naming TAG and i, so every file
      has distinct content (a registry that deduplicates by digest must store each one) while
      the random base is generated only once. Prints one JSON line per file: path, digest, size.
  blobs.py package DIR KB
      a tar.gz App Registry package (a Helm chart directory holding Chart.yaml and KB KiB of
      random data, so the tar.gz is about KB KiB); prints its path and size.
"""
import hashlib
import io
import json
import os
import sys
import tarfile

CHUNK = 1 << 20
HEADER = 64


def base(dir_, mib):
    path = os.path.join(dir_, f".base-{mib}")
    if not os.path.exists(path):
        with open(path + ".tmp", "wb") as f:
            for _ in range(mib):
                f.write(os.urandom(CHUNK))
        os.replace(path + ".tmp", path)
    return path


def make(dir_, prefix, count, mib, tag):
    os.makedirs(dir_, exist_ok=True)
    src = base(dir_, mib)
    for i in range(1, count + 1):
        path = os.path.join(dir_, f"{prefix}-{i}.bin")
        header = f"xreg-bench {tag} {i} ".encode().ljust(HEADER, b".")
        h = hashlib.sha256()
        with open(src, "rb") as fin, open(path, "wb") as fout:
            first = bytearray(fin.read(CHUNK))
            first[:HEADER] = header
            while first:
                fout.write(first)
                h.update(first)
                first = fin.read(CHUNK)
        print(json.dumps({"path": path, "digest": "sha256:" + h.hexdigest(), "size": os.path.getsize(path)}))


def package(dir_, kb):
    os.makedirs(dir_, exist_ok=True)
    path = os.path.join(dir_, "c1-1.0.0.tgz")
    with tarfile.open(path, "w:gz") as tar:
        for name, data in (("c1/Chart.yaml", b"apiVersion: v2\nname: c1\nversion: 1.0.0\n"),
                           ("c1/files/random.bin", os.urandom(kb * 1024))):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = 0
            tar.addfile(info, io.BytesIO(data))
    print(json.dumps({"path": path, "size": os.path.getsize(path)}))


def main():
    cmd = sys.argv[1]
    if cmd == "make":
        make(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), sys.argv[6])
    elif cmd == "package":
        package(sys.argv[2], int(sys.argv[3]))
    else:
        raise SystemExit(f"unknown command {cmd}")


if __name__ == "__main__":
    main()
