"""The layout variations a rendered page can have, and how often the renderer picks each.

A :class:`PageStyle` holds what is the same for a whole page (where headlines go, blank lines,
indentation, digits, noise); an :class:`ArticleStyle` what varies per article (column width,
headline form, subtitle, lead-in, byline, photo credit). Every choice is drawn from the
``random.Random`` passed in, with the probabilities named below, and is reported as a
``name=value`` label so results can be broken down by variation.
"""

from __future__ import annotations

import enum
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from briefsum.evaluation.boilerplate import BylineForm, CreditForm, Digits

_T = TypeVar("_T")


class HeadPosition(enum.Enum):
    """Where a page's headlines come relative to their bodies in the extracted text."""

    BEFORE = "before"
    AFTER = "after"


class Widths(enum.Enum):
    """Whether each article has its own column width or the page has one width."""

    VARIED = "varied"
    UNIFORM = "uniform"


class BlankLines(enum.Enum):
    """Blank lines between text lines: none, after every line, or at random."""

    NONE = "none"
    EVERY = "every"
    RANDOM = "random"


class Indent(enum.Enum):
    """Paragraph indentation: dropped by the extractor (first line shorter), kept as spaces, or absent."""

    DROPPED = "dropped"
    SPACES = "spaces"
    NONE = "none"


class TitleStyle(enum.Enum):
    """How an article's headline is printed."""

    PLAIN = "plain"
    SPACED = "spaced"
    MISSING = "missing"
    #: The corpus gives the article no headline.
    NONE = "none"


class SubtitleStyle(enum.Enum):
    """A subtitle under the headline: none, introduced by ——, or plain."""

    NONE = "none"
    DASH = "dash"
    PLAIN = "plain"


#: Narrowest and widest article columns, in em.
COLUMN_WIDTHS = (12, 30)
#: Columns of photo captions, in em.
CAPTION_WIDTHS = (10, 18)
#: Page widths when every article shares one column width.
UNIFORM_WIDTHS = (14, 24)
#: Range of punctuation widths (em) a page may use.
PUNCTUATION_WIDTHS = (0.6, 1.0)
#: Letter-spaced headlines are short ones.
MAX_SPACED_TITLE = 14
#: Articles at least this long may flow from one column width into another.
WIDTH_CHANGE_MIN_CHARS = 300
P_WIDTH_CHANGE = 0.1
P_LEAD_IN = 0.15
P_CORRESPONDENT = 0.3
P_CAPTION_TITLE = 0.5


def _pick(rng: random.Random, choices: Sequence[tuple[_T, float]]) -> _T:
    values = [value for value, _ in choices]
    weights = [weight for _, weight in choices]
    return rng.choices(values, weights=weights, k=1)[0]


@dataclass(frozen=True, slots=True)
class PageStyle:
    """What is the same for every article of a rendered page."""

    heads: HeadPosition
    widths: Widths
    blank_lines: BlankLines
    indent: Indent
    digits: Digits
    spacing_noise: bool
    furniture: bool
    uniform_width: int
    #: Probability that a number or Latin word crossing a line end is split.
    split_runs: float
    #: Width of a punctuation mark in em (how much the typesetter squeezes punctuation).
    punctuation: float = 1.0

    @property
    def labels(self) -> tuple[str, ...]:
        """``name=value`` labels of this style."""
        return (
            f"heads={self.heads.value}",
            f"widths={self.widths.value}",
            f"blank_lines={self.blank_lines.value}",
            f"indent={self.indent.value}",
            f"digits={self.digits.value}",
            f"spacing_noise={'yes' if self.spacing_noise else 'no'}",
            f"furniture={'yes' if self.furniture else 'no'}",
        )


def sample_page_style(rng: random.Random) -> PageStyle:
    """A random page style."""
    return PageStyle(
        heads=_pick(rng, [(HeadPosition.BEFORE, 0.5), (HeadPosition.AFTER, 0.5)]),
        widths=_pick(rng, [(Widths.VARIED, 0.75), (Widths.UNIFORM, 0.25)]),
        blank_lines=_pick(rng, [(BlankLines.NONE, 0.35), (BlankLines.EVERY, 0.4), (BlankLines.RANDOM, 0.25)]),
        indent=_pick(rng, [(Indent.DROPPED, 0.5), (Indent.SPACES, 0.25), (Indent.NONE, 0.25)]),
        digits=_pick(rng, [(Digits.FULL, 0.5), (Digits.HALF, 0.5)]),
        spacing_noise=rng.random() < 0.5,
        furniture=rng.random() < 0.5,
        uniform_width=rng.randint(*UNIFORM_WIDTHS),
        split_runs=rng.choice((0.0, 0.1)),
        punctuation=round(rng.uniform(*PUNCTUATION_WIDTHS), 2),
    )


