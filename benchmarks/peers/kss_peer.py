"""KSS (Korean Sentence Splitter) 4+: ``split_sentences`` with an explicit backend.

KSS works offline with the ``pecab`` backend (pure Python, very slow) and with ``mecab``
when python-mecab-ko is installed. Importing kss takes tens of seconds (it loads its
paradigm and spacing tables), so the task runs it in a worker process with a time limit.
"""

from __future__ import annotations

import warnings

from ._util import missing

DIST = "kss"


def unavailable() -> str | None:
    return missing("kss", DIST)


def split_all(texts: list[str], backend: str) -> list[list[str]]:
    import kss

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return [list(kss.split_sentences(t, backend=backend, num_workers=1)) for t in texts]

