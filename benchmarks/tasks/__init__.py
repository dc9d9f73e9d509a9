"""One module per task of RESULTS.md. Each has ``TITLE`` and ``run(quick) -> str``.

``run`` returns a Markdown section (tables and notes). It never raises for a missing peer or
kotext feature: those become "n/a (reason)" cells. ``benchmarks/run_all.py`` calls them in
order and catches anything else, so one broken task costs one section, not the run.
"""

ORDER = ["normalize", "tokenize", "tfidf", "keywords", "summary", "sentences", "pages",
         "dask_scaling"]

# Seconds each task takes in full mode on the project's 2-core machine when it is not
# oversubscribed: the CPU seconds measured one task at a time (benchmarks/README.md, "Full-
# mode time per task"), rounded up with a margin. The runner prints their sum before a full
# run and stops a task at three times its figure, times the load per core (time_limit).
EXPECTED_FULL_S = {"normalize": 60, "tokenize": 300, "tfidf": 600, "keywords": 150,
                   "summary": 60, "sentences": 120, "pages": 60, "dask_scaling": 180}
