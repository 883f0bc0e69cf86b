"""The libraries the app uses (and the commands share): what sits between the app and training.

    engine    the app's one door to training: load, stream, run configs, start/poll/stop, estimates, and
              the names of the four below that the app shows (the app imports nothing else of these)
    results   the one reader of shipped results under assets/ (sweeps, RL, the paper's numbers, timings)
    facts     the numbers and findings the app and the lessons quote, computed from those results
    figures   every plot, drawn from results data
    kit       the teaching kit's files: lessons (front matter + body) and documents
"""
