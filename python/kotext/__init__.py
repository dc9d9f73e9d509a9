"""kotext: Korean news text analytics with a C++ core.

Normalize, segment, tokenize, weight (TF-IDF / BM25) and compare Korean news articles.

>>> import kotext
>>> kotext.normalize("ＫＯＴＥＸＴ  ㅋㅋㅋㅋ")
'KOTEXT ㅋㅋ'
"""

from ._normalize import normalize
from ._similarity import Neighbors, compare, contrast, similarity, top_k
from ._tfidf import NotFittedError, TfidfVectorizer, load
from ._tokenize import Token, Tokenizer, default_stopwords, tokenize

__version__ = "0.1.0"

__all__ = ["normalize", "__version__"]
__all__ += ["tokenize", "Tokenizer", "Token", "default_stopwords"]
__all__ += ["TfidfVectorizer", "NotFittedError", "load", "similarity", "top_k", "compare",
            "contrast", "Neighbors"]
