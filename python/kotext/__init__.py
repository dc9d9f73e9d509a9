"""kotext: Korean news text analytics with a C++ core.

Normalize, segment, tokenize, weight (TF-IDF / BM25) and compare Korean news articles.

>>> import kotext
>>> kotext.normalize("ＫＯＴＥＸＴ  ㅋㅋㅋㅋ")
'KOTEXT ㅋㅋ'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# The public names and the module each lives in. They are imported on first use (PEP 562),
# so that `import kotext` and the command line do not pay for pandas, scipy and
# scikit-learn before a command needs them (`kotext --help` took 2-3 s of imports).
_EXPORTS = {
    "Corpus": "_corpus",
    "sample_news_path": "_data", "sample_text": "_data",
    "normalize": "_normalize",
    "KoreanFontWarning": "_plot", "use_korean_font": "_plot",
    "Article": "_segment", "segment": "_segment", "segment_many": "_segment",
    "Sentence": "_sentences", "split_sentences": "_sentences",
    "Neighbors": "_similarity", "compare": "_similarity", "contrast": "_similarity",
    "similarity": "_similarity", "top_k": "_similarity",
    "ModelFormatError": "_tfidf", "NotFittedError": "_tfidf", "TfidfVectorizer": "_tfidf",
    "load": "_tfidf",
    "Token": "_tokenize", "Tokenizer": "_tokenize", "default_stopwords": "_tokenize",
    "dictionary_path": "_tokenize", "tokenize": "_tokenize",
}

if TYPE_CHECKING:  # what type checkers and editors see
    from ._corpus import Corpus
    from ._data import sample_news_path, sample_text
    from ._normalize import normalize
    from ._plot import KoreanFontWarning, use_korean_font
    from ._segment import Article, segment, segment_many
    from ._sentences import Sentence, split_sentences
    from ._similarity import Neighbors, compare, contrast, similarity, top_k
    from ._tfidf import ModelFormatError, NotFittedError, TfidfVectorizer, load
    from ._tokenize import Token, Tokenizer, default_stopwords, dictionary_path, tokenize


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'kotext' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # later uses skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__version__ = "0.1.0"

__all__ = [
    "Article",
    "Corpus",
    "KoreanFontWarning",
    "ModelFormatError",
    "Neighbors",
    "NotFittedError",
    "Sentence",
    "TfidfVectorizer",
    "Token",
    "Tokenizer",
    "__version__",
    "compare",
    "contrast",
    "default_stopwords",
    "dictionary_path",
    "load",
    "normalize",
    "sample_news_path",
    "sample_text",
    "segment",
    "segment_many",
    "similarity",
    "split_sentences",
    "tokenize",
    "top_k",
    "use_korean_font",
]
