"""`imrf-briefs watch` latency for bench/compare.sh: from a saved edit to the updated PDF.

Usage: python3 watch_latency.py BIN DATA OUT. DATA is a scratch copy of data/ that this edits.
Retitles one pledge implemented in Mexico, back and forth, and times from the save until
delegations/MEX.pdf is replaced and until the build is done (every affected brief in place, the
manifest and then the catalog page index.html written: the manifest is also rewritten while files
go in place, so the catalog page is what marks the end).
Prints "median-ms-to-pdf median-ms-to-done briefs-rebuilt"."""
import json
import os
import statistics
import subprocess
import sys
import time

binary, data, out = sys.argv[1:4]
pledges = os.path.join(data, "pledges", "imrf-2022.csv")
pdf = os.path.join(out, "delegations", "MEX.pdf")
manifest = os.path.join(out, "manifest.json")
catalog = os.path.join(out, "index.html")
titles = ["Facilitating Dual Nationality, Preventing Statelessness",
          "Facilitating Dual Nationality and Preventing Statelessness"]


def stamp(path):
    try:
        stat = os.stat(path)
        return stat.st_ino, stat.st_mtime_ns
    except FileNotFoundError:
        return None


def wait_change(path, before, deadline):
    while stamp(path) == before:
        if time.perf_counter() > deadline:
            sys.exit(f"watch: {path} did not change within 30 s")
        time.sleep(0.001)
    return time.perf_counter()


watch = subprocess.Popen([binary, "watch", "--data", data, "--out", out],
                         stderr=subprocess.DEVNULL)
try:
    wait_change(catalog, None, time.perf_counter() + 120)
    time.sleep(0.5)  # let the first build finish writing and the watcher take its snapshot
    to_pdf, to_manifest, rebuilt = [], [], 0
    for i in range(6):
        text = open(pledges, encoding="utf-8").read()
        old, new = titles[i % 2], titles[(i + 1) % 2]
        assert old in text, "the pledge to retitle is missing from the bundled data"
        pdf_before, catalog_before = stamp(pdf), stamp(catalog)
        saved = time.perf_counter()
        with open(pledges, "w", encoding="utf-8") as f:
            f.write(text.replace(old, new))
        deadline = saved + 30
        to_pdf.append((wait_change(pdf, pdf_before, deadline) - saved) * 1000)
        to_manifest.append((wait_change(catalog, catalog_before, deadline) - saved) * 1000)
        rebuilt = sum(b["status"] == "built" for b in json.load(open(manifest))["briefs"])
        time.sleep(0.3)  # the watcher polls; keep saves apart as an editor would
    print(f"{statistics.median(to_pdf):.0f} {statistics.median(to_manifest):.0f} {rebuilt}")
finally:
    watch.kill()
    watch.wait()
