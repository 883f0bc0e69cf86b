"""Which class plan this machine can carry, measured here, before the lesson.

    python -m training.classplan                       # 8 groups, a 20-minute training window, one slot (CPU)
    python -m training.classplan --groups 6 --window-min 15 --slots 1

It trains one short run of the class recipe (the embedded model, long CoT, --measure-steps optimizer steps) and
tests it on the class run's full test (--eval-n problems), as the app would, so the speeds it measures are this
machine's as it is now (a busy machine measures busy). From them (training tokens per second, generated tokens per
second, setup seconds: training.lab.engine.estimate) it estimates one class run, N = --n (the smallest rung a class
trains), and prints the plan that fits. The rule, with T the estimated seconds of one class run, G groups, S
training slots and W the training window in seconds:

- live runs for every group    when G x T / S <= W (every group's run lands within the window, one after another
                               on each slot);
- one demonstration run        when T <= W / 2, short of that (the teacher starts one run at the lesson's start, and
                               it lands with time to read it; the groups read the shipped lines meanwhile);
- shipped lines only           otherwise (no live training: the precomputed sweeps carry the lesson).
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from training.lab import engine

LIVE, DEMO, SHIPPED = "live runs for every group", "one demonstration run", "shipped lines only"


@dataclass(frozen=True)
class Plan:
    name: str           # LIVE, DEMO or SHIPPED
    run_s: float        # one class run, estimated here
    need_s: float       # every group's run, one after another on the slots
    window_s: float


def choose(run_s: float, groups: int, slots: int, window_s: float) -> Plan:
    """The plan the module docstring's rule gives."""
    need = groups * run_s / max(1, slots)
    name = LIVE if need <= window_s else DEMO if run_s <= window_s / 2 else SHIPPED
    return Plan(name, run_s, need, window_s)


def measure(steps: int, eval_n: int, timeout_s: float) -> engine.Speed:
    """Train and test one short run of the class recipe here; the speed it measured (RuntimeError if it failed)."""
    out = Path(tempfile.mkdtemp(prefix="classplan-"))
    try:
        return _measure_in(out, steps, eval_n, timeout_s)
    finally:
        shutil.rmtree(out, ignore_errors=True)


def _measure_in(out: Path, steps: int, eval_n: int, timeout_s: float) -> engine.Speed:
    cfg = engine.SFTConfig(n=125, max_steps=steps, eval_n=eval_n, run_dir=str(out))
    handle = engine.start_run(cfg, out)
    deadline = time.time() + timeout_s
    while handle.proc.poll() is None and time.time() < deadline:
        time.sleep(1.0)
    if handle.proc.poll() is None:
        engine.stop(out, handle.proc)
        raise RuntimeError(f"the measuring run took longer than {timeout_s:.0f} s: this machine is too slow or too "
                           f"busy for live runs now (plan: {SHIPPED})")
    st = engine.poll(out, handle.proc)
    speed = engine.measured_speed(out)
    if st.state != engine.State.COMPLETED or speed is None or speed.gen_tok_s is None:
        why = st.error or engine.RunDir(out).log_tail(600)
        raise RuntimeError(f"the measuring run did not finish ({st.state}): {why}")
    return speed


def report(plan: Plan, speed: engine.Speed, n: int, groups: int, slots: int) -> str:
    def minutes(s: float) -> str:
        return f"{s / 60:.1f} min"
    return "\n".join([
        f"Measured here: training {speed.train_tok_s:,.0f} tokens/s, testing {speed.gen_tok_s:,.0f} generated "
        f"tokens/s, setup {speed.setup_s or engine.SETUP_S:.0f} s.",
        f"One class run (N = {n}, long CoT, its test included): about {minutes(plan.run_s)}.",
        f"{groups} groups on {slots} slot{'s' if slots != 1 else ''}: about {minutes(plan.need_s)} of training, "
        f"against a window of {minutes(plan.window_s)}.",
        f"Plan: {plan.name}.",
    ])


def main(argv: list[str] | None = None) -> Plan:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--groups", type=int, default=8, help="groups that each train one run")
    ap.add_argument("--window-min", type=float, default=20.0, help="the lesson's minutes for training")
    ap.add_argument("--slots", type=int, default=1, help="runs at once (the app's --max-runs; 1 on a CPU)")
    ap.add_argument("--n", type=int, default=125, help="the class run's N (the smallest rung)")
    ap.add_argument("--eval-n", type=int, default=200, help="the class run's test problems (the app's)")
    ap.add_argument("--measure-steps", type=int, default=8, help="optimizer steps of the measuring run")
    ap.add_argument("--timeout-min", type=float, default=20.0, help="give up measuring after this long")
    a = ap.parse_args(argv)
    if a.groups < 1 or a.slots < 1 or a.window_min <= 0 or a.n < 8:
        ap.error("--groups and --slots must be at least 1, --window-min above 0, --n at least 8")
    print(f"Measuring this machine: a {a.measure_steps}-step run of the class recipe and its {a.eval_n}-problem "
          f"test...", flush=True)
    speed = measure(a.measure_steps, a.eval_n, a.timeout_min * 60)
    est = engine.estimate(engine.SFTConfig(n=a.n, eval_n=a.eval_n), {speed.model: speed})
    plan = choose(est.seconds, a.groups, a.slots, a.window_min * 60)
    print(report(plan, speed, a.n, a.groups, a.slots), flush=True)
    return plan


if __name__ == "__main__":
    main()
