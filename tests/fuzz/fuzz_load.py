"""Fuzz target for ``kotext.load`` (Python: the model file is read in Python).

``test_one_input(data)`` writes ``data`` to a file and loads it: the result must be a
vectorizer that transforms text, or :class:`kotext.ModelFormatError`; any other exception
is a bug. The file's checksum stops almost every raw byte change at the door, so the
mutations also rebuild a correctly sealed file around changed members (JSON values,
array bytes, dtypes, lengths), which is what reaches the checks behind the checksum.

Replay (``make fuzz-replay``): every saved input (``tests/fuzz/corpus/fuzz_load/``: small
model files written by kotext itself, see ``--make-seeds``; ``tests/fuzz/regressions/
fuzz_load/``) as it is and under ``--mutations`` deterministic mutations each (seconds).
With atheris installed (not a kotext dependency), ``--atheris`` fuzzes with coverage
guidance instead.

    python tests/fuzz/fuzz_load.py [--mutations N] FILE_OR_DIR...
    python tests/fuzz/fuzz_load.py --make-seeds tests/fuzz/corpus/fuzz_load
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import random
import sys
import tempfile
import zipfile
from pathlib import Path

import kotext
import numpy as np

PROBE = ["정부가 예산안을 발표했다 abc 123", ""]
_TMP = Path(tempfile.mkdtemp(prefix="fuzz_load-"))
# Values a mutation may put into the JSON: wrong types, extremes, hostile strings.
_VALUES = [None, True, False, 0, -1, 1, 2, 3.5, -1e308, 1e308, 2 ** 63, "", "evil", "l2",
           "word", "char", "float64", "object", "((", [], [2, 1], [1, 2], [1, "a"], {},
           {"kotext.Tokenizer": {}}, {"a": 1}, "가" * 50]


def test_one_input(data: bytes) -> bool:
    """Whether ``data`` loaded (then it transformed); False: ModelFormatError."""
    path = _TMP / "input.npz"
    path.write_bytes(data)
    try:
        vec = kotext.load(path)
    except kotext.ModelFormatError:
        return False
    try:
        X = vec.transform(PROBE)
    except kotext.NotFittedError:
        return True
    assert X.shape == (len(PROBE), len(vec.vocabulary_)), X.shape
    return True


# ---- mutations ---------------------------------------------------------------------------
def _members(data: bytes) -> dict[str, bytes] | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return {i.filename: zf.read(i) for i in zf.infolist()}
    except (zipfile.BadZipFile, ValueError, OSError):
        return None


def _sealed(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        for name, content in members.items():
            zf.writestr(name, content)
        zf.comment = b"kotext-sha256:" + b"0" * 64
    raw = bytearray(buf.getvalue())
    raw[-64:] = hashlib.sha256(raw[:-78]).hexdigest().encode()
    return bytes(raw)


def _npy(array: np.ndarray) -> bytes:
    buf = io.BytesIO()
    np.lib.format.write_array(buf, array, allow_pickle=False)
    return buf.getvalue()


def _mutate_json(value: object, rng: random.Random) -> object:
    """The JSON with one value somewhere replaced, removed or added."""
    if isinstance(value, dict) and value and rng.random() < 0.8:
        key = rng.choice(sorted(value))
        out = dict(value)
        r = rng.random()
        if r < 0.15:
            del out[key]
        elif r < 0.25:
            out[rng.choice(["x", "code", key + "_"])] = rng.choice(_VALUES)
        elif r < 0.6:
            out[key] = rng.choice(_VALUES)
        else:
            out[key] = _mutate_json(value[key], rng)
        return out
    if isinstance(value, list) and value and rng.random() < 0.7:
        out = list(value)
        i = rng.randrange(len(out))
        out[i] = _mutate_json(out[i], rng) if rng.random() < 0.5 else rng.choice(_VALUES)
        return out
    return rng.choice(_VALUES)


def mutate(data: bytes, rng: random.Random) -> bytes:
    members = _members(data)
    r = rng.random()
    if members is None or r < 0.15:  # raw bytes: flips, cuts, splices
        raw = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            if raw and rng.random() < 0.7:
                raw[rng.randrange(len(raw))] ^= rng.randint(1, 255)
            elif raw:
                del raw[rng.randrange(len(raw)):]
        return bytes(raw)
    name = rng.choice(sorted(members))
    content = members[name]
    if name == "meta.npy" and r < 0.7:
        try:
            meta = json.loads(np.lib.format.read_array(io.BytesIO(content)).tobytes())
            text = json.dumps(_mutate_json(meta, rng), ensure_ascii=False).encode()
            members[name] = _npy(np.frombuffer(text, dtype=np.uint8))
        except (ValueError, UnicodeDecodeError):
            members[name] = content[: rng.randrange(len(content) + 1)]
    else:
        try:
            array = np.lib.format.read_array(io.BytesIO(content))
        except ValueError:
            array = np.zeros(0)
        choice = rng.random()
        if choice < 0.25 and array.size:  # change values
            array = array.copy()
            flat = array.view(np.uint8)
            flat[rng.randrange(flat.size)] ^= rng.randint(1, 255)
        elif choice < 0.45:  # another dtype
            array = array.astype(rng.choice(["<f8", "<f4", "<i8", "<i4", "|u1", "|i1", ">f8"]))
        elif choice < 0.6:  # another length
            array = np.resize(array, max(0, array.size + rng.choice([-2, -1, 1, 3])))
        elif choice < 0.7:  # 2-D
            array = array.reshape(1, -1)
        elif choice < 0.8:  # gone
            del members[name]
            return _sealed(members)
        elif choice < 0.9:  # special values
            array = np.array(rng.choice([[np.nan], [np.inf, 1.0], [-1, 0], [2 ** 62]]))
        else:  # bytes cut
            members[name] = content[: rng.randrange(len(content) + 1)]
            return _sealed(members)
        members[name] = _npy(np.ascontiguousarray(array))
    return _sealed(members)


# ---- seeds -------------------------------------------------------------------------------
def make_seeds(folder: Path) -> None:
    docs = ["정부가 예산안을 발표했다", "야구 경기가 열렸다", "정부 발표 뒤 야구 중계 AI 3.5%"]
    models = {
        "char_wb.npz": kotext.TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 2)),
        "bm25_float32.npz": kotext.TfidfVectorizer(analyzer="char", weighting="bm25",
                                                   dtype=np.float32),
        "no_idf.npz": kotext.TfidfVectorizer(analyzer="char", use_idf=False, norm="l1"),
        "fixed_vocabulary.npz": kotext.TfidfVectorizer(vocabulary=["정부", "야구", "예산"],
                                                       token_pattern=r"\S+"),
        "rules_tokenizer.npz": kotext.TfidfVectorizer(
            tokenizer=kotext.Tokenizer(backend="rules", stopwords=["뒤"]), stop_words=["중계"]),
    }
    folder.mkdir(parents=True, exist_ok=True)
    for name, vec in models.items():
        vec.fit(docs).save(folder / name)
    kotext.TfidfVectorizer().save(folder / "unfitted.npz")


def _inputs(paths: list[str]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        out.extend(sorted(q for q in p.rglob("*") if q.is_file()) if p.is_dir() else [p])
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("inputs", nargs="*")
    ap.add_argument("--mutations", type=int, default=150,
                    help="deterministic mutations of each input (default: 150)")
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--make-seeds", metavar="DIR", help="write the seed model files to DIR")
    ap.add_argument("--atheris", action="store_true", help="coverage-guided, with atheris")
    args = ap.parse_args()
    if args.make_seeds:
        make_seeds(Path(args.make_seeds))
        return 0
    inputs = _inputs(args.inputs)
    if not inputs:
        print("fuzz_load: no inputs", file=sys.stderr)
        return 1
    if args.atheris:  # pragma: no cover - optional tool
        import atheris

        atheris.Setup([sys.argv[0], *map(str, inputs)], test_one_input)
        atheris.Fuzz()
    rng = random.Random(args.seed)
    loaded = rejected = 0
    for path in inputs:
        data = path.read_bytes()
        cases = [data] + [mutate(data, rng) for _ in range(args.mutations)]
        for k, case in enumerate(cases):
            try:
                ok = test_one_input(case)
            except BaseException:
                crash = _TMP / f"crash-{path.stem}-{k}.npz"
                crash.write_bytes(case)
                print(f"fuzz_load: {path} mutation {k} failed; input saved as {crash} "
                      "(add it to tests/fuzz/regressions/fuzz_load/ with the fix)",
                      file=sys.stderr)
                raise
            loaded += ok
            rejected += not ok
    print(f"fuzz_load: {len(inputs)} inputs x {args.mutations + 1}: {loaded} loaded and "
          f"transformed, {rejected} rejected with ModelFormatError, no other outcome")
    os.remove(_TMP / "input.npz")
    return 0


if __name__ == "__main__":
    sys.exit(main())
