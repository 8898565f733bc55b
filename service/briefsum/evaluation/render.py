"""Lay corpus articles out as a PDF-extracted newspaper page, remembering where everything went.

:func:`render_page` turns a :class:`~briefsum.evaluation.pagedata.SourcePage` (articles as plain
paragraphs) into the text a PDF extractor would return for a printed page: hard-wrapped columns of
per-article widths, headlines before or after their bodies (plain, letter-spaced or missing), lead-ins
and subtitles, bylines and datelines in their usual forms, photo captions with credits, page
furniture, blank-line and spacing noise (see :mod:`briefsum.evaluation.style`). Alongside the text it
returns the ground truth: every item's span, kind, title, subtitle, lead-in, byline, and the spans of
headline/byline/credit text that must never reach a summary.

Rendering is deterministic: the same page, seed and variant give the same text.
"""

from __future__ import annotations

import enum
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from briefsum.evaluation import boilerplate
from briefsum.evaluation.boilerplate import BylineForm, CreditForm, Digits
from briefsum.evaluation.pagedata import SourceArticle, SourcePage
from briefsum.evaluation.style import (
    ArticleStyle,
    BlankLines,
    HeadPosition,
    Indent,
    PageStyle,
    SubtitleStyle,
    TitleStyle,
    sample_article_style,
    sample_page_style,
)
from briefsum.evaluation.typeset import letter_space, wrap
from briefsum.model import ArticleKind, Span

#: Corpus annotations on titles that a printed page does not show: （附图片１张）, （图片）.
TITLE_ANNOTATION = re.compile(r"（附?图片[0-9０-９]*张?）")
#: A corpus title that marks a photo item.
CAPTION_TITLE = re.compile(r"（图片[0-9０-９]*张?）$|^图片新闻$")
#: A dateline the corpus article already opens with (本报北京１月４日讯, 新华社北京１月４日电, 据新华社…电).
NATIVE_DATELINE = re.compile(r"^(据)?(本报|新华社|中新社|人民日报)[^，。：；]{0,24}?(讯|电)")
#: Paragraphs searched for a dateline the article already has.
NATIVE_DATELINE_PARAGRAPHS = 3
#: A short first paragraph without a full stop is an author or reporter line (本报记者陈兴贵, 廖志承).
AUTHOR_LINE_MAX = 16
#: A photo credit the corpus caption already has: （新华社记者陶明摄）.
NATIVE_CREDIT = re.compile(r"摄[影]?[^）)]{0,4}[）)]|摄$|新华社发")
#: Subtitles are made from a clause of the article's opening, this many characters long.
SUBTITLE_CHARS = (8, 24)
_CLAUSE = re.compile(r"[^，。；：！？]+")
#: A clause opening with a list marker (一、, （一）, 1.) would not make a subtitle.
LIST_ITEM = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十0-9０-９]+[）)]|[0-9０-９]+[.．、])")
_SUBTITLE_SEPARATOR = re.compile(r"—{2,}")
_DIGIT_RUN = re.compile(r"[0-9０-９][0-9０-９.．%％]*")
_FULL_TO_HALF = {
    ord(c): ord(c) - 0xFEE0 for c in "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ"
}
_FULL_TO_HALF |= {ord(c): ord(c) - 0xFEE0 for c in "ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ％"}
#: Chance of a stray space before or after a number, and after a line, on noisy pages.
P_STRAY_SPACE = 0.15
P_TRAILING_SPACE = 0.1
#: Chance of a blank line between two lines on pages with random blank lines.
P_RANDOM_BLANK = 0.15
#: Indentation of a paragraph's first line, in em.
INDENT_EM = 2.0


class Role(enum.Enum):
    """What a rendered line is."""

    FURNITURE = "furniture"
    LEAD_IN = "lead_in"
    TITLE = "title"
    SUBTITLE = "subtitle"
    BYLINE = "byline"
    BODY = "body"
    CREDIT = "credit"


#: Roles whose text must never appear in a summary.
GUARDED_ROLES = frozenset({Role.LEAD_IN, Role.TITLE, Role.SUBTITLE, Role.BYLINE, Role.CREDIT})


