"""A small PDF file writer: numbered objects, Flate streams, the cross-reference table.

The painter writes its pages with this instead of reportlab's canvas. What the painter needs of a
PDF container is little (pages with their boxes, content streams, fonts, images, two graphics
states, one Separation colour space, the Info dictionary), and reportlab's import alone (its
config, Pillow, its safe-eval and platform probing) cost a galley proof about 0.06 s of a
0.6 s run, more than writing the file does. reportlab is still used where it draws (ads made in
tests, proof slug pages, preflight's embeddability check).

Objects are serialised as they are added and written in one pass by `save`. Streams can be
compressed on a worker thread (`deflate_later`): zlib releases the interpreter lock, so a page's
content stream is deflated on the second core while the next page is painted.
"""

from __future__ import annotations

import threading
import time
import zlib
from typing import Any

try:  # CPython's own MD5: hashlib would load OpenSSL first (~3 ms of every galley)
    from _md5 import md5
except ImportError:  # pragma: no cover
    from hashlib import md5


class Ref(int):
    """An indirect reference: `n 0 R`."""


class Name(str):
    """A PDF name, written with a slash (`Name("DeviceCMYK")` -> /DeviceCMYK)."""


class Text(str):
    """A PDF text string (literal when printable ASCII, else UTF-16BE with a byte-order mark)."""


class Raw(str):
    """Already PDF syntax, written as is."""


_NAME_SAFE = frozenset(chr(c) for c in range(0x21, 0x7F) if chr(c) not in "()<>[]{}/%#")


def name_token(name: str) -> str:
    return "/" + "".join(c if c in _NAME_SAFE else f"#{ord(c):02X}" for c in name)


def _literal(text: str) -> str:
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def text_token(text: str) -> str:
    if all(" " <= c <= "~" for c in text):
        return _literal(text)
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def number(v: float) -> str:
    """A real as PDF writes it: up to six decimals, no exponent."""
    if isinstance(v, int):
        return str(v)
    s = f"{v:.6f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def serialise(value: Any) -> str:
    if isinstance(value, Ref):
        return f"{int(value)} 0 R"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Name):
        return name_token(value)
    if isinstance(value, Text):
        return text_token(value)
    if isinstance(value, Raw):
        return value
    if isinstance(value, (int, float)):
        return number(value)
    if isinstance(value, dict):
        return (
            "<< "
            + " ".join(f"{name_token(k)} {serialise(v)}" for k, v in value.items() if v is not None)
            + " >>"
        )
    if isinstance(value, (list, tuple)):
        return "[" + " ".join(serialise(v) for v in value) + "]"
    if value is None:
        return "null"
    raise TypeError(f"cannot write {type(value).__name__} into a PDF")


def pdf_date(when: float | None = None) -> str:
    """D:YYYYMMDDHHmmSS+00'00' in UTC."""
    return time.strftime("D:%Y%m%d%H%M%S+00'00'", time.gmtime(when))


class _Deflater:
    """Compresses streams on one worker thread, in the order they were handed in."""

    def __init__(self) -> None:
        self._jobs: list[tuple[int, bytes]] = []
        self._done: dict[int, bytes] = {}
        self._ready = threading.Condition()
        self._thread: threading.Thread | None = None
        self._closed = False
        self._error: BaseException | None = None

    def submit(self, key: int, data: bytes) -> None:
        with self._ready:
            self._jobs.append((key, data))
            self._ready.notify_all()
        if self._thread is None:
            self._thread = threading.Thread(target=self._work, name="pdf-deflate", daemon=True)
            self._thread.start()

    def _work(self) -> None:
        while True:
            with self._ready:
                while not self._jobs and not self._closed:
                    self._ready.wait()
                if not self._jobs:
                    return
                key, data = self._jobs.pop(0)
            try:
                packed = zlib.compress(data)
            except BaseException as exc:  # noqa: BLE001 - handed to the waiting thread
                packed, self._error = b"", exc
            with self._ready:
                self._done[key] = packed
                self._ready.notify_all()

    def result(self, key: int) -> bytes:
        with self._ready:
            while key not in self._done:
                self._ready.wait()
            if self._error is not None:
                raise self._error
            return self._done.pop(key)

    def close(self) -> None:
        with self._ready:
            self._closed = True
            self._ready.notify_all()
        if self._thread is not None:
            self._thread.join()


