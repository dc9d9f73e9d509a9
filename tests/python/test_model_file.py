"""kotext.load / TfidfVectorizer.save: the corruption matrix (every damaged, foreign,
inconsistent or hostile file raises kotext.ModelFormatError naming file and member) and the
atomic, umask-respecting save."""

from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
import stat
import time
import zipfile

import kotext
import numpy as np
import pytest
from kotext import _persist

DOCS = ["정부가 예산안을 발표했다", "야구 경기가 열렸다", "정부 발표 뒤 야구 중계", "예산 심사"]


@pytest.fixture(scope="module")
def model_path(tmp_path_factory):
    # three terms (가, 나, 다: 9 bytes of UTF-8), which the cases below rely on
    path = tmp_path_factory.mktemp("model") / "vec.npz"
    kotext.TfidfVectorizer(analyzer="char").fit(["가나다", "나다"]).save(path)
    return path


def members_of(path):
    """The members of a model file as {name without .npy: .npy bytes}."""
    with zipfile.ZipFile(path) as zf:
        return {i.filename[:-4]: zf.read(i) for i in zf.infolist()}


def npy(array, allow_pickle=False):
    buf = io.BytesIO()
    np.lib.format.write_array(buf, np.asarray(array), allow_pickle=allow_pickle)
    return buf.getvalue()


def meta_npy(meta):
    return npy(np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8))


def write_zip(path, members, *, seal=True, compressed=()):
    """A model-like zip of raw member bytes, sealed with a correct checksum (so that the
    checks behind the checksum are what fails); members in ``compressed`` deflated."""
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name if name.endswith(".npy") else name + ".npy", data,
                        compress_type=zipfile.ZIP_DEFLATED if name in compressed
                        else zipfile.ZIP_STORED)
        if seal:
            zf.comment = b"kotext-sha256:" + b"0" * 64
    if seal:
        raw = bytearray(path.read_bytes())
        raw[-64:] = hashlib.sha256(raw[:-78]).hexdigest().encode()
        path.write_bytes(bytes(raw))
    return path


def rewrite(model_path, tmp_path, *, edit_meta=None, drop=(), **arrays):
    """The model file with its meta edited by ``edit_meta(dict)`` and members replaced."""
    members = members_of(model_path)
    if edit_meta is not None:
        m = json.loads(np.lib.format.read_array(io.BytesIO(members["meta"])).tobytes())
        edit_meta(m)
        members["meta"] = meta_npy(m)
    for name in drop:
        del members[name]
    for name, value in arrays.items():
        members[name] = value if isinstance(value, bytes) else npy(value)
    return write_zip(tmp_path / "case.npz", members)


def assert_rejected(path, *words):
    with pytest.raises(kotext.ModelFormatError) as info:
        kotext.load(path)
    err = info.value
    assert isinstance(err, ValueError)
    assert str(path) in str(err)
    for w in words:
        assert w in str(err), (w, str(err))
    return err


# ---- round trips -------------------------------------------------------------------------
@pytest.mark.parametrize("params", [
    {"analyzer": "char_wb", "ngram_range": (1, 2)},
    {"analyzer": "char", "weighting": "bm25", "dtype": np.float32},
    {"analyzer": "char", "use_idf": False, "norm": None},
    {"analyzer": "char", "vocabulary": ["가", "나", "정부"]},
    {"tokenizer": kotext.Tokenizer(backend="rules"), "stop_words": ["경기"]},
])
def test_round_trip(tmp_path, params):
    vec = kotext.TfidfVectorizer(**params).fit(DOCS)
    vec.save(tmp_path / "v.npz")
    again = kotext.load(tmp_path / "v.npz")
    assert repr(again.get_params()) == repr(vec.get_params())
    assert again.vocabulary_ == vec.vocabulary_
    assert (again.transform(DOCS) != vec.transform(DOCS)).nnz == 0
    assert again.transform(DOCS).dtype == vec.transform(DOCS).dtype


def test_only_what_transform_needs_is_saved(tmp_path):
    # max_features drops most terms: they are not written (stop_words_ is not saved)
    docs = [" ".join(f"w{i}x{j}" for j in range(50)) for i in range(200)]
    vec = kotext.TfidfVectorizer(token_pattern=r"\S+", max_features=10).fit(docs)
    assert len(vec.stop_words_) == 200 * 50 - 10
    vec.save(tmp_path / "v.npz")
    names = {n[:-4] for n in zipfile.ZipFile(tmp_path / "v.npz").namelist()}
    assert names == {"meta", "terms_utf8", "terms_offsets", "idf"}
    assert (tmp_path / "v.npz").stat().st_size < 4000
    again = kotext.load(tmp_path / "v.npz")
    assert not hasattr(again, "stop_words_")
    assert (again.transform(docs[:3]) != vec.transform(docs[:3])).nnz == 0


