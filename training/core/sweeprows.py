"""A sweep's runs by name and in valley.json: the one owner of a run's name and of valley.json's two kinds of row.

    name = RunName("mixed-1:4", 250, 0)
    name.folder          'mixed-1to4-n250-s0'  its folder under <sweep>/runs, and its shipped records' file stem
    name.label           'mixed-1:4-n250-s0'   how valley.json's `missing` lists name it
    name.rung            'mixed-1to4-n250'     the folder of a rung's shipped adapter (<sweep>/adapters)
    RunName.parse("long-n250-s0")              RunName("long", 250, 0); None for a name of any other shape
    series_slug("mixed-1:4")                   'mixed-1to4': a series in a file name or a fact's key

    row = RunRow.from_json(valley["runs"][0])  one run: its name, folder, training, device and evaluation
    row.to_json()                              the same dict again, keys in valley.json's order
    table_of(rows, base_summary)               valley.json's "table": the base (N = 0), then every (series, N)
    runs_and_table(rows, base_summary)         both lists as valley.json writes them (summaries slimmed)
    series_rows(valley, "long")                a series' table rows (TableRow), smallest N first
    way_of(row, base_row(valley))              "through" the long format (long answers) or "around" it (short ones)
    run_rows(valley, "long", 250)              the runs (RunRow) of one rung; run_rows(valley): every run

The keys (training.valley and training.import_results write them; training.lab and the app read them through here):
    runs:  "style" (the series), "n", "seed", "run_dir", "train", "ran_on", "summary", "vs_base", "vs_long" (other
           series than long: paired against long CoT at the same N and seed), and "sampled" (the paper's sampling,
           avg@k at T, beside the greedy summary: accuracy, loops, cut-offs, its own vs_base)
    table: "style", "n", "seeds", "<metric>_mean", "<metric>_sd" (METRICS, SHARES), "accuracy_se", "accuracy_se_seeds",
           "vs_base", "vs_long", "train_seconds_mean", "tokens_mean"; where runs were sampled "sampled_<key>_mean" (SAMPLED),
           "sampled_accuracy_sd", "sampled_accuracy_se", "sampled_vs_base", "sampled_decoding"
"style" holds the series a run is plotted under: a trace style (long, short, mixed) or an arm of the sweep
(curriculum, correction, mixed-1:4, ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from training.task.analysis import combined_se, mean_sd, pooled_change

# the evaluation summary's numbers that the table averages over seeds (training.task.analysis.summarize's keys)
METRICS = ("accuracy", "mean_tokens", "reflection_ratio", "step_error_rate", "claim_error_rate", "token_efficiency",
           "process_accuracy", "hazard_fit", "catch_rate")
# the shares of answers that looped and that were cut off (training.task.analysis.loop_cutoff): averaged like METRICS
# where the summaries carry them (summaries written before they did leave a table as it was)
SHARES = ("loop_share", "cutoff_share")
# what the table keeps of the sampled evaluation (avg@k at T; training.core.evaluation.decoding_entry), as "sampled_<key>"
SAMPLED = ("accuracy", "mean_tokens", "loop_share", "cutoff_share")
BASE = "base"  # the series of the table's first row: the model before fine-tuning, at N = 0
_NAME = re.compile(r"(?P<series>.+)-n(?P<n>\d+)-s(?P<seed>\d+)")


def series_slug(series: str) -> str:
    """A series as a file name (and a fact's key) writes it: ':' is no character for one (mixed-1:4 -> mixed-1to4)."""
    return series.replace(":", "to")


@dataclass(frozen=True, order=True)
class RunName:
    """One run of a sweep: the series it belongs to, its N examples and its seed (sorted in that order)."""

    series: str
    n: int
    seed: int

    @property
    def folder(self) -> str:
        return f"{self.rung}-s{self.seed}"

    @property
    def rung(self) -> str:
        return f"{series_slug(self.series)}-n{self.n}"

    @property
    def label(self) -> str:
        return f"{self.series}-n{self.n}-s{self.seed}"

    @classmethod
    def parse(cls, folder: str) -> RunName | None:
        """The name a run folder (or a shipped records file's stem) stands for; its series as the folder writes
        it (mixed-1to4). None for a name of another shape."""
        m = _NAME.fullmatch(folder)
        return cls(m["series"], int(m["n"]), int(m["seed"])) if m else None


@dataclass
class RunRow:
    """One run's row of valley.json's "runs"."""

    name: RunName
    run_dir: str                  # the run's folder, portable ($VALLEY_HOME/...)
    train: dict                   # what training measured: status, steps, tokens, train_seconds, final_loss, ...
    summary: dict | None          # the evaluation's summary (None: not evaluated)
    ran_on: dict | None = None    # the device, its precision and why (training.valley.ran_on; imports have none)
    vs_base: dict | None = None   # the change against the base, paired problem by problem
    sampled: dict | None = None   # the evaluation with the paper's sampling (avg@k at T), its vs_base inside
    vs_long: dict | None = None   # an arm's (or short CoT's) change against plain long CoT at its N and seed, paired

    @property
    def series(self) -> str:
        return self.name.series

    @property
    def n(self) -> int:
        return self.name.n

    @property
    def seed(self) -> int:
        return self.name.seed

    def to_json(self) -> dict:
        row = {"style": self.series, "n": self.n, "seed": self.seed, "run_dir": self.run_dir, "train": self.train}
        if self.ran_on is not None:
            row["ran_on"] = self.ran_on
        row["summary"] = self.summary
        for key in ("vs_base", "vs_long"):
            if getattr(self, key):
                row[key] = getattr(self, key)
        return {**row, "sampled": self.sampled} if self.sampled else row

    @classmethod
    def from_json(cls, row: dict) -> RunRow:
        return cls(RunName(row["style"], row["n"], row["seed"]), row.get("run_dir", ""), row.get("train") or {},
                   row.get("summary"), row.get("ran_on"), row.get("vs_base"), row.get("sampled"), row.get("vs_long"))


@dataclass
class TableRow:
    """One (series, N) of valley.json's "table": its seeds' means; the first row is the base (series "base", N 0)."""

    series: str
    n: int
    seeds: int
    stats: dict   # the rest of the row, keyed as the table writes it ("accuracy_mean", "accuracy_se", ...)

    def mean(self, metric: str) -> float | None:
        """The mean over seeds of a summary metric (METRICS), or of "tokens" and "train_seconds" of training."""
        return self.stats.get(f"{metric}_mean")

    def sd(self, metric: str) -> float | None:
        return self.stats.get(f"{metric}_sd")

    @property
    def accuracy(self) -> float | None:
        return self.mean("accuracy")

    @property
    def accuracy_se(self) -> float | None:
        """The one error bar: the combined standard error of the seeds' spread and the test problems' sampling."""
        return self.stats.get("accuracy_se")

    @property
    def vs_base(self) -> dict | None:
        return self.stats.get("vs_base")

    @property
    def vs_long(self) -> dict | None:
        return self.stats.get("vs_long")

    def to_json(self) -> dict:
        return {"style": self.series, "n": self.n, "seeds": self.seeds, **self.stats}

    @classmethod
    def from_json(cls, row: dict) -> TableRow:
        return cls(row["style"], row["n"], row["seeds"],
                   {k: v for k, v in row.items() if k not in ("style", "n", "seeds")})


def table_of(runs: list[RunRow], base: dict) -> list[TableRow]:
    """Mean, SD and SE over seeds for each (series, N) of the evaluated runs, after the base as N = 0."""
    table = [TableRow(BASE, 0, 1, {**{f"{k}_mean": base.get(k) for k in METRICS + _shares([base])},
                                   "accuracy_se": base.get("accuracy_se"), **_base_sampled(base.get("sampled"))})]
    groups: dict[tuple, list[RunRow]] = {}
    for r in runs:
        if r.summary:
            groups.setdefault((r.series, r.n), []).append(r)
    for (series, n), rs in sorted(groups.items()):
        table.append(TableRow(series, n, len(rs), _rung_stats(rs)))
    return table


def _shares(summaries: list[dict]) -> tuple[str, ...]:
    """The SHARES the summaries carry (none for summaries written before they did)."""
    return tuple(k for k in SHARES if any(k in s for s in summaries))


def _base_sampled(entry: dict | None) -> dict:
    """The base row's sampled columns (none where the base was not sampled)."""
    if not entry:
        return {}
    return {**{f"sampled_{k}_mean": entry.get(k) for k in SAMPLED}, "sampled_accuracy_se": entry.get("accuracy_se"),
            "sampled_decoding": entry.get("decoding")}


def _sampled_stats(rs: list[RunRow]) -> dict:
    """A rung's sampled columns: each SAMPLED key's mean over the seeds that were sampled, the accuracy's spread and
    combined error, and the paired change against the base's sampled answers (where the base was sampled)."""
    entries = [r.sampled for r in rs if r.sampled]
    if not entries:
        return {}
    stats = {f"sampled_{k}_mean": mean_sd([e[k] for e in entries])[0] for k in SAMPLED}
    accs = [e["accuracy"] for e in entries]
    stats["sampled_accuracy_sd"] = mean_sd(accs)[1]
    stats["sampled_accuracy_se"] = combined_se(accs, entries[0].get("problems") or rs[0].summary.get("n", 200))
    stats["sampled_decoding"] = entries[0]["decoding"]
    paired = [e["vs_base"] for e in entries if e.get("vs_base")]
    return {**stats, "sampled_vs_base": pooled_change(paired)} if paired else stats


def _rung_stats(rs: list[RunRow]) -> dict:
    stats = {}
    for k in METRICS + _shares([r.summary for r in rs]):
        vals = [r.summary[k] for r in rs if r.summary.get(k) is not None]
        if not vals:
            stats[f"{k}_mean"] = None
            continue
        stats[f"{k}_mean"], stats[f"{k}_sd"] = mean_sd(vals)
        if k == "accuracy":  # the one error bar: seeds and the test problems' sampling together
            stats["accuracy_se"] = combined_se(vals, rs[0].summary.get("n", 200))
            stats["accuracy_se_seeds"] = stats["accuracy_sd"] / len(vals) ** 0.5
    paired = [r.vs_base for r in rs if r.vs_base]
    if paired:  # the change against the base, problem by problem, with the seeds' spread added
        stats["vs_base"] = pooled_change(paired)
    against_long = [r.vs_long for r in rs if r.vs_long]
    if against_long:  # the same against plain long CoT (the recovery margin is about the base: not said here)
        stats["vs_long"] = {k: v for k, v in pooled_change(against_long).items() if k != "recovered"}
    stats["train_seconds_mean"] = sum(r.train["train_seconds"] or 0 for r in rs) / len(rs)
    stats["tokens_mean"] = sum(r.train["tokens"] or 0 for r in rs) / len(rs)
    return {**stats, **_sampled_stats(rs)}


def slim(summary: dict | None) -> dict | None:
    """A summary without the bulky parts that the sweep table does not need."""
    if summary is None:
        return None
    return {k: v for k, v in summary.items() if k not in ("config",)}


def runs_and_table(runs: list[RunRow], base: dict) -> dict:
    """valley.json's "runs" (their summaries slimmed) and its "table", as JSON."""
    return {"runs": [replace(r, summary=slim(r.summary)).to_json() for r in runs],
            "table": [row.to_json() for row in table_of(runs, base)]}


def table_rows(valley: dict) -> list[TableRow]:
    """valley.json's table, the base first."""
    return [TableRow.from_json(r) for r in valley["table"]]


def base_row(valley: dict) -> TableRow:
    return TableRow.from_json(valley["table"][0])


# An arm whose answers average under this many times the base's length answers short: it went around the long
# format (learned the short one), not through it.
AROUND_BELOW = 2.0


def way_of(row: TableRow, base: TableRow) -> str:
    """"through" (the arm answers in the long format: at least AROUND_BELOW x the base's tokens) or "around" (it
    answers short, like the base), from the row's measured answer length."""
    tokens, base_tokens = row.mean("mean_tokens") or 0, base.mean("mean_tokens") or 0
    return "through" if base_tokens and tokens >= AROUND_BELOW * base_tokens else "around"


def series_rows(valley: dict, series: str) -> list[TableRow]:
    """One series' table rows, smallest N first."""
    return sorted((r for r in table_rows(valley) if r.series == series), key=lambda r: r.n)


def run_rows(valley: dict, series: str | None = None, n: int | None = None) -> list[RunRow]:
    """valley.json's runs, or those of one series (and one N), in the file's order."""
    rows = [RunRow.from_json(r) for r in valley.get("runs", [])]
    return [r for r in rows if (series is None or r.series == series) and (n is None or r.n == n)]
