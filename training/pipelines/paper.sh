#!/usr/bin/env bash
# The paper's whole study, stage by stage, resumable (a finished stage is skipped). Its CPU twin is
# smoke.sh, which CI runs. Run on a machine with 8 GPUs (80 GB); set NODES/accelerate configs for more.
#
#   VALLEY_HOME=/data/valley bash training/pipelines/paper.sh            # everything
#   STAGES="data sft" MODELS="qwen2.5-1.5b-instruct" bash training/pipelines/paper.sh   # a part
#
# Estimates (8x H100, bf16, from the paper's setup; measure your own and keep them here):
#   data:  ~1 h CPU per tokenizer family (220k rows tokenized), ~6 GB disk per family
#   sft:   full SFT, 16k-token traces, ZeRO-3. Per model, all six sizes together process about
#          (8k*4 + 16k*4 + 32k*4 + 64k*3 + 128k*3 + 220k*2) = 1.46M examples x ~5k tokens ~ 7.3B tokens:
#          ~40 GPU-h for 0.5B, ~120 GPU-h for 1.5B, ~250 GPU-h for 3B (6 x N x tokens / ~40% MFU).
#          Checkpoints: 2 bytes x params x 6 sizes (1.5B: ~18 GB; 3B: ~36 GB)
#   eval:  vLLM, avg@8/8/4 at up to 16,384 tokens: ~1-3 GPU-h per checkpoint (AIME/AMC/MATH500 + arith)
#   rl:    GRPO 100 steps x 1,024 prompts x 8 rollouts (8,192 tokens): ~100-300 GPU-h per run, 9 runs
set -euo pipefail
cd "$(dirname "$0")/../.."
export VALLEY_HOME=${VALLEY_HOME:?set VALLEY_HOME to a large disk}
H=$VALLEY_HOME
STAGES=${STAGES:-"data sft eval rl results"}
MODELS=${MODELS:-"qwen2.5-0.5b-instruct qwen2.5-1.5b-instruct qwen2.5-3b-instruct llama-3.2-1b-instruct llama-3.2-3b-instruct gemma-3-1b-it"}
SIZES=${SIZES:-"8k 16k 32k 64k 128k 220k"}
ACCEL_SFT=${ACCEL_SFT:-training/recipes/accelerate/zero3.yaml}
ACCEL_RL=${ACCEL_RL:-training/recipes/accelerate/zero2.yaml}
GPUS=${GPUS:-8}
has() { [[ " $STAGES " == *" $1 "* ]]; }
done_() { [ -e "$1" ] && echo "[paper] skip: $1 exists"; }
hub_of() { grep '^model:' "training/recipes/$1/sft/8k.yaml" | awk '{print $2}'; }
family_of() { grep '^data:' "training/recipes/$1/sft/8k.yaml" | sed 's#.*/openr1/\([^/]*\)/.*#\1#'; }

# 1. data: one correct trace per problem (math-verify), <= 16,384 tokens under each family's tokenizer,
#    nested subsets 8k ... 220k, with a length report
if has data; then
  for m in $MODELS; do
    fam=$(family_of "$m")
    done_ "$H/data/openr1/$fam/report.json" || python -m training.prepare_data --source openr1 \
        --tokenizer "$(hub_of "$m")" --out "$H/data/openr1/$fam"
  done
fi

# 2. SFT: full-parameter, the paper's Table 2, one run per (model, size)
if has sft; then
  for m in $MODELS; do for s in $SIZES; do
    done_ "$H/runs/paper/$m/sft-$s/metrics.json" || accelerate launch --config_file "$ACCEL_SFT" \
        --num_processes "$GPUS" -m training.sft --config "training/recipes/$m/sft/$s.yaml"
  done; done
fi

# 3. evaluation: base and every SFT checkpoint; vLLM, one engine per GPU
if has eval; then
  for m in $MODELS; do
    done_ "$H/results/paper/$m/base/results.json" || python -m training.math_eval --model "$(hub_of "$m")" \
        --dp "$GPUS" --out "$H/results/paper/$m/base"
    for s in $SIZES; do
      done_ "$H/results/paper/$m/sft-$s/results.json" || python -m training.math_eval \
          --model "$H/runs/paper/$m/sft-$s/model" --dp "$GPUS" --out "$H/results/paper/$m/sft-$s"
    done
  done
fi

# 4. RL: GRPO (TRL + vLLM) for the Qwen2.5 0.5B/1.5B/3B models from base, 8k SFT and 128k SFT
if has rl; then
  for m in qwen2.5-0.5b-instruct qwen2.5-1.5b-instruct qwen2.5-3b-instruct; do
    for start in base sft-8k sft-128k; do
      done_ "$H/runs/paper/$m/grpo-$start/model/config.json" || accelerate launch --config_file "$ACCEL_RL" \
          --num_processes "$GPUS" -m training.grpo_trl --config "training/recipes/$m/grpo/$start.yaml"
      done_ "$H/results/paper/$m/grpo-$start/results.json" || python -m training.math_eval \
          --model "$H/runs/paper/$m/grpo-$start/model" --dp "$GPUS" --out "$H/results/paper/$m/grpo-$start"
    done
  done
fi

# 5. results: one valley table + figures per model and benchmark, in the app's schema
if has results; then
  for m in $MODELS; do
    for b in math500 aime24 amc23 arith; do
      man="$H/results/paper/$m/manifest-$b.yaml"
      { echo "name: $m"; echo "model: $(hub_of "$m")"; echo "benchmark: $b"
        echo "base: $H/results/paper/$m/base"; echo "runs:"
        for s in $SIZES; do
          n=$(grep '^n:' "training/recipes/$m/sft/$s.yaml" | awk '{print $2}')
          [ -e "$H/results/paper/$m/sft-$s/results.json" ] && echo "  - {style: long, n: $n, seed: 0, path: $H/results/paper/$m/sft-$s}"
        done; } > "$man"
      python -m training.import_results --manifest "$man" --out "$H/results/paper/$m/valley-$b"
    done
  done
fi
echo "[paper] done"