def test_version_1_files_still_load(model_path, tmp_path):
    # version 1 (before the checksum): np.savez of the same members, stop words included
    vec = kotext.load(model_path)
    members = members_of(model_path)
    m = json.loads(np.lib.format.read_array(io.BytesIO(members["meta"])).tobytes())
    m["version"] = 1
    members["meta"] = meta_npy(m)
    members["stop_words_utf8"] = npy(np.frombuffer("가나".encode(), dtype=np.uint8))
    members["stop_words_offsets"] = npy(np.array([0, 3, 6]))
    old = write_zip(tmp_path / "v1.npz", members, seal=False)
    again = kotext.load(old)
    assert again.stop_words_ == {"가", "나"}
    assert (again.transform(DOCS) != vec.transform(DOCS)).nnz == 0


# ---- the corruption matrix ---------------------------------------------------------------
def test_truncated_at_ten_lengths(model_path, tmp_path):
    raw = model_path.read_bytes()
    for n in np.linspace(0, len(raw) - 1, 10).astype(int):
        cut = tmp_path / f"cut{n}.npz"
        cut.write_bytes(raw[:n])
        assert_rejected(cut)


def test_twenty_random_byte_flips(model_path, tmp_path):
    raw = model_path.read_bytes()
    rng = np.random.default_rng(15)
    for k in range(20):
        at = int(rng.integers(len(raw)))
        flipped = bytearray(raw)
        flipped[at] ^= int(rng.integers(1, 256))
        path = tmp_path / f"flip{k}.npz"
        path.write_bytes(bytes(flipped))
        assert_rejected(path)


@pytest.mark.parametrize("content", [b"", b"plain text, not a model\n", b'{"format": 1}',
                                     b"PK\x03\x04" + b"\0" * 40])
def test_foreign_files(tmp_path, content):
    path = tmp_path / "foreign.npz"
    path.write_bytes(content)
    assert_rejected(path, "file")


def test_pickles_are_never_run(model_path, tmp_path):
    marker = tmp_path / "ran"

    class Evil:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    (tmp_path / "p.pkl").write_bytes(pickle.dumps(kotext.load(model_path)))
    assert_rejected(tmp_path / "p.pkl", "not a zip")
    (tmp_path / "evil.pkl").write_bytes(pickle.dumps(Evil()))
    assert_rejected(tmp_path / "evil.pkl")
    # an object array (a pickle) inside an otherwise valid model file
    evil = npy(np.array([Evil(), 1], dtype=object), allow_pickle=True)
    assert_rejected(rewrite(model_path, tmp_path, idf=evil), "'idf'", "dtype '|O'")
    np.savez(tmp_path / "np_pickle.npz", meta=np.array([Evil()], dtype=object))
    assert_rejected(tmp_path / "np_pickle.npz", "'meta'")
    assert not marker.exists()


def test_zip_bombs(model_path, tmp_path, monkeypatch):
    # a compressed member of 64 MB of zeros (about 64 KB on disk): refused before reading
    members = members_of(model_path)
    members["idf"] = npy(np.zeros(8 << 20))
    bomb = write_zip(tmp_path / "bomb.npz", members, compressed={"idf"})
    assert bomb.stat().st_size < 1 << 20
    assert_rejected(bomb, "'idf'", "compressed")
    # a stored member whose directory entry claims 2 GB
    small = write_zip(tmp_path / "liar.npz", {"meta": meta_npy({}), "idf": b"x" * 100},
                      seal=False)
    raw = bytearray(small.read_bytes())
    for sig, field in ((b"PK\x01\x02", 20), (b"PK\x03\x04", 18)):
        start = 0
        while (at := raw.find(sig, start)) >= 0:
            raw[at + field:at + field + 8] = (2 << 30).to_bytes(4, "little") * 2
            start = at + 1
    small.write_bytes(bytes(raw))
    assert_rejected(small)
    # a meta member over its limit (lowered here: the real one is 64 MB) is not read
    monkeypatch.setattr(_persist, "MAX_META_BYTES", 100)
    assert_rejected(model_path, "'meta'", "over the limit of 100")


