"""On-policy correction with the world as teacher: cut before the student's first error, or keep it and catch it."""

from training.task.checker import check
from training.task.correction import correct
from training.task.traces import write_trace
from training.task.world import parse_expression

PROBLEM = parse_expression("18/6/3*10/5")
# a student's own trace whose first error is the third step (1 * 10 = 11), carried on to a wrong answer
STUDENT = ("<think>\nLet me compute 18/6/3*10/5.\nFirst, 18 / 6 = 3. Then 3 / 3 = 1. Next, 1 * 10 = 11. "
           "Then 11 / 5 = 2.\n</think>\nThe answer is \\boxed{2}.")


def test_a_clean_trace_becomes_a_plain_example():
    clean = write_trace(PROBLEM, "long", seed=3)
    c = correct(PROBLEM, clean, seed=0)
    assert c.prefix == "" and c.first_error is None and check(c.continuation, problem=PROBLEM).answer_correct


def test_cut_leaves_the_students_mistake_out_of_the_context():
    c = correct(PROBLEM, STUDENT, seed=0)
    assert c.first_error == "compute" and c.done == 2
    assert "1 * 10 = 11" not in c.prefix and c.prefix.endswith("3 / 3 = 1. ")
    assert check(c.text, problem=PROBLEM).answer_correct


def test_keep_error_keeps_the_students_mistake_and_the_world_catches_it():
    c = correct(PROBLEM, STUDENT, seed=0, keep_error=True)
    assert c.first_error == "compute" and c.done == 2
    assert c.prefix.rstrip().endswith("1 * 10 = 11.")  # the student's own wrong step is in the context
    # the world's continuation (the loss) opens by checking that very value by the inverse and fixing it
    assert c.continuation.startswith(("Wait", "Hmm")) and "11 / 1 = 11, not 10." in c.continuation
    assert "Actually 1 * 10 = 10." in c.continuation
    rec = check(c.text, problem=PROBLEM)
    wrong = next(cl for cl in rec.claims if cl.expression == "1 * 10" and cl.claimed == 11)
    assert wrong.revised_by is not None  # read as a caught error, and the example ends right
    assert rec.answer_correct
    # the rest goes on from the next gold step, not from the start again
    assert c.continuation.count("10 / 5 = 2") >= 1 and "18 / 6 = 3." not in c.continuation.split("\n")[1]


def test_keep_error_of_another_computation_fixes_without_a_bogus_check():
    student = "<think>\nFirst, 18 / 6 = 3. Then 3 * 10 = 30. Then 30 / 5 = 6.\n</think>\nThe answer is \\boxed{6}."
    c = correct(PROBLEM, student, seed=0, keep_error=True)
    assert "3 * 10 = 30" in c.prefix  # an order error: the wrong claim is not about the gold step 3 / 3
    assert "Actually 3 / 3 = 1." in c.continuation and ", not " not in c.continuation.split("\n")[0]
