"""Hostile input: what crawlers and careless callers bring back. Each case runs in a fresh
subprocess with a time limit and an address-space limit (RLIMIT_AS), and must end with a
correct result or a clear exception naming what and where: never a crash, a hang or a
memory blow-up. Under a sanitizer (`make test-python-asan`, `make test-tsan`) the memory
limit is off (the sanitizers reserve terabytes of address space) and the time limit longer.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import textwrap

import pytest

SANITIZED = any(s in os.environ.get("LD_PRELOAD", "") for s in ("libasan", "libtsan"))
SECONDS = 60 * (10 if SANITIZED else 1)
MEMORY_MB = 3000  # python + numpy + scipy + pandas + kotext take about 700 MB of it

PRELUDE = "import kotext, numpy as np, scipy.sparse as sp\n"


def run_bounded(code: str) -> str:
    """Runs ``code`` in a bounded subprocess; returns its stdout, fails on any non-zero exit."""
    def limit() -> None:
        if not SANITIZED:
            resource.setrlimit(resource.RLIMIT_AS, (MEMORY_MB << 20, MEMORY_MB << 20))

    try:
        proc = subprocess.run([sys.executable, "-c", PRELUDE + textwrap.dedent(code)],
                              check=False, capture_output=True, text=True, timeout=SECONDS,
                              preexec_fn=limit)
    except subprocess.TimeoutExpired:
        pytest.fail(f"no answer within {SECONDS} s")
    assert proc.returncode == 0, f"exit {proc.returncode}:\n{proc.stderr[-3000:]}"
    return proc.stdout


CASES = {
    # NFC chunks: one letter and 400,000 alternating combining marks (canonical reordering
    # of the marks was quadratic).
    "combining_marks": """
        s = "a" + "\\u0301\\u0316" * 200_000
        out = kotext.normalize(s, max_repeat=0)
        # canonical order puts the 220 marks first; the first 230 mark composes with a
        assert out == "\\u00e1" + "\\u0316" * 200_000 + "\\u0301" * 199_999
    """,
    # Four million references in a row; the last one completes a double-escaped "&amp;lt;".
    "reference_chains": """
        out = kotext.normalize("&amp;" * 4_000_000 + "lt;")
        assert out == "&&<", out[:20]
    """,
    # 60 MB of line breaks only: the output is empty.
    "only_line_breaks": """
        assert kotext.normalize("\\r\\n" * 30_000_000) == ""
    """,
    # A 20-million-syllable eojeol with no space: tokenize and fit a tokenizer on it.
    "one_huge_eojeol": """
        import numpy as np
        codes = np.random.default_rng(0).integers(0xAC00, 0xD7A4, 20_000_000, dtype=np.uint32)
        s = codes.tobytes().decode("utf-32-le")
        toks = kotext.tokenize(s)
        assert all(t and t in s for t in toks)
        kotext.Tokenizer().fit([s[:5_000_000]])
    """,
    # Two million unbalanced opening quotes and a million full stops.
    "unbalanced_quotes": """
        s = "“그는 말했다. " * 1_000_000 + "끝."
        sents = kotext.split_sentences(s)
        assert sents and "".join(sents).replace(" ", "") == s.replace(" ", "")
    """,
    # A page of 200,000 nested <div>s.
    "nested_html": """
        page = "<html><body>" + "<div>" * 200_000 + "<p>본문 문장이다.</p>" + "</div>" * 200_000
        art = kotext.segment(page)
        assert isinstance(art, kotext.Article)
    """,
    # A lone surrogate deep inside a long str: ValueError naming its position.
    "lone_surrogate": """
        s = "가" * 1_234_567 + "\\udc80" + "나"
        for call in (kotext.normalize, kotext.tokenize, kotext.split_sentences):
            try:
                call(s)
            except ValueError as e:
                assert "1234567" in str(e), (call, e)
            else:
                raise AssertionError(f"{call.__name__} accepted a lone surrogate")
    """,
    # Invalid UTF-8 bytes: UnicodeDecodeError at the right byte offset.
    "invalid_utf8": """
        b = "가나다".encode() * 1_000_000 + b"\\xff" + "라".encode()
        try:
            kotext.normalize(b)
        except UnicodeDecodeError as e:
            assert e.start == 9_000_000, e.start
        else:
            raise AssertionError("invalid UTF-8 accepted")
        assert kotext.normalize(b, errors="replace").endswith("\\ufffd라")
    """,
    # A million empty rows and top_n (quadratic before: two Y-sized buffers per 64 rows).
    "similarity_empty_rows": """
        X = sp.csr_matrix((1_000_000, 50))
        nb = kotext.similarity(X, top_n=5)
        assert nb.indices.shape == (1_000_000, 5) and (nb.scores == 0).all()
    """,
    # A million documents, all empty: as many results as inputs.
    "million_empty_documents": """
        docs = [""] * 1_000_000
        assert kotext.normalize(docs) == docs
        assert kotext.tokenize(docs) == [[]] * 1_000_000
        assert kotext.split_sentences(docs) == [[]] * 1_000_000
    """,
    # Control characters, NULs, zero-width and bidi characters, emoji joiner chains.
    "invisible_and_controls": """
        s = ("\\x00\\x07\\u200b\\u202e\\ufeff가" + "👨\\u200d" * 3 + "\\u200d") * 300_000
        out = kotext.normalize(s)
        assert "\\x00" not in out and "\\u200b" not in out and "\\u202e" not in out
        kotext.tokenize(s)
        kotext.split_sentences(s)
    """,
    # Character n-grams of one million-character document that never repeats.
    "char_ngrams_one_document": """
        codes = np.random.default_rng(1).integers(0xAC00, 0xD7A4, 1_000_000, dtype=np.uint32)
        s = codes.tobytes().decode("utf-32-le")
        X = kotext.TfidfVectorizer(analyzer="char", ngram_range=(1, 2)).fit_transform([s])
        assert X.shape[0] == 1 and X.nnz == X.shape[1]
    """,
    # Wrong types in a batch: TypeError naming the document index.
    "bad_types_named": """
        for call in (kotext.normalize, kotext.tokenize, kotext.split_sentences):
            try:
                call(["가", "나", 3.5])
            except TypeError as e:
                assert "2" in str(e), (call, e)
            else:
                raise AssertionError(f"{call.__name__} accepted a float")
    """,
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_input(case):
    run_bounded(CASES[case])
