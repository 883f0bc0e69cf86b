"""A run's name and valley.json's rows have one owner (training.core.sweeprows): names build and parse back, every
shipped row reads and writes back to the same JSON, and the table recomputed from the shipped runs is the shipped
table, key for key and in order."""

import json

import pytest

from training.core.sweeprows import RunName, RunRow, TableRow, run_rows, series_rows, series_slug, table_of, table_rows
from training.lab import results


def test_a_run_name_builds_its_folder_label_and_rung_and_parses_back():
    name = RunName("mixed-1:4", 250, 0)
    assert (name.folder, name.label, name.rung) == ("mixed-1to4-n250-s0", "mixed-1:4-n250-s0", "mixed-1to4-n250")
    assert RunName.parse(name.folder) == RunName("mixed-1to4", 250, 0)  # the folder's own spelling of the series
    assert RunName.parse("long-n250-s0") == RunName("long", 250, 0) and RunName("long", 250, 0).folder == "long-n250-s0"
    assert RunName.parse("short-to-long-n1000-s2") == RunName("short-to-long", 1000, 2)
    for other in ("base", "runs", "long-n250", "long-n250-s0.jsonl", "long-nX-s0"):
        assert RunName.parse(other) is None
    assert sorted([RunName("long", 500, 0), RunName("long", 250, 1), RunName("base", 0, 0)]) == [
        RunName("base", 0, 0), RunName("long", 250, 1), RunName("long", 500, 0)]  # series, then N, then seed
    assert series_slug("mixed-1:4") == "mixed-1to4" and series_slug("long") == "long"


def test_a_row_writes_the_keys_valley_json_has():
    row = RunRow(RunName("long", 8, 0), "$VALLEY_HOME/x", {"train_seconds": 1.0, "tokens": 10}, {"accuracy": 0.5})
    assert list(row.to_json()) == ["style", "n", "seed", "run_dir", "train", "summary"]  # no device, no pairing
    paired = RunRow(row.name, "x", {}, None, ran_on={"device": "cpu"}, vs_base={"change": 0.1})
    assert list(paired.to_json()) == ["style", "n", "seed", "run_dir", "train", "ran_on", "summary", "vs_base"]
    assert RunRow.from_json(paired.to_json()) == paired
    t = TableRow.from_json({"style": "long", "n": 8, "seeds": 2, "accuracy_mean": 0.4, "accuracy_se": 0.05,
                            "tokens_mean": 900.0})
    assert (t.accuracy, t.accuracy_se, t.mean("tokens"), t.sd("accuracy"), t.vs_base) == (0.4, 0.05, 900.0, None, None)


@pytest.mark.parametrize("name", results.sweeps())
def test_every_shipped_row_reads_back_and_the_table_is_recomputed_to_the_letter(name):
    valley = results.sweep(name).valley
    assert [r.to_json() for r in run_rows(valley)] == valley["runs"]
    assert [TableRow.from_json(r).to_json() for r in valley["table"]] == valley["table"]
    table = [r.to_json() for r in table_of(run_rows(valley), valley["base"])]
    assert json.dumps(table) == json.dumps(valley["table"])  # the same keys in the same order
    longs = series_rows(valley, "long")
    assert [r.n for r in longs] == sorted(r.n for r in longs) and all(r.series == "long" for r in longs)
    assert results.sweep(name).runs == run_rows(valley) and results.sweep(name).table[0].series == "base"


def test_the_shipped_records_and_adapters_are_named_by_their_runs():
    sweep = results.sweep()
    name = RunName("long", 250, 0)
    assert sweep.records[name.folder].name == "long-n250-s0.jsonl" and sweep.adapters[name.rung].name == "long-n250"
    assert all(RunName.parse(stem) for stem in sweep.records if stem != "base")


def test_the_ways_out_arms_ship_their_records_and_adapters_to_the_app():
    from app.context import WAYS_SWEEP, Shipped

    shipped, ways = Shipped.load(), results.sweep(WAYS_SWEEP)
    arms = {r.series for r in table_rows(ways.valley)[1:]} - {"long"}  # long CoT is reused from steps-fixed
    assert arms and {RunName.parse(k).series for k in ways.records if k != "base"} == {series_slug(a) for a in arms}
    for stem, path in ways.records.items():
        if stem != "base":
            assert shipped.records[f"shipped: ways out {stem}"] == path
    for rung, folder in ways.adapters.items():
        assert shipped.adapters[f"shipped: ways out {rung}"] == folder and (folder / "adapter_config.json").exists()