@dataclass(frozen=True, slots=True)
class TrueItem:
    """The ground truth of one item of a rendered page."""

    id: str
    kind: ArticleKind
    span: Span
    title: str | None
    subtitle: str | None
    lead_in: str | None
    byline: str | None
    #: Whether ``byline`` is known: false when the article opens with its own corpus dateline.
    byline_scored: bool
    #: Headline, lead-in, subtitle, byline and credit text: never part of a summary.
    guarded: tuple[Span, ...]
    variations: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RenderedPage:
    """A page as a PDF extractor returns it, with its ground truth."""

    page_id: str
    variant: int
    text: str
    items: tuple[TrueItem, ...]
    variations: tuple[str, ...]


@dataclass(slots=True)
class _Line:
    text: str
    role: Role
    item: int | None = None
    indent: bool = False
    #: Leading non-space characters that are guarded (an inline byline), counted from this line on.
    guard_chars: int = 0


@dataclass(slots=True)
class _Item:
    source: SourceArticle
    style: ArticleStyle
    title: str | None = None
    subtitle: str | None = None
    lead_in: str | None = None
    byline: str | None = None
    lines: list[_Line] = field(default_factory=list)


def is_caption(article: SourceArticle) -> bool:
    """Whether the corpus marks the article as a photo item."""
    return bool(article.title and CAPTION_TITLE.search(article.title))


def has_native_byline(article: SourceArticle) -> bool:
    """Whether the article opens with its own dateline or author line.

    The dateline may sit in one of its first paragraphs, after a kicker or a list of highlights.
    """
    if any(NATIVE_DATELINE.match(p) for p in article.paragraphs[:NATIVE_DATELINE_PARAGRAPHS]):
        return True
    first = article.paragraphs[0]
    return len(first) <= AUTHOR_LINE_MAX and "。" not in first and len(article.paragraphs) > 1


def split_title(title: str) -> tuple[str, str | None]:
    """A corpus title without annotations, and the subtitle after a dash (``A——B`` -> ``A``, ``——B``)."""
    cleaned = TITLE_ANNOTATION.sub("", title).strip()
    parts = _SUBTITLE_SEPARATOR.split(cleaned, maxsplit=1)
    if len(parts) == 2 and parts[0].strip() and parts[1].strip():
        return parts[0].strip(), "——" + parts[1].strip()
    return cleaned, None


def subtitle_from(paragraphs: Sequence[str]) -> str | None:
    """A clause of the article's opening to serve as its subtitle, if one has a fitting length."""
    low, high = SUBTITLE_CHARS
    for paragraph in paragraphs[:2]:
        for clause in (str(found) for found in _CLAUSE.findall(paragraph)):
            if (
                low <= len(clause) <= high
                and "\u4e00" <= clause[0] <= "\u9fff"
                and not LIST_ITEM.match(clause)
                and not NATIVE_DATELINE.match(clause)
                and "记者" not in clause
            ):
                return clause
    return None


def _half_width(text: str, digits: Digits) -> str:
    return text.translate(_FULL_TO_HALF) if digits is Digits.HALF else text


def _stray_spaces(text: str, rng: random.Random) -> str:
    def pad(match: re.Match[str]) -> str:
        before = " " if rng.random() < P_STRAY_SPACE else ""
        after = " " if rng.random() < P_STRAY_SPACE else ""
        return before + match.group(0) + after

    return _DIGIT_RUN.sub(pad, text)


