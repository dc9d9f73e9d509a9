"""kotext: Korean news text analytics with a C++ core.

Normalize, segment, tokenize, weight (TF-IDF / BM25) and compare Korean news articles.

>>> import kotext
>>> kotext.normalize("ＫＯＴＥＸＴ  ㅋㅋㅋㅋ")
'KOTEXT ㅋㅋ'
"""

from ._normalize import normalize
from ._segment import Article, segment, segment_many
from ._sentences import Sentence, split_sentences

__version__ = "0.1.0"

__all__ = ["normalize", "Sentence", "split_sentences", "segment", "segment_many", "Article",
           "__version__"]
