import pickle

import kotext
import pytest


def test_issue_examples():
    tok = kotext.Tokenizer(stopwords=None)
    assert tok("패션산업의 포럼은 출범했다") == ["패션산업", "포럼", "출범"]


def test_pickle_unfitted_and_fitted():
    tok = kotext.Tokenizer(user_words=["디지털 전환"])
    tok2 = pickle.loads(pickle.dumps(tok))
    assert tok2("디지털 전환을") == tok("디지털 전환을") == ["디지털 전환"]


def test_bad_input():
    with pytest.raises(TypeError):
        kotext.tokenize(None)
    with pytest.raises(TypeError, match="document 1"):
        kotext.tokenize(["a", 3])
