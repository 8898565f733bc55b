"""What the batch client works on: one item per text, or per input that could not be read."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass


def sha256_text(text: str) -> str:
    """The hex SHA-256 of ``text`` as UTF-8 (``sha256sum`` of the file, for a UTF-8 file)."""
    return hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()


def sha256_bytes(data: bytes) -> str:
    """The hex SHA-256 of raw bytes (for inputs that are not text)."""
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True, slots=True)
class Item:
    """One input: an id, where it came from, its text and title, or why it cannot be sent.

    ``sha256`` is of the text (UTF-8), or of the raw bytes when they could not be decoded; with
    the title, the options and the pipeline version it decides whether a rerun can skip the item.
    """

    id: str
    source: str
    sha256: str
    text: str | None = None
    title: str | None = None
    #: Why the input is not a valid item (undecodable file, bad JSON line, ...); ``None`` if valid.
    problem: str | None = None

    @classmethod
    def of_text(cls, item_id: str, source: str, text: str, title: str | None = None) -> Item:
        """A valid item."""
        return cls(item_id, source, sha256_text(text), text, title)

    @classmethod
    def invalid(cls, item_id: str, source: str, data: bytes, problem: str) -> Item:
        """An input that becomes an error item: ``problem`` says what is wrong and what to do."""
        return cls(item_id, source, sha256_bytes(data), problem=problem)
