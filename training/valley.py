"""The valley sweep: base model (N=0), then a doubling ladder of N long-CoT examples, several seeds,
and a short-CoT control at the same N. Writes valley.json and the figures.

Usage:
    # the classroom sweep on the embedded model (the one shipped in assets/valley/classroom)
    python -m training.valley --recipe classroom
    # a seconds-long smoke sweep
    python -m training.valley --recipe smoke
    # override anything in the recipe, the settings of every SFT run included
    python -m training.valley --recipe classroom --seeds 0,1 --ladder 125,500 --sft.lr 2e-3 --out_dir /tmp/v

Each (style, N, seed) is one SFT run plus one evaluation, run in `jobs` worker processes (one torch
thread each: on 2 cores two 1-thread workers beat one 2-thread run, training/LOG.md). Runs already
finished in out_dir are reused, so a killed sweep resumes where it stopped.

What ships is what was measured: the sweep writes its command and every run's numbers.
"""

from __future__ import annotations

import functools
import json
import shutil
import sys
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import torch

from training.core import paths
from training.core.config import build_config, cli_line, parse_config
from training.core.evalfolder import EvalFolder, read_records
from training.core.evaluation import GREEDY, Decoding, decoding_entry, decodings, evaluate_decodings, evaluate_model
from training.core.models import describe, load_model, portable_base, resolve
from training.core.pool import run_jobs
from training.core.rundir import RunDir, State
from training.core.sources import WORLD_STYLES
from training.core.sweeprows import BASE, RunName, RunRow, run_rows, runs_and_table, slim, table_of
from training.lab.figures import save_valley_figures
from training.sft import RESUMABLE_CHANGES, SFTConfig
from training.sft import main as sft_main
from training.task.analysis import paired_change, per_problem
from training.task.world import PROMPTS

RECIPES = paths.RECIPES / "tiny" / "valley"
SET_BY_THE_SWEEP = ("model", "data", "world", "style", "n", "seed", "run_dir")
# what a run's row keeps of its training metrics (valley.json's runs[].train)
TRAIN_KEYS = ("status", "steps", "tokens", "train_seconds", "tokens_per_s", "final_loss", "epochs", "batch_size", "lr",
              "examples", "dropped_too_long", "mean_example_tokens", "epochs_seen", "phases", "resumed_at")


