#!/usr/bin/env bash
# Builds the five stage-service images with Quarkus' Jib extension (no Docker daemon) and pushes them to a registry.
#
#   REGISTRY=registry.example.com/longrecipe deploy/build-images.sh            # all images
#   REGISTRY=localhost:5000/longrecipe INSECURE=true deploy/build-images.sh    # a plain-HTTP registry
#
# Images (see deploy/IMAGES.md):
#   $REGISTRY/<stage>-service:0.1.0-cpu     all five stages, libtorch CPU from the pytorch-native-cpu jar
#   $REGISTRY/<stage>-service:0.1.0-cu128   analyzer, trainer, evaluator on the CUDA base image ($CUDA_BASE)
# The CUDA base image (JRE + libtorch 2.7.1+cu128) is built once from deploy/images/cuda-base/Dockerfile with any
# OCI builder (buildah, kaniko, docker build) on a machine that can download libtorch; see IMAGES.md.
#
# Jib writes no local image without a daemon: it pushes straight to $REGISTRY (credentials from ~/.docker/config.json
# or QUARKUS_CONTAINER_IMAGE_USERNAME / QUARKUS_CONTAINER_IMAGE_PASSWORD).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
: "${REGISTRY:?set REGISTRY, e.g. REGISTRY=registry.example.com/longrecipe}"
VERSION="${VERSION:-0.1.0}"
CPU_BASE="${CPU_BASE:-registry.access.redhat.com/ubi9/openjdk-17-runtime:1.23}"
CUDA_BASE="${CUDA_BASE:-$REGISTRY/jvm-libtorch-cu128:2.7.1}"
INSECURE="${INSECURE:-false}"
registry_host="${REGISTRY%%/*}"
group="${REGISTRY#*/}"
[ "$group" = "$REGISTRY" ] && group=longrecipe

build() { # build <flavor tag> <base image> <modules> [extra -D…]
  local tag="$1" base="$2" modules="$3"; shift 3
  echo "== $modules -> $REGISTRY/<stage>-service:$VERSION-$tag (base $base)" >&2
  (cd "$ROOT" && ./mvnw -B -q package -DskipTests -Dimages -pl "$modules" -am \
    -Dquarkus.container-image.build=true \
    -Dquarkus.container-image.push=true \
    -Dquarkus.container-image.registry="$registry_host" \
    -Dquarkus.container-image.group="$group" \
    -Dquarkus.container-image.tag="$VERSION-$tag" \
    -Dquarkus.container-image.insecure="$INSECURE" \
    -Dquarkus.jib.base-jvm-image="$base" \
    -Dquarkus.jib.user=185 \
    "$@")
}

# CPU images of every stage (also what overlays/cpu-dev and compose.cpu.yml run). DJL unpacks libtorch from the
# pytorch-native-cpu jar into DJL_CACHE_DIR (the pod's scratch volume) on first use.
build cpu "$CPU_BASE" analyzer-service,segmenter-service,trainer-service,merger-service,evaluator-service

# CUDA images of the GPU stages: DJL loads the base image's libtorch (PYTORCH_LIBRARY_PATH) with the cu128 JNI
# library that the pytorch-jni jar already carries.
build cu128 "$CUDA_BASE" analyzer-service,trainer-service,evaluator-service \
  -Dquarkus.jib.environment-variables.PYTORCH_LIBRARY_PATH=/opt/libtorch/lib \
  -Dquarkus.jib.environment-variables.PYTORCH_VERSION=2.7.1 \
  -Dquarkus.jib.environment-variables.PYTORCH_FLAVOR=cu128

echo "pushed: $(for s in analyzer segmenter trainer merger evaluator; do printf '%s ' "$REGISTRY/$s-service:$VERSION-cpu"; done)" >&2
echo "pushed: $(for s in analyzer trainer evaluator; do printf '%s ' "$REGISTRY/$s-service:$VERSION-cu128"; done)" >&2
