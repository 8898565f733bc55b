"""From blocks to articles: which headline belongs to which body, and what each item is.

The page's orientation (:mod:`.orientation`) says on which side of its body each headline block
sits; bylines and headlines that ended up with the wrong neighbour are handed back, then every item
becomes an :class:`~briefsum.model.Article` with its kind, headline fields, byline and body span.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from briefsum.model import Article, ArticleKind, Span, TextField

from briefsum_builtin.segment import patterns
from briefsum_builtin.segment.blocks import Block, BlockKind, Cause
from briefsum_builtin.segment.cohesion import containment
from briefsum_builtin.segment.features import LineInfo
from briefsum_builtin.segment.heads import parse_heads
from briefsum_builtin.segment.orientation import OPENING_CHARS, Orientation
from briefsum_builtin.segment.roles import Chain, Role
from briefsum_builtin.segment.text.lines import Line
from briefsum_builtin.segment.text.unwrap import unwrap

#: A body mentioning a photo (图为…) is a caption when it is at most this long.
CAPTION_MAX_CHARS = 300
#: A line is its article's headline when at least this share of its bigrams occur in the article's
#: opening, and this much more than in the text it runs into.
HEADLINE_MATCH = 0.6
HEADLINE_MARGIN = 0.3
#: Leading lines of a body that may be taken back as the previous article's headline.
MAX_RECLAIMED_LINES = 2
#: Lines of a body searched for its opening dateline.
DATELINE_LINES = 4


@dataclass(slots=True)
class Item:
    """A body block and the headline material that belongs to it, before it becomes an article."""

    body: list[Chain]
    #: Headline material printed before the body.
    before: list[Chain] = field(default_factory=list)
    #: Headline material printed after the body.
    after: list[Chain] = field(default_factory=list)
    cause: Cause = Cause.START
    #: The side the page prints headlines on: the headline is read from that side's material.
    side: Orientation = Orientation.BEFORE

    @property
    def head(self) -> list[Chain]:
        """All headline material, in page order."""
        return self.before + self.after

    @property
    def headline_chains(self) -> list[Chain]:
        """The headline material the headline is read from: the page's side, else the other."""
        primary, other = (self.after, self.before) if self.side is Orientation.AFTER else (self.before, self.after)
        return primary or other


def _text(infos: Sequence[LineInfo], chains: Sequence[Chain]) -> str:
    return "".join(infos[i].line.text for chain in chains for i in chain.lines)


def _has_dateline(infos: Sequence[LineInfo], item: Item) -> bool:
    return bool(item.body) and infos[item.body[0].lines[0]].dateline > 0


def pair(infos: Sequence[LineInfo], blocks: Sequence[Block], side: Orientation) -> list[Item]:
    """Each body block with its headline block, for a page whose headlines are on ``side``.

    A headline block with no body on its side (the page's first block when headlines follow their
    bodies, its last when they precede them) goes with the body on its other side.
    """
    items: list[Item] = []
    pending: list[Chain] = []
    for block in blocks:
        if block.kind is BlockKind.BODY:
            items.append(Item(list(block.chains), before=pending, cause=block.cause, side=side))
            pending = []
        elif side is Orientation.AFTER and items and not items[-1].after:
            items[-1].after = list(block.chains)
        else:
            pending = pending + list(block.chains)
    if pending:
        if items:
            items[-1].after = items[-1].after + pending
        else:
            items.append(Item([], before=pending, side=side))
    if side is Orientation.AFTER:
        _pass_reporters_on(infos, items)
        _reclaim_headlines(infos, items)
    return items


def _is_byline(infos: Sequence[LineInfo], chain: Chain) -> bool:
    """A reporters' line, or a bare author name on a line of its own."""
    if chain.role is Role.REPORTERS:
        return True
    line = infos[chain.lines[0]]
    return len(chain.lines) == 1 and not line.spaced and patterns.is_author_line(line.line.text)


def _pass_reporters_on(infos: Sequence[LineInfo], items: list[Item]) -> None:
    """Give a byline that ends a headline block to the next article when it cannot be this one's.

    It cannot when this article already has a dateline (an article has one byline), or when the line
    is a bare author name after the headline (authors' names head the text they wrote).
    """
    for index in range(len(items) - 1):
        item, following = items[index], items[index + 1]
        if len(item.after) < 2 or following.before or not _is_byline(infos, item.after[-1]):
            continue
        last = item.after[-1]
        if last.role is not Role.REPORTERS or (_has_dateline(infos, item) and not _has_dateline(infos, following)):
            following.before.insert(0, item.after.pop())


