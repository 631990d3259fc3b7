#!/usr/bin/env bash
# Peak heap and RSS of loading a model folder (LlamaModel.load): the demo's base model and a generated ~1 GB float16
# Llama, each in its own JVM with a heap far smaller than the model (HEAP, default 320m for heap and direct buffers:
# the largest tensor of the 1 GB model is 250 MiB as float32). For this tree or another git revision ("before").
# The 1 GB model is loaded twice: weights stored as float32, and as float16 (evaluator.weightStorage).
# usage: model-core/bench-load.sh [REV]    (not a test; numbers go to the README)
set -uo pipefail
cd "$(dirname "$0")/.."
REV="${1:-.}"
HEAP="${HEAP:-320m}"   # heap and direct-memory limit of the loading JVM
ROOT="$PWD"
F16="$ROOT/.cache/bench-load-f16"
. model-core/bench-tree.sh
bench_tree "$REV" model-core/src/main/java/dev/longrecipe/model/bench/LoadBenchmark.java model-core/src/main/java/dev/longrecipe/model/bench/ProcessMemory.java model-core/src/main/java/dev/longrecipe/model/plan/TrainingMemory.java
./mvnw -B -q -o -pl hf-checkpoint,model-core -DskipTests -Dmaven.install.skip=true install || exit 1
CP="model-core/target/classes:hf-checkpoint/target/classes:$(./mvnw -B -q -o -pl model-core dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
export OPT_OUT_TRACKING=true DJL_CACHE_DIR="$ROOT/.cache/djl" OMP_NUM_THREADS=1
JAVA=(java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -cp "$CP")
[ -f "$F16/model.safetensors" ] || "${JAVA[@]}" -Xmx1g dev.longrecipe.model.bench.LoadBenchmark --make-f16 "$F16"
echo "# $(date -u +%FT%TZ) rev $(git rev-parse --short HEAD), -Xmx $HEAP, load $(cut -d' ' -f1-3 /proc/loadavg)"
for RUN in "$ROOT/demo/base-model float32" "$F16 float32" "$F16 float16"; do
  set -- $RUN; M="$1"
  OUT="$("${JAVA[@]}" -Xmx"$HEAP" -XX:MaxDirectMemorySize="$HEAP" dev.longrecipe.model.bench.LoadBenchmark $RUN 2>&1)"
  echo "$OUT" | grep '^load=' || echo "load=$(basename "$M") FAILED: $(echo "$OUT" | grep -m1 -E 'Error|Exception' | cut -c1-160)"
done
