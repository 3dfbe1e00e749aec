#!/usr/bin/env bash
# Runs the benchmarks and prints their Markdown tables (record them in docs/BENCHMARKS.md).
#
#   infra/bench/run.sh api        submit latency vs the raw DynamoDB/SQS floor; submit-to-COMPLETED vs the engine
#   infra/bench/run.sh coldstart  Lambda cold starts from the shaded jars vs a plain handler; jar sizes
#   infra/bench/run.sh load       C concurrent clients x R requests end to end vs the engine alone
#   infra/bench/run.sh all        all three
#
# Builds the benchmark module and everything it depends on first (offline); SKIP_BUILD=1 uses what is built.
# Counts: BENCH_OPTS='-Dbench.submit.iterations=300 -Dbench.coldstart.runs=5 ...' (see the main classes).
set -euo pipefail

cd "$(dirname "$0")/../.."
what="${1:-all}"
case "$what" in
  api|coldstart|load|all) ;;
  *) echo "usage: $0 api|coldstart|load|all" >&2; exit 2 ;;
esac

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  mvn -q -B -o -DskipTests -pl infra/bench -am install
fi

bench_jar=infra/bench/target/sticker-bench-0.1.0-SNAPSHOT.jar
classpath="$bench_jar:$(cat infra/bench/target/classpath.txt)"
log_dir=infra/bench/target
# Functions log at INFO as on Lambda; the logs go to a file so that stdout holds only the tables.
logging=(-Dorg.slf4j.simpleLogger.defaultLogLevel=info -Dorg.slf4j.simpleLogger.showDateTime=true)

echo "Machine: $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p')), $(free -g | awk '/^Mem:/ {print $2}') GB RAM," \
  "$(java -version 2>&1 | head -1); load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%Y-%m-%dT%H:%MZ)"
echo

if [[ "$what" == api || "$what" == all ]]; then
  echo "Command: infra/bench/run.sh api   (log: $log_dir/bench-api.log)"
  echo
  # The engine renders 1024x1024 images: give it room, as the worker's 1769 MB Lambda does.
  java -Xmx2g "${logging[@]}" -Dorg.slf4j.simpleLogger.logFile="$log_dir/bench-api.log" ${BENCH_OPTS:-} \
    -cp "$classpath" dev.sticker.bench.ApiLatencyBench all
fi

if [[ "$what" == coldstart || "$what" == all ]]; then
  echo "Command: infra/bench/run.sh coldstart   (log: $log_dir/bench-coldstart.log)"
  echo
  java "${logging[@]}" -Dorg.slf4j.simpleLogger.logFile="$log_dir/bench-coldstart.log" ${BENCH_OPTS:-} \
    -cp "$classpath" dev.sticker.bench.ColdStartBench
fi
if [[ "$what" == load || "$what" == all ]]; then
  echo "Command: infra/bench/run.sh load   (log: $log_dir/bench-load.log)"
  echo
  # The collector ./sticker up runs the local cloud with.
  java -Xmx4g -XX:+UseParallelGC "${logging[@]}" -Dorg.slf4j.simpleLogger.logFile="$log_dir/bench-load.log" ${BENCH_OPTS:-} \
    -cp "$classpath" dev.sticker.bench.LoadBench
fi
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
