# What the lent-GPU scripts share (gpu_valley.sh, gpu_path.sh): sourced by them, not run on its own.
#   gpu_setup TAG   the environment (VALLEY_HOME=$GPU_HOME, R=its results, PY, the logs folder), CUDA MPS where it
#                   starts (several processes share the GPU), T0, and an empty list of background sweeps (pids)
#   wait_all        until every sweep in pids has ended or DEADLINE seconds have passed since T0
#   stop_all        SIGTERM what still runs (a run saves its weights so far, marked partial), then stop MPS
#   report_runs     one line per run that wrote metrics.json: its folder, status, steps, seconds, precision, accuracy
# Each script sets OUT, DEADLINE and DEVICE before it sources this file.

gpu_setup() {
  TAG=$1
  mkdir -p "$OUT"
  export VALLEY_HOME=${GPU_HOME:-/tmp/gpu-home} PYTHONUNBUFFERED=1 TOKENIZERS_PARALLELISM=false HF_HUB_OFFLINE=1
  R=$VALLEY_HOME/results
  PY=${PYTHON:-python3}
  mkdir -p "$R/logs"
  [ "$DEVICE" = cuda ] && nvidia-cuda-mps-control -d 2>/dev/null && echo "[$TAG] CUDA MPS on"
  T0=$(date +%s)
  pids=()
}

wait_all() {
  while [ $(( $(date +%s) - T0 )) -lt "$DEADLINE" ]; do
    alive=0; for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && alive=$((alive + 1)); done
    [ "$alive" -eq 0 ] && return 0
    sleep 10
    echo "[$TAG] $(( $(date +%s) - T0 ))s: $alive running; finished runs:" \
         "$(ls "$R"/*/runs/*/metrics.json 2>/dev/null | wc -l)"
  done
}

stop_all() {
  echo "[$TAG] stopping what still runs at $(( $(date +%s) - T0 ))s"
  for p in "${pids[@]}"; do pkill -TERM -P "$p" 2>/dev/null; kill -TERM "$p" 2>/dev/null; done
  sleep 15
  [ "$DEVICE" = cuda ] && echo quit | nvidia-cuda-mps-control 2>/dev/null
  return 0
}

report_runs() {
  for f in "$R"/*/runs/*/metrics.json; do
    [ -e "$f" ] || continue
    $PY - "$f" <<'PYEOF'
import json, sys
m = json.load(open(sys.argv[1])); e = m.get("eval") or {}
print(sys.argv[1].split("/results/")[1].rsplit("/", 1)[0], m["status"], m.get("steps"), "steps,",
      round(m.get("train_seconds") or m.get("seconds") or 0), "s |", (m.get("precision") or {}).get("name"),
      "| accuracy", e.get("accuracy"), "| mean tokens", e.get("mean_tokens"))
PYEOF
  done
}