@dataclass
class ValleyConfig:
    """A valley sweep (defaults < --recipe NAME (training/recipes/tiny/valley) < --flags)."""

    recipe: str = "classroom"       # the recipe this sweep came from (names the output folder)
    # what to sweep
    world: str = "classroom"        # world preset of the data and the test problems
    model: str = "tiny"
    ladder: list[int] = field(default_factory=lambda: [125, 250, 500, 1000, 2000])
    seeds: list[int] = field(default_factory=lambda: [0, 1, 2])
    styles: list[str] = field(default_factory=lambda: ["long", "short"])
    extra_styles: list[str] = field(default_factory=list)   # run only on extra_ladder (e.g. mixed at small N)
    extra_ladder: list[int] = field(default_factory=list)
    control_seeds: list[int] = field(default_factory=list)  # seeds for the styles other than long (empty: `seeds`)
    sft: dict = field(default_factory=dict)  # training.sft settings for every run (method, lora_r, lr, eval_n, ...)
    arms: dict = field(default_factory=dict)  # named variants run like styles, each a mapping of training.sft
                                              # settings (style, curriculum, correction_rounds, max_steps, ...):
                                              # {curriculum: {style: long, curriculum: short-to-long}}
    # how to run it
    base_eval_n: int = 0            # test problems for the base model (0: the runs' eval_n)
    base_prompts: list[str] = field(default_factory=lambda: ["world"])  # the base asked with each of these
                                    # (training.task.world.PROMPTS: world | boxed); the better one is the base
                                    # every run is measured against (a base never fine-tuned on the world's format
                                    # is measured fairly only when told where the answer goes)
    jobs: int = 2                   # worker processes
    threads_per_job: int = 1
    out_dir: str = ""               # default: $VALLEY_HOME/results/valley-<recipe>
    # what ships
    keep_records_for: list[int] = field(default_factory=list)  # N whose records and adapter (seed 0) ship ...
    keep_series: list[str] = field(default_factory=lambda: ["long"])  # ... of these series (styles or arms)
    export_to: str = ""             # copy the shippable part (table, figures, some records/adapters) here
    collect_only: bool = False      # run nothing: aggregate and export the runs that already finished
    retable: str = ""               # a valley.json: recompute its table from its own rows (the current aggregate),
                                    # write it back and redraw its figures (runs need not be on this machine)
    reuse_from: str = ""            # a valley.json of this recipe run before (e.g. the shipped one): its runs and
                                    # its base count as finished, so a fresh machine adds rungs or seeds to it
                                    # (refused unless its model, world and run settings are this sweep's)

    def __post_init__(self):
        if not self.ladder or any(n < 1 for n in self.ladder):
            raise ValueError("ladder must be a list of positive N")
        if not self.seeds:
            raise ValueError("give at least one seed")
        bad = [s for s in self.styles + self.extra_styles if s not in WORLD_STYLES and s not in self.arms]
        if bad:
            raise ValueError(f"unknown styles {bad}: a world style ({', '.join(WORLD_STYLES)}) or an arm")
        for name, arm in self.arms.items():
            if not isinstance(arm, dict) or set(arm) & set(SET_BY_THE_SWEEP) - {"style"}:
                raise ValueError(f"arm {name!r} must map training.sft settings (not {list(SET_BY_THE_SWEEP)})")
        if not self.base_prompts or set(self.base_prompts) - set(PROMPTS):
            raise ValueError(f"base_prompts must name prompts of {list(PROMPTS)}, got {self.base_prompts}")
        clash = sorted(set(self.sft) & set(SET_BY_THE_SWEEP))
        if clash:
            raise ValueError(f"sft: {clash} are set by the sweep itself; use the sweep's own keys")
        # validate `sft` and every arm now (unknown keys, bad values) and keep `sft` in its proper types
        run = self.run_config(style="long", n=self.ladder[0], seed=self.seeds[0], run_dir="")
        for name in self.arms:
            self.run_config(style=name, n=self.ladder[0], seed=self.seeds[0], run_dir="")
        self.sft = {k: getattr(run, k) for k in self.sft}

    def run_config(self, style: str, n: int, seed: int, run_dir: str) -> SFTConfig:
        """The SFT config of one run of the sweep: the recipe's `sft` settings plus what the sweep varies (an
        arm's own settings on top)."""
        arm = dict(self.arms.get(style) or {})
        return build_config(SFTConfig, {**self.sft, **arm, "model": self.model, "data": "world", "world": self.world,
                                        "style": arm.get("style", style), "n": n, "seed": seed, "run_dir": run_dir})


class SweepStopped(Exception):
    """A run of the sweep was stopped by SIGTERM or SIGINT (Ctrl+C): the whole sweep stops, not only that run."""


def _name(job: dict) -> RunName:
    """A job's run: its series (the style or arm name it is plotted under), N and seed."""
    return RunName(job["series"], job["n"], job["seed"])


def _job(job: dict) -> RunRow:
    """One SFT run + evaluation (in a worker process). Returns its row for valley.json. A run stopped by a
    signal stops the sweep (its partial run is not reused: the same command resumes with it)."""
    cfg_dict = {k: v for k, v in job.items() if k != "series"}
    m = sft_main(SFTConfig(**cfg_dict))
    if m.get("status") == State.STOPPED and m.get("stop_reason") in ("SIGTERM", "SIGINT"):
        raise SweepStopped(f"{paths.portable(job['run_dir'])} stopped by {m['stop_reason']} at step "
                           f"{m.get('steps')}: the sweep stops here (the same command resumes it)")
    return _row_from_metrics(job, m)


def _row_from_metrics(job: dict, m: dict) -> RunRow:
    run_dir = Path(job["run_dir"])
    return RunRow(_name(job), paths.portable(job["run_dir"]), {k: m.get(k) for k in TRAIN_KEYS}, m.get("eval"),
                  ran_on(m), vs_base(run_dir), _sampled(run_dir, m.get("eval_sampled")))


def _sampled(run_dir: Path, entry: dict | None) -> dict | None:
    """A run's evaluation with the paper's sampling (metrics' eval_sampled), its problems counted and paired with
    the base's sampled answers."""
    if not entry:
        return None
    mode = Decoding(entry["samples"], entry["temperature"])
    problems = len(EvalFolder(RunDir(run_dir).eval / mode.folder).read_records()) // mode.samples
    paired = vs_base(run_dir, mode)
    return {**entry, "problems": problems, **({"vs_base": paired} if paired else {})}