def set_param(name, value):
    return lambda m: m["params"].__setitem__(name, value)


CASES = {
    # members
    "no meta": ({"drop": ["meta"]}, ["'meta'", "missing"]),
    "no offsets": ({"drop": ["terms_offsets"]}, ["'terms_offsets'", "missing"]),
    "no idf": ({"drop": ["idf"]}, ["'idf'", "missing"]),
    "unknown member": ({"extra": np.zeros(2)}, ["'extra'", "unexpected"]),
    # arrays
    "idf NaN": ({"idf": np.full(3, np.nan)}, ["'idf'", "non-finite"]),
    "idf inf": ({"idf": np.array([1, 1, np.inf])}, ["'idf'", "non-finite value at index 2"]),
    "idf 2-D": ({"idf": np.ones((3, 1))}, ["'idf'", "1-D"]),
    "idf int8": ({"idf": np.ones(3, dtype=np.int8)}, ["'idf'", "dtype '|i1'"]),
    "idf big-endian": ({"idf": np.ones(3, dtype=">f8")}, ["'idf'", "dtype '>f8'"]),
    "idf short": ({"idf": np.ones(2)}, ["'idf'", "2 values for 3 terms"]),
    "offsets decreasing": ({"terms_offsets": np.array([0, 6, 3, 9])},
                           ["'terms_offsets'", "decreasing at index 2"]),
    "offsets past the end": ({"terms_offsets": np.array([0, 3, 6, 12])}, ["'terms_offsets'"]),
    "offsets int32": ({"terms_offsets": np.array([0, 3, 6, 9], dtype=np.int32)},
                      ["'terms_offsets'", "dtype"]),
    "header lies": ({"idf": npy(np.ones(3))[:-8]}, ["'idf'", "announces"]),
    # meta
    "meta not JSON": ({"meta": npy(np.frombuffer(b"{nope", dtype=np.uint8))}, ["'meta'", "JSON"]),
    "meta a list": ({"meta": npy(np.frombuffer(b"[1]", dtype=np.uint8))}, ["'meta'", "list"]),
    "meta NaN": ({"meta": npy(np.frombuffer(b'{"version": NaN}', dtype=np.uint8))}, ["'meta'"]),
    "meta int8": ({"meta": npy(np.zeros(3, dtype=np.int8))}, ["'meta'", "dtype"]),
    "other format": ({"meta": lambda m: m.update(format="sklearn")}, ["'meta'", "format"]),
    "unknown meta key": ({"meta": lambda m: m.update(code="os.system")}, ["'meta'", "unknown"]),
    # versions
    "version missing": ({"meta": lambda m: m.pop("version")}, ["'meta'", "no format version"]),
    "version 0": ({"meta": lambda m: m.update(version=0)}, ["'meta'", "version 0"]),
    "version str": ({"meta": lambda m: m.update(version="2")}, ["'meta'", "version '2'"]),
    "version true": ({"meta": lambda m: m.update(version=True)}, ["'meta'", "version True"]),
    "version 99": ({"meta": lambda m: m.update(version=99)}, ["'meta'", "newer"]),
    # parameters: the constructor's / fit's own validation
    "analyzer evil": ({"meta": set_param("analyzer", "evil")}, ["'meta'", "analyzer"]),
    "ngram_range reversed": ({"meta": set_param("ngram_range", [2, 1])}, ["'meta'", "ngram"]),
    "ngram_range str": ({"meta": set_param("ngram_range", "12")}, ["'meta'", "ngram_range"]),
    "norm l3": ({"meta": set_param("norm", "l3")}, ["'meta'", "norm"]),
    "dtype object": ({"meta": set_param("dtype", "object")}, ["'meta'", "dtype"]),
    "min_df negative": ({"meta": set_param("min_df", -1)}, ["'meta'", "min_df"]),
    "k1 str": ({"meta": set_param("k1", "big")}, ["'meta'", "k1"]),
    "bad pattern": ({"meta": lambda m: m["params"].update(analyzer="word", token_pattern="((")},
                    ["'meta'", "error"]),
    "stop_words ints": ({"meta": set_param("stop_words", [1, 2])}, ["'meta'", "stop_words"]),
    "tokenizer code": ({"meta": set_param("tokenizer", {"__reduce__": "os.system"})},
                       ["'meta'", "tokenizer"]),
    "tokenizer backend": ({"meta": set_param("tokenizer", {"kotext.Tokenizer": {
        "params": {"backend": "evil"}, "state": {}}})}, ["'meta'", "backend"]),
    "param unknown": ({"meta": set_param("exec", "x")}, ["'meta'", "unknown ['exec']"]),
    "param missing": ({"meta": lambda m: m["params"].pop("norm")}, ["'meta'", "missing ['norm']"]),
    # fitted state against the parameters
    "fitted a list": ({"meta": lambda m: m.update(fitted=[1])}, ["'meta'", "fitted"]),
    "fixed vocabulary lie": ({"meta": lambda m: m["fitted"].update(fixed_vocabulary_=True)},
                             ["'meta'", "fixed_vocabulary_"]),
    "bm25 without avgdl": ({"meta": set_param("weighting", "bm25")}, ["'meta'", "avgdl_"]),
    "use_idf off, idf kept": ({"meta": set_param("use_idf", False)}, ["'idf'", "not expected"]),
    "unfitted with arrays": ({"meta": lambda m: m.pop("fitted")}, ["unfitted"]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_inconsistent_members(model_path, tmp_path, case):
    edits, words = CASES[case]
    edits = dict(edits)
    meta_edit = edits.pop("meta", None)
    drop = edits.pop("drop", ())
    if isinstance(meta_edit, bytes):
        edits["meta"], meta_edit = meta_edit, None
    path = rewrite(model_path, tmp_path, edit_meta=meta_edit, drop=drop, **edits)
    assert_rejected(path, *words)


def test_term_checks(tmp_path):
    def terms_file(terms_bytes, offsets):
        vec = kotext.TfidfVectorizer(analyzer="char").fit(["가나"])
        vec.save(tmp_path / "base.npz")
        return rewrite(tmp_path / "base.npz", tmp_path,
                       terms_utf8=np.frombuffer(terms_bytes, dtype=np.uint8),
                       terms_offsets=np.array(offsets))

    assert_rejected(terms_file("가가".encode(), [0, 3, 6]), "'terms_utf8'", "'가' appears twice")
    assert_rejected(terms_file(b"\xff\xfe\xfd\xfc\xfb\xfa", [0, 3, 6]), "'terms_utf8'", "UTF-8")
    assert_rejected(terms_file("가나".encode(), [0, 4, 6]), "'terms_utf8'", "term 0")
    assert_rejected(terms_file("가나".encode(), [0, 6, 3, 6]), "'terms_offsets'", "decreasing")
    assert_rejected(terms_file(b"", [0]), "'terms_offsets'", "no terms")


def test_unsealed_version_2(model_path, tmp_path):
    assert_rejected(write_zip(tmp_path / "u.npz", members_of(model_path), seal=False),
                    "no checksum")


def test_missing_file_is_an_os_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        kotext.load(tmp_path / "absent.npz")


# ---- save --------------------------------------------------------------------------------
def test_save_respects_the_umask(tmp_path):
    vec = kotext.TfidfVectorizer(analyzer="char").fit(DOCS)
    old = os.umask(0o022)
    try:
        vec.save(tmp_path / "a.npz")
        os.umask(0o077)
        vec.save(tmp_path / "b.npz")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.npz").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "b.npz").stat().st_mode) == 0o600


def test_interrupted_save_leaves_nothing(tmp_path, monkeypatch):
    vec = kotext.TfidfVectorizer(analyzer="char").fit(DOCS)
    vec.save(tmp_path / "v.npz")
    before = (tmp_path / "v.npz").read_bytes()
    calls = []

    def interrupted(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    real = np.lib.format.write_array
    monkeypatch.setattr(np.lib.format, "write_array", interrupted)
    with pytest.raises(KeyboardInterrupt):
        kotext.TfidfVectorizer(analyzer="char_wb").fit(DOCS).save(tmp_path / "v.npz")
    assert [p.name for p in tmp_path.iterdir()] == ["v.npz"]
    assert (tmp_path / "v.npz").read_bytes() == before  # the old file untouched


def test_stale_temporary_files_are_removed(tmp_path):
    stale, fresh = tmp_path / ".kotext-dead.tmp", tmp_path / ".kotext-live.tmp"
    stale.write_bytes(b"x" * 1000)
    fresh.write_bytes(b"x")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    kotext.TfidfVectorizer(analyzer="char").fit(DOCS).save(tmp_path / "v.npz")
    assert not stale.exists()
    assert fresh.exists()  # recent: maybe another process's save in progress
    assert sorted(p.name for p in tmp_path.iterdir()) == [".kotext-live.tmp", "v.npz"]
