#!/usr/bin/env bash
# The valley's runs that a 2-core CPU cannot afford, on a lent GPU in one call with a deadline. Two stages
# (each one device call; the CPU sweeps pick up whatever they bring back):
#   STAGE=rungs   the N=6,875 rung (long and short CoT, 3 seeds), the N=4,000 ablations (the shipped setting,
#                 no slips, lr 2e-3, full fine-tuning; 2 seeds each) and one CPU rung again (long N=250
#                 seed 0) to compare devices.
#   STAGE=ladder  the rest of the ladder with 3 seeds: N=125..1,000 (long, short, mixed), the third seed
#                 of N=2,000 and 4,000 (long, short), and N=16,000 (long, short; beyond the paper).
#   STAGE=ablations  the four training ablations at ABL_N (default 250; the shipped setting, no slips,
#                 lr 2e-3, full fine-tuning; 2 seeds each) and the evaluation limit (1,024 new tokens).
# Every run trains on the GPU (bf16, `precision: auto`) and evaluates in fp32, as on a CPU. Up to sixteen
# processes share the GPU (CUDA MPS where it starts); at DEADLINE seconds whatever still runs is stopped
# (it saves a partial adapter and is not evaluated) and the finished runs are packed into OUT_DIR as tar
# files in the sweeps' own layout: unpack them into $VALLEY_HOME/results and the CPU sweeps pick the runs
# up. A base evaluation in .valley/results/base-only (carried along) is reused instead of redone.
#   STAGE=ladder DEADLINE=510 bash training/pipelines/gpu_valley.sh [OUT_DIR]
set -uo pipefail
cd "$(dirname "$0")/../.."
OUT=${1:-${OUT:-/tmp/gpu-valley}}
DEADLINE=${DEADLINE:-420}
STAGE=${STAGE:-rungs}
DEVICE=${DEVICE:-cuda}          # DEVICE=cpu DEADLINE=30 tries the script itself on a machine without a GPU
source training/pipelines/gpu_common.sh
gpu_setup gpu-valley
GPU=(--sft.device "$DEVICE" --sft.eval_precision fp32 --threads_per_job 1)
# the base model's evaluation (N=0) once, on the CPU, for every sweep
if [ -e .valley/results/base-only/base/summary.json ]; then
  mkdir -p "$R/base-only" && cp -r .valley/results/base-only/base "$R/base-only/"
else
  $PY -m training.valley --recipe classroom --ladder 125 --styles long --extra_styles "" --seeds 0 --jobs 1 \
      --collect_only true --out_dir "$R/base-only" > "$R/logs/base.log" 2>&1
fi
launch() {  # launch NAME OUT_NAME valley-args...: one sweep in the background, its base copied in
  local name=$1 dir=$2; shift 2
  mkdir -p "$R/$dir" && cp -r "$R/base-only/base" "$R/$dir/"
  $PY -m training.valley "$@" "${GPU[@]}" --out_dir "$R/$dir" > "$R/logs/$name.log" 2>&1 & pids+=($!)
}
ABL_N=${ABL_N:-$([ "$STAGE" = ablations ] && echo 250 || echo 4000)}
if [ "$STAGE" = rungs ] || [ "$STAGE" = ablations ]; then
  for a in shipped no-slips lr-2e-3 full-ft; do
    launch "ablation-$a" "ablation-$a-gpu" --recipe "ablation-$a" --ladder "$ABL_N" --jobs 2
  done
fi
if [ "$STAGE" = rungs ]; then
  launch n6875 valley-classroom-gpu --recipe classroom --ladder 6875 --styles long,short --extra_styles "" \
      --seeds 0,1,2 --jobs 6
  launch agree valley-classroom-gpu-agree --recipe classroom --ladder 250 --styles long --extra_styles "" \
      --seeds 0 --jobs 1
elif [ "$STAGE" = ladder ]; then
  # the longest runs first, so they hold their workers from the start
  launch n16000 valley-gpu-16000 --recipe classroom --ladder 16000 --styles long,short --extra_styles "" \
      --seeds 0,1,2 --jobs 6
  launch seed2 valley-gpu-seed2 --recipe classroom --ladder 2000,4000 --styles long,short --extra_styles "" \
      --seeds 2 --jobs 2
  launch small valley-gpu-small --recipe classroom --ladder 125,250,500,1000 --styles long,short \
      --extra_styles mixed --extra_ladder 125,250,500,1000 --seeds 0,1,2 --jobs 8
fi

wait_all
# the evaluation limit ablation: the shipped setting's N=ABL_N adapters again, with 1,024 new tokens
for s in 0 1; do
  a="$R/ablation-shipped-gpu/runs/long-n$ABL_N-s$s/adapter"
  [ -e "$a/adapter_config.json" ] && [ $(( $(date +%s) - T0 )) -lt $((DEADLINE + 60)) ] && \
    $PY -m training.evaluate --adapter "$a" --n 200 --max_new_tokens 1024 --precision fp32 --backend hf \
        --out_dir "$R/ablation-eval-1024-gpu/long-n$ABL_N-s$s" > "$R/logs/eval1024-s$s.log" 2>&1
done
stop_all
report_runs
cd "$R" && tar czf "$OUT/gpu-valley-results.tgz" --exclude='*/model' --exclude='*/adapter' logs */runs */base \
    $(ls -d ablation-eval-1024-gpu 2>/dev/null) 2>/dev/null
tar czf "$OUT/gpu-valley-adapters.tgz" $(ls -d */runs/long-*-s0/adapter 2>/dev/null) 2>/dev/null
cp logs/*.log "$OUT/" 2>/dev/null
ls -la "$OUT"
echo "[gpu-valley] done at $(( $(date +%s) - T0 ))s"
