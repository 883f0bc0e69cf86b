"""The tab protocol: what every tab builder returns, and how build_app uses it.

    def build_<name>_tab(ctx: AppContext) -> Tab:
        with gr.Tab("Name", id="name"):
            ...components, events...
        return Tab(restore=((latest_run, current_state),), on_load=(fill_lists, [inputs], [outputs]))

When a page loads, build_app first gives it its browser's id, then
    restore   ((fn(owner) -> value, component), ...): at once, before any button works, the value of each
              `component` for this browser (the run a tab follows after a reload, a second tab or a restart; a
              choice the owner made, which the server keeps);
    on_load   (fn, inputs, outputs): afterwards, the slower fillers (this browser's runs in a list, a plot).
A tab that needs neither returns Tab().
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable


@dataclass(frozen=True)
class Tab:
    restore: tuple[tuple[Callable[[str], Any], Any], ...] = ()
    on_load: tuple[Callable[..., Any], list, list] | None = None
