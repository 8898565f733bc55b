"""Paragraphs and sentences of an article body, with wraps undone and source offsets kept."""

from __future__ import annotations

from collections.abc import Sequence

from briefsum.model import Paragraph, Sentence, Span

from briefsum_builtin.segment.page import SENTENCE_FINAL, wrap_width
from briefsum_builtin.segment.text.lines import Line, split_lines, visible_length
from briefsum_builtin.segment.text.sentences import sentence_bounds
from briefsum_builtin.segment.text.unwrap import unwrap

#: A line ending a sentence and shorter than this share of the wrap width ends its paragraph.
PARAGRAPH_END_SHARE = 0.9


def paragraph_lines(lines: Sequence[Line]) -> list[list[Line]]:
    """Group body lines into paragraphs: a short last line ending a sentence, or an indent."""
    width = wrap_width(lines)
    paragraphs: list[list[Line]] = []
    current: list[Line] = []
    for number, line in enumerate(lines):
        if current and line.indented and current[-1].text.endswith(SENTENCE_FINAL):
            paragraphs.append(current)
            current = []
        current.append(line)
        is_last = number == len(lines) - 1
        if (
            not is_last
            and line.text.endswith(SENTENCE_FINAL)
            and visible_length(line.text) < PARAGRAPH_END_SHARE * width
        ):
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    return paragraphs


def split_body(source: str, body: Span) -> tuple[tuple[Paragraph, ...], tuple[Sentence, ...]]:
    """The paragraphs and sentences of ``source[body.start:body.end]``."""
    paragraphs: list[Paragraph] = []
    sentences: list[Sentence] = []
    for lines in paragraph_lines(split_lines(source, body.start, body.end)):
        mapped = unwrap(source, lines)
        bounds = sentence_bounds(mapped.text)
        if not bounds:
            continue
        number = len(paragraphs)
        paragraphs.append(Paragraph(Span(lines[0].start, lines[-1].end)))
        for start, end in bounds:
            sentences.append(Sentence(mapped.text[start:end], mapped.span(start, end), len(sentences), number))
    return tuple(paragraphs), tuple(sentences)
