"""Training runs for a whole class at once: a queue with a concurrency limit, ownership by browser, a
registry on disk that outlives the app, reuse of identical runs, the class's shared results, a disk cap.
The app creates one RunManager and hands it to the tabs (no module-level state).

- submit() queues a run (the config dataclass validates it); a config identical to a finished run
  (model, data, N, style, method, LoRA shape, seed, lr, epochs, evaluation) reuses that run's results
  at once, labelled as reused;
- at most `max_concurrent` training subprocesses run at a time; the rest wait in order and can see
  their position;
- an owner (a browser, whatever its tabs and reloads; or one API client) sees and stops only its own
  runs, starts one run of a kind at a time, and keeps its choice to share (sharing.json);
- every run is written to disk (entry.json beside the run's own files): a restarted app lists the
  finished runs, re-queues the waiting ones and marks the ones whose process is gone; when the app
  exits it stops its training processes, and a process whose app died stops itself (StopFlag);
- a background thread starts the next waiting run as soon as a slot frees (no page has to poll; it sleeps until a
  run ends, so an idle app costs no CPU);
- finished runs beyond the disk cap are deleted oldest first, never a queued or running one nor one that
  finished within the class's time window (`keep_hours`; a reused copy finished when it was made); the cap
  defaults to a share of the free disk and counts the downloads too; the owner of a removed run is told so, after
  a reload or a restart too (a tombstone stays in removed.json);
- a run downloads as one zip (a new click replaces it), removed after `download_keep_s`;
- a class has a name and an id (class.json): "Start a new class" (teacher only) gives a new id, and the
  class plot and "Assign me an N" count only this class's runs of the class recipe; students keep their runs.
"""

from __future__ import annotations

import atexit
import dataclasses
import json
import os
import shutil
import subprocess
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from training.core import paths
from training.lab import engine
from training.lab.engine import RunDir, State

# what makes two fine-tunes the same experiment (everything that changes the trained model or its score)
SAME_RUN_KEYS = ("model", "data", "world", "style", "n", "data_seed", "method", "lora_r", "lora_alpha", "epochs",
                 "batch_size", "lr", "seed", "precision", "eval_n", "eval_max_new_tokens")


@dataclass
class Job:
    run_id: str
    owner: str
    cfg: object                      # the run's config (training.sft.SFTConfig or training.grpo.GRPOConfig)
    run_dir: Path
    module: str = engine.SFT
    submitted: float = field(default_factory=time.time)
    proc: subprocess.Popen | None = None
    pid: int | None = None           # a process this app did not start (found running after a restart)
    started: float | None = None
    stopped_before_start: bool = False
    share: bool = True               # shown, anonymously, on the class's valley plot
    reused_from: str | None = None   # the finished run whose results were copied into this one
    follows: str | None = None       # the identical run, waiting or training, that this one joined (its results
                                     # are copied in when it finishes)
    class_id: str = ""               # the class the run was started in
    prediction: float | None = None  # the owner's guess of its accuracy (0..1), recorded before it ran

    @property
    def run(self) -> RunDir:
        return RunDir(self.run_dir)

    @property
    def source_dir(self) -> Path:
        """Where the run's files are: its own folder (a reused run holds a copy of the original's files)."""
        return self.run_dir

    def alive(self) -> bool:
        if self.proc is not None:
            return self.proc.poll() is None
        return self.pid is not None and _pid_runs(self.pid, self.run_dir)


def _pid_runs(pid: int, run_dir: Path) -> bool:
    """Is process `pid` still this run's training process (not a recycled pid)?"""
    try:
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return False
    return str(run_dir) in cmd


@dataclass(frozen=True)
class Wait:
    """A queued run's wait, for its page: its place in line, the seconds it has waited, about how many more before
    it starts and how long it then takes (None: no estimate)."""

    position: int
    waited_s: float
    start_in_s: float | None
    takes_s: float | None


SAFETY_PUMP_S = 60.0  # the pump looks at the line at least this often, whatever signals it missed
RESERVE_S = 900.0  # "Assign me an N" holds a rung this long for a group that has not pressed Start yet


@dataclass(frozen=True)
class Reservation:
    """A rung handed to a group by "Assign me an N", held until they Start (or RESERVE_S passes)."""

    n: int
    seed: int
    style: str
    class_id: str
    at: float


