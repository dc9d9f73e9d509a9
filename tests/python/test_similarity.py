"""similarity / top_k / compare / contrast, against plain numpy references."""

import kotext
import numpy as np
import pytest
import scipy.sparse as sp


def rand_matrix(n, m, density=0.3, seed=0):
    rng = np.random.default_rng(seed)
    X = sp.random(n, m, density=density, random_state=rng, format="csr")
    X.data = rng.random(len(X.data))
    return X


def ref_cosine(X, Y):
    A, B = X.toarray(), Y.toarray()
    na, nb = np.linalg.norm(A, axis=1), np.linalg.norm(B, axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        S = (A @ B.T) / np.outer(na, nb)
    return np.nan_to_num(S)


def test_dense_matches_numpy():
    X, Y = rand_matrix(50, 30, seed=1), rand_matrix(20, 30, seed=2)
    X = sp.vstack([X, sp.csr_matrix((1, 30))]).tocsr()  # a zero row
    np.testing.assert_allclose(kotext.similarity(X, Y), ref_cosine(X, Y), atol=1e-12)
    np.testing.assert_allclose(kotext.similarity(X), ref_cosine(X, X), atol=1e-12)


@pytest.mark.parametrize("top_n", [1, 3, 25])
def test_top_n_matches_full_matrix(top_n):
    X = rand_matrix(300, 40, density=0.05, seed=3)
    S = ref_cosine(X, X)
    np.fill_diagonal(S, -np.inf)
    nb = kotext.similarity(X, top_n=top_n)
    assert nb.indices.shape == (300, top_n)
    for i in range(300):
        order = sorted(range(300), key=lambda j: (-S[i, j], j))[:top_n]
        # same scores; indices may differ only between scores tied within rounding
        np.testing.assert_allclose(nb.scores[i], S[i, order], atol=1e-12)
        np.testing.assert_allclose(S[i, nb.indices[i]], S[i, order], atol=1e-12)
    with_self = kotext.similarity(X, top_n=1, include_self=True)
    nonzero = np.asarray(X.getnnz(axis=1)) > 0
    np.testing.assert_allclose(with_self.scores[nonzero, 0], 1.0, atol=1e-12)


def test_top_n_fewer_rows_than_n():
    X = rand_matrix(3, 5, density=1.0)
    nb = kotext.similarity(X, rand_matrix(2, 5, density=1.0, seed=9), top_n=4)
    assert (nb.indices[:, 2:] == -1).all() and (nb.scores[:, 2:] == 0).all()


def test_bad_input():
    with pytest.raises(ValueError, match="Incompatible dimension"):
        kotext.similarity(rand_matrix(2, 3), rand_matrix(2, 4))
    with pytest.raises(ValueError, match="top_n"):
        kotext.similarity(rand_matrix(2, 3), top_n=0)
    with pytest.raises(IndexError, match="out of range"):
        kotext.compare(rand_matrix(2, 3), 0, 5, ["a", "b", "c"])
    with pytest.raises(ValueError, match="feature_names"):
        kotext.compare(rand_matrix(2, 3), 0, 1, ["a"])
    with pytest.raises(ValueError, match="columns"):
        kotext.contrast(rand_matrix(2, 3), rand_matrix(2, 4), ["a", "b", "c"])


def test_top_k_keeps_largest():
    X = rand_matrix(40, 25, density=0.5, seed=4)
    K = kotext.top_k(X, 3)
    assert K.shape == X.shape and K.has_sorted_indices
    for i in range(40):
        row = X.getrow(i).toarray().ravel()
        keep = sorted(range(25), key=lambda j: (-row[j], j))[:min(3, X.getrow(i).nnz)]
        assert sorted(K.getrow(i).indices.tolist()) == sorted(keep)


def test_compare_contributions_sum_to_cosine():
    X = rand_matrix(5, 30, density=0.4, seed=5)
    names = [f"t{j}" for j in range(30)]
    df = kotext.compare(X, 1, -1, names)
    assert df.attrs["cosine"] == pytest.approx(ref_cosine(X, X)[1, 4], abs=1e-12)
    assert df["contribution"].sum() == pytest.approx(df.attrs["cosine"], abs=1e-12)
    assert list(df["contribution"]) == sorted(df["contribution"], reverse=True)
    shared = df[df.status == "shared"]
    assert ((shared.weight_i > 0) & (shared.weight_j > 0)).all()
    assert (df[df.status == "only_i"].weight_j == 0).all()


def test_contrast_reference_formula():
    A = np.array([[5, 1, 1, 0], [4, 1, 0, 0]], dtype=float)
    B = np.array([[0, 1, 6, 0], [1, 1, 5, 0]], dtype=float)
    df = kotext.contrast(A, B, ["a", "b", "c", "d"], prior=10.0)
    assert df["term"].tolist() == ["a", "b", "c"]  # d: absent from both groups
    ya, yb = A.sum(0)[:3], B.sum(0)[:3]
    alpha = 10.0 * (ya + yb) / (ya + yb).sum()
    na, nb = A.sum(), B.sum()
    delta = (np.log((ya + alpha) / (na + 10 - ya - alpha))
             - np.log((yb + alpha) / (nb + 10 - yb - alpha)))
    z = delta / np.sqrt(1 / (ya + alpha) + 1 / (yb + alpha))
    np.testing.assert_allclose(df.set_index("term").loc[["a", "b", "c"], "z"], z)


def test_keywords_frame():
    vec = kotext.TfidfVectorizer(analyzer=lambda d: d)
    X = vec.fit_transform([["금리", "금리", "인상", "발표"], ["야구"], []])
    df = vec.keywords(X, top_k=2)
    assert list(df.columns) == ["doc", "rank", "term", "weight"]
    assert df[df.doc == 0].term.tolist()[0] == "금리"
    assert df.groupby("doc").size().to_dict() == {0: 2, 1: 1}
