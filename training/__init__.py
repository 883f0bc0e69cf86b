"""Through the Valley Lab's training side, in three layers (each imports only the ones below it):

    training.task      the arithmetic world, the step checker, scoring and error analysis (pure Python)
    training.core      the model library: paths, configs, run directories, models, data, training
                       loop, generation, evaluation
    training.<command> the commands, run as `python -m training.<command>`:
                         experiments   sft, evaluate, grpo, pretrain, valley, rl_sweep, bench, demo,
                                       lesson_figures
                         full scale    prepare_data, math_eval, grpo_trl, import_results
                       with figures (every plot, from results data) and engine (the app's only door
                       to models and runs)
"""
