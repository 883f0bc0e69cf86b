#!/usr/bin/env bash
# The GPU checks, as one short script for a lent GPU machine (torch, transformers, peft, accelerate;
# no internet, no vLLM, no datasets/math-verify): the smoke pipeline's SFT and eval stages on CUDA,
# and bf16 training speed of the embedded model (our loop vs transformers.Trainer). ~3-5 minutes.
#   bash training/runs/gpu_check.sh [OUT_DIR]
set -uo pipefail
cd "$(dirname "$0")/../.."
OUT=${1:-${OUT:-/tmp/gpu-check}}
mkdir -p "$OUT"
export VALLEY_HOME=/tmp/gpu-home PYTHONUNBUFFERED=1 TOKENIZERS_PARALLELISM=false HF_HUB_OFFLINE=1
H=$VALLEY_HOME
PY=${PYTHON:-python3}
step() { echo; echo "=== $* ($(date +%T))"; }
step versions
$PY -c "import torch, transformers, peft, accelerate; print('torch', torch.__version__, 'transformers', transformers.__version__, 'peft', peft.__version__, 'accelerate', accelerate.__version__); print(torch.cuda.get_device_name(0))"
step "smoke data and tiny family models"
$PY -m training.core.tiny_hf --out_dir "$H/tiny-hf" && $PY -m training.core.openr1 --out "$H/rows.jsonl" --n 48
for fam in qwen2 llama gemma3; do
  $PY -m training.prepare_data --source "openr1-file:$H/rows.jsonl" --tokenizer "$H/tiny-hf/$fam" --sizes 32 \
      --max_tokens 600 --out "$H/data/$fam" > /dev/null
done
step "SFT on CUDA through transformers.Trainer (bf16), each family"
for fam in qwen2 llama gemma3; do
  $PY -m training.sft --model "$H/tiny-hf/$fam" --data "$H/data/$fam/openr1-32.jsonl" --n 32 --method full --epochs 1 \
      --batch_size 8 --per_device_batch_size 4 --trainer hf --lr 1e-3 --max_len 1024 --bf16 true --log_every 1 \
      --run_dir "$H/runs/$fam" 2>&1 | grep -E "^\[sft\] (completed|stopped)|Error|error" || echo "sft $fam FAILED"
done
step "eval on CUDA (HF backend): arithmetic benchmark of the qwen2 SFT checkpoint"
$PY -m training.math_eval --model "$H/runs/qwen2/model" --benchmarks arith --n 8 --backend hf --samples 2 \
    --max_new_tokens 32 --out "$H/results/qwen2" 2>&1 | grep -E "math_eval|Error" || echo "math_eval FAILED"
step "the app's default fine-tune on CUDA: LoRA, 250 long-CoT examples, embedded model, our loop, + 200-problem eval"
$PY -m training.sft --model tiny --n 250 --device cuda --eval_n 200 --eval_max_new_tokens 768 --log_every 50 \
    --run_dir "$H/runs/tiny-lora-250" 2>&1 | grep -E "^\[sft\] (\{|completed)|Error" || echo "tiny sft FAILED"
$PY - <<'PYEOF'
import json
m = json.load(open("/tmp/gpu-home/runs/tiny-lora-250/metrics.json"))
e = m["eval"]
print(json.dumps({"train_seconds": m["train_seconds"], "tokens_per_s": m["tokens_per_s"], "steps": m["steps"],
                  "eval_accuracy": e["accuracy"], "eval_generation_seconds": e["generation_seconds"],
                  "eval_tokens_per_s": e["generated_tokens_per_s"]}))
PYEOF
step "bf16 training speed on CUDA: our loop vs transformers.Trainer (LoRA, embedded model)"
$PY - <<'PYEOF'
import torch
torch.set_default_device("cpu")
from training import bench
import training.core.models as M
orig = M.load_model
M.load_model = lambda s="tiny", dtype="float32", device="cpu": orig(s, dtype, "cuda")
out = bench.bench_trainer(40, 16)
print({k: round(v, 2) for k, v in out.items()})
PYEOF
cp -r "$H/runs/tiny-lora-250/metrics.json" "$OUT/tiny-lora-250-metrics.json" 2>/dev/null
echo; echo "=== done ($(date +%T))"
