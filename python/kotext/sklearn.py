"""scikit-learn's text vectorizers with their counting and weighting in C++.

Change one import, get the same numbers faster::

    # from sklearn.feature_extraction.text import TfidfVectorizer
    from kotext.sklearn import TfidfVectorizer

:class:`CountVectorizer`, :class:`TfidfTransformer`, :class:`TfidfVectorizer` and
:class:`HashingVectorizer` take scikit-learn's parameters with scikit-learn's defaults
(plus ``n_jobs``, threads for the C++ work, None = all cores), have its attributes and
methods, raise its warnings and exceptions, and subclass
:class:`sklearn.base.BaseEstimator` (``clone``, pipelines, grid search, HTML repr).

What is fast: the default ``token_pattern`` ``(?u)\\b\\w\\w+\\b`` (tokenized in C++ with
exactly the running Python's ``re`` ``\\w`` and ``str.lower``), ``analyzer='char'`` and
``'char_wb'``, stop words, word n-grams, counting, pruning, hashing and weighting. What
runs in Python as in scikit-learn (same output, slower): a custom ``token_pattern``,
``tokenizer``, ``preprocessor``, ``strip_accents`` or callable ``analyzer``; only the
counting of what they produce is in C++.

For Korean text see :class:`kotext.TfidfVectorizer`, the same class with a Korean
tokenizer by default (scikit-learn's token pattern drops one-syllable Korean words and
keeps particles attached).

Which of scikit-learn's own tests pass against these classes, and why the others do not,
is listed in ``docs/sklearn_compat.md``.

Examples
--------
>>> from kotext.sklearn import TfidfVectorizer
>>> from sklearn.feature_extraction.text import TfidfVectorizer as SkTfidfVectorizer
>>> docs = ["the cat sat on the mat", "the dog sat", "a cat and a dog"]
>>> X, Y = TfidfVectorizer().fit_transform(docs), SkTfidfVectorizer().fit_transform(docs)
>>> bool(abs(X - Y).max() < 1e-12)
True
"""

from ._vectorizer import (
    CountVectorizer,
    HashingVectorizer,
    NotFittedError,
    TfidfTransformer,
    TfidfVectorizer,
)

__all__ = ["CountVectorizer", "HashingVectorizer", "NotFittedError", "TfidfTransformer",
           "TfidfVectorizer"]