class Busy(ValueError):
    """An owner's Start while their previous run of the same kind still waits or trains (a double click, a second
    tab): refused, one run at a time per student and kind."""


class RemovedRun(KeyError):
    """A run of this owner that the disk cap removed: the message says so (the page shows it as its status, not as an error)."""

    def __str__(self) -> str:
        return self.args[0]


# The class recipe: the runs a class's valley plot and "Assign me an N" count (what the lessons ask a class to
# run); any other setting (a learning rate, full fine-tuning, an upload, another model) is "other settings".
CLASS_RECIPE = {"data": "world", "world": "classroom", "model": "tiny", "method": "lora", "lora_r": 16,
                "lora_alpha": 32, "epochs": 0, "batch_size": 8, "max_steps": 0, "curriculum": "",
                "correction_rounds": 0}
CLASS_STYLES = ("long", "short", "mixed")
CLASS_LR = engine.schedule(engine.SFTConfig(model="tiny", n=250), True)["lr"]  # the class's rate: the tiny model's default
COPIED = ("adapter", "model", "eval", "metrics", "config", "command", "progress", "status")


def is_class_recipe(cfg) -> bool:
    if getattr(cfg, "style", None) not in CLASS_STYLES or getattr(cfg, "lr", None) not in (0, CLASS_LR):
        return False
    return all(getattr(cfg, k, v) == v for k, v in CLASS_RECIPE.items())


def default_disk_cap_mb(root: Path) -> float:
    """A share of the free disk: a fifth of what is free, at least 400 MB and at most 20 GB."""
    free_mb = shutil.disk_usage(root).free / 1e6
    return max(400.0, min(20_000.0, free_mb / 5))


def same_run_key(job: Job) -> tuple | None:
    """The identity of an SFT experiment, or None where results cannot be shared (an uploaded file)."""
    if job.module != engine.SFT or job.cfg.data not in ("world", "openr1"):
        return None
    return tuple(getattr(job.cfg, k) for k in SAME_RUN_KEYS)


