"""One module per task of RESULTS.md. Each has ``TITLE`` and ``run(quick) -> str``.

``run`` returns a Markdown section (tables and notes). It never raises for a missing peer or
kotext feature: those become "n/a (reason)" cells. ``benchmarks/run_all.py`` calls them in
order and catches anything else, so one broken task costs one section, not the run.
"""

ORDER = ["normalize", "tokenize", "tfidf", "keywords", "summary", "sentences", "pages",
         "dask_scaling"]
