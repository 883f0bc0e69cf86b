#!/usr/bin/env bash
# The valley's runs that a 2-core CPU cannot afford, on a lent GPU in one call with a deadline: the
# N=6,875 rung (long and short CoT, 3 seeds), the N=4,000 ablations (the shipped setting, no slips,
# lr 2e-3, full fine-tuning; 2 seeds each) and one CPU rung again (long N=250 seed 0) to compare
# devices. Every run trains on the GPU (bf16, `precision: auto`) and evaluates in fp32, as on a CPU.
# Fifteen processes share the GPU (CUDA MPS where it starts); at DEADLINE seconds whatever still runs
# is stopped (it saves a partial adapter and is not evaluated) and the finished runs are packed into
# OUT_DIR as tar files in the sweeps' own layout: unpack them into $VALLEY_HOME/results and the
# CPU sweeps pick the runs up.
#   DEADLINE=420 bash training/runs/gpu_valley.sh [OUT_DIR]
set -uo pipefail
cd "$(dirname "$0")/../.."
OUT=${1:-${OUT:-/tmp/gpu-valley}}
DEADLINE=${DEADLINE:-420}
mkdir -p "$OUT"
export VALLEY_HOME=/tmp/gpu-home PYTHONUNBUFFERED=1 TOKENIZERS_PARALLELISM=false HF_HUB_OFFLINE=1
R=$VALLEY_HOME/results
PY=${PYTHON:-python3}
mkdir -p "$R/logs"
nvidia-cuda-mps-control -d 2>/dev/null && echo "[gpu-valley] CUDA MPS on"
GPU=(--sft.device cuda --sft.eval_precision fp32 --threads_per_job 1)
T0=$(date +%s)
# the base model's evaluation (N=0) once, on the CPU, for every sweep
$PY -m training.valley --recipe classroom --ladder 125 --styles long --extra_styles "" --seeds 0 --jobs 1 \
    --collect_only true --out_dir "$R/base-only" > "$R/logs/base.log" 2>&1
for d in valley-classroom-gpu valley-classroom-gpu-agree ablation-shipped-gpu ablation-no-slips-gpu \
         ablation-lr-2e-3-gpu ablation-full-ft-gpu; do mkdir -p "$R/$d" && cp -r "$R/base-only/base" "$R/$d/"; done
pids=()
launch() { local name=$1; shift; "$@" > "$R/logs/$name.log" 2>&1 & pids+=($!); }

launch n6875 $PY -m training.valley --recipe classroom --ladder 6875 --styles long,short --extra_styles "" \
    --seeds 0,1,2 --jobs 6 "${GPU[@]}" --out_dir "$R/valley-classroom-gpu"
for a in shipped no-slips lr-2e-3 full-ft; do
  launch "ablation-$a" $PY -m training.valley --recipe "ablation-$a" --ladder 4000 --jobs 2 "${GPU[@]}" \
      --out_dir "$R/ablation-$a-gpu"
done
launch agree $PY -m training.valley --recipe classroom --ladder 250 --styles long --extra_styles "" --seeds 0 \
    --jobs 1 "${GPU[@]}" --out_dir "$R/valley-classroom-gpu-agree"

while [ $(( $(date +%s) - T0 )) -lt "$DEADLINE" ]; do
  alive=0; for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && alive=$((alive + 1)); done
  [ "$alive" -eq 0 ] && break
  sleep 10
  echo "[gpu-valley] $(( $(date +%s) - T0 ))s: $alive sweeps running; finished runs: $(ls "$R"/*/runs/*/metrics.json 2>/dev/null | wc -l)"
done
# the evaluation limit ablation: the shipped setting's N=4,000 adapters again, with 1,024 new tokens
for s in 0 1; do
  a="$R/ablation-shipped-gpu/runs/long-n4000-s$s/adapter"
  [ -e "$a/adapter_config.json" ] && [ $(( $(date +%s) - T0 )) -lt $((DEADLINE + 60)) ] && \
    $PY -m training.evaluate --adapter "$a" --n 200 --max_new_tokens 1024 --precision fp32 --backend hf \
        --out_dir "$R/ablation-eval-1024-gpu/long-n4000-s$s" > "$R/logs/eval1024-s$s.log" 2>&1
done
echo "[gpu-valley] stopping what still runs at $(( $(date +%s) - T0 ))s"
for p in "${pids[@]}"; do pkill -TERM -P "$p" 2>/dev/null; kill -TERM "$p" 2>/dev/null; done
sleep 15
echo quit | nvidia-cuda-mps-control 2>/dev/null
for f in "$R"/*/runs/*/metrics.json; do
  $PY - "$f" <<'PYEOF'
import json, sys
m = json.load(open(sys.argv[1])); e = m.get("eval") or {}
print(sys.argv[1].split("/results/")[1].rsplit("/", 1)[0], m["status"], m["steps"], "steps,",
      round(m["train_seconds"]), "s train,", m["precision"]["name"], "| accuracy", e.get("accuracy"),
      "| mean tokens", e.get("mean_tokens"))
PYEOF
done
cd "$R" && tar czf "$OUT/gpu-valley-results.tgz" --exclude='*/model' --exclude='*/adapter' logs */runs */base \
    ablation-eval-1024-gpu 2>/dev/null
tar czf "$OUT/gpu-valley-adapters.tgz" valley-classroom-gpu/runs/long-*/adapter 2>/dev/null
ls -la "$OUT"
echo "[gpu-valley] done at $(( $(date +%s) - T0 ))s"