class _Renderer:
    """Builds the lines of one page; :meth:`text` serialises them and computes the truth."""

    def __init__(self, page: PageStyle, rng: random.Random) -> None:
        self.page = page
        self.rng = rng
        self.lines: list[_Line] = []
        self.items: list[_Item] = []
        self.indent_text = rng.choice(("　　", "  ", " "))

    def add_article(self, source: SourceArticle) -> None:
        digits = self.page.digits
        paragraphs = [_half_width(p, digits) for p in source.paragraphs]
        raw_title = _half_width(source.title, digits) if source.title else None
        title, corpus_subtitle = split_title(raw_title) if raw_title else (None, None)
        caption = is_caption(source)
        style = sample_article_style(
            self.rng,
            self.page,
            has_title=bool(title),
            title_length=len(title or ""),
            native_byline=has_native_byline(source),
            caption=caption,
            native_credit=caption and bool(NATIVE_CREDIT.search("".join(paragraphs))),
            body_chars=sum(len(p) for p in paragraphs),
        )
        item = _Item(source, style)
        index = len(self.items)
        self.items.append(item)
        heads = self._heads(item, title, corpus_subtitle, paragraphs)
        body = self._body(item, paragraphs)
        ordered = [*heads, *body] if self.page.heads is HeadPosition.BEFORE else [*body, *heads]
        for line in ordered:
            line.item = index
        item.lines = ordered
        self.lines.extend(ordered)

    def _heads(self, item: _Item, title: str | None, corpus_subtitle: str | None, paragraphs: list[str]) -> list[_Line]:
        style = item.style
        heads: list[_Line] = []
        if style.title in {TitleStyle.PLAIN, TitleStyle.SPACED} and title:
            if style.lead_in:
                item.lead_in = boilerplate.lead_in(self.rng)
                heads.append(_Line(item.lead_in, Role.LEAD_IN))
            item.title = title
            shown = (
                letter_space(title, self.rng.choice((" ", "　", "  "))) if style.title is TitleStyle.SPACED else title
            )
            heads.append(_Line(shown, Role.TITLE))
            subtitle = corpus_subtitle
            if subtitle is None and style.subtitle is not SubtitleStyle.NONE:
                clause = subtitle_from(paragraphs)
                if clause is not None:
                    subtitle = "——" + clause if style.subtitle is SubtitleStyle.DASH else clause
            if subtitle is not None:
                item.subtitle = subtitle
                heads.append(_Line(subtitle, Role.SUBTITLE))
        if style.byline is BylineForm.REPORTERS_HEAD:
            item.byline = boilerplate.byline(
                style.byline, self.rng, self.page.digits, correspondent=style.correspondent
            )
            heads.append(_Line(item.byline, Role.BYLINE))
        return heads

    def _body(self, item: _Item, paragraphs: list[str]) -> list[_Line]:
        style = item.style
        lines: list[_Line] = []
        inline = 0
        form = style.byline
        if form is not None and form is not BylineForm.REPORTERS_HEAD:
            item.byline = boilerplate.byline(form, self.rng, self.page.digits, correspondent=style.correspondent)
            if form.inline:
                paragraphs = [item.byline + paragraphs[0], *paragraphs[1:]]
                inline = sum(1 for char in item.byline if not char.isspace())
            else:
                lines.append(_Line(item.byline, Role.BYLINE))
        if style.credit is CreditForm.BRACKETED:
            paragraphs = [*paragraphs[:-1], paragraphs[-1] + boilerplate.credit(style.credit, self.rng)]
        written = 0
        for number, paragraph in enumerate(paragraphs):
            text = _stray_spaces(paragraph, self.rng) if self.page.spacing_noise else paragraph
            widths = self._widths(style, written)
            indent = self.page.indent is not Indent.NONE
            wrapped = wrap(
                text,
                widths,
                first_indent=INDENT_EM if indent else 0.0,
                split_runs=self.page.split_runs,
                punctuation=self.page.punctuation,
                rng=self.rng,
            )
            for position, piece in enumerate(wrapped):
                line = _Line(piece, Role.BODY, indent=position == 0 and self.page.indent is Indent.SPACES)
                if number == 0 and position == 0:
                    line.guard_chars = inline
                lines.append(line)
            written += len(wrapped)
        if style.credit in {CreditForm.OWN_LINE, CreditForm.AGENCY_LINE}:
            lines.append(_Line(boilerplate.credit(style.credit, self.rng), Role.CREDIT))
        return lines

    @staticmethod
    def _widths(style: ArticleStyle, written: int) -> list[float]:
        if style.width_change is None:
            return [float(style.width)]
        at, other = style.width_change
        before = max(at - written, 0)
        return [float(style.width)] * before + [float(other)]

    def _separator(self) -> str:
        blank = self.page.blank_lines
        if blank is BlankLines.EVERY:
            return "\n \n" if self.rng.random() < 0.05 else "\n\n"
        if blank is BlankLines.RANDOM and self.rng.random() < P_RANDOM_BLANK:
            return "\n\n"
        return "\n"

    def text(self) -> tuple[str, list[Span]]:
        """The page text and the span of every line (stripped of surrounding whitespace)."""
        parts: list[str] = []
        spans: list[Span] = []
        position = 0
        for number, line in enumerate(self.lines):
            if number:
                separator = self._separator()
                parts.append(separator)
                position += len(separator)
            content = line.text.strip()
            prefix = self.indent_text if line.indent else ""
            suffix = " " if self.page.spacing_noise and self.rng.random() < P_TRAILING_SPACE else ""
            start = position + len(prefix)
            spans.append(Span(start, start + len(content)))
            parts.append(prefix + content + suffix)
            position += len(prefix) + len(content) + len(suffix)
        return "".join(parts), spans


