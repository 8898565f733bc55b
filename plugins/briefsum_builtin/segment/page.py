"""Split a newspaper page (as extracted from a PDF) into its items, or read one article.

The steps, each in its own module: describe every line (:mod:`.features`), join hard-wrapped lines
into chains and give each a role (:mod:`.wraps`, :mod:`.roles`), group chains into headline and body
blocks and split bodies into items (:mod:`.blocks`), decide on which side of their bodies the page
puts its headlines and pair them (:mod:`.assemble`). Page furniture (mastheads, page numbers, editor
lines) is recognised and left out: it belongs to no article.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import replace

from briefsum.model import Article, ArticleKind, TextField
from briefsum.options import Layout

from briefsum_builtin.segment.assemble import Item, build_article, pair
from briefsum_builtin.segment.blocks import Block, BlockKind, Cause, candidate_blocks
from briefsum_builtin.segment.boundaries import BoundaryModel, decide, load_model
from briefsum_builtin.segment.features import DescribedText, LineInfo, content_lines
from briefsum_builtin.segment.gaps import page_stats
from briefsum_builtin.segment.orientation import orientation
from briefsum_builtin.segment.roles import Chain, Role, classify

#: Lines wider than this (median, in em) are whole paragraphs, not a hard-wrapped page.
UNWRAPPED_WIDTH = 40.0
#: Boundaries that only a one-line headline marks, needed for ``Layout.AUTO`` to call a text a page
#: when nothing stronger (a dateline, a credit, a change of column, a headline block) marks one.
MIN_WEAK_BOUNDARIES = 3
_STRONG_CAUSES = frozenset({Cause.DATELINE, Cause.CREDIT, Cause.COLUMN, Cause.SIGNATURE})


def _single_item(chains: Sequence[Chain]) -> Item:
    """The whole text as one item: a leading headline block, then the body."""
    heads = 0
    while heads < len(chains) and chains[heads].role in {Role.HEAD, Role.REPORTERS}:
        heads += 1
    if heads == len(chains):
        return Item(list(chains))
    return Item(list(chains[heads:]), list(chains[:heads]))


def _strong_head(infos: Sequence[LineInfo], chains: Sequence[Chain]) -> bool:
    lines = [i for chain in chains for i in chain.lines]
    return len(lines) > 1 or any(infos[i].forced for i in lines)


def looks_like_page(infos: Sequence[LineInfo], blocks: Sequence[Block], items: Sequence[Item]) -> bool:
    """For ``Layout.AUTO``: whether the text holds several items rather than one article."""
    if len(items) < 2:
        return False
    datelines = sum(1 for item in items if item.body and infos[item.body[0].lines[0]].dateline)
    if statistics.median(info.width for info in infos) > UNWRAPPED_WIDTH:
        return datelines >= 2
    strong = sum(1 for item in items[1:] if item.cause in _STRONG_CAUSES)
    strong += sum(1 for block in blocks[1:-1] if block.kind is BlockKind.HEAD and _strong_head(infos, block.chains))
    weak = sum(1 for block in blocks[1:-1] if block.kind is BlockKind.HEAD)
    return strong >= 1 or weak >= MIN_WEAK_BOUNDARIES


def segment_page(
    source: str,
    layout: Layout,
    title: str | None = None,
    model: BoundaryModel | None = None,
    described: DescribedText | None = None,
) -> tuple[Article, ...]:
    """Split ``source`` into articles according to ``layout``.

    ``Layout.ARTICLE`` never splits; ``Layout.AUTO`` splits only what looks like a page. A
    ``title`` supplied by the client becomes the title of the first article. ``model`` decides which
    candidate boundaries are real (default: the model shipped with briefsum). ``described`` is
    ``source`` with its lines already described.
    """
    infos = described.all_content() if described is not None else content_lines(source)
    if not infos:
        return ()
    chains = classify(infos)
    articles: tuple[Article, ...] | None = None
    if layout is not Layout.ARTICLE:
        candidates = candidate_blocks(infos, chains)
        stats = page_stats(infos, [c for b in candidates for c in b.chains], candidates)
        blocks = decide(infos, candidates, model or load_model(), stats)
        items = pair(infos, blocks, orientation(infos, blocks, stats.vocabulary))
        if layout is Layout.PAGE or looks_like_page(infos, blocks, items):
            articles = tuple(build_article(source, infos, item) for item in items)
    if articles is None:
        article = build_article(source, infos, _single_item(chains), captions=False)
        articles = (replace(article, kind=ArticleKind.ARTICLE),)
    if title and title.strip():
        articles = (replace(articles[0], title=TextField(title.strip())), *articles[1:])
    return articles
