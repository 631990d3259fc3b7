#!/usr/bin/env bash
# Peak memory of resuming training from a step checkpoint (CheckpointFiles.restore into the training model and its
# AdamW), on a generated float16 Llama of 158 M parameters (d 1024, 8 layers, vocab 32000; 632 MB as float32, so
# model + AdamW moments are ~1.9 GB). For this tree or another git revision ("before"), same harness.
# usage: trainer-core/bench-resume.sh [REV]    (not a test; numbers go to the README)
set -uo pipefail
cd "$(dirname "$0")/.."
REV="${1:-.}"
ROOT="$PWD"
MODEL="$ROOT/.cache/bench-resume-f16"
. model-core/bench-tree.sh
bench_tree "$REV" trainer-core/src/main/java/dev/longrecipe/trainer/bench/ResumeBenchmark.java model-core/src/main/java/dev/longrecipe/model/bench/ProcessMemory.java
./mvnw -B -q -o -pl hf-checkpoint,shared-schema,model-core,trainer-core -am -DskipTests -Dmaven.install.skip=true install || exit 1
CP="trainer-core/target/classes:model-core/target/classes:hf-checkpoint/target/classes:shared-schema/target/classes"
CP="$CP:$(./mvnw -B -q -o -pl trainer-core dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
export OPT_OUT_TRACKING=true DJL_CACHE_DIR="$ROOT/.cache/djl" OMP_NUM_THREADS=1
JAVA=(java -Xmx8g -XX:MaxDirectMemorySize=8g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -cp "$CP")
if [ ! -f "$MODEL/model.safetensors" ]; then
  "${JAVA[@]}" dev.longrecipe.model.bench.LoadBenchmark --make-f16 "$MODEL" 1024 8 || exit 1
fi
CKPT="$ROOT/.cache/bench-resume-ckpt-$REV"
rm -rf "$CKPT"
"${JAVA[@]}" dev.longrecipe.trainer.bench.ResumeBenchmark --write "$MODEL" "$CKPT" 2>/dev/null || exit 1
echo "# $(date -u +%FT%TZ) rev $(git rev-parse --short HEAD), load $(cut -d' ' -f1-3 /proc/loadavg)"
"${JAVA[@]}" dev.longrecipe.trainer.bench.ResumeBenchmark "$MODEL" "$CKPT" 2>/dev/null | grep '^resume='
rm -rf "$CKPT"