class RunManager:
    def __init__(self, max_concurrent: int = 1, disk_cap_mb: float = 0.0, root: Path | None = None,
                 keep_hours: float = 3.0, class_name: str = "", pump_every_s: float = 1.0,
                 downloads: Path | None = None, download_keep_s: float = 3600.0):
        """disk_cap_mb: 0 = default_disk_cap_mb (a share of the free disk); keep_hours: runs finished this recently
        are never removed (the class's time window); class_name: names a new class (else the last one goes on);
        downloads: where run zips are written for browsers to fetch (default downloads_root()), each removed
        download_keep_s after it was written."""
        self.max_concurrent = max_concurrent
        self.root = Path(root) if root else paths.runs_dir() / "app"
        self.root.mkdir(parents=True, exist_ok=True)
        self.downloads = Path(downloads) if downloads else downloads_root()
        self.download_keep_s = download_keep_s
        self.disk_cap_mb = disk_cap_mb or default_disk_cap_mb(self.root)
        self.keep_hours = keep_hours
        self._lock = threading.RLock()
        self._jobs: dict[str, Job] = {}
        self._queue: list[str] = []
        self._removed: dict[str, dict] = _read_json(self.root / "removed.json") or {}
        self._sharing: dict[str, bool] = _read_json(self.root / "sharing.json") or {}  # owner -> shares?
        self._speed_of: dict[str, engine.Speed] = {}  # finished run -> the speed it measured
        self._class_stamp = 0  # changes whenever the class plot may have: a run ended, a share choice, a new class
        self._reserved: dict[str, Reservation] = {}  # owner -> the rung "Assign me an N" handed them, until they Start
        self.klass = _read_json(self.root / "class.json") or {}
        if not self.klass or (class_name and class_name != self.klass.get("name")):
            self.new_class(class_name or "class")
        self._load()
        self._stopping = threading.Event()
        self._wake = threading.Event()  # set when a training process this app started exits
        # the waiting line moves by itself: a freed slot starts the next run at once, whether or not a page polls
        # (after a restart, nobody may be looking). The thread sleeps until a run ends (no polling: an idle app
        # costs no CPU); only a run found running after a restart, whose end nobody signals, is checked every
        # pump_every_s while runs wait for it.
        self._pump_thread = threading.Thread(target=self._pump_forever, args=(pump_every_s,), daemon=True)
        self._pump_thread.start()
        atexit.register(self.shutdown)

    def _pump_forever(self, every: float) -> None:
        while not self._stopping.is_set():
            self._wake.wait(every if self._waits_on_unwatched() else SAFETY_PUMP_S)
            self._wake.clear()
            if self._stopping.is_set():
                return
            try:
                self.pump()
            except Exception:  # noqa: BLE001 - a failed launch is the run's problem, never the app's
                pass

    def _waits_on_unwatched(self) -> bool:
        """Do runs wait while a run this app did not start (found after a restart) trains? Its end sends no
        signal, so the pump looks every few seconds."""
        with self._lock:
            return bool(self._queue) and any(j.proc is None and j.pid is not None for j in self._jobs.values())

    def _watch(self, proc: subprocess.Popen) -> None:
        """Wake the pump when this training process exits (its slot is free; the class plot may have a new run)."""
        proc.wait()
        self._class_changed()
        self._wake.set()

    def _class_changed(self) -> None:
        with self._lock:
            self._class_stamp += 1

    def class_stamp(self) -> int:
        """A number that changes whenever the class plot may have changed (a run ended, a share choice changed, a
        new class began): a page redraws its plot when it sees a new one, without reading any run's files."""
        with self._lock:
            return self._class_stamp

    # -- the class ---------------------------------------------------------------------------
    def new_class(self, name: str = "") -> dict:
        """Start a new class: its plot and its rungs start empty (earlier runs stay with their owners)."""
        with self._lock:
            self.klass = {"name": (name or "class").strip()[:60] or "class", "id": uuid.uuid4().hex[:8],
                          "started": time.time()}
            _write_json(self.root / "class.json", self.klass)
            self._class_stamp += 1
            return self.klass

    # -- the registry on disk ---------------------------------------------------------------
    def _save(self, job: Job) -> None:
        entry = {"run_id": job.run_id, "owner": job.owner, "module": job.module, "submitted": job.submitted,
                 "share": job.share, "reused_from": job.reused_from, "follows": job.follows,
                 "class_id": job.class_id,
                 "prediction": job.prediction, "config": dataclasses.asdict(job.cfg)}
        _write_json(job.run.entry, entry)

    def _load(self) -> None:
        """Rebuild the registry from disk: finished runs as they are, waiting runs back in the queue,
        runs whose process is gone marked (they cannot resume), live ones followed by their pid."""
        entries = []
        for d in self.root.iterdir():
            e = _read_json(RunDir(d).entry) if d.is_dir() else None
            if e:
                entries.append((d, e))
        for d, e in sorted(entries, key=lambda x: x[1]["submitted"]):
            try:
                cfg = engine.config_from(e["module"], e["config"])
            except (ValueError, KeyError, TypeError):
                continue  # written by an incompatible version: leave it on disk, do not list it
            job = Job(e["run_id"], e["owner"], cfg, d, e["module"], e["submitted"], share=e.get("share", True),
                      reused_from=e.get("reused_from"), follows=e.get("follows"), class_id=e.get("class_id", ""),
                      prediction=e.get("prediction"))
            self._jobs[job.run_id] = job
            run = job.run
            if job.follows:
                continue  # settled once every run is known (_settle_followers)
            if run.stop_requested() and not run.status.exists():
                job.stopped_before_start = True
                continue
            st = run.poll()
            if st.state == State.QUEUED and not run.launched():
                self._queue.append(job.run_id)
            elif not st.done:
                pid = run.read_pid() or st.info.get("pid")
                if pid and _pid_runs(pid, d):
                    job.pid, job.started = pid, job.submitted
                else:
                    engine.mark_abandoned(d, "the app stopped while this run was in progress; start it again")
        self.pump()  # settles the runs that joined another too

    def shutdown(self) -> None:
        """Stop every training process this app runs (each saves what it trained, marked partial)."""
        if hasattr(self, "_stopping"):
            self._stopping.set()
            self._wake.set()
        with self._lock:
            live = [j for j in self._jobs.values() if j.alive()]
            for j in live:
                engine.stop(j.run_dir, j.proc)
        deadline = time.time() + 20
        for j in live:
            while j.alive() and time.time() < deadline:
                time.sleep(0.2)
            if j.proc is not None and j.proc.poll() is None:
                j.proc.kill()

    # -- submitting and starting ------------------------------------------------------------
    def submit(self, owner: str, cfg, module: str = engine.SFT, share: bool = True,
               prediction: float | None = None, exclusive: bool = False) -> str:
        """Queue a run (or reuse a finished twin's results at once); its id. exclusive: refuse (Busy) while this
        owner has a run of `module` waiting or training: checked and queued under one lock, so two clicks a moment
        apart never queue two runs."""
        with self._lock:
            if exclusive and self.busy(owner, module):
                raise Busy("your previous run is still waiting or training: stop it first, or wait for it")
            run_id = time.strftime("%H%M%S-") + uuid.uuid4().hex[:6]
            run_dir = self.root / run_id
            run_dir.mkdir(parents=True)
            cfg.run_dir = str(run_dir)
            job = Job(run_id, owner, cfg, run_dir, module, share=share, class_id=self.klass["id"],
                      prediction=prediction)
            self._remember_sharing(owner, share)
            source = self._finished_twin(job)
            if source is not None:
                self._copy_results(source, job)
            else:
                job.follows = getattr(self._live_twin(job), "run_id", None)
            self._jobs[run_id] = job
            self._reserved.pop(owner, None)  # an assigned rung is a run now: coverage counts it
            self._save(job)
            if source is None and job.follows is None:
                self._queue.append(run_id)
        self.pump()
        self.cleanup()
        return run_id

    def _copy_results(self, source: Job, job: Job) -> None:
        """A reused run gets its own copy of the finished twin's files (weights, evaluation, metrics): the
        second student owns what they download, and the first one's deleting or opting out changes nothing."""
        src, dst = source.run, job.run
        for name in COPIED:  # shutil.copy, not copy2: the copy finished now (the disk cap reads its files' times)
            a, b = getattr(src, name), getattr(dst, name)
            if a.is_dir():
                shutil.copytree(a, b, dirs_exist_ok=True, copy_function=shutil.copy)
            elif a.exists():
                shutil.copy(a, b)
        job.reused_from = source.run_id

    def _finished_twin(self, job: Job) -> Job | None:
        """A finished, evaluated run of the same experiment whose owner shares it (an owner who opted out of
        sharing keeps their run to themselves)."""
        key = same_run_key(job)
        if key is None:
            return None
        for other in self._jobs.values():
            if other.share and other.reused_from is None and same_run_key(other) == key:
                st = engine.poll(other.run_dir, other.proc)
                if st.state == State.COMPLETED and st.evaluation:
                    return other
        return None

    def _live_twin(self, job: Job) -> Job | None:
        """The same experiment, shared, waiting or training now: a second Start joins it (it follows that run and
        gets a copy of its results) instead of training the same thing twice."""
        key = same_run_key(job)
        if key is None:
            return None
        for other in self._jobs.values():
            if other.share and not other.reused_from and not other.follows and not other.stopped_before_start \
                    and same_run_key(other) == key and (other.run_id in self._queue or other.alive()):
                return other
        return None

    def _settle_followers(self) -> None:
        """A run whose leader finished gets a copy of its results; one whose leader stopped, failed, went away or
        stopped sharing waits in line to train on its own (the student still gets their run)."""
        for job in [j for j in self._jobs.values() if j.follows]:
            leader = self._jobs.get(job.follows)
            st = None if leader is None else self._leader_state(leader)
            if st is not None and not st.done:
                continue
            if st is not None and st.state == State.COMPLETED and st.evaluation and leader.share:
                self._copy_results(leader, job)
            elif job.run_id not in self._queue:
                self._queue.append(job.run_id)
            job.follows = None
            self._save(job)

    def _leader_state(self, leader: Job) -> engine.RunState:
        if leader.stopped_before_start:
            return engine.RunState(leader.run_dir, State.STOPPED, [], {}, None, "stopped while waiting")
        if leader.run_id in self._queue:
            return engine.RunState(leader.run_dir, State.QUEUED, [], {}, None)
        return engine.poll(leader.run_dir, leader.proc, pid=leader.pid)

    def pump(self) -> None:
        """Settle the runs that joined another, then start queued runs while there is a free slot."""
        with self._lock:
            self._settle_followers()
            while self._queue and self._n_active() < self.max_concurrent:
                job = self._jobs[self._queue.pop(0)]
                # a lower CPU priority than the app: pages stay responsive while a run uses every core
                job.proc = engine.start_run(job.cfg, job.run_dir, module=job.module,
                                            env={"VALLEY_PARENT_PID": str(os.getpid())}, nice=5).proc
                job.started = time.time()
                threading.Thread(target=self._watch, args=(job.proc,), daemon=True).start()

    def _n_active(self) -> int:
        return sum(1 for j in self._jobs.values() if j.alive())

    # -- what an owner may see and do -------------------------------------------------------
    def _own(self, owner: str, run_id: str) -> Job:
        job = self._jobs.get(run_id)
        if job is None or job.owner != owner:
            gone = self._removed.get(run_id)
            if gone and gone.get("owner") == owner:
                raise RemovedRun(f"run {run_id} was removed to free disk space: it finished "
                                 f"{(gone['removed'] - gone['finished']) / 3600:.0f} h before (the app keeps runs for "
                                 f"{self.keep_hours:g} h once the disk fills up). Start it again to get it back.")
            raise KeyError(f"no run {run_id!r} of yours")
        return job

    def runs_of(self, owner: str, module: str = engine.SFT) -> list[str]:
        with self._lock:
            return [r for r, j in self._jobs.items() if j.owner == owner and j.module == module]

    def latest(self, owner: str, module: str = engine.SFT) -> str | None:
        """The run a page of this owner follows after a reload, a second tab or a restart: their latest of
        `module`, a removed one included (the page then says it was removed, instead of "No run yet")."""
        with self._lock:
            started = {r: j.submitted for r, j in self._jobs.items() if j.owner == owner and j.module == module}
            started |= {r: g.get("submitted", 0.0) for r, g in self._removed.items()
                        if g.get("owner") == owner and g.get("module", engine.SFT) == module}
        return max(started, key=started.get) if started else None

    def removed_of(self, owner: str) -> list[str]:
        """This owner's runs that the disk cap removed (the page says so once)."""
        with self._lock:
            return [r for r, g in self._removed.items() if g.get("owner") == owner]

    def position(self, owner: str, run_id: str) -> int | None:
        """1-based place in the waiting line (a joined run's: its leader's), None once started."""
        with self._lock:
            job = self._own(owner, run_id)
            line_id = job.follows or run_id
            return self._queue.index(line_id) + 1 if line_id in self._queue else None

    def busy(self, owner: str, module: str = engine.SFT) -> bool:
        """Has this owner a run of `module` waiting or training (the page disables Start meanwhile)?"""
        with self._lock:
            jobs = [j for j in self._jobs.values() if j.owner == owner and j.module == module]
        return any(not self.state(owner, j.run_id).done for j in jobs)

    def state(self, owner: str, run_id: str) -> engine.RunState:
        """The run's state; a run that joined an identical one shows its leader's (reused_from names the leader)."""
        with self._lock:
            job = self._own(owner, run_id)
            if job.follows and not job.stopped_before_start:
                self._settle_followers()
            if job.follows and not job.stopped_before_start:
                st = self._leader_state(self._jobs[job.follows])
                st.reused_from = job.follows
                return st
            if job.stopped_before_start:
                return engine.RunState(job.run_dir, State.STOPPED, [], {}, None, "stopped while waiting")
            if job.proc is None and job.pid is None and not job.reused_from and run_id in self._queue:
                return engine.RunState(job.run_dir, State.QUEUED, [], {}, None)
        st = engine.poll(job.source_dir, job.proc, pid=job.pid)
        if job.reused_from:
            st.reused_from = job.reused_from
        return st

    def stop(self, owner: str, run_id: str) -> str:
        """Ask a run to stop; returns what happened, in words."""
        with self._lock:
            job = self._own(owner, run_id)
            if job.follows:  # the leader trains on for its owner: this one just stops following it
                job.follows, job.stopped_before_start = None, True
                job.run.stop_file.write_text("stopped while following an identical run\n")
                self._save(job)
                return "Stopped following the identical run: nothing of yours was training."
            if run_id in self._queue:
                self._queue.remove(run_id)
                job.stopped_before_start = True
                job.run.stop_file.write_text("stopped while waiting\n")
                return "Stopped before it started."
            st = self.state(owner, run_id)
            # a run that has written its result is finished, even in the second its process takes to exit
            if job.reused_from or not job.alive() or st.done or st.state == State.EVALUATING and st.metrics:
                return ("This run has already finished: there is nothing to stop." if st.state != State.FAILED
                        else "This run has already failed: there is nothing to stop.")
        engine.stop(job.run_dir, job.proc)
        return "Stopping: saving what was trained so far..."

    def config(self, owner: str, run_id: str):
        with self._lock:
            return self._own(owner, run_id).cfg

    def job(self, owner: str, run_id: str) -> Job:
        with self._lock:
            return self._own(owner, run_id)

    def run_dir(self, owner: str, run_id: str) -> Path:
        """The folder with the run's files."""
        with self._lock:
            return self._own(owner, run_id).source_dir

    def set_share(self, owner: str, share: bool) -> None:
        """Share (or not) this owner's finished runs on the class plot and for reuse: the runs they have, and the
        choice itself, which their page shows after a reload or a restart."""
        with self._lock:
            for job in self._jobs.values():
                if job.owner == owner and job.share != share:
                    job.share = share
                    self._save(job)
                    self._class_stamp += 1
            self._remember_sharing(owner, share)

    def sharing(self, owner: str) -> bool:
        """This owner's choice to share (True until they opt out)."""
        with self._lock:
            return self._sharing.get(owner, True)

    def _remember_sharing(self, owner: str, share: bool) -> None:
        if self._sharing.get(owner, True) != share:
            self._sharing[owner] = share
            _write_json(self.root / "sharing.json", self._sharing)

    # -- the class ----------------------------------------------------------------------------
    def _class_jobs(self) -> list[Job]:
        with self._lock:
            return [j for j in self._jobs.values() if j.module == engine.SFT and j.class_id == self.klass["id"]
                    and not j.stopped_before_start]

    def class_results(self) -> list[dict]:
        """This class's finished, evaluated fine-tunes whose owners share them (a reused run counts once), each
        marked `recipe`: "class" for the class recipe, "other" for any other setting."""
        out = []
        for j in self._class_jobs():
            if not j.share or j.reused_from:
                continue
            st = engine.poll(j.run_dir, j.proc, pid=j.pid)
            ev = st.evaluation
            if st.state == State.COMPLETED and ev:
                out.append({"n": j.cfg.n, "style": j.cfg.style, "model": j.cfg.model, "accuracy": ev["accuracy"],
                            "mean_tokens": ev["mean_tokens"], "prediction": j.prediction,
                            "recipe": "class" if is_class_recipe(j.cfg) else "other"})
        return out

    def coverage(self, ladder: list[int], style: str = "long") -> dict[int, int]:
        """How many of this class's runs of the class recipe (finished, running or waiting; a run that reuses or
        joins another counts once, as that run) and rungs handed out by reserve() and not yet started sit at each
        rung."""
        counts = {n: 0 for n in ladder}
        for _, n in self._class_seeds(style):
            if n in counts:
                counts[n] += 1
        return counts

    def _class_seeds(self, style: str = "long") -> list[tuple[int, int]]:
        """(seed, N) of each run of the class recipe this class trains, has trained or has been assigned."""
        taken = []
        for j in self._class_jobs():
            if j.cfg.style == style and is_class_recipe(j.cfg) and not j.reused_from and not j.follows and \
                    engine.poll(j.run_dir, j.proc, pid=j.pid).state not in (State.FAILED, State.STOPPED):
                taken.append((j.cfg.seed, j.cfg.n))
        with self._lock:
            now = time.time()
            for owner, r in list(self._reserved.items()):
                if now - r.at > RESERVE_S or r.class_id != self.klass["id"]:
                    del self._reserved[owner]
                elif r.style == style:
                    taken.append((r.seed, r.n))
        return taken

    def reserve(self, owner: str, rungs: list[int], ladder: list[int], style: str = "long") -> tuple[int, int]:
        """(N, seed) for this owner: the least-covered of `rungs` (the ones this machine trains in time; ties go to
        the smaller N) and the smallest seed nobody in the class has at that N, held for them (coverage counts it)
        until they Start or RESERVE_S passes. Chosen and held under one lock, so groups pressing at once get
        distinct runs; an owner who presses again keeps what they were handed."""
        with self._lock:
            held = self._reserved.get(owner)
            if held and time.time() - held.at < RESERVE_S and held.class_id == self.klass["id"] and held.n in rungs:
                return held.n, held.seed
            self._reserved.pop(owner, None)
            taken = self._class_seeds(style)
            counts = {n: sum(1 for _, k in taken if k == n) for n in ladder}
            n = min(rungs, key=lambda k: (counts.get(k, 0), k))
            seeds = {seed for seed, k in taken if k == n}
            seed = next(s for s in range(len(seeds) + 1) if s not in seeds)
            self._reserved[owner] = Reservation(n, seed, style, self.klass["id"], time.time())
            return n, seed

    # -- how long things take here ------------------------------------------------------------
    def speeds(self) -> dict[str, engine.Speed]:
        """model -> this machine's newest measured speed with it (engine.Speed): a run in progress counts (its
        latest progress line), so the estimates follow a machine that got busy. A finished run's speed is read
        once."""
        with self._lock:
            jobs = [j for j in self._jobs.values() if j.module == engine.SFT and not j.reused_from]
        found: dict[str, engine.Speed] = {}
        for job in jobs:
            sp = self._speed_of.get(job.run_id)
            if sp is None:
                sp = engine.measured_speed(job.run_dir)
                if sp is not None and job.run.metrics.exists():
                    self._speed_of[job.run_id] = sp  # finished: its speed no longer changes
            if sp is not None and (sp.model not in found or sp.at > found[sp.model].at):
                found[sp.model] = sp
        return found

    def rl_seconds_per_step(self, from_adapter: bool) -> float | None:
        """Seconds per GRPO step that this machine's newest finished RL run from the same kind of start (the base
        model, or an SFT adapter: long answers) measured, its test included; None before one has finished."""
        with self._lock:
            jobs = [j for j in self._jobs.values()
                    if j.module == engine.GRPO and bool(j.cfg.init_adapter) == from_adapter]
        best = None
        for job in jobs:
            m = job.run.read_metrics() or {}
            if m.get("status") == State.COMPLETED and m.get("steps") and m.get("seconds"):
                at = job.run.metrics.stat().st_mtime
                if best is None or at > best[0]:
                    best = (at, m["seconds"] / m["steps"])
        return best and best[1]

    def estimate(self, cfg, speeds: dict | None = None) -> engine.Estimate | None:
        """About how long a fine-tune of `cfg` takes here (engine.estimate at this machine's measured speeds)."""
        if not isinstance(cfg, engine.SFTConfig):
            return None  # GRPO: its progress lines carry its ETA once it runs
        return engine.estimate(cfg, self.speeds() if speeds is None else speeds, gpu=self.max_concurrent > 1)

    def start_in(self, owner: str | None = None, run_id: str | None = None) -> float | None:
        """About how many seconds before a queued run starts (before a run submitted now would start, without
        one): the runs training now finish (their own ETA) and those ahead of it in line train (their estimates),
        on max_concurrent slots. None where a run ahead has no estimate."""
        now, speeds = time.time(), self.speeds()
        with self._lock:
            if run_id is not None:
                run_id = self._own(owner, run_id).follows or run_id  # a joined run starts with its leader
                if run_id not in self._queue:
                    return 0.0
            line = self._queue[:self._queue.index(run_id)] if run_id else self._queue
            ahead = [self._jobs[r] for r in line]
            active = [j for j in self._jobs.values() if j.alive()]
        slots = [self._remaining(j, speeds, now) for j in active]
        slots += [0.0] * max(0, self.max_concurrent - len(slots))
        if not ahead and 0.0 in slots:
            return 0.0
        for job in ahead:  # each waiting run takes the slot that frees first
            est = self.estimate(job.cfg, speeds)
            if est is None or None in slots:
                return None
            slots.sort()
            slots[0] += est.seconds
        return None if None in slots else min(slots)

    def _remaining(self, job: Job, speeds: dict, now: float) -> float | None:
        st = engine.poll(job.run_dir, job.proc, pid=job.pid)
        return engine.remaining_seconds(st, self.estimate(job.cfg, speeds), job.started, now)

    def wait(self, owner: str, run_id: str) -> Wait | None:
        """A queued run's Wait; None once it has started."""
        position = self.position(owner, run_id)
        if position is None:
            return None
        job = self.job(owner, run_id)
        est = self.estimate(job.cfg)
        return Wait(position, time.time() - job.submitted, self.start_in(owner, run_id), est and est.seconds)

    # -- take it home -------------------------------------------------------------------------
    def download(self, owner: str, run_id: str) -> Path:
        """The run as a zip under `downloads`, in a folder with a random name (nobody can guess another's): the
        adapter (loads with peft) or the full model, records, metrics, config; a failed run's zip holds its log and
        error instead (there are no weights). A run has one zip at a time: a new click replaces the last."""
        job = self._own(owner, run_id)
        src = RunDir(job.source_dir)
        st = self.state(owner, run_id)
        if not st.done:
            raise ValueError("this run has not finished yet: there is nothing to download")
        if st.state == State.STOPPED and src.weights() is None:
            raise ValueError("this run stopped before it trained anything: there is nothing to download")
        name = f"valley-run-{run_id}{'-failed' if st.state == State.FAILED else ''}.zip"
        for old in self.downloads.glob(f"*/valley-run-{run_id}*.zip"):
            shutil.rmtree(old.parent, ignore_errors=True)
        folder = self.downloads / uuid.uuid4().hex
        folder.mkdir(parents=True)
        return src.zip(folder / name)

    def disk_used_mb(self) -> float:
        """What the app keeps on disk: its runs and their downloads (the disk cap counts both)."""
        return _size_mb(self.root) + (_size_mb(self.downloads) if self.downloads.exists() else 0.0)

    def _remove_old_downloads(self, now: float) -> None:
        """A zip is fetched within seconds of its click: after download_keep_s it goes."""
        for folder in self.downloads.iterdir() if self.downloads.exists() else []:
            if folder.is_dir() and now - folder.stat().st_mtime > self.download_keep_s:
                shutil.rmtree(folder, ignore_errors=True)

    # -- disk ----------------------------------------------------------------------------------
    def cleanup(self) -> list[str]:
        """Remove downloads older than download_keep_s, then the oldest finished runs while the runs and downloads
        are over the cap. Never a queued or running run, nor one that finished within keep_hours (the class at
        work; a reused copy finished when it was made)."""
        removed = []
        now = time.time()
        with self._lock:
            self._remove_old_downloads(now)
            busy = {r for r, j in self._jobs.items() if r in self._queue or j.alive()}
            recent = {r for r, j in self._jobs.items() if now - _finished_at(j.run) < self.keep_hours * 3600}
            dirs = sorted((d for d in self.root.iterdir() if d.is_dir() and d.name not in busy | recent),
                          key=lambda d: _finished_at(RunDir(d)))
            total = self.disk_used_mb()
            for d in dirs:
                if total <= self.disk_cap_mb:
                    break
                size, finished = _size_mb(d), _finished_at(RunDir(d))  # read before the folder goes
                job = self._jobs.pop(d.name, None)
                shutil.rmtree(d, ignore_errors=True)
                total -= size
                removed.append(d.name)
                if job is not None:
                    self._removed[d.name] = {"owner": job.owner, "module": job.module, "submitted": job.submitted,
                                             "finished": finished, "removed": now, "mb": round(size, 1)}
            if removed:
                _write_json(self.root / "removed.json", self._removed)
        return removed


def downloads_root() -> Path:
    """Where run zips are written for a browser to fetch: the only folder of VALLEY_HOME the app serves."""
    return paths.home() / "downloads"


def _finished_at(run: RunDir) -> float:
    """When a run last wrote its status (its finish, for a finished run); its folder's time otherwise."""
    for f in (run.status, run.entry, run.path):
        try:
            return f.stat().st_mtime
        except OSError:
            continue
    return 0.0


def _read_json(path: Path) -> dict | None:
    try:
        return json.loads(Path(path).read_text())
    except (OSError, ValueError):
        return None


def _write_json(path: Path, data: dict) -> None:
    tmp = Path(path).with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=1))
    tmp.replace(path)


def _size_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6
