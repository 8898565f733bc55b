"""Reading user text files: UTF-8 (with or without BOM) or GB18030 (a superset of GBK/GB2312)."""

from __future__ import annotations

from pathlib import Path

#: Encodings tried in order; GB18030 decodes GBK and GB2312 files too.
ENCODINGS = ("utf-8-sig", "gb18030")


class UndecodableText(ValueError):
    """The bytes are neither UTF-8 nor GB18030."""


def decode(data: bytes) -> str:
    """Decode ``data`` as UTF-8, else GB18030; raise :class:`UndecodableText` otherwise."""
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UndecodableText("not UTF-8 or GB18030/GBK text; convert it to UTF-8 (e.g. with iconv)")


def read_text(path: Path) -> str:
    """The text of the file at ``path``."""
    return decode(path.read_bytes())
