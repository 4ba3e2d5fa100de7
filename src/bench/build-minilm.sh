#!/usr/bin/env bash
# Builds a MiniLM-shaped classifier folder with random weights (model.onnx, int8 model_quantized.onnx, tokenizer.json,
# config.json) using Debian's python3-torch and python3-onnx, then runs the transformer benchmark on it.
# Usage: src/bench/build-minilm.sh [out folder (default target/bench/minilm)] [TransformerBenchmark options ...]
# e.g.   src/bench/build-minilm.sh target/bench/minilm --batch 32 --model-file model.onnx
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-target/bench/minilm}
shift || true
python=/usr/bin/python3   # Debian's, where python3-torch and python3-onnx install

if ! "$python" -c 'import torch, onnx' 2>/dev/null; then
  echo "installing Debian's python3-torch and python3-onnx ..." >&2
  sudo=$([ "$(id -u)" -eq 0 ] || echo sudo)
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-torch python3-onnx >&2
fi
[ -f target/ticket-triage.jar ] || mvn -B -q package -DskipTests

[ -f "$out/model_quantized.onnx" ] || "$python" src/bench/build_minilm.py "$out"
java -cp target/ticket-triage.jar io.tickettriage.bench.TransformerBenchmark "$out" "$@"