def vs_base(run_dir: Path, mode: Decoding = GREEDY) -> dict | None:
    """A run's change against the sweep's base, paired problem by problem (the base was scored on at least the
    run's problems, the same ones in the same order), greedy (base/ and the run's eval/) or sampled (base/avg4 and
    eval/avg4): None when either has no records here."""
    base_dir, run_dir_eval = run_dir.parent.parent / "base", RunDir(run_dir).eval
    if not mode.greedy:
        base_dir, run_dir_eval = base_dir / mode.folder, run_dir_eval / mode.folder
    return paired_records(EvalFolder(base_dir).read_records(), EvalFolder(run_dir_eval).read_records(), mode)


def paired_records(ref: list[dict], run: list[dict], mode: Decoding = GREEDY) -> dict | None:
    """`run`'s change against `ref`, problem by problem: None unless ref holds at least run's problems, the same
    ones in the same order."""
    if not ref or not run or len(ref) < len(run) or any(b["expr"] != r["expr"] for b, r in zip(ref, run)):
        return None
    return paired_change(per_problem(ref[:len(run)], mode.samples), per_problem(run, mode.samples))


def with_vs_long(rows: list[RunRow]) -> list[RunRow]:
    """Each row of another series (an arm, short CoT) with its greedy change against plain long CoT at the same N
    and seed, paired problem by problem (the long run may be one the sweep reused from another); rows without such
    a long run, or whose records are not on this machine, are left as they are."""
    long = {(r.n, r.seed): r for r in rows if r.series == "long" and r.summary}

    @functools.cache  # a long run's records serve every arm at its N and seed: read once
    def records(run_dir: str) -> list[dict]:
        return EvalFolder(RunDir(Path(paths.concrete(run_dir))).eval).read_records()

    out = []
    for r in rows:
        ref = long.get((r.n, r.seed)) if r.series != "long" and r.summary else None
        out.append(replace(r, vs_long=paired_records(records(ref.run_dir), records(r.run_dir))) if ref else r)
    return out


def ran_on(m: dict) -> dict:
    """Where a run trained: the device, its precision and why, and a CPU's capability (runs of one sweep may
    come from several machines: the sweep reuses any finished run it finds in out_dir)."""
    prec = m.get("precision") or {}
    probe = prec.get("probe") or {}
    device = m.get("device") or (m.get("config") or {}).get("device", "auto")
    if device == "auto":  # a run recorded before runs kept their device: its precision's reason names it
        device = "cuda" if "GPU" in prec.get("reason", "") else "cpu"
    return {"device": device, "precision": prec.get("name"), "why": prec.get("reason"),
            **({"cpu_capability": probe["capability"]} if probe.get("capability") else {})}


def model_entry(model: str) -> dict:
    """valley.json's `model`: which model the sweep fine-tuned, its size, and which weights (so sweeps of
    different models can be told apart)."""
    from transformers import AutoConfig

    info = describe(model)
    try:
        c = AutoConfig.from_pretrained(resolve(model))
        shape = {k: getattr(c, k, None) for k in ("hidden_size", "num_hidden_layers", "num_attention_heads")}
    except Exception:  # noqa: BLE001 - a model not on this machine: its name says enough
        shape = {}
    params = info.get("parameters") or _count_params(model)
    return {**info, "source": paths.portable(model if model != "tiny" else "tiny"), "parameters": params, **shape}


def _count_params(model: str) -> int | None:
    """Parameters stored in the model's safetensors file (a tied embedding counts once)."""
    from safetensors import safe_open

    try:
        with safe_open(Path(resolve(model)) / "model.safetensors", "pt") as st:
            return sum(_prod(st.get_slice(k).get_shape()) for k in st.keys())
    except Exception:  # noqa: BLE001 - sharded or missing: the name says enough
        return None


def _prod(shape) -> int:
    out = 1
    for d in shape:
        out *= d
    return out


