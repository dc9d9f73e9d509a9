"""The kotext model file: a zip of ``.npy`` arrays and one JSON member, never a pickle.

Writing (:func:`write_model`) is atomic: a temporary file in the target's directory
(created with the process umask), fsync, :func:`os.replace`, fsync of the directory; the
temporary file is removed on any failure, Ctrl-C included, and the ones left by a killed
process are removed by the next save in that directory. The file ends with a SHA-256
checksum of everything before it (in the zip comment), so any changed byte is detected.

Reading (:func:`read_model`) checks the structure before it allocates anything: the
checksum, the zip directory (only uncompressed members, whose sizes add up to no more
than the file: no zip bomb), each ``.npy`` header (dtype from an allowed list, 1-D, the
data length the header announces) and the JSON (size limit, plain values only). Every
problem is a :class:`ModelFormatError` naming the file, the member and what is wrong.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import time
import zipfile
import zlib
from collections.abc import Mapping
from typing import Any

import numpy as np

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: stale temporary files are only ignored
    fcntl = None  # type: ignore[assignment]

__all__ = ["ModelFormatError", "read_model", "write_model"]

META = "meta"
# The zip comment: this prefix, then the hex SHA-256 of every byte before the comment.
_SEAL_PREFIX = b"kotext-sha256:"
_SEAL_LENGTH = len(_SEAL_PREFIX) + 64
# The JSON member holds the parameters (a fixed vocabulary, a Tokenizer's user words and
# learned nouns): megabytes at most. Anything larger is not a kotext file.
MAX_META_BYTES = 64 << 20
# A 1-D array's .npy header is about 120 bytes; numpy's own reader allows 10,000.
_MAX_NPY_HEADER_BYTES = 1024
# kotext writes at most 5 members; a directory of thousands is an attack on the reader.
_MAX_MEMBERS = 16
# A temporary file nobody holds a lock on and untouched this long is a killed save's
# leftover (a live save locks its file within microseconds of creating it).
_STALE_SECONDS = 60.0
_HASH_CHUNK = 1 << 20


class ModelFormatError(ValueError):
    """A file given to :func:`kotext.load` is not a valid kotext model file.

    A :class:`ValueError`; the message names the file, the member of the file (or ``file``
    for its structure) and what is wrong. ``path``, ``member`` and ``problem`` hold the
    three parts.

    Examples
    --------
    >>> import kotext, os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "notes.txt")
    >>> _ = open(path, "w").write("not a model")
    >>> try:
    ...     kotext.load(path)
    ... except kotext.ModelFormatError as e:
    ...     print(e.member, "|", e.problem)
    file | not a zip file (a kotext model file is an .npz written by TfidfVectorizer.save)
    """

    def __init__(self, path: str, member: str, problem: str) -> None:
        self.path = path
        self.member = member
        self.problem = problem
        where = "" if member == "file" else f" member {member!r}:"
        super().__init__(f"{path!r} is not a valid kotext model file:{where} {problem}")


# ---- writing -----------------------------------------------------------------------------
def write_model(path: str | os.PathLike, meta: Mapping[str, Any],
                arrays: Mapping[str, np.ndarray]) -> None:
    """Write ``meta`` (JSON) and 1-D ``arrays`` to ``path`` atomically, sealed by a checksum."""
    path = os.fspath(path)
    directory = os.path.dirname(os.path.abspath(path))
    _remove_stale_temporaries(directory)
    payload = json.dumps(meta, ensure_ascii=False, allow_nan=False).encode("utf-8")
    fd, tmp = _create_temporary(directory)
    try:
        with os.fdopen(fd, "w+b") as f:
            if fcntl is not None:
                fcntl.flock(f.fileno(), fcntl.LOCK_EX)  # released when the file closes
            with zipfile.ZipFile(f, "w", zipfile.ZIP_STORED, allowZip64=True) as zf:
                members = {META: np.frombuffer(payload, dtype=np.uint8), **arrays}
                for name, array in members.items():
                    with zf.open(name + ".npy", "w", force_zip64=True) as member:
                        np.lib.format.write_array(member, np.ascontiguousarray(array),
                                                  allow_pickle=False)
                zf.comment = _SEAL_PREFIX + b"0" * 64  # placeholder, same length
            f.flush()
            end = f.seek(0, os.SEEK_END)
            digest = _sha256(f, end - _SEAL_LENGTH)
            f.seek(end - 64)
            f.write(digest.encode("ascii"))
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:  # Ctrl-C included: never leave the temporary file behind
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_directory(directory)


def _create_temporary(directory: str) -> tuple[int, str]:
    # os.open with mode 0o666 lets the umask decide the permissions (tempfile.mkstemp
    # forces 0600), as for any file the user writes.
    while True:
        tmp = os.path.join(directory, f".kotext-{secrets.token_hex(8)}.tmp")
        try:
            return os.open(tmp, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o666), tmp
        except FileExistsError:  # pragma: no cover - 64 random bits
            continue


def _remove_stale_temporaries(directory: str) -> None:
    """Remove ``.kotext-*.tmp`` files of killed saves (unlocked and old) in ``directory``."""
    if fcntl is None:
        return
    try:
        names = os.listdir(directory)
    except OSError:
        return
    now = time.time()
    for name in names:
        if not (name.startswith(".kotext-") and name.endswith(".tmp")):
            continue
        tmp = os.path.join(directory, name)
        try:
            fd = os.open(tmp, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            continue
        try:
            if now - os.fstat(fd).st_mtime < _STALE_SECONDS:
                continue
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # OSError: a live save holds it
            os.unlink(tmp)
        except OSError:
            pass
        finally:
            os.close(fd)


def _fsync_directory(directory: str) -> None:
    # The rename is durable only once the directory entry is on disk (POSIX only).
    if not hasattr(os, "O_DIRECTORY"):  # pragma: no cover - Windows
        return
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sha256(f: Any, length: int) -> str:
    f.seek(0)
    h = hashlib.sha256()
    left = length
    while left > 0:
        chunk = f.read(min(_HASH_CHUNK, left))
        if not chunk:
            break
        h.update(chunk)
        left -= len(chunk)
    return h.hexdigest()


# ---- reading -----------------------------------------------------------------------------
def read_model(path: str | os.PathLike,
               dtypes: Mapping[str, tuple[str, ...]]) -> tuple[dict, dict[str, np.ndarray], bool]:
    """The JSON metadata, the arrays and whether the file carries the checksum.

    ``dtypes`` gives, for each array member a model may have, the dtypes allowed (numpy
    strings such as ``'<f8'``); any other member is an error. Opening the file raises
    :class:`OSError` as usual (missing file, no permission); everything else is a
    :class:`ModelFormatError`.
    """
    name = os.fspath(path)
    with open(name, "rb") as f:
        try:
            return _read(f, name, dtypes)
        except ModelFormatError:
            raise
        except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, ValueError,
                KeyError, IndexError, OverflowError, NotImplementedError, RuntimeError,
                UnicodeError, OSError) as e:
            # zipfile's and numpy's own checks (CRC, headers) on a damaged file
            raise ModelFormatError(name, "file", f"damaged ({type(e).__name__}: {e})") from e


def _read(f: Any, name: str, dtypes: Mapping[str, tuple[str, ...]]
          ) -> tuple[dict, dict[str, np.ndarray], bool]:
    size = os.fstat(f.fileno()).st_size
    sealed = False
    if size >= _SEAL_LENGTH:
        f.seek(size - _SEAL_LENGTH)
        seal = f.read(_SEAL_LENGTH)
        if seal.startswith(_SEAL_PREFIX):
            sealed = True
            if _sha256(f, size - _SEAL_LENGTH).encode("ascii") != seal[len(_SEAL_PREFIX):]:
                raise ModelFormatError(name, "file", "checksum mismatch: the file was changed "
                                       "or damaged after it was saved")
    f.seek(0)
    if not zipfile.is_zipfile(f):
        raise ModelFormatError(name, "file", "not a zip file (a kotext model file is an .npz "
                               "written by TfidfVectorizer.save)")
    f.seek(0)
    with zipfile.ZipFile(f) as zf:
        infos = zf.infolist()
        if len(infos) > _MAX_MEMBERS:
            raise ModelFormatError(name, "file", f"{len(infos)} members (a kotext model file "
                                   f"has at most {_MAX_MEMBERS})")
        members: dict[str, zipfile.ZipInfo] = {}
        total = 0
        for info in infos:
            member = info.filename.removesuffix(".npy")
            if member != META and member not in dtypes:
                raise ModelFormatError(name, member, "unexpected member (not written by kotext)")
            if member in members:
                raise ModelFormatError(name, member, "appears twice")
            if info.compress_type != zipfile.ZIP_STORED or info.compress_size != info.file_size:
                raise ModelFormatError(name, member, "compressed member (kotext stores members "
                                       "uncompressed; a compressed one may be a zip bomb)")
            total += info.file_size
            members[member] = info
        if total > size:
            raise ModelFormatError(name, "file", f"members declare {total} bytes, more than the "
                                   f"file's {size}")
        if META not in members:
            raise ModelFormatError(name, META, "missing (not a kotext model file)")
        if members[META].file_size > MAX_META_BYTES:
            raise ModelFormatError(name, META, f"{members[META].file_size} bytes, over the "
                                   f"limit of {MAX_META_BYTES}")
        raw = _read_array(zf, members[META], name, META, ("|u1",))
        meta = _parse_json(raw.tobytes(), name)
        arrays = {m: _read_array(zf, info, name, m, dtypes[m])
                  for m, info in members.items() if m != META}
    return meta, arrays, sealed


def _read_array(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, member: str,
                allowed: tuple[str, ...]) -> np.ndarray:
    with zf.open(info) as fp:
        try:
            version = np.lib.format.read_magic(fp)
            if version == (1, 0):
                shape, _fortran, dtype = np.lib.format.read_array_header_1_0(
                    fp, max_header_size=_MAX_NPY_HEADER_BYTES)
            elif version == (2, 0):
                shape, _fortran, dtype = np.lib.format.read_array_header_2_0(
                    fp, max_header_size=_MAX_NPY_HEADER_BYTES)
            else:
                raise ValueError(f".npy format version {version}")
        except (ValueError, TypeError, SyntaxError, RecursionError) as e:
            raise ModelFormatError(name, member, f"bad .npy header ({e})") from e
        if dtype.str not in allowed:
            raise ModelFormatError(name, member, f"dtype {dtype.str!r} (expected "
                                   f"{' or '.join(allowed)})")
        if len(shape) != 1:
            raise ModelFormatError(name, member, f"shape {shape} (expected 1-D)")
        nbytes = shape[0] * dtype.itemsize
        if nbytes != info.file_size - fp.tell():
            raise ModelFormatError(name, member, f"the header announces {nbytes} bytes of data, "
                                   f"the member holds {info.file_size - fp.tell()}")
        array = np.empty(shape[0], dtype=dtype)
        view = memoryview(array).cast("B")
        done = 0
        while done < nbytes:
            n = fp.readinto(view[done:])
            if not n:
                raise ModelFormatError(name, member, "truncated data")
            done += n
        fp.read(1)  # reaching the end checks the member's CRC-32
    return array


def _reject_constant(value: str) -> None:
    raise ValueError(f"{value} is not a JSON number")


def _parse_json(raw: bytes, name: str) -> dict:
    try:
        meta = json.loads(raw.decode("utf-8"), parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as e:
        raise ModelFormatError(name, META, f"not valid JSON ({e})") from e
    if not isinstance(meta, dict):
        raise ModelFormatError(name, META, f"a JSON {type(meta).__name__}, not an object")
    return meta