def _guarded_prefix(text: str, start: int, count: int) -> Span:
    """The span of the first ``count`` non-space characters of ``text`` from ``start``."""
    position = start
    seen = 0
    while seen < count and position < len(text):
        if not text[position].isspace():
            seen += 1
        position += 1
    return Span(start, position)


def _truth(renderer: _Renderer, text: str, spans: list[Span]) -> tuple[TrueItem, ...]:
    by_item: dict[int, list[tuple[_Line, Span]]] = {}
    for line, span in zip(renderer.lines, spans, strict=True):
        if line.item is not None:
            by_item.setdefault(line.item, []).append((line, span))
    items: list[TrueItem] = []
    for index, item in enumerate(renderer.items):
        placed = by_item[index]
        guarded: list[Span] = []
        for line, span in placed:
            if line.role in GUARDED_ROLES:
                guarded.append(span)
            elif line.guard_chars:
                guarded.append(_guarded_prefix(text, span.start, line.guard_chars))
        style = item.style
        items.append(
            TrueItem(
                id=item.source.id,
                kind=ArticleKind.CAPTION if style.caption else ArticleKind.ARTICLE,
                span=Span(min(s.start for _, s in placed), max(s.end for _, s in placed)),
                title=item.title,
                subtitle=item.subtitle,
                lead_in=item.lead_in,
                byline=item.byline,
                byline_scored=not style.caption and not style.native_byline,
                guarded=tuple(sorted(guarded, key=lambda s: s.start)),
                variations=style.labels,
            )
        )
    return tuple(items)


def _page_number(page_id: str) -> int:
    tail = page_id.rsplit("-", 1)[-1]
    return int(tail) if tail.isdigit() else 1


def render_page(page: SourcePage, seed: int = 0, variant: int = 0) -> RenderedPage:
    """Render ``page`` in a random style drawn from ``(seed, page_id, variant)``."""
    rng = random.Random(f"{seed}:{page.page_id}:{variant}")  # noqa: S311 - layouts, not secrets
    style = sample_page_style(rng)
    return _render(page, style, rng, variant)


def render_article(article: SourceArticle, seed: int = 0) -> RenderedPage:
    """Render one article on its own (headline above, no furniture), as a client sends an article."""
    rng = random.Random(f"{seed}:{article.id}:article")  # noqa: S311 - layouts, not secrets
    style = sample_page_style(rng)
    style = PageStyle(
        heads=HeadPosition.BEFORE,
        widths=style.widths,
        blank_lines=style.blank_lines,
        indent=style.indent,
        digits=style.digits,
        spacing_noise=style.spacing_noise,
        furniture=False,
        uniform_width=style.uniform_width,
        split_runs=style.split_runs,
        punctuation=style.punctuation,
    )
    return _render(SourcePage(article.id, (article,)), style, rng, 0)


def _render(page: SourcePage, style: PageStyle, rng: random.Random, variant: int) -> RenderedPage:
    renderer = _Renderer(style, rng)
    number = _page_number(page.page_id)
    if style.furniture:
        renderer.lines.extend(_Line(t, Role.FURNITURE) for t in boilerplate.header(rng, style.digits, number))
    for article in page.articles:
        renderer.add_article(article)
    if style.furniture:
        renderer.lines.extend(_Line(t, Role.FURNITURE) for t in boilerplate.footer(rng, style.digits, number))
    text, spans = renderer.text()
    return RenderedPage(page.page_id, variant, text, _truth(renderer, text, spans), style.labels)