def _base_eval(cfg: ValleyConfig, out: Path) -> dict:
    """The base model on the test problems, asked with each of `base_prompts` (out/base/<prompt>/); the better
    one's records and summary become out/base's (what every run is paired against), and the summary names every
    prompt's accuracy (`prompts`) and which one it is (`prompt`)."""
    torch.set_num_threads(max(1, cfg.jobs * cfg.threads_per_job))
    model, tok = load_model(cfg.model)
    run = cfg.run_config("long", cfg.ladder[0], cfg.seeds[0], "")
    each = {}
    for prompt in cfg.base_prompts:
        ev = EvalFolder(out / "base" / prompt)
        each[prompt] = ev.read_summary() or evaluate_model(
            model, tok, cfg.world, cfg.base_eval_n or run.eval_n, max_new_tokens=run.eval_max_new_tokens,
            out_dir=ev.path, prompt=prompt)["summary"]
        print(f"[valley] base, {prompt} prompt: accuracy {each[prompt]['accuracy']:.3f}", flush=True)
    best = max(cfg.base_prompts, key=lambda p: each[p]["accuracy"])  # ties: the first listed (world)
    summary = {**each[best], "prompt": best, "prompts": {p: slim(s) for p, s in each.items()}}
    EvalFolder(out / "base" / best).copy_to(out / "base").write_summary(summary)
    return _base_sampled(cfg, out, summary, model, tok)


def _base_sampled(cfg: ValleyConfig, out: Path, base: dict, model=None, tok=None) -> dict:
    """Where the runs are also evaluated with sampling (sft.eval_samples): the base too, with its better prompt, on
    the same problems (out/base/avg<k>); its entry becomes the base summary's `sampled`."""
    run = cfg.run_config("long", cfg.ladder[0], cfg.seeds[0], "")
    if not run.eval_samples or base.get("sampled"):
        return base
    if model is None:
        model, tok = load_model(cfg.model)
    mode = decodings(run.eval_samples, run.eval_temperature)[1]
    ev = evaluate_decodings(model, tok, cfg.world, len(EvalFolder(out / "base").read_records()), [mode],
                            out / "base", max_new_tokens=run.eval_max_new_tokens, prompt=base.get("prompt", "world"))
    summary = {**base, "sampled": decoding_entry(ev[mode].read_summary(), mode)}
    EvalFolder(out / "base").write_summary(summary)
    print(f"[valley] base, {mode.label}: accuracy {summary['sampled']['accuracy']:.3f}", flush=True)
    return summary


def retable(path: Path) -> dict:
    """A shipped valley.json with its table recomputed from its rows (and its figures redrawn beside it)."""
    result = json.loads(Path(path).read_text())
    result["table"] = [row.to_json() for row in table_of(run_rows(result), result["base"])]
    result["error_bars"] = ERROR_BARS
    Path(path).write_text(json.dumps(result, indent=1) + "\n")
    save_valley_figures(result, Path(path).parent)
    return result


ERROR_BARS = ("accuracy: mean over seeds ± the combined standard error of the seeds' spread and the test problems' "
              "sampling (training.task.analysis.combined_se); accuracy_sd: the spread over seeds alone")


