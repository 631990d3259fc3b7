#!/usr/bin/env bash
# Long-context training memory: peak RSS and tokens/s of full optimizer steps (forward, backward, clipping, AdamW)
# of a real model folder (default: the demo's base model, d=256, 4 layers, vocab 2048) at T = 1k, 4k, 16k, 32k,
# with activation recomputation, and the planner's estimate of each (`./longrecipe plan` uses the same model).
# One JVM per configuration, capped at MEM_LIMIT_GB of address space so a configuration that does not fit fails
# with an allocation error instead of taking the machine down.
# usage: model-core/bench-long.sh [REV] [MODEL_DIR] ["SEQ_LENS"] [STEPS]
#   REV: measure the model code of another git revision ("before") with this benchmark harness; "." = this tree
# (not a test; numbers go to the README)
set -uo pipefail
cd "$(dirname "$0")/.."
REV="${1:-.}"
MODEL="$(realpath "${2:-demo/base-model}")"
SEQ_LENS="${3:-1024 4096 16384 32768}"
STEPS="${4:-1}"
WARMUP="${WARMUP:-0}"
THREADS="${THREADS:-1}"
LIMIT_GB="${MEM_LIMIT_GB:-16}"
ROOT="$PWD"
. model-core/bench-tree.sh
bench_tree "$REV" model-core/src/main/java/dev/longrecipe/model/bench/TrainBenchmark.java model-core/src/main/java/dev/longrecipe/model/bench/ProcessMemory.java
./mvnw -B -q -o -pl hf-checkpoint,model-core -DskipTests -Dmaven.install.skip=true install || exit 1
CP="model-core/target/classes:hf-checkpoint/target/classes:$(./mvnw -B -q -o -pl model-core dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
export OPT_OUT_TRACKING=true DJL_CACHE_DIR="$ROOT/.cache/djl" OMP_NUM_THREADS="$THREADS" MALLOC_ARENA_MAX=2
echo "# $(date -u +%FT%TZ) rev $(git rev-parse --short HEAD) $(nproc --all) cores, load $(cut -d' ' -f1-3 /proc/loadavg), threads $THREADS, limit ${LIMIT_GB} GB"
for T in $SEQ_LENS; do
  OUT="$( (ulimit -v $((LIMIT_GB * 1024 * 1024)); java -Xmx1g -XX:ReservedCodeCacheSize=64m -XX:CompressedClassSpaceSize=128m \
      -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$THREADS" -Dai.djl.pytorch.num_interop_threads=1 \
      -cp "$CP" dev.longrecipe.model.bench.TrainBenchmark --model "$MODEL" --seq-len "$T" --recompute true \
      --steps "$STEPS" --warmup "$WARMUP") 2>&1)"
  if echo "$OUT" | grep -q '^impl='; then
    echo "$OUT" | grep '^impl='
  else
    echo "impl=djl T=$T recompute=true FAILED: $(echo "$OUT" | grep -m1 -iE 'alloc|memory|Exception' | cut -c1-200)"
  fi
done
