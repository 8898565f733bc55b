"""Text that remembers where each of its characters came from.

Undoing line wraps and letter spacing changes the text; :class:`MappedText` keeps, for every
character of the cleaned text, its code-point index in the original, so every result found in the
clean text can be reported as a span of what the client sent.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from briefsum.model import Span


@dataclass(frozen=True, slots=True)
class MappedText:
    """A cleaned string and, per character, its index in the source text."""

    text: str
    origin: tuple[int, ...]

    def __post_init__(self) -> None:
        if len(self.text) != len(self.origin):
            raise ValueError("text and origin must have the same length")

    def __len__(self) -> int:
        return len(self.text)

    @classmethod
    def from_source(cls, source: str, start: int = 0, end: int | None = None) -> MappedText:
        """The slice ``source[start:end]`` mapped onto itself."""
        end = len(source) if end is None else end
        return cls(source[start:end], tuple(range(start, end)))

    @classmethod
    def from_indices(cls, source: str, indices: Iterable[int]) -> MappedText:
        """The characters of ``source`` at ``indices`` (increasing), in order."""
        kept = tuple(indices)
        return cls("".join(source[i] for i in kept), kept)

    def span(self, start: int = 0, end: int | None = None) -> Span:
        """The source span covering clean characters ``[start, end)``."""
        end = len(self.text) if end is None else end
        if start >= end:
            anchor = self.origin[start] if start < len(self.origin) else (self.origin[-1] + 1 if self.origin else 0)
            return Span(anchor, anchor)
        return Span(self.origin[start], self.origin[end - 1] + 1)

    def slice(self, start: int, end: int) -> MappedText:
        """The clean characters ``[start, end)`` with their origins."""
        return MappedText(self.text[start:end], self.origin[start:end])

    def strip(self, chars: str | None = None) -> MappedText:
        """Like :meth:`str.strip`, keeping origins."""
        left = len(self.text) - len(self.text.lstrip(chars))
        right = len(self.text.rstrip(chars))
        return self.slice(left, max(left, right))