def _reclaim_headlines(infos: Sequence[LineInfo], items: list[Item]) -> None:
    """Take back headlines that ran into the next body, on a page whose headlines follow their bodies.

    A headline as wide as the next column reads as that column's first line, leaving its own body
    without a headline. Up to :data:`MAX_RECLAIMED_LINES` leading lines of the next body that share
    their words with this article's opening, rather than with the text they run into, come back.
    """
    for index in range(len(items) - 1):
        item, following = items[index], items[index + 1]
        if item.after or not item.body or not following.body or following.before:
            continue
        first = following.body[0]
        if first.role is not Role.BODY or infos[first.lines[0]].dateline:
            continue
        opening = _text(infos, item.body)[:OPENING_CHARS]
        taken = 0
        while taken < min(MAX_RECLAIMED_LINES, len(first.lines) - 1):
            line = infos[first.lines[taken]]
            rest = "".join(infos[i].line.text for i in first.lines[taken + 1 :])[:OPENING_CHARS]
            own, theirs = containment(line.line.text, opening), containment(line.line.text, rest)
            if line.terminal or own < HEADLINE_MATCH or own - theirs < HEADLINE_MARGIN:
                break
            taken += 1
        if taken:
            item.after = [Chain((i,), Role.HEAD, None) for i in first.lines[:taken]]
            following.body[0] = Chain(first.lines[taken:], Role.BODY, first.width)


def _opening_dateline(source: str, lines: Sequence[Line]) -> tuple[TextField, int] | None:
    """The dateline opening the body (wraps undone) and the source index where the text goes on."""
    mapped = unwrap(source, lines)
    length = patterns.dateline_length(mapped.text)
    if not length:
        return None
    text = mapped.text[:length].strip()
    next_index = mapped.origin[length] if length < len(mapped) else lines[-1].end
    return TextField(text, mapped.span(0, length)), next_index


def _is_caption(infos: Sequence[LineInfo], chains: Sequence[Chain], text: str, *, dated: bool = False) -> bool:
    """Whether an item is a photo caption.

    It is when it is short and has a credit on a line of its own, or mentions a picture or ends with
    a credit. A long one is an article with a picture, and so is a report opening with a dateline
    (本报讯…, 新华社…电) unless its text says it shows a picture (图为…).
    """
    if len(text) > CAPTION_MAX_CHARS:
        return False
    if dated and not any(infos[i].caption_cue for c in chains for i in c.lines):
        return False
    if any(chain.role is Role.CREDIT for chain in chains):
        return True
    return bool(patterns.TRAILING_CREDIT.search(text)) or any(infos[i].caption_cue for c in chains for i in c.lines)


def build_article(source: str, infos: Sequence[LineInfo], item: Item, *, captions: bool = True) -> Article:
    """The article for ``item``: span, kind, headline fields, byline and body span."""
    head_lines = [i for chain in item.head for i in chain.lines]
    headline_lines = [i for chain in item.headline_chains for i in chain.lines]
    reporters = [i for chain in item.head if chain.role is Role.REPORTERS for i in chain.lines]
    body_chains = [c for c in item.body if c.role not in {Role.CREDIT, Role.REPORTERS}]
    if not body_chains and not item.body:
        # Headline material with no body: it is the text itself (a one-line article, a lone caption).
        body_chains, head_lines, headline_lines, reporters = [Chain(tuple(head_lines), Role.BODY, None)], [], [], []
    heads = parse_heads(infos, headline_lines + [i for i in reporters if i not in headline_lines])
    every = sorted({*head_lines, *(i for chain in [*item.body, *body_chains] for i in chain.lines)})
    span = Span(infos[every[0]].line.start, infos[every[-1]].line.end)
    body_lines = [infos[i].line for chain in body_chains for i in chain.lines]
    byline = heads.reporters
    body_start = body_lines[0].start if body_lines else span.end
    body_end = body_lines[-1].end if body_lines else span.end
    opening = _opening_dateline(source, body_lines[:DATELINE_LINES]) if body_lines else None
    if opening is not None:
        byline, body_start = opening
    if byline is None:
        byline = _first_of(infos, item.body, Role.REPORTERS)
    text = _text(infos, body_chains)
    caption = captions and _is_caption(infos, item.body, text, dated=opening is not None)
    if caption and byline is None:
        byline = _first_of(infos, item.body, Role.CREDIT)
    return Article(
        span=span,
        kind=ArticleKind.CAPTION if caption else ArticleKind.ARTICLE,
        title=heads.title,
        subtitle=heads.subtitle,
        lead_in=heads.lead_in,
        byline=byline,
        body=Span(min(body_start, body_end), body_end),
    )


def _first_of(infos: Sequence[LineInfo], chains: Sequence[Chain], role: Role) -> TextField | None:
    for chain in chains:
        if chain.role is role:
            line = infos[chain.lines[0]].line
            return TextField(" ".join(line.text.split()), Span(line.start, line.end))
    return None
