"""textrankr: TextRank over sentences (multiset-Jaccard graph, networkx PageRank).

textrankr splits text with its own regex; the task gives it the human sentences instead
and uses its graph builder and PageRank, so its picks are indices into the same sentences
the gold is made of. (lexrankr, the LexRank package, cannot be installed from PyPI: it
depends on the retired ``sklearn`` name, which refuses to install.)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from ._util import missing

DIST = "textrankr"


def unavailable() -> str | None:
    return missing("textrankr.utils", DIST)


def pick(sentences: list[str], k: int, tokenizer: Callable[[str], list[str]]) -> list[int]:
    """Indices of the k top-ranked sentences (TextRank with textrankr's default tolerance)."""
    from networkx import pagerank
    from textrankr.sentence import Sentence
    from textrankr.utils import build_sentence_graph

    nodes = [Sentence(i, s, Counter(tokenizer(s))) for i, s in enumerate(sentences)]
    ranks = pagerank(build_sentence_graph(nodes, tolerance=0.05), weight="weight")
    best = sorted(ranks, key=lambda n: (-ranks[n], n.index))[:k]
    return sorted(n.index for n in best)
