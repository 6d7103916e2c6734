"""`imrf-briefs serve` latency for bench/compare.sh: from a saved edit to the page's reload signal.

Usage: python3 serve_latency.py BIN DATA OUT. DATA is a scratch copy of data/ that this edits.
Starts `serve --port 0`, reads the URL it prints, then retitles one pledge implemented in Mexico,
back and forth, and times from the save until the live-reload endpoint (the long-poll the served
pages hold open) reports delegations/MEX.pdf changed: what an open preview of that brief waits
for before it reloads. Prints "median-ms-to-reload-signal edits".
"""
import json
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.request

binary, data, out = sys.argv[1:4]
pledges = os.path.join(data, "pledges", "imrf-2022.csv")
titles = ["Facilitating Dual Nationality, Preventing Statelessness",
          "Facilitating Dual Nationality and Preventing Statelessness"]
EDITS = 6

serve = subprocess.Popen([binary, "serve", "--port", "0", "--data", data, "--out", out],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
try:
    url = serve.stdout.readline().strip()  # printed once the first build is done
    if not url.startswith("http://127.0.0.1:"):
        sys.exit(f"serve: no URL (got {url!r})")

    def state(since):
        with urllib.request.urlopen(f"{url}__livereload?since={since}", timeout=60) as r:
            return json.load(r)

    generation = state(0)["generation"]
    latencies = []
    for i in range(EDITS):
        text = open(pledges, encoding="utf-8").read()
        old, new = titles[i % 2], titles[(i + 1) % 2]
        assert old in text, "the pledge to retitle is missing from the bundled data"
        signalled = {}

        def wait(since):
            # Long-polls until a build reports the brief changed, as the page's script does.
            while True:
                s = state(since)
                since = s["generation"]
                if "delegations/MEX.pdf" in s["changed"]:
                    signalled["at"], signalled["generation"] = time.perf_counter(), since
                    return

        poller = threading.Thread(target=wait, args=(generation,))
        poller.start()
        time.sleep(0.05)  # the long-poll is waiting, as an open page's is
        saved = time.perf_counter()
        with open(pledges, "w", encoding="utf-8") as f:
            f.write(text.replace(old, new))
        poller.join(60)
        if "at" not in signalled:
            sys.exit("serve: no reload signal within 60 s")
        latencies.append((signalled["at"] - saved) * 1000)
        generation = signalled["generation"]
        time.sleep(0.3)  # keep saves apart as an editor would
    print(f"{statistics.median(latencies):.0f} {EDITS}")
finally:
    serve.terminate()
    serve.wait()
