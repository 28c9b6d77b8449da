"""Reading a body within its cap: on the wire and after decompression, piece by piece.

Nothing here holds more than the cap (plus one piece) in memory, whatever the server sends:
a chunked body with no Content-Length stops at the cap, and a gzip or deflate bomb stops when
its decompressed size passes the cap, not when it has been inflated.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Mapping

PIECE = 64 * 1024


class OverCap(Exception):
    """The body passed the cap; ``where`` is "on the wire", "declared" or "decompressed"."""

    def __init__(self, where: str) -> None:
        super().__init__(where)
        self.where = where


class Truncated(Exception):
    """The body ended before its declared length, or its compressed stream did."""


class UnsupportedEncoding(Exception):
    """A Content-Encoding this client did not ask for and cannot decode."""


class Inflater:
    """Decompresses gzip or zlib/raw deflate into ``out`` and stops at ``cap`` bytes."""

    def __init__(self, encoding: str, cap: int) -> None:
        self.encoding = encoding
        self.cap = cap
        self.out = bytearray()
        # gzip: wbits 31; deflate: zlib-wrapped as the RFC says, raw as some servers send it.
        self._wbits = 31 if encoding == "gzip" else 15
        self._d = zlib.decompressobj(self._wbits)
        self._started = False

    def feed(self, data: bytes) -> None:
        while data:
            room = self.cap - len(self.out) + 1  # one byte over is enough to know
            try:
                piece = self._d.decompress(data, room)
            except zlib.error:
                if self.encoding == "deflate" and not self._started and self._wbits == 15:
                    self._wbits = -15
                    self._d = zlib.decompressobj(-15)
                    continue
                raise Truncated(f"the {self.encoding} stream is corrupt") from None
            self._started = True
            self.out += piece
            if len(self.out) > self.cap:
                raise OverCap("decompressed")
            if self._d.eof:
                rest = self._d.unused_data
                if rest and self.encoding == "gzip" and rest.strip(b"\0"):
                    self._d = zlib.decompressobj(31)  # another gzip member follows
                    data = rest
                    continue
                return
            data = self._d.unconsumed_tail

    def finish(self) -> bytes:
        if not self._d.eof:
            self.out += self._d.flush()
            if len(self.out) > self.cap:
                raise OverCap("decompressed")
            if self._started or self.out:
                raise Truncated(f"the {self.encoding} stream ended early")
        return bytes(self.out)


def content_length(headers: Mapping[str, str]) -> int | None:
    value = (headers.get("Content-Length") or "").strip()
    return int(value) if value.isdigit() else None


def read_capped(pieces: Iterable[bytes], headers: Mapping[str, str], cap: int) -> bytes:
    """The whole body, decoded, or OverCap / Truncated / UnsupportedEncoding."""
    declared = content_length(headers)
    if declared is not None and declared > cap:
        raise OverCap("declared")
    encoding = (headers.get("Content-Encoding") or "identity").strip().lower()
    encoding = {"x-gzip": "gzip", "": "identity"}.get(encoding, encoding)
    if encoding not in ("identity", "gzip", "deflate"):
        raise UnsupportedEncoding(encoding)
    inflater = Inflater(encoding, cap) if encoding != "identity" else None
    plain = bytearray()
    wire = 0
    for piece in pieces:
        wire += len(piece)
        if wire > cap:
            raise OverCap("on the wire")
        if inflater is not None:
            inflater.feed(piece)
        else:
            plain += piece
    if declared is not None and wire < declared:
        raise Truncated(f"{wire:,} of {declared:,} bytes arrived")
    return inflater.finish() if inflater is not None else bytes(plain)
