#!/usr/bin/env bash
# The scheduled workflow's build steps, run here in a row: three shards (each into its cached
# folder), merge, binders and catalog. Prints the wall time of each step for four nights:
#   cold      no cache (a first run)
#   unchanged the caches restored, nothing changed
#   pledge    one pledge added (a fictional test record, in a scratch copy of the data)
#   template  one template edited (a comment added to the delegation template)
# On CI the shards run in parallel on their own runners; here they run one after another, so
# their sum overstates a run's wall time and their maximum is what the matrix waits for.
# Usage: bench/nightly.sh [BINARY]   (default target/release/imrf-briefs)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-target/release/imrf-briefs}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r data "$work/data"
cp -r templates "$work/templates"
cd "$work"
export SOURCE_DATE_EPOCH=1700000000

seconds() { # runs a command quietly, prints its wall time in seconds
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}

night() {
  local name=$1 s1 s2 s3 merge bind
  s1=$(seconds "$bin" build -q --shard 1/3 --memory-limit 1024 --out shard-1)
  s2=$(seconds "$bin" build -q --shard 2/3 --memory-limit 1024 --out shard-2)
  s3=$(seconds "$bin" build -q --shard 3/3 --memory-limit 1024 --out shard-3)
  # The merge job starts from the downloaded artifacts: a fresh output folder each night.
  rm -rf output
  merge=$(seconds "$bin" merge shard-1 shard-2 shard-3 --out output)
  bind=$(seconds "$bin" build -q --binder --out output)
  printf '%-10s %8.2f %8.2f %8.2f %8.2f %8.2f\n' "$name" "$s1" "$s2" "$s3" "$merge" "$bind"
}

printf '%-10s %8s %8s %8s %8s %8s\n' night shard-1 shard-2 shard-3 merge binders
night cold
night unchanged
# A fictional record (no country, an obviously made-up entity) added to the pledges.
printf '%s\n' 'bench-1,Benchmark pledge (fictional),Benchmark Test Entity (fictional),Other stakeholder,,,Individual,,5,,2022-05-20,https://example.org/bench,A fictional record added by bench/nightly.sh.,at the Forum' >> data/pledges/imrf-2022.csv
night pledge
printf '\n{# edited by bench/nightly.sh #}\n' >> templates/delegation.typ.j2
night template
