"""kotext: Korean news text analytics with a C++ core.

Normalize, segment, tokenize, weight (TF-IDF / BM25) and compare Korean news articles.

>>> import kotext
>>> kotext.normalize("ＫＯＴＥＸＴ  ㅋㅋㅋㅋ")
'KOTEXT ㅋㅋ'
"""

from ._corpus import Corpus
from ._data import sample_news_path, sample_text
from ._normalize import normalize
from ._plot import KoreanFontWarning, use_korean_font
from ._segment import Article, segment, segment_many
from ._sentences import Sentence, split_sentences
from ._similarity import Neighbors, compare, contrast, similarity, top_k
from ._tfidf import ModelFormatError, NotFittedError, TfidfVectorizer, load
from ._tokenize import Token, Tokenizer, default_stopwords, dictionary_path, tokenize

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
