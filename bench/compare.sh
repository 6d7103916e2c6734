#!/usr/bin/env bash
# Benchmark: imrf-briefs against the tools a user would pick instead, on the same Typst sources,
# in one run on this machine. Prints wall times, ratios, parallel efficiency, cold single-brief
# time, no-change rebuild time and peak memory, each with its target.
#
#   bench/compare.sh                 # peers: the typst Python package (installed with pip if missing)
#   WITH_TYPST_CLI=1 bench/compare.sh  # also the typst CLI (cargo install typst-cli --locked if missing)
#   SCALE=1 bench/compare.sh         # also per-brief times at 39, 2,000 and 20,000 pledges
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS=$(nproc)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
python3 -c 'import typst' 2>/dev/null || pip install -q 'typst==0.15.*'
if [ "${WITH_TYPST_CLI:-0}" = 1 ] && ! command -v typst >/dev/null; then
  cargo install typst-cli --locked --version 0.15.1
fi
echo "building imrf-briefs (release)..." >&2
cargo build --release --quiet --bin imrf-briefs --example synth
BIN=target/release/imrf-briefs

now() { date +%s.%N; }
secs() { python3 -c "print(f'{$2 - $1:.3f}')"; }

# Ours: the full build, everything from scratch (--force), with per-stage timings and peak memory.
# This machine's timings vary by +-20% from run to run, so each wall time is the median of 3 runs.
for run in 1 2 3; do
  /usr/bin/time -v "$BIN" build --force -q --timings --jobs "$JOBS" --out "$WORK/ours" 2>"$WORK/ours.$run.log"
  wall=$(grep 'Elapsed (wall clock)' "$WORK/ours.$run.log" | awk '{print $NF}' | awk -F: '{print ($1 * 60) + $2}')
  echo "$wall $run"
done | sort -n > "$WORK/ours.runs"
read -r ours_wall median_run < <(sed -n 2p "$WORK/ours.runs")
ours_rss=$(cat "$WORK"/ours.*.log | grep 'Maximum resident set size' | awk '{print $NF}' | sort -n | tail -1)
timings=$(grep '^timings:' "$WORK/ours.$median_run.log")
briefs=$(find "$WORK/ours" -name '*.pdf' | wc -l)

# The same sources for the peers.
"$BIN" build --force -q --format typ --out "$WORK/typ"
(cd "$WORK/typ" && find . -name '*.typ' -not -path './lib/*' | sed 's|^\./||' | sort) > "$WORK/files"

# Peer 2: the typst Python package, one reused Compiler per process, $JOBS processes (median of 3).
split -n "r/$JOBS" "$WORK/files" "$WORK/part."
py_wall=$(for run in 1 2 3; do
  rm -rf "$WORK/py"
  t0=$(now)
  for part in "$WORK"/part.*; do
    python3 bench/peer_python.py "$WORK/typ" "$WORK/typ/fonts" "$WORK/py" $(cat "$part") &
  done
  wait
  secs "$t0" "$(now)"
done | sort -n | sed -n 2p)

# Peer 1: the typst CLI, one process per brief, $JOBS at a time (median of 3).
cli_wall=""
if command -v typst >/dev/null; then
  while read -r f; do mkdir -p "$WORK/cli/$(dirname "$f")"; done < "$WORK/files"
  cli_wall=$(for run in 1 2 3; do
    t0=$(now)
    (cd "$WORK/typ" && xargs -P "$JOBS" -I{} typst compile --root . --font-path fonts --ignore-system-fonts {} "$WORK/cli/{}.pdf" < "$WORK/files")
    secs "$t0" "$(now)"
  done | sort -n | sed -n 2p)
fi

# Cold process, one brief (median of 5).
cold=$(for _ in 1 2 3 4 5; do t0=$(now); "$BIN" build --only 5 --force -q --out "$WORK/one"; secs "$t0" "$(now)"; done | sort -n | sed -n 3p)
# No-change rebuild of everything.
t0=$(now); "$BIN" build -q --out "$WORK/ours"; nochange=$(secs "$t0" "$(now)")

python3 - "$ours_wall" "$py_wall" "${cli_wall:-0}" "$ours_rss" "$cold" "$nochange" "$JOBS" "$briefs" "$timings" <<'PY'
import re, sys
ours, py, cli, rss, cold, nochange, jobs, briefs, timings = sys.argv[1:]
ours, py, cli, cold, nochange = map(float, (ours, py, cli, cold, nochange))
jobs, briefs, rss_mb = int(jobs), int(briefs), int(rss) / 1024
stage = {k: float(v) for k, v in re.findall(r"(\w+) ([\d.]+) ms", timings)}
eff = (stage.get("compile", 0) + stage.get("export", 0)) / 1000 / (jobs * ours)
def row(name, value, target, ok):
    print(f"{name:<44} {value:>14}   target {target:<12} {'ok' if ok else 'MISSED'}")
print(f"{briefs} briefs, {jobs} jobs; per-stage totals: {timings.removeprefix('timings: ')}")
row("imrf-briefs build --force (wall)", f"{ours:.2f} s", "", True)
row("peer 2: typst Python package (wall)", f"{py:.2f} s", "", True)
row("  ratio peer 2 / ours", f"{py / ours:.2f}x", ">= 1.3x", py / ours >= 1.3)
if cli:
    row("peer 1: typst CLI, xargs -P (wall)", f"{cli:.2f} s", "", True)
    row("  ratio peer 1 / ours", f"{cli / ours:.2f}x", ">= 2x", cli / ours >= 2)
else:
    print("peer 1: typst CLI not installed (WITH_TYPST_CLI=1 installs it)")
row("parallel efficiency (compile+export)/(jobs*wall)", f"{eff:.2f}", ">= 0.85", eff >= 0.85)
row("cold process, one brief (median of 5)", f"{cold * 1000:.0f} ms", "<= 100 ms", cold <= 0.1)
row("no-change rebuild / full build", f"{nochange / ours * 100:.1f} %", "<= 5 %", nochange / ours <= 0.05)
row("peak memory, full build (max of 3)", f"{rss_mb:.0f} MB", "<= 300 MB", rss_mb <= 300)
PY

if [ "${SCALE:-0}" = 1 ]; then
  echo
  for n in 2000 20000; do
    target/release/examples/synth --pledges "$n" --out "$WORK/synth-$n" 2>/dev/null
    t0=$(now); "$BIN" check --data "$WORK/synth-$n" >/dev/null; load=$(secs "$t0" "$(now)")
    /usr/bin/time -v "$BIN" build --force -q --data "$WORK/synth-$n" --out "$WORK/out-$n" 2>"$WORK/scale.log"
    wall=$(grep 'Elapsed (wall clock)' "$WORK/scale.log" | awk '{print $NF}' | awk -F: '{print ($1 * 60) + $2}')
    rss=$(grep 'Maximum resident set size' "$WORK/scale.log" | awk '{print $NF}')
    pages=$(python3 -c "import json;print(sum(b['pages'] for b in json.load(open('$WORK/out-$n/manifest.json'))['briefs']))")
    printf '%6s pledges: load+check %.3f s; build %.1f s (%.1f ms per brief, %s pages); peak memory %d MB (target < 500 MB)\n' \
      "$n" "$load" "$wall" "$(python3 -c "print($wall * 1000 / $briefs)")" "$pages" "$((rss / 1024))"
  done
  printf '%6s pledges: build %.1f s (%.1f ms per brief)\n' 39 "$ours_wall" "$(python3 -c "print($ours_wall * 1000 / $briefs)")"
fi
