"""Where fine-tuning data comes from: the world, a chat-messages JSONL/parquet file, or OpenR1-Math-220k.

Every source returns (prompt, completion) pairs, and "amount N" always means the first N of one
seeded permutation, so the N=1k set is a subset of the N=4k set (nested, as in the paper).

    pairs = load_pairs("world", n=500, style="long", world="classroom")
    pairs = load_pairs("my_traces.jsonl", n=500)       # {"messages": [{"role": ..., "content": ...}]}
    pairs = load_pairs("openr1", n=8000)                # needs the Hub (or a local copy)
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Iterator

from training.core.openr1 import load_openr1_pairs
from training.task.traces import LongKnobs, write_trace
from training.task.world import problems

WORLD_STYLES = ("long", "short", "mixed", "mixed-1:4", "padded", "answer")


def long_share(style: str) -> float | None:
    """The share of long traces in a mixed style: 'mixed' is 1:1 (0.5), 'mixed-a:b' is a long : b short
    ('mixed-1:4', the ratio published work found to help small models, is 0.2); None for other styles."""
    if style == "mixed":
        return 0.5
    if style.startswith("mixed-"):
        a, b = style[len("mixed-"):].split(":")
        return int(a) / (int(a) + int(b))
    return None


class DataError(ValueError):
    """Bad or insufficient data; the message says what and where."""


def world_pairs(n: int, style: str = "long", world: str = "classroom", seed: int = 0,
                knobs: LongKnobs | None = None) -> list[tuple[str, str]]:
    """The first n training problems of the world, written in `style`.

    Problem i is the same for every n (nested subsets). `mixed` writes each problem long or
    short with probability 1/2 (decided per problem by the seed); `mixed-1:4` long with probability 1/5.
    """
    if style not in WORLD_STYLES:
        raise DataError(f"unknown style {style!r}; choose from {list(WORLD_STYLES)}")
    out = []
    share = long_share(style)
    for p in problems(world, "train", n):
        s = style
        if share is not None:
            s = "long" if random.Random(f"mixed:{seed}:{p.index}").random() < share else "short"
        out.append((p.prompt, write_trace(p, s, seed=seed * 1_000_003 + p.index, knobs=knobs)))
    return out


def read_chat_file(path: str | Path) -> list[tuple[str, str]]:
    """Read a JSONL (or parquet) of {"messages": [...]} into (prompt, completion) pairs.

    The prompt is the last user turn before the final assistant turn (a system turn, if any, is
    prepended to it). Errors name the line and what is wrong.
    """
    pairs = list(iter_chat_file(path))
    if not pairs:
        raise DataError(f"{Path(path).name}: no examples in the file")
    return pairs


def count_chat_file(path: str | Path) -> int:
    """Check every example of a chat file and count them, one line at a time (never the whole file)."""
    n = sum(1 for _ in iter_chat_file(path))
    if not n:
        raise DataError(f"{Path(path).name}: no examples in the file")
    return n


def iter_chat_file(path: str | Path) -> Iterator[tuple[str, str]]:
    """The (prompt, completion) pairs of a chat file, checked one by one as they are read."""
    p = Path(path)
    if not p.exists():
        raise DataError(f"data file {p} does not exist")
    if p.suffix == ".parquet":
        import pandas as pd

        for i, row in enumerate(pd.read_parquet(p).to_dict("records"), start=1):
            yield _pair_from_row(i, row, p.name)
        return
    with open(p, encoding="utf-8", errors="strict") as f:
        try:
            for i, line in enumerate(f, start=1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as e:
                    raise DataError(f"{p.name} line {i}: not valid JSON ({e.msg})") from None
                except RecursionError:
                    raise DataError(f"{p.name} line {i}: nested too deeply to be a chat example") from None
                yield _pair_from_row(i, row, p.name)
        except UnicodeDecodeError:
            raise DataError(f"{p.name}: not a UTF-8 text file") from None


def _pair_from_row(i: int, row, name: str) -> tuple[str, str]:
    where = f"{name} line {i}"
    if not isinstance(row, dict) or "messages" not in row:
        raise DataError(f"{where}: expected an object with a 'messages' list, "
                        f'like {{"messages": [{{"role": "user", "content": "..."}}, '
                        f'{{"role": "assistant", "content": "..."}}]}}')
    msgs = row["messages"]
    if hasattr(msgs, "tolist"):
        msgs = msgs.tolist()
    if not isinstance(msgs, list) or not msgs:
        raise DataError(f"{where}: 'messages' must be a non-empty list")
    for m in msgs:
        if not isinstance(m, dict) or not isinstance(m.get("content"), str) or m.get("role") not in (
                "system", "user", "assistant"):
            raise DataError(f"{where}: every message needs a role (system/user/assistant) and a "
                            f"string content")
    if msgs[-1]["role"] != "assistant":
        raise DataError(f"{where}: the last message must be the assistant's answer")
    users = [m for m in msgs[:-1] if m["role"] == "user"]
    if not users:
        raise DataError(f"{where}: no user message before the assistant's answer")
    system = "".join(m["content"] + "\n\n" for m in msgs if m["role"] == "system")
    if not msgs[-1]["content"].strip():
        raise DataError(f"{where}: the assistant's answer is empty")
    return system + users[-1]["content"], msgs[-1]["content"]


def nested_subset(items: list, n: int, seed: int) -> list:
    """The first n of one seeded permutation (nested: subset(n) is a prefix of subset(m > n))."""
    if n > len(items):
        raise DataError(f"asked for N={n} examples but the data has only {len(items)}")
    order = list(range(len(items)))
    random.Random(f"subset:{seed}").shuffle(order)
    return [items[i] for i in order[:n]]


def load_pairs(source: str, n: int, style: str = "long", world: str = "classroom", seed: int = 0,
               knobs: LongKnobs | None = None) -> list[tuple[str, str]]:
    """n (prompt, completion) pairs from 'world', 'openr1', or a file path."""
    if n < 1:
        raise DataError(f"N must be at least 1, got {n}")
    if source == "world":
        return world_pairs(n, style, world, seed, knobs)
    if source == "openr1":
        return nested_subset(load_openr1_pairs(seed=seed), n, seed)
    return nested_subset(read_chat_file(source), n, seed)
