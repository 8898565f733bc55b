"""Split a newspaper page (as extracted from a PDF) into articles and captions.

First version: lines are classified (body, headline, subtitle, byline, photo credit) from their
shape; headline blocks separate items, and a page whose first line is body text is taken to put
headlines after their bodies (as many provincial papers do).
"""

from __future__ import annotations

import enum
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, replace

from briefsum.model import Article, ArticleKind, Span, TextField
from briefsum.options import Layout

from briefsum_builtin.segment.text.lines import Line, split_lines, visible_length
from briefsum_builtin.segment.text.unwrap import unwrap

#: Datelines and bylines that open an article body: 本报讯（记者…）, 本报3月29日讯, 新华社北京1月5日电.
BYLINE_OPENING = re.compile(
    r"^(本报[^，。（]{0,12}?讯|新华社[^，。（]{0,14}?电)?([（(](本报)?(记者|通讯员)[^）)]{1,30}[）)])?"
)
#: A reporters' line: 本报记者 张三 李四 (no sentence punctuation).
REPORTERS = re.compile(r"^(本报)?(记者|通讯员)[\s\S]{0,30}$")
#: Photo credit: 本报记者 张野 摄, 新华社记者 X 摄.
PHOTO_CREDIT = re.compile(r"(摄|供图|制图)$")


def byline_length(text: str) -> int:
    """Length of the dateline/byline that opens ``text`` (0 when there is none)."""
    match = BYLINE_OPENING.match(text)
    return match.end() if match else 0


CAPTION_OPENING = re.compile(r"(^|[。；])图为")
SENTENCE_FINAL = tuple("。！？!?”’）)…")
#: Lines shorter than this share of the page's wrap width may be headlines.
HEADLINE_WIDTH_SHARE = 0.8
#: Fewest non-blank lines for a text to be treated as a page under ``Layout.AUTO``.
MIN_PAGE_LINES = 6


class LineRole(enum.Enum):
    """What a line of a page is."""

    BODY = "body"
    HEADLINE = "headline"
    SUBTITLE = "subtitle"
    REPORTERS = "reporters"
    CREDIT = "credit"


@dataclass(frozen=True, slots=True)
class _Item:
    heads: tuple[Line, ...]
    body: tuple[Line, ...]


def wrap_width(lines: Sequence[Line]) -> float:
    """The page's typical line width: the upper quartile of line lengths."""
    widths = sorted(visible_length(line.text) for line in lines)
    if not widths:
        return 0.0
    if len(widths) < 4:
        return float(widths[-1])
    return float(statistics.quantiles(widths, n=4)[2])


def classify(lines: Sequence[Line], width: float) -> list[LineRole]:
    """The role of each line, from its shape and its neighbours."""
    roles: list[LineRole] = []
    for number, line in enumerate(lines):
        text = line.text
        previous_ends = number == 0 or lines[number - 1].text.endswith(SENTENCE_FINAL)
        short = visible_length(text) < HEADLINE_WIDTH_SHARE * width
        if text.startswith("——") and short:
            roles.append(LineRole.SUBTITLE)
        elif PHOTO_CREDIT.search(text) and short and " " in text:
            roles.append(LineRole.CREDIT)
        elif REPORTERS.match(text) and short and not text.endswith(SENTENCE_FINAL) and "讯" not in text:
            roles.append(LineRole.REPORTERS)
        elif short and previous_ends and not text.endswith(SENTENCE_FINAL) and not byline_length(text):
            roles.append(LineRole.HEADLINE)
        else:
            roles.append(LineRole.BODY)
    return roles


def looks_like_page(lines: Sequence[Line], roles: Sequence[LineRole]) -> bool:
    """Heuristic for ``Layout.AUTO``: hard-wrapped lines and more than one headline or byline."""
    if len(lines) < MIN_PAGE_LINES:
        return False
    openings = sum(1 for line in lines if byline_length(line.text))
    headlines = sum(1 for role in roles if role is LineRole.HEADLINE)
    return openings + headlines >= 2


def _group(lines: Sequence[Line], roles: Sequence[LineRole]) -> list[tuple[list[Line], list[Line]]]:
    """Alternating runs of head lines and body lines, as (heads, body) blocks in page order."""
    blocks: list[tuple[list[Line], list[Line]]] = []
    heads: list[Line] = []
    body: list[Line] = []
    for line, role in zip(lines, roles, strict=True):
        if role is LineRole.BODY:
            if byline_length(line.text) and body:
                blocks.append((heads, body))
                heads, body = [], []
            body.append(line)
        else:
            if body:
                blocks.append((heads, body))
                heads, body = [], []
            heads.append(line)
    if heads or body:
        blocks.append((heads, body))
    return blocks


