#!/usr/bin/env bash
# Merge throughput benchmark: builds merger-core and its upstream modules, then runs MergeBenchmark.
# Usage: merger-core/bench.sh [work dir, default merger-core/target/bench] [GB per model, default 2] [--keep]
# MERGE_BENCH_XMX (default 512m) caps the heap: every method must fit it whatever the model size.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
./mvnw -q -B -pl merger-core -am install -DskipTests
./mvnw -q -B -pl merger-core dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
work="${1:-$root/merger-core/target/bench}"
shift || true
exec java -Xmx"${MERGE_BENCH_XMX:-512m}" -cp "merger-core/target/classes:$(cat merger-core/target/classpath.txt)" \
  dev.longrecipe.merger.MergeBenchmark "$work" "$@"