class PdfFile:
    """Objects numbered from 1, in memory until `save` writes the file."""

    def __init__(self) -> None:
        self._bodies: list[bytes | None] = [None]  # index = object number
        self._later: dict[int, tuple[str, int]] = {}  # object -> (dictionary, deflate key)
        self._deflater: _Deflater | None = None

    def reserve(self) -> Ref:
        """A number for an object written later with `put(..., ref=)`."""
        self._bodies.append(None)
        return Ref(len(self._bodies) - 1)

    def put(self, value: Any, ref: Ref | None = None) -> Ref:
        return self._store(serialise(value).encode("latin-1"), ref)

    def put_stream(
        self,
        data: bytes,
        entries: dict[str, Any] | None = None,
        *,
        ref: Ref | None = None,
        deflate: bool = True,
        deflate_later: bool = False,
    ) -> Ref:
        """A stream object; Flate-compressed unless `deflate` is False (JPEG data, say).
        `deflate_later` compresses it on the worker thread (the object is finished at `save`)."""
        entries = dict(entries or {})
        if deflate:
            entries["Filter"] = Name("FlateDecode")
        if deflate and deflate_later:
            ref = ref if ref is not None else self.reserve()
            if self._deflater is None:
                self._deflater = _Deflater()
            self._deflater.submit(int(ref), data)
            self._later[int(ref)] = (serialise(entries), int(ref))
            return ref
        if deflate:
            data = zlib.compress(data)
        entries["Length"] = len(data)
        head = serialise(entries).encode("latin-1")
        return self._store(head + b"\nstream\n" + data + b"\nendstream", ref)

    def _store(self, body: bytes, ref: Ref | None) -> Ref:
        if ref is None:
            self._bodies.append(body)
            return Ref(len(self._bodies) - 1)
        self._bodies[ref] = body
        return ref

    def _finish_later(self) -> None:
        if self._deflater is None:
            return
        try:
            for number_, (head, key) in self._later.items():
                data = self._deflater.result(key)
                head = head[:-3] + f" /Length {len(data)} >>"
                self._bodies[number_] = (
                    head.encode("latin-1") + b"\nstream\n" + data + b"\nendstream"
                )
        finally:
            self._deflater.close()
            self._deflater = None
            self._later.clear()

    def close(self) -> None:
        """Stops the worker thread (also when the file is not saved)."""
        if self._deflater is not None:
            self._deflater.close()
            self._deflater = None

    def save(self, path: str, root: Ref, info: Ref) -> None:
        self._finish_later()
        missing = [n for n, body in enumerate(self._bodies) if n and body is None]
        if missing:
            raise ValueError(f"PDF objects reserved but never written: {missing[:5]}")
        chunks: list[bytes] = [b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"]
        offsets: list[int] = []
        at = len(chunks[0])
        for n, body in enumerate(self._bodies[1:], start=1):
            obj = b"%d 0 obj\n" % n + body + b"\nendobj\n"
            offsets.append(at)
            chunks.append(obj)
            at += len(obj)
        count = len(self._bodies)
        xref = [b"xref\n0 %d\n0000000000 65535 f \n" % count]
        xref.extend(b"%010d 00000 n \n" % off for off in offsets)
        digest = md5(b"".join(chunks[1:]) + repr(time.time()).encode()).hexdigest()
        trailer = (
            f"trailer\n<< /Size {count} /Root {root} 0 R /Info {info} 0 R "
            f"/ID [<{digest}> <{digest}>] >>\nstartxref\n{at}\n%%EOF\n"
        )
        chunks.extend(xref)
        chunks.append(trailer.encode("latin-1"))
        with open(path, "wb") as fh:
            fh.write(b"".join(chunks))
