#!/usr/bin/env bash
# Runs every Switchboard benchmark, one part after the other on a quiet machine, and writes bench/RESULTS.md:
# start to ready and memory, routing over HTTP (wrk), the escalation lifecycle against Flowable and Camunda with
# pgbench's commit ceiling, the queue with a million open packets, routing in process against Aho–Corasick
# libraries, and how routing cost grows. Each part's raw output stays in bench/target/results.
#
# Usage: bench/run.sh [--quick]
#   --quick  every part with tiny windows (a few minutes in all): checks the pipeline, the figures mean nothing.
# Needs: a JDK 21+ (found like ./mvnw finds it), wrk, pgbench, PostgreSQL on 127.0.0.1:5432 (user postgres, or
# -Dbench.pg.url / -Dbench.pg.user in BENCH_JAVA_OPTS). A full run takes about 45 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/find-jdk.sh
sb_find_jdk || exit 1
java="$JAVA_HOME/bin/java"
quick=false
[ "${1-}" = "--quick" ] && quick=true

missing=""
command -v wrk > /dev/null || missing="$missing wrk"
command -v pgbench > /dev/null || missing="$missing pgbench(postgresql-client)"
if [ -n "$missing" ]; then
  echo "bench/run.sh: missing:$missing. On Debian: apt-get install wrk postgresql-client" >&2
  exit 1
fi
if ! pg_isready -q -h 127.0.0.1 -p 5432 2> /dev/null; then
  echo "bench/run.sh: PostgreSQL does not answer on 127.0.0.1:5432" >&2
  exit 1
fi

results=bench/target/results
rm -rf "$results"
mkdir -p "$results"
started=$(date +%s)
echo "== build"
./mvnw -q -B -pl core,store,server,bench -am package -DskipTests -Dspotless.check.skip=true

# Runs one part, keeps its output in $results/<name>.log and notes its command and duration for the report.
part() {
  local name=$1
  shift
  local t0
  t0=$(date +%s)
  echo "== $name: $*"
  "$@" 2>&1 | tee "$results/$name.log"
  local shown="${*/#$java/java}"
  printf '%s\t%s\t%s\n' "$name" $(($(date +%s) - t0)) "$shown" >> "$results/commands.tsv"
}

opts=(--enable-native-access=ALL-UNNAMED ${BENCH_JAVA_OPTS-})
cp=(-cp bench/target/benchmarks.jar)
if $quick; then
  startup=(--runs 2)
  http=(--warmup 3 --seconds 3 --rounds 1 --sustained 5)
  lifecycle=(--threads 1,4 --warmup 2 --seconds 3)
  jmh=(-wi 1 -w 1 -i 1 -r 1)
else
  startup=()
  http=()
  lifecycle=()
  jmh=()
fi

part startup "$java" "${opts[@]}" "${cp[@]}" dev.switchboard.bench.http.StartupBench "${startup[@]}" \
  --json "$results/startup.json" --report "$results/startup.md"
part http "$java" "${opts[@]}" "${cp[@]}" dev.switchboard.bench.http.HttpBench "${http[@]}" \
  --json "$results/http.json" --report "$results/http.md"
part lifecycle "$java" "${opts[@]}" "${cp[@]}" dev.switchboard.bench.lifecycle.LifecycleBench "${lifecycle[@]}" \
  --json "$results/lifecycle.json" --report "$results/lifecycle.md"
part queue "$java" "${opts[@]}" -jar bench/target/benchmarks.jar QueueBenchmark "${jmh[@]}" \
  -rf json -rff "$results/queue.json"
part routing "$java" "${opts[@]}" -jar bench/target/benchmarks.jar 'RoutingBenchmark\.' "${jmh[@]}" -prof gc \
  -rf json -rff "$results/routing.json"
part scaling "$java" "${opts[@]}" -jar bench/target/benchmarks.jar RoutingScalingBenchmark "${jmh[@]}" \
  -rf json -rff "$results/scaling.json"

"$java" "${opts[@]}" "${cp[@]}" dev.switchboard.bench.report.Report --results "$results" --out bench/RESULTS.md \
  --started "$started" --command "bench/run.sh${1:+ $1}"
