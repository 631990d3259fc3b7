#!/usr/bin/env bash
# Greedy decoding throughput of the evaluator on the demo models (base L=256, reference L=1024): the same prompts
# one at a time (GreedyGenerator) and then batched (BatchedGreedyGenerator), back to back in one process; prints
# prompt and generated tokens/s of each, the speed-ups and whether the outputs are identical.
# usage: evaluator-core/bench.sh [THREADS] [BENCHMARK OPTIONS...]     (not a test)
#   e.g. evaluator-core/bench.sh 1 --prompts 32 --lengths 256,512,1024 --new-tokens 128 --batch 8 --eos none
set -euo pipefail
cd "$(dirname "$0")/.."
THREADS="${1:-1}"
shift || true
./mvnw -B -q -o -pl evaluator-core -am compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
CP="evaluator-core/target/classes:$(cat evaluator-core/target/bench.classpath)"
export OPT_OUT_TRACKING=true DJL_CACHE_DIR="$PWD/.cache/djl" OMP_NUM_THREADS="$THREADS" OPENBLAS_NUM_THREADS="$THREADS"
echo "# $(date -u +%FT%TZ) $(nproc --all) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), threads $THREADS"
java -Xmx2g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$THREADS" -Dai.djl.pytorch.num_interop_threads=1 \
  -cp "$CP" dev.longrecipe.evaluator.bench.DecodeBenchmark "$@" 2>/dev/null | grep --line-buffered -v "^\s*$"
echo "# done $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"
