"""The data that flows through the pipeline: plain, frozen, protobuf-free.

Every stage receives a :class:`Document` and returns a new one (``dataclasses.replace``); nothing is
mutated in place. All offsets are code-point indices into :attr:`Document.text`, half-open, so a
client can highlight ``text[span.start:span.end]`` in exactly what it sent.

The ``Document`` is built by the pipeline from a validated :class:`~briefsum.options.SummarizeOptions`;
stages fill in its articles step by step:

    page segmentation  -> Article(span, kind, title, byline, ...)
    sentence splitting -> Article.paragraphs, Article.sentences
    tokenisation       -> Article.tokens (one tuple of tokens per sentence)
    summarisation      -> Article.sentence_scores, Article.summary
    keywords           -> Article.keywords, Article.keyphrases
    tagging            -> Article.tags
    plugins            -> Article.extensions[stage name]
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from briefsum.options import SummarizeOptions

#: JSON-compatible value, the shape of plugin extensions.
JsonValue = Any

_EMPTY_EXTENSIONS: Mapping[str, Mapping[str, JsonValue]] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range ``[start, end)`` of code points in the request text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: Span) -> bool:
        """Whether ``other`` lies entirely inside this span."""
        return self.start <= other.start and other.end <= self.end


class ArticleKind(enum.Enum):
    """What an item of a page is."""

    ARTICLE = "article"
    CAPTION = "caption"


@dataclass(frozen=True, slots=True)
class TextField:
    """A short piece of an article (title, subtitle, byline) and where it came from.

    ``text`` is normalised (letter spacing and wraps removed), so it may differ from
    ``text[span.start:span.end]``; ``span`` is ``None`` when the text was not found in the request
    (for example a title the client supplied).
    """

    text: str
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of an article body."""

    span: Span


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article body.

    ``text`` is the sentence with hard line wraps undone; ``span`` covers it in the request text.
    ``index`` is its position among the article's sentences, ``paragraph`` the index of its
    paragraph in :attr:`Article.paragraphs`.
    """

    text: str
    span: Span
    index: int
    paragraph: int = 0


@dataclass(frozen=True, slots=True)
class Token:
    """A word of a sentence, with its part-of-speech tag (jieba's tag set; ``""`` when unknown)."""

    text: str
    pos: str = ""


@dataclass(frozen=True, slots=True)
class ScoredSentence:
    """A sentence chosen for the summary, with the score that chose it."""

    sentence: Sentence
    score: float


@dataclass(frozen=True, slots=True)
class Keyword:
    """A keyword or keyphrase and its weight (higher is more important)."""

    text: str
    weight: float


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a tag was given: a term, how much it counted, how often and where it was first found.

    ``weight`` is the term's contribution to the tag's evidence (negative for a dampening term).
    ``sentence`` is the index in :attr:`Article.sentences` of the sentence with the first
    occurrence, or ``None`` when that was in the title or subtitle. ``span`` covers that sentence
    (or title) in the request text and ``match`` the occurrence itself; either is ``None`` when it
    cannot be located in the request text (a title the client supplied).
    """

    term: str
    weight: float
    sentence: int | None = None
    count: int = 1
    span: Span | None = None
    match: Span | None = None


@dataclass(frozen=True, slots=True)
class Tag:
    """A category with a score in [0, 1] and the evidence behind it, strongest first."""

    category: str
    score: float
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Article:
    """One item of the request text: an article or a photo caption, and what stages found in it."""

    span: Span
    kind: ArticleKind = ArticleKind.ARTICLE
    title: TextField | None = None
    subtitle: TextField | None = None
    byline: TextField | None = None
    #: The line above the headline that introduces it (引题, e.g. ``景俊海在长春调研时强调``).
    lead_in: TextField | None = None
    #: Where the body (the text summaries are built from) lies; defaults to the whole span.
    body: Span | None = None
    paragraphs: tuple[Paragraph, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    #: One tuple of tokens per sentence, parallel to :attr:`sentences`.
    tokens: tuple[tuple[Token, ...], ...] = ()
    #: The summariser's score of every sentence, parallel to :attr:`sentences`.
    sentence_scores: tuple[float, ...] = ()
    #: Summary sentences in reading order.
    summary: tuple[ScoredSentence, ...] = ()
    keywords: tuple[Keyword, ...] = ()
    #: Keyphrases (runs of adjacent top keywords that recur), best first.
    keyphrases: tuple[Keyword, ...] = ()
    tags: tuple[Tag, ...] = ()
    #: Plugin output keyed by stage name; values must be JSON-compatible mappings.
    extensions: Mapping[str, Mapping[str, JsonValue]] = field(default_factory=lambda: _EMPTY_EXTENSIONS)

    @property
    def body_span(self) -> Span:
        """The span summaries are built from: :attr:`body` if set, else the whole article."""
        return self.body if self.body is not None else self.span


@dataclass(frozen=True, slots=True)
class Document:
    """The request text, the options it came with, and the articles found so far."""

    text: str
    options: SummarizeOptions
    articles: tuple[Article, ...] = ()


@dataclass(frozen=True, slots=True)
class StageRun:
    """What running one stage cost and left behind: explain-as-data for timings and debug traces.

    ``articles`` and ``sentences`` count what the document held after the stage.
    """

    stage: str
    plugin: str
    version: str
    elapsed_ms: float
    articles: int = 0
    sentences: int = 0


@dataclass(frozen=True, slots=True)
class SummarizeResult:
    """The outcome of one request: the final document and the trace of stages that made it."""

    document: Document
    trace: tuple[StageRun, ...]
    pipeline_version: str