def main(cfg: ValleyConfig) -> dict:
    if cfg.retable:
        return retable(Path(paths.concrete(cfg.retable)))
    out = Path(cfg.out_dir) if cfg.out_dir else paths.results_dir() / f"valley-{cfg.recipe}"
    out.mkdir(parents=True, exist_ok=True)
    command = (f"python -m training.valley --recipe {cfg.recipe}"
               + cli_line("x", cfg, base=parse([f"--recipe={cfg.recipe}"]))[len("python -m x"):])
    t0 = time.perf_counter()
    print(f"[valley] {command}\n[valley] out: {out}", flush=True)

    earlier = _reused_sweep(cfg, out) if cfg.reuse_from else {}

    # 1. the base model, N = 0
    base = EvalFolder(out / "base").read_summary()
    base = _base_sampled(cfg, out, base) if base else _base_eval(cfg, out)
    print(f"[valley] base accuracy {base['accuracy']:.3f} ± {base['accuracy_se']:.3f}, "
          f"{base['mean_tokens']:.0f} tokens", flush=True)

    # 2. the ladder: every (style, N, seed)
    jobs = [{**asdict(cfg.run_config(name.series, name.n, name.seed, str(out / "runs" / name.folder))),
             "series": name.series} for name in planned_runs(cfg)]
    rows, todo = [], []
    for j in jobs:
        m = RunDir(j["run_dir"]).read_metrics()
        if m and m.get("status") == State.COMPLETED and m.get("eval"):
            rows.append(_row_from_metrics(j, m))
        elif _name(j) in earlier:
            rows.append(earlier[_name(j)])
        else:
            todo.append(j)
    # Two seeds of everything first (biggest first, so the two workers finish together), then the other
    # seeds smallest first: a sweep cut short still has the whole ladder with error bars, and
    # `--collect_only true` exports what finished (each row says how many seeds it has).
    def order(j):
        cost = j["n"] * (3 if j["style"] == "long" else 1)
        late = cfg.seeds.index(j["seed"]) >= 2
        return (late, cost if late else -cost)

    todo.sort(key=order)
    if cfg.collect_only:
        print(f"[valley] collect_only: {len(todo)} unfinished runs left out", flush=True)
        todo = []
    print(f"[valley] {len(rows)} runs reused, {len(todo)} to run with {cfg.jobs} workers", flush=True)
    rows += run_jobs(_job, todo, cfg.jobs, cfg.threads_per_job, lambda r, k, n: _report(r, k, n, t0))

    # 3. aggregate, write, draw
    rows = with_vs_long(sorted(rows, key=lambda r: r.name))
    done = {r.name for r in rows if r.summary}
    result = {
        "name": cfg.recipe, "command": command, "created": time.strftime("%Y-%m-%d %H:%M:%S"),
        "missing_from_recipe": missing_from_recipe(cfg, done),
        "wall_seconds": round(time.perf_counter() - t0, 1), "config": asdict(cfg),
        "model": model_entry(cfg.model), "world": cfg.world, "arms": cfg.arms,
        "eval": eval_entry(jobs[0]),
        "base": slim(base),
        "devices": {d: sum(r.ran_on["device"] == d for r in rows) for d in sorted({r.ran_on["device"] for r in rows})},
        "missing": [_name(j).label for j in jobs if _name(j) not in done],
        **runs_and_table(rows, base), "error_bars": ERROR_BARS,
    }
    (out / "valley.json").write_text(json.dumps(result, indent=1) + "\n")
    save_valley_figures(result, out)
    if cfg.export_to:
        export(out, Path(cfg.export_to), [RunName(s, n, 0) for n in cfg.keep_records_for for s in cfg.keep_series])
    print(f"[valley] done in {result['wall_seconds']:.0f}s -> {out / 'valley.json'}", flush=True)
    return result


def eval_entry(job: dict) -> dict:
    """valley.json's `eval`: the test problems, the token cap, and the decodings every run was scored with."""
    modes = decodings(job["eval_samples"], job["eval_temperature"])
    return {"n": job["eval_n"], "decoding": "greedy", "max_new_tokens": job["eval_max_new_tokens"],
            **({"sampled": {**asdict(modes[1]), "label": modes[1].label}} if len(modes) > 1 else {})}


def _reused_sweep(cfg: ValleyConfig, out: Path) -> dict[RunName, RunRow]:
    """The rows of an earlier sweep (`reuse_from`), keyed by their run's name, after checking that it fine-tuned
    the same model on the same world with the same run settings; only runs whose style or arm both sweeps define
    alike are taken (a plain long-CoT run of a sweep without arms serves one with arms). Its base becomes this sweep's base (summary and
    records, written into out/base) unless out already has one."""
    path = Path(paths.concrete(cfg.reuse_from))
    if not path.is_file():
        raise FileNotFoundError(f"reuse_from: {path} is not a valley.json")
    earlier = json.loads(path.read_text())
    theirs = earlier.get("config") or {}
    defaults = asdict(ValleyConfig())
    how = RESUMABLE_CHANGES - {"eval_n", "eval_max_new_tokens", "eval_precision", "eval_samples",
                               "eval_temperature"}  # not what a run measures
    for key in ("model", "world", "sft", "base_eval_n", "base_prompts"):
        mine, earlier_value = getattr(cfg, key), theirs.get(key, defaults[key])
        if key == "sft":
            mine, earlier_value = ({k: v for k, v in d.items() if k not in how} for d in (mine, earlier_value))
        if earlier_value != mine:
            raise ValueError(f"reuse_from: {path} was run with {key} = {earlier_value!r}, this sweep with "
                             f"{mine!r}: its runs are not this sweep's")
    base = EvalFolder(out / "base")
    if not base.done:
        records = path.parent / "records" / "base.jsonl"
        if not records.exists():
            raise FileNotFoundError(f"reuse_from: {records} (the base's records) is missing")
        base.write(read_records(records), earlier["base"])
    mine, theirs_arms = cfg.arms or {}, earlier.get("arms") or {}
    rows = {row.name: row for row in run_rows(earlier) if mine.get(row.series) == theirs_arms.get(row.series)}
    print(f"[valley] reusing {len(rows)} runs (of {len(earlier['runs'])}: those whose style or arm both sweeps "
          f"define alike) and the base of {paths.portable(path)}", flush=True)
    return rows


