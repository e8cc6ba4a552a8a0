#!/usr/bin/env bash
# Start-to-ready time of `./switchboard serve` on a fresh SQLite data folder: from running the launcher until
# GET /health/ready first answers 200. The first run starts without the class-data archive (as right after a build)
# and the launcher's JVM writes one on exit; the later runs use it. Prints each run and the median of the later runs.
# Usage: bench/startup.sh [runs]   (build first: ./mvnw -B -pl server -am package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
port=18431
rm -f server/target/switchboard.jsa
times=()
for i in $(seq 0 "$runs"); do
  data=$(mktemp -d)
  start=$(date +%s%N)
  ./switchboard serve --port "$port" --data "$data" > /dev/null 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/health/ready"; do
    sleep 0.005
  done
  end=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$data"
  ms=$(( (end - start) / 1000000 ))
  if [ "$i" -eq 0 ]; then
    echo "first run (no class-data archive yet): ${ms} ms"
  else
    times+=("$ms")
    echo "run $i: ${ms} ms"
  fi
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
echo "median start to ready: ${median} ms over $runs runs"
