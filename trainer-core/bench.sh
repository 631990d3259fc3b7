#!/usr/bin/env bash
# Trainer throughput at the paper's ratio (Ls = 30 % of L′) vs full-length training, same number of samples.
# Builds trainer-core and its upstream modules, then runs TrainerBenchmark through the real Trainer.
# Usage: trainer-core/bench.sh [--samples 6] [--target 2048] [--ratio 0.3] [--recompute false] [--micro-batch 1]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
./mvnw -q -B -pl trainer-core -am install -DskipTests
./mvnw -q -B -pl trainer-core dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
export OPT_OUT_TRACKING=true
# One libtorch/OpenMP thread by default: on a shared machine, spinning OpenMP workers waiting for a descheduled
# sibling cost more than the second core gives (measured: 2.1x instead of 8.2x at load ~20). Override to compare.
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
export DJL_CACHE_DIR="${DJL_CACHE_DIR:-$root/.cache/djl}"
exec java -Xmx4g -Dai.djl.offline=true -cp "trainer-core/target/classes:$(cat trainer-core/target/classpath.txt)" \
  dev.longrecipe.trainer.bench.TrainerBenchmark "$@"