def planned_runs(cfg: ValleyConfig) -> list[RunName]:
    """Every run a sweep's settings plan: each style on the ladder, the extra styles on the extra ladder; long CoT
    on `seeds`, the other styles on `control_seeds` where given."""
    plan = [(s, n) for s in cfg.styles for n in cfg.ladder] + [(s, n) for s in cfg.extra_styles for n in cfg.extra_ladder]
    return [RunName(style, n, seed) for style, n in plan
            for seed in (cfg.seeds if style == "long" or not cfg.control_seeds else cfg.control_seeds)]


def missing_from_recipe(cfg: ValleyConfig, done: set) -> list[str]:
    """The runs the recipe plans (its own ladder, seeds and styles) that this sweep has not got: a sweep run with
    fewer seeds or rungs (a CPU pilot of a GPU-sized recipe) says what it leaves out."""
    if not (RECIPES / f"{cfg.recipe}.yaml").exists():
        return []
    return [name.label for name in planned_runs(parse([f"--recipe={cfg.recipe}"])) if name not in done]


def export(out: Path, dest: Path, keep: list[RunName]) -> None:
    """What the app ships: valley.json, the figures, the base records, and the records and adapter of each run in
    `keep` that this sweep trained (the full per-run directories stay in out; a run reused from another sweep ships
    with that sweep)."""
    dest.mkdir(parents=True, exist_ok=True)
    for f in [p.name for p in out.glob("*.png")]:
        shutil.copy2(out / f, dest / f)
    (dest / "valley.json").write_text(portable_export((out / "valley.json").read_text(), dest))
    (dest / "records").mkdir(exist_ok=True)
    shutil.copy2(EvalFolder(out / "base").records, dest / "records" / f"{BASE}.jsonl")
    for name in keep:
        run = RunDir(out / "runs" / name.folder)
        if not run.evaluation.done:
            why = "has not finished" if run.path.exists() else "is not this sweep's own run (reused, or not planned)"
            print(f"[valley] export: {name.folder} {why}; its records and adapter are left out", flush=True)
            continue
        shutil.copy2(run.records, dest / "records" / f"{name.folder}.jsonl")
        adapter = dest / "adapters" / name.rung
        shutil.rmtree(adapter, ignore_errors=True)
        shutil.copytree(run.adapter, adapter)
        portable_base(adapter)  # (a run of older code may name a machine path)


def portable_export(text: str, dest: Path) -> str:
    """valley.json as shipped: the export folder it names (in its command and config) is written relative to the
    repository, or as $EXPORT/<folder> when it lies outside, so no shipped file names a machine path."""
    try:
        shown = str(dest.resolve().relative_to(paths.REPO.resolve()))
    except ValueError:
        shown = f"$EXPORT/{dest.name}"
    return text.replace(json.dumps(str(dest))[1:-1], shown)


def _report(row: RunRow, k: int, total: int, t0: float) -> None:
    s = row.summary or {}
    print(f"[valley] {k}/{total} {row.series} N={row.n} seed={row.seed}: accuracy "
          f"{s.get('accuracy', float('nan')):.3f}, {s.get('mean_tokens', 0):.0f} tokens, train "
          f"{row.train['train_seconds']}s ({time.perf_counter() - t0:.0f}s total)", flush=True)


def parse(argv: list[str]) -> ValleyConfig:
    return parse_config(ValleyConfig, argv, __doc__, recipes=RECIPES, default_recipe="classroom")


if __name__ == "__main__":
    try:
        main(parse(sys.argv[1:]))
    except SweepStopped as e:
        sys.exit(f"[valley] {e}")
