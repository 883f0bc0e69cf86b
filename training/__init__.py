"""Through the Valley Lab's training side, in floors (each imports only the ones below it):

    training.task      the arithmetic world, the step checker, scoring and error analysis (pure Python)
    training.core      the model library: paths, configs, a run on disk (rundir), models, data, training
                       loop, generation, evaluation
    training.<command> the commands that train or evaluate one model, run as `python -m training.<command>`:
                       sft, grpo, pretrain, evaluate, bench, demo, checker_report, fetch_model; full scale:
                       prepare_data, math_eval, grpo_trl
    training.lab       the libraries the app uses: engine (its one door; it writes the commands' configs),
                       results (the shipped results), facts, figures, kit (the lessons' files)
    training.<sweep>   the commands that sweep and build on top: valley, rl_sweep, ablations, reevaluate,
                       lessons, lesson_figures, import_results
    training/pipelines the GPU and CI pipelines (shell), training/recipes the YAML recipes
"""