@dataclass(frozen=True, slots=True)
class ArticleStyle:
    """How one article is printed."""

    title: TitleStyle
    subtitle: SubtitleStyle
    lead_in: bool
    #: ``None``: no byline is added (the article may carry its own, see ``native_byline``).
    byline: BylineForm | None
    native_byline: bool
    correspondent: bool
    width: int
    #: ``(line, width)``: from this line on, the article continues in a column of another width.
    width_change: tuple[int, int] | None
    caption: bool
    credit: CreditForm | None

    @property
    def labels(self) -> tuple[str, ...]:
        """``name=value`` labels of this style."""
        labels = [f"kind={'caption' if self.caption else 'article'}", f"title={self.title.value}"]
        if self.caption:
            labels.append(f"credit={self.credit.name.lower() if self.credit else 'none'}")
            return tuple(labels)
        labels.append(f"subtitle={self.subtitle.value}")
        labels.append(f"lead_in={'yes' if self.lead_in else 'no'}")
        if self.native_byline:
            labels.append("byline=native")
        else:
            labels.append(f"byline={self.byline.name.lower() if self.byline else 'none'}")
        if self.byline is not None and self.correspondent:
            labels.append("correspondent=yes")
        labels.append(f"width_change={'yes' if self.width_change else 'no'}")
        return tuple(labels)


def sample_article_style(
    rng: random.Random,
    page: PageStyle,
    *,
    has_title: bool,
    title_length: int,
    native_byline: bool,
    caption: bool,
    native_credit: bool,
    body_chars: int,
) -> ArticleStyle:
    """A random style for one article, given what the corpus article already has."""
    if caption:
        width = rng.randint(*CAPTION_WIDTHS)
    elif page.widths is Widths.UNIFORM:
        width = page.uniform_width
    else:
        width = rng.randint(*COLUMN_WIDTHS)
    title = TitleStyle.NONE
    if has_title:
        title = _pick(rng, [(TitleStyle.PLAIN, 0.65), (TitleStyle.SPACED, 0.15), (TitleStyle.MISSING, 0.2)])
        if caption:
            title = TitleStyle.PLAIN if rng.random() < P_CAPTION_TITLE else TitleStyle.MISSING
        if title is TitleStyle.SPACED and title_length > MAX_SPACED_TITLE:
            title = TitleStyle.PLAIN
    titled = title in {TitleStyle.PLAIN, TitleStyle.SPACED}
    subtitle = SubtitleStyle.NONE
    lead = False
    byline: BylineForm | None = None
    credit: CreditForm | None = None
    change: tuple[int, int] | None = None
    if caption:
        if not native_credit:
            credit = _pick(
                rng,
                [(CreditForm.OWN_LINE, 0.4), (CreditForm.AGENCY_LINE, 0.3), (CreditForm.BRACKETED, 0.2), (None, 0.1)],
            )
    else:
        if titled:
            subtitle = _pick(rng, [(SubtitleStyle.NONE, 0.6), (SubtitleStyle.DASH, 0.2), (SubtitleStyle.PLAIN, 0.2)])
            lead = rng.random() < P_LEAD_IN
        if not native_byline:
            byline = _pick(rng, [(None, 0.25)] + [(form, 0.75 / len(BylineForm)) for form in BylineForm])
        if body_chars >= WIDTH_CHANGE_MIN_CHARS and rng.random() < P_WIDTH_CHANGE:
            other = width + rng.choice((-1, 1)) * rng.randint(4, 10)
            change = (rng.randint(2, 8), min(max(other, 10), 34))
    return ArticleStyle(
        title=title,
        subtitle=subtitle,
        lead_in=lead,
        byline=byline,
        native_byline=native_byline,
        correspondent=rng.random() < P_CORRESPONDENT,
        width=width,
        width_change=change,
        caption=caption,
        credit=credit,
    )
