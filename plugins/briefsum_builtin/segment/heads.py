"""Read a headline block: lead-in, headline, subtitle and reporters.

Newspapers stack up to three display lines: an optional lead-in (引题, often ending in a speech
verb: 景俊海在长春调研时强调), the headline, and an optional subtitle (副题, often introduced by
——). With two plain lines, the first is the lead-in only when it reads like one; otherwise it is
the headline and the second the subtitle.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from briefsum.model import Span, TextField

from briefsum_builtin.segment import patterns
from briefsum_builtin.segment.features import LineInfo


@dataclass(frozen=True, slots=True)
class Heads:
    """The fields a headline block gives an article."""

    lead_in: TextField | None = None
    title: TextField | None = None
    subtitle: TextField | None = None
    #: A reporters' line in the block (本报记者 崔维利 高鸿).
    reporters: TextField | None = None


def clean_display(text: str) -> str:
    """Display text without layout spacing: letter spacing removed, other spaces made single."""
    if patterns.is_letter_spaced(text):
        return "".join(text.split())
    return " ".join(text.split())


def _field(infos: Sequence[LineInfo], indices: Sequence[int]) -> TextField | None:
    if not indices:
        return None
    text = "".join(clean_display(infos[i].line.text) for i in indices)
    return TextField(text, Span(infos[indices[0]].line.start, infos[indices[-1]].line.end))


def parse_heads(infos: Sequence[LineInfo], lines: Sequence[int]) -> Heads:
    """The lead-in, headline, subtitle and reporters of the headline block made of ``lines``.

    A lead-in comes before the headline and a dash subtitle after it, so only the display lines
    before the first dash line compete for lead-in and headline.
    """
    # An editor's signature closes the text before it: what precedes it in the block is that text's end.
    signed = [n for n, i in enumerate(lines) if patterns.EDITOR_SIGNATURE.search(infos[i].line.text.strip())]
    if signed:
        lines = lines[signed[-1] + 1 :]
    # Reporters' lines and bare author names are bylines, never headlines; a letter-spaced line is
    # display type, never a byline (河 南 … 中 心 成 立 is no office 河南…中心 and author 成立).
    reporters = [
        i for i in lines if infos[i].reporters or (not infos[i].spaced and patterns.is_author_line(infos[i].line.text))
    ]
    rest = [i for i in lines if i not in reporters]
    dashes = [i for i in rest if infos[i].dash and not infos[i].spaced]
    cut = rest.index(dashes[0]) if dashes else len(rest)
    before = rest[:cut]
    lead: list[int] = []
    title: list[int] = []
    if before:
        first = clean_display(infos[before[0]].line.text)
        reads_as_lead = bool(patterns.LEAD_IN_END.search(first)) and not infos[before[0]].spaced
        if (reads_as_lead and len(before) >= 2) or (len(before) == 2 and dashes):
            lead, title = before[:1], before[1:2]
        else:
            title = before[:1]
    elif rest:
        title = rest[:1]
    subtitle = [i for i in rest if i not in lead and i not in title]
    return Heads(
        lead_in=_field(infos, lead),
        title=_field(infos, title),
        subtitle=_field(infos, subtitle),
        reporters=_field(infos, reporters[:1]),
    )