def _items(blocks: list[tuple[list[Line], list[Line]]], heads_first: bool) -> list[_Item]:
    if heads_first:
        return [_Item(tuple(h), tuple(b)) for h, b in blocks]
    # Headlines follow their bodies: re-pair each body with the head lines after it.
    items: list[_Item] = []
    leading = blocks[0][0] if blocks else []
    for number, (_, body) in enumerate(blocks):
        trailing = blocks[number + 1][0] if number + 1 < len(blocks) else []
        heads = ([*leading] if number == 0 else []) + trailing
        if body or heads:
            items.append(_Item(tuple(heads), tuple(body)))
    return items


def _field(source: str, lines: Sequence[Line]) -> TextField | None:
    if not lines:
        return None
    return TextField(unwrap(source, lines).text, Span(lines[0].start, lines[-1].end))


def _opening_byline(line: Line) -> TextField | None:
    length = byline_length(line.text)
    if not length:
        return None
    return TextField(line.text[:length], Span(line.start, line.start + length))


def _article(source: str, roles: dict[int, LineRole], item: _Item) -> Article:
    heads, body = list(item.heads), list(item.body)
    every_line = sorted((*heads, *body), key=lambda line: line.start)
    headlines = [ln for ln in heads if roles[ln.start] is LineRole.HEADLINE]
    subtitles = [ln for ln in heads if roles[ln.start] is LineRole.SUBTITLE]
    reporters = [ln for ln in heads if roles[ln.start] is LineRole.REPORTERS]
    credits = [ln for ln in every_line if roles[ln.start] is LineRole.CREDIT]
    body = [ln for ln in body if roles[ln.start] is not LineRole.CREDIT]
    caption = bool(credits) or any(CAPTION_OPENING.search(ln.text) for ln in body)
    if not body:
        # A head block without a body (a lone credit or headline): keep it visible as a caption.
        body, caption = heads, True
    byline = _opening_byline(body[0])
    body_start = byline.span.end if byline is not None and byline.span is not None else body[0].start
    if byline is None and (reporters or credits):
        byline = _field(source, reporters or credits)
    return Article(
        span=Span(every_line[0].start, every_line[-1].end),
        kind=ArticleKind.CAPTION if caption else ArticleKind.ARTICLE,
        title=_field(source, headlines),
        subtitle=_field(source, subtitles),
        byline=byline,
        body=Span(body_start, body[-1].end),
    )


def _single_article(source: str, lines: Sequence[Line], roles: Sequence[LineRole]) -> Article:
    """The whole text as one article; a leading headline and an opening byline are recognised."""
    heads: list[Line] = []
    for line, role in zip(lines, roles, strict=True):
        if role is LineRole.BODY or len(heads) == len(lines) - 1:
            break
        heads.append(line)
    body = lines[len(heads) :]
    role_at = {line.start: role for line, role in zip(lines, roles, strict=True)}
    article = _article(source, role_at, _Item(tuple(heads), tuple(body)))
    return replace(article, kind=ArticleKind.ARTICLE)


def segment_page(source: str, layout: Layout, title: str | None = None) -> tuple[Article, ...]:
    """Split ``source`` into articles according to ``layout``.

    ``Layout.ARTICLE`` never splits; ``Layout.AUTO`` splits only what looks like a page. A
    ``title`` supplied by the client becomes the title of the first article.
    """
    lines = split_lines(source)
    if not lines:
        return ()
    roles = classify(lines, wrap_width(lines))
    if layout is Layout.ARTICLE or (layout is Layout.AUTO and not looks_like_page(lines, roles)):
        articles: tuple[Article, ...] = (_single_article(source, lines, roles),)
    else:
        heads_first = roles[0] is not LineRole.BODY
        role_at = {line.start: role for line, role in zip(lines, roles, strict=True)}
        articles = tuple(_article(source, role_at, item) for item in _items(_group(lines, roles), heads_first))
    if title and title.strip():
        articles = (replace(articles[0], title=TextField(title.strip())), *articles[1:])
    return articles
