"""The ``keyfigures.figures`` stage: figures of every article into ``Article.extensions``.

The extension is plain JSON (it travels to gRPC clients as a ``google.protobuf.Struct``)::

    {"figures": [{"indicator": "对俄进出口", "value": 17330000000.0, "unit": "元", ...}, ...]}

Its shape is documented field by field in the plugin's README. Offsets are code points into the
request text: figures are found in the sentence text (line wraps undone) and mapped back.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any

from briefsum.errors import ConfigError
from briefsum.model import Article, Document, JsonValue, Sentence
from briefsum.stages import ArticleStage, Capability, Phase

from briefsum_keyfigures.extract import Change, Figure, SentenceText, extract_figures

#: The extension key and stage name.
STAGE_NAME = "keyfigures.figures"
#: Sentence index and paragraph of the title among the sentences handed to the extractor.
_TITLE = -1


class FiguresStage(ArticleStage):
    """Key figures (indicator, value, unit, change, period) of each article's sentences."""

    name = STAGE_NAME
    version = "1"
    description = "Key figures: indicator, value and unit, change, period, offsets"
    requires = frozenset({Capability.SENTENCES})
    provides = frozenset({STAGE_NAME})
    phase = Phase.ENRICH

    def __init__(self, options: Mapping[str, Any] | None = None) -> None:
        unknown = sorted(set(options or {}))
        if unknown:
            raise ConfigError(f"stages.{STAGE_NAME}: unknown option(s) {', '.join(unknown)}; this stage has none")

    def process(self, article: Article, document: Document) -> Article:
        """Add ``{"figures": [...]}`` under the stage name: figures of the title, then of the body."""
        sentences = list(article.sentences)
        title = article.title
        if title is not None and title.span is not None:
            # Headlines carry figures too (全省外贸增长65%); a title the client supplied has no
            # place in the text, so nothing found in it could be highlighted, and it is skipped.
            sentences.insert(0, Sentence(title.text, title.span, _TITLE, _TITLE))
        figures = extract_figures([SentenceText(s.text, s.paragraph) for s in sentences])
        origins = {n: _origins(document.text, sentences[n]) for n in sorted({f.sentence for f in figures})}
        data = {"figures": [figure_to_dict(f, sentences[f.sentence], origins[f.sentence]) for f in figures]}
        return replace(article, extensions={**article.extensions, self.name: data})


def _origins(source: str, sentence: Sentence) -> tuple[int, ...]:
    """For each character of the sentence text, its index in ``source``.

    The sentence text is its source span with layout whitespace removed (a kept space stands for
    whitespace), so a left-to-right scan finds every character; should a future splitter change
    characters, the remaining ones map to the end of the span rather than outside it.
    """
    origins: list[int] = []
    position = sentence.span.start
    end = sentence.span.end
    for char in sentence.text:
        while position < end and not (source[position] == char or (char == " " and source[position].isspace())):
            position += 1
        origins.append(min(position, max(end - 1, sentence.span.start)))
        if position < end:
            position += 1
    return tuple(origins)


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def change_to_dict(change: Change | None) -> dict[str, JsonValue] | None:
    """A change as JSON-ready data (``None`` stays ``None``)."""
    if change is None:
        return None
    return {
        "direction": change.direction.value,
        "value": _number(change.value),
        "unit": change.unit,
        "basis": change.basis,
        "reference": change.reference,
        "text": change.text,
    }


def figure_to_dict(figure: Figure, sentence: Sentence, origins: Sequence[int]) -> dict[str, JsonValue]:
    """One figure as JSON-ready data, with offsets into the request text."""
    if origins:
        start = origins[figure.start]
        end = origins[max(figure.end - 1, figure.start)] + 1
    else:
        start = end = sentence.span.start
    return {
        "indicator": figure.indicator,
        "value": _number(figure.value),
        "upper": _number(figure.upper),
        "unit": figure.unit,
        "qualifier": figure.qualifier,
        "text": figure.text,
        "change": change_to_dict(figure.change),
        "period": figure.period,
        "start": start,
        "end": end,
        "part": "title" if sentence.index == _TITLE else "body",
        "sentence": {
            "index": None if sentence.index == _TITLE else sentence.index,
            "start": sentence.span.start,
            "end": sentence.span.end,
        },
    }
