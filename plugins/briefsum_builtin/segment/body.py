"""Paragraphs and sentences of an article body, with wraps undone and source offsets kept.

The body is read with the same line model as the page (:mod:`.wraps`, :mod:`.roles`): hard-wrapped
lines are joined, a subheading is a paragraph of its own, and datelines, reporters' lines, photo
credits and page furniture inside the body are left out of the sentences. A sentence therefore never
spans a headline, a wrap or a credit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefsum.model import Paragraph, Sentence, Span

from briefsum_builtin.segment.features import CLAUSE_MARKS, DescribedText, LineInfo, content_lines
from briefsum_builtin.segment.patterns import LIST_MARKER, dateline_length
from briefsum_builtin.segment.roles import Chain, Role, classify
from briefsum_builtin.segment.text.lines import Line
from briefsum_builtin.segment.text.mapped import MappedText
from briefsum_builtin.segment.text.sentences import sentence_bounds
from briefsum_builtin.segment.text.unwrap import unwrap
from briefsum_builtin.segment.wraps import WIDTH_TOLERANCE

#: A photo credit inside running text: （新华社记者陶明摄）.
INLINE_CREDIT = re.compile(r"[（(][^（）()。！？]{1,24}?(?:摄|摄影|供图|制图|新华社发|新华社稿|摄影报道)[）)]")
#: A heading inside a body is at most this long and has no clause punctuation; longer or punctuated
#: "headline material" is text the line model could not place, and stays in the sentences.
MAX_HEADING_CHARS = 40
#: Rows of figures needed to call a paragraph a table.
MIN_TABLE_ROWS = 2
_SKIPPED = frozenset({Role.CREDIT, Role.REPORTERS, Role.DATELINE, Role.NOTE})


def _same_paragraph(infos: Sequence[LineInfo], before: Chain, after: Chain) -> bool:
    """Whether chain ``after`` goes on with ``before``'s paragraph.

    It does when the sentence before ended at a full line and the next line is full too (no indent,
    no list marker).
    """
    last, first = infos[before.lines[-1]], infos[after.lines[0]]
    column = before.width or after.width
    if column is None or first.line.indented or first.marker:
        return False
    return last.width >= column - WIDTH_TOLERANCE and first.width >= column - WIDTH_TOLERANCE


def _is_table(infos: Sequence[LineInfo], chain: Chain) -> bool:
    rows = sum(infos[i].tabular for i in chain.lines)
    return rows >= MIN_TABLE_ROWS and rows * 2 >= len(chain.lines)


def _cut_off(infos: Sequence[LineInfo], before: Chain, after: Chain) -> bool:
    """Whether chain ``before`` stops in mid-sentence, so ``after`` goes on with its sentence.

    That is a wrap the line model missed (lines broken by hand at uneven widths), which must not cut
    a sentence. It is when the last line has no closing mark and either the chain is clause text or
    the line is full; a short unpunctuated line is a heading and stays apart, and so does a chain
    followed by an indented line or a list item.
    """
    last, first = infos[before.lines[-1]], infos[after.lines[0]]
    if last.terminal or first.marker or first.line.indented:
        return False
    column = after.width or before.width or first.width
    return _has_clauses(infos, before) or last.width >= column - WIDTH_TOLERANCE


def _has_clauses(infos: Sequence[LineInfo], chain: Chain) -> bool:
    """Whether ``chain`` has clause punctuation besides its list marker (一、 is a heading's)."""
    text = "".join(infos[i].line.text for i in chain.lines)
    marker = LIST_MARKER.match(text)
    return any(mark in text[marker.end() if marker else 0 :] for mark in CLAUSE_MARKS)


def paragraph_lines(infos: Sequence[LineInfo]) -> list[list[int]]:
    """The body's paragraphs as lists of line indices.

    Left out: credits, datelines, reporters and notes, subheadings and other headline material
    inside the body (a summary is made of sentences, not headings), and tables (rows of figures are
    not sentences).
    """
    paragraphs: list[list[int]] = []
    previous: Chain | None = None
    chains = classify(infos)
    for number, chain in enumerate(chains):
        # A heading comes before the text it heads; unpunctuated lines that end the body are its
        # last sentence.
        heading = (
            chain.role is Role.HEAD
            and not any(infos[i].clausal for i in chain.lines)
            and sum(len(infos[i].line.text) for i in chain.lines) <= MAX_HEADING_CHARS
            and any(later.role is Role.BODY for later in chains[number + 1 :])
        )
        if chain.role in _SKIPPED or heading or _is_table(infos, chain):
            previous = None
            continue
        if previous is not None and (
            _cut_off(infos, previous, chain)
            or (chain.role is previous.role is Role.BODY and _same_paragraph(infos, previous, chain))
        ):
            paragraphs[-1].extend(chain.lines)
            previous = chain
            continue
        paragraphs.append(list(chain.lines))
        previous = chain
    return paragraphs


def _sentence_pieces(mapped: MappedText) -> list[tuple[int, int]]:
    """Sentence bounds in ``mapped.text``, skipping photo credits inside the text."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in INLINE_CREDIT.finditer(mapped.text):
        bounds.extend((start + a, start + b) for a, b in sentence_bounds(mapped.text[start : match.start()]))
        start = match.end()
    bounds.extend((start + a, start + b) for a, b in sentence_bounds(mapped.text[start:]))
    return [piece for bound in bounds if (piece := _without_dateline(mapped.text, bound)) is not None]


def _without_dateline(text: str, bound: tuple[int, int]) -> tuple[int, int] | None:
    """``bound`` without an opening dateline (another report's, run on into this paragraph).

    ``None`` when nothing but the dateline is left.
    """
    start, end = bound
    length = dateline_length(text[start:end])
    if not length:
        return bound
    rest = text[start + length : end]
    start = end - len(rest.lstrip())
    return (start, end) if start < end else None


def _clip(source: str, line: Line, start: int) -> Line | None:
    """``line`` without what lies before ``start`` (``None`` if nothing is left)."""
    if line.start >= start:
        return line
    text = source[start : line.end]
    stripped = text.lstrip()
    if not stripped:
        return None
    left = start + len(text) - len(stripped)
    return Line(left, line.end, stripped, indented=False, blank_before=line.blank_before)


def split_body(
    source: str, body: Span, described: DescribedText | None = None
) -> tuple[tuple[Paragraph, ...], tuple[Sentence, ...]]:
    """The paragraphs and sentences of ``source[body.start:body.end]``.

    ``described`` is ``source`` with its lines already described, to split every body of a page
    with one reading of its lines.
    """
    if body.start >= body.end:
        return (), ()
    # Read whole lines (widths are those of the page), then cut off what precedes the body.
    line_start = source.rfind("\n", 0, body.start) + 1
    if described is None:
        infos = content_lines(source, line_start, body.end)
    else:
        infos = described.content_lines(line_start, body.end)
    paragraphs: list[Paragraph] = []
    sentences: list[Sentence] = []
    for indices in paragraph_lines(infos):
        lines = [clipped for i in indices if (clipped := _clip(source, infos[i].line, body.start)) is not None]
        if not lines:
            continue
        mapped = unwrap(source, lines)
        bounds = _sentence_pieces(mapped)
        if not bounds:
            continue
        number = len(paragraphs)
        paragraphs.append(Paragraph(Span(lines[0].start, lines[-1].end)))
        for start, end in bounds:
            sentences.append(Sentence(mapped.text[start:end], mapped.span(start, end), len(sentences), number))
    return tuple(paragraphs), tuple(sentences)
