#!/usr/bin/env bash
# The local system's standing budgets on this machine: `./productflow demo` wall time (<= 15 s with jars built)
# and `local` ready time (<= 10 s, the "local system ready in" line), N alternating runs against a reference
# checkout measured in the same minutes (e.g. a worktree of the commit before a change; its jars built).
#
#   bench/scripts/local_budgets.sh [--runs N] [--reference DIR]
#
# One warm-up run each first (it records the class data archives when the jars are new). Prints one line per
# run and one JSON line with best/median per tree. Needs nothing but the launcher (./productflow).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs=3
reference=""
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --reference) reference="$(cd "$2" && pwd)"; shift 2 ;;
    *) echo "usage: $0 [--runs N] [--reference DIR]" >&2; exit 2 ;;
  esac
done

one_run() {  # tree -> "wall ready" in seconds
  local tree="$1" err start end
  err="$(mktemp)"
  start=$(date +%s%N)
  if ! "$tree/productflow" demo >/dev/null 2>"$err"; then
    echo "demo failed in $tree:" >&2; tail -5 "$err" >&2; rm -f "$err"; exit 1
  fi
  end=$(date +%s%N)
  ready=$(sed -n 's/.*local system ready in \([0-9.]*\) s.*/\1/p' "$err" | tail -1)
  rm -f "$err"
  awk -v s="$start" -v e="$end" -v r="${ready:-nan}" 'BEGIN { printf "%.2f %s\n", (e - s) / 1e9, r }'
}

trees=("$here")
[ -n "$reference" ] && trees+=("$reference")
for tree in "${trees[@]}"; do one_run "$tree" >/dev/null; done  # warm-up
declare -A walls readies
for i in $(seq 1 "$runs"); do
  for tree in "${trees[@]}"; do
    read -r wall ready < <(one_run "$tree")
    echo "run $i $tree: demo ${wall} s, local ready ${ready} s (load $(cut -d' ' -f1 /proc/loadavg))" >&2
    walls[$tree]+="$wall "
    readies[$tree]+="$ready "
  done
done
for tree in "${trees[@]}"; do
  python3 - "$tree" "${walls[$tree]}" "${readies[$tree]}" <<'PY'
import json, statistics, sys
tree, walls, readies = sys.argv[1], [float(x) for x in sys.argv[2].split()], [float(x) for x in sys.argv[3].split()]
print(json.dumps({"tree": tree, "demoBest": round(min(walls), 1), "demoMedian": round(statistics.median(walls), 1),
                  "readyBest": round(min(readies), 1), "readyMedian": round(statistics.median(readies), 1), "runs": len(walls)}))
PY
done
