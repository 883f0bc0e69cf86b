"""Run independent jobs in worker processes with one or two torch threads each (the sweeps use it).

On 2 shared cores, two 1-thread workers beat one 2-thread run for models this small
(training/LOG.md). Workers are spawned (not forked) so each starts clean.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Callable


def _exit_with_parent(parent: int) -> None:
    """Worker initializer: if the sweep's main process dies (killed, kill -9), end this worker too,
    instead of training on as an orphan and pulling more queued jobs."""
    def watch():
        while True:
            if os.getppid() != parent:
                os._exit(1)
            time.sleep(2)

    threading.Thread(target=watch, daemon=True).start()


def _call(args):
    fn, payload, threads = args
    import torch

    torch.set_num_threads(threads)
    return fn(payload)


def run_jobs(fn: Callable[[dict], dict], payloads: list[dict], workers: int, threads: int,
             on_done: Callable[[dict, int, int], None] | None = None) -> list[dict]:
    """fn(payload) for every payload; results in completion order. fn must be importable (top level)."""
    results = []
    if workers > 1 and len(payloads) > 1:
        with ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("spawn"),
                                 initializer=_exit_with_parent, initargs=(os.getpid(),)) as ex:
            futs = [ex.submit(_call, (fn, p, threads)) for p in payloads]
            for k, f in enumerate(as_completed(futs), 1):
                results.append(f.result())
                if on_done:
                    on_done(results[-1], k, len(payloads))
    else:
        for k, p in enumerate(payloads, 1):
            results.append(_call((fn, p, threads * max(1, workers))))
            if on_done:
                on_done(results[-1], k, len(payloads))
    return results
