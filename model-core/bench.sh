#!/usr/bin/env bash
# Training throughput and peak RSS of the benchmark Llama (d=256, 4 layers, vocab 2048) at T = 512, 2048, 4096,
# with and without layer-wise recomputation: the DJL implementation and the same model in PyTorch
# (Debian: apt-get install python3-torch libopenblas0-pthread; without OpenBLAS Debian torch uses the reference
# BLAS and is several times slower), one process per configuration.
# usage: model-core/bench.sh [STEPS] [THREADS] ["SEQ_LENS"]   (not a test; numbers go to model-core/README.md)
#   SEQ_LENS defaults to "512 2048 4096"; the demo's shapes are "307 1024" (LongRecipe and FLT samples)
set -euo pipefail
cd "$(dirname "$0")/.."
STEPS="${1:-3}"
THREADS="${2:-2}"
SEQ_LENS="${3:-512 2048 4096}"
./mvnw -B -q -pl model-core -am install -DskipTests
CP="model-core/target/classes:$(./mvnw -B -q -pl model-core dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
CORES="$(nproc --all)"
export OPT_OUT_TRACKING=true DJL_CACHE_DIR="$PWD/.cache/djl" OMP_NUM_THREADS="$THREADS" OPENBLAS_NUM_THREADS="$THREADS"
echo "# $(date -u +%FT%TZ) $CORES cores, load average $(cut -d' ' -f1-3 /proc/loadavg), threads $THREADS, steps $STEPS"
for T in $SEQ_LENS; do
  for R in false true; do
    java -Xmx4g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$THREADS" -Dai.djl.pytorch.num_interop_threads=1 \
      -cp "$CP" dev.longrecipe.model.bench.TrainBenchmark --seq-len "$T" --recompute "$R" --steps "$STEPS" \
      2>/dev/null | grep '^impl='
    if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
      OMP_NUM_THREADS="$THREADS" /usr/bin/python3 model-core/bench/torch_llama_bench.py "$T" "$R" "$STEPS"
    fi
  done
done
