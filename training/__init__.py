"""Through the Valley Lab's training side, in layers (each imports only the ones below it):

    training.task      the arithmetic world, the step checker, scoring and error analysis (pure Python)
    training.core      the model library: paths, configs, a run on disk (rundir), models, data, training
                       loop, generation, evaluation
    training.lab       the libraries the app uses: engine (its one door), results (the shipped results),
                       facts, figures, kit (the lessons' files)
    training.<command> the commands, each a file here, run as `python -m training.<command>`:
                         experiments   sft, evaluate, grpo, pretrain, valley, rl_sweep, ablations, bench,
                                       demo, checker_report, lesson_figures, lessons
                         full scale    prepare_data, math_eval, grpo_trl, import_results
    training/pipelines the GPU and CI pipelines (shell), training/recipes the YAML recipes
"""
