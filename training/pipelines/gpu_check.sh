#!/usr/bin/env bash
# The GPU checks, as one short script for a lent GPU machine (torch, transformers, peft; no internet, no
# vLLM, datasets or math-verify there): the gpu-marked tests, the app's default run on CUDA with its
# breakdown, the Trainer path on CUDA for each model family, and how many fine-tunes of the embedded
# model one GPU runs at once (steps/s with 1 and with 8 concurrent processes). About 3 minutes.
#   bash training/pipelines/gpu_check.sh [OUT_DIR]
set -uo pipefail
cd "$(dirname "$0")/../.."
OUT=${1:-${OUT:-/tmp/gpu-check}}
mkdir -p "$OUT"
export VALLEY_HOME=/tmp/gpu-home PYTHONUNBUFFERED=1 TOKENIZERS_PARALLELISM=false HF_HUB_OFFLINE=1
H=$VALLEY_HOME
PY=${PYTHON:-python3}
step() { echo; echo "=== $* ($(date +%T))"; }

step versions
$PY -c "import torch, transformers, peft; print('torch', torch.__version__, 'transformers', transformers.__version__, 'peft', peft.__version__); print(torch.cuda.get_device_name(0))"

step "gpu-marked tests"
$PY -m pytest -q -m gpu -p no:cacheprovider tests/test_gpu.py 2>&1 | tail -3

step "the app's default run on CUDA (LoRA, N=250 long CoT, embedded model, our loop, 200-problem evaluation)"
$PY -m training.sft --config training/recipes/tiny/sft/classroom.yaml --device cuda --log_every 50 \
    --run_dir "$H/runs/default" 2>&1 | grep -E "^\[sft\] completed|Error" || echo "default run FAILED"
$PY - "$H/runs/default/metrics.json" <<'PYEOF'
import json, sys
m = json.load(open(sys.argv[1])); e = m["eval"]
print(json.dumps({"setup_s": m["setup_s"], "train_s": m["train_seconds"], "train_tokens_per_s": m["tokens_per_s"],
                  "generation_s": e["generation_seconds"], "generated_tokens_per_s": e["generated_tokens_per_s"],
                  "accuracy": e["accuracy"], "precision": m["precision"]["name"],
                  "eval_precision": e["precision"]["name"]}))
PYEOF
cp "$H/runs/default/metrics.json" "$OUT/default-metrics.json" 2>/dev/null

step "the Trainer path on CUDA (bf16, full fine-tuning) for each family's tiny stand-in"
$PY -m training.core.tiny_hf --out_dir "$H/tiny-hf" > /dev/null && $PY -m training.core.openr1 --out "$H/rows.jsonl" --n 48 > /dev/null
for fam in qwen2 llama gemma3; do
  $PY -m training.prepare_data --source "openr1-file:$H/rows.jsonl" --tokenizer "$H/tiny-hf/$fam" --sizes 32 \
      --max_tokens 600 --out "$H/data/$fam" > /dev/null
  $PY -m training.sft --model "$H/tiny-hf/$fam" --data "$H/data/$fam/openr1-32.jsonl" --n 32 --method full --epochs 1 \
      --batch_size 8 --per_device_batch_size 4 --trainer hf --lr 1e-3 --max_len 1024 --precision bf16 --log_every 1 \
      --run_dir "$H/runs/$fam" 2>&1 | grep -E "^\[sft\] (completed|stopped)|Error" || echo "sft $fam FAILED"
done

step "concurrency: steps/s of one LoRA fine-tune (N=250 long, no evaluation) alone, then 8 at once"
probe() {  # $1 = processes
  local t0=$(date +%s.%N) pids=()
  for i in $(seq 1 "$1"); do
    $PY -m training.sft --config training/recipes/tiny/sft/classroom.yaml --device cuda --eval_n 0 --seed $i \
        --threads 1 --log_every 1000 --run_dir "$H/probe-$1-$i" > /dev/null 2>&1 & pids+=($!)
  done
  wait "${pids[@]}"
  $PY - "$1" "$t0" "$H" <<'PYEOF'
import json, sys, time
n, t0, h = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
ms = [json.load(open(f"{h}/probe-{n}-{i}/metrics.json")) for i in range(1, n + 1)]
steps = sum(m["steps"] for m in ms)
train = max(m["train_seconds"] for m in ms)
print(json.dumps({"processes": n, "steps_per_s_each": round(sum(m["steps"] / m["train_seconds"] for m in ms) / n, 2),
                  "steps_per_s_total": round(steps / train, 2), "wall_s": round(time.time() - t0, 1)}))
PYEOF
}
probe 1
probe 8
if command -v nvidia-cuda-mps-control >/dev/null && nvidia-cuda-mps-control -d 2>/dev/null; then
  echo "with CUDA MPS (kernels of different processes share the GPU at once):"
  rm -rf "$H"/probe-8-*; probe 8
  echo quit | nvidia-cuda-mps-control
else
  echo "CUDA MPS is not available here"
fi
echo; echo "=== done ($(date +%T))"
