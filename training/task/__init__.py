"""The task: the synthetic arithmetic world and everything that reads a trace. Pure Python, no torch.

    world     problems with gold steps, presets, the expression parser
    traces    trace writers: answer, short, long (R1 style, with checks and slips), padded
    checker   the step checker: every `a op b = c` claim, the first error, retractions, the answer
    marks     the checker's verdicts drawn on a trace (terminal colours or HTML)
    scoring   one record per generated answer: category, correctness, accuracy with its error
    analysis  error accumulation: survival, hazard, (1-e)^n, first errors, reflection outcomes

What the app and the commands use is re-exported here.
"""

from training.task.analysis import horizon, mean_sd, summarize
from training.task.checker import TraceCheck, check, extract_answer, reflection_count
from training.task.marks import LEGEND, SYMBOL, coverage_note, legend_html, render_ansi, render_html
from training.task.world import WORKED_EXAMPLE, Problem, parse_expression, problems

__all__ = ["LEGEND", "SYMBOL", "WORKED_EXAMPLE", "Problem", "TraceCheck", "check", "extract_answer", "horizon",
           "coverage_note", "legend_html", "mean_sd", "parse_expression", "problems", "reflection_count", "render_ansi",
           "render_html", "summarize"]
