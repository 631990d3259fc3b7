#!/usr/bin/env bash
# Segmenter benchmarks. Usage:
#   segmenter-core/bench.sh throughput [--target=16384 --ratio=0.3 --method=longrecipe --repeats=3]
#   segmenter-core/bench.sh figure3    [--targets=81920,131072 --ratio=0.3 --anchor-types=NUM,PRON,AUX --max-skip=100]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl segmenter-core -am install -DskipTests
./mvnw -B -q -pl segmenter-core dependency:build-classpath -Dmdep.includeScope=runtime \
  -Dmdep.outputFile="$PWD/segmenter-core/target/bench-classpath.txt" >/dev/null
export OPT_OUT_TRACKING=true DJL_CACHE_DIR="$PWD/.cache/djl"
mkdir -p "$DJL_CACHE_DIR"
CP="segmenter-core/target/classes:$(cat segmenter-core/target/bench-classpath.txt)"
case "${1:-throughput}" in
  throughput) main=ThroughputBenchmark ;;
  figure3) main=Figure3Table ;;
  *) echo "usage: $0 throughput|figure3 [--key=value ...]" >&2; exit 2 ;;
esac
shift || true
exec java -Dai.djl.offline=true -cp "$CP" "dev.longrecipe.segmenter.bench.$main" "$@"
