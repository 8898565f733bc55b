"""What a stage is: the contract between the pipeline and every plugin.

A stage is a plain object registered once at start-up (through the ``briefsum_stages`` hook) and
called per request. It receives a :class:`~briefsum.model.Document` and returns a new one; it must
not mutate its input, must be deterministic, and must keep every offset inside the text.

Stages declare *capabilities*: what they need from earlier stages (``requires``) and what they add
(``provides``). The pipeline checks at start-up (and for per-request overrides) that each stage's
requirements are met by a stage before it, so a misordered pipeline never reaches a request.
"""

from __future__ import annotations

import enum
from abc import ABC, abstractmethod
from dataclasses import replace
from typing import ClassVar, Protocol, runtime_checkable

from briefsum.model import Article, Document


class Capability(enum.StrEnum):
    """What a stage can add to a document. Plugins may use their own strings as well."""

    #: ``Document.articles`` with spans (and titles, bylines where found).
    ARTICLES = "articles"
    #: ``Article.paragraphs`` and ``Article.sentences``.
    SENTENCES = "sentences"
    #: ``Article.tokens``.
    TOKENS = "tokens"
    #: ``Article.sentence_scores`` and ``Article.summary``.
    SUMMARY = "summary"
    #: ``Article.keywords``.
    KEYWORDS = "keywords"
    #: ``Article.tags``.
    TAGS = "tags"


class Phase(enum.IntEnum):
    """Where a stage goes in the default pipeline: stages run in phase order, then by name."""

    SEGMENT = 100
    SENTENCES = 200
    TOKENS = 300
    SUMMARY = 400
    KEYWORDS = 500
    TAGS = 600
    ENRICH = 700


@runtime_checkable
class Stage(Protocol):
    """The interface every stage implements. Subclassing :class:`BaseStage` is the easy way."""

    @property
    def name(self) -> str:
        """Namespaced, unique name, e.g. ``"builtin.textrank"`` or ``"keyfigures.figures"``."""

    @property
    def version(self) -> str:
        """Version of the stage's behaviour; part of the pipeline version batch results record."""

    @property
    def description(self) -> str:
        """One line for ``ListPlugins``."""

    @property
    def requires(self) -> frozenset[str]:
        """Capabilities earlier stages must provide."""

    @property
    def provides(self) -> frozenset[str]:
        """Capabilities this stage adds."""

    @property
    def phase(self) -> int:
        """Position in the default pipeline (see :class:`Phase`)."""

    @property
    def default(self) -> bool:
        """Whether the stage is in the default pipeline when the configuration names none."""

    def setup(self) -> None:
        """Load heavy resources (dictionaries, models); called once, before the first ``run``.

        Stages of the configured pipeline are set up at start-up, others on first use.
        """

    def run(self, document: Document) -> Document:
        """Return ``document`` with this stage's contribution; never mutate the input."""


class BaseStage(ABC):
    """Convenience base class: class attributes for the metadata, no-op :meth:`setup`."""

    name: ClassVar[str]
    version: ClassVar[str] = "1"
    description: ClassVar[str] = ""
    requires: ClassVar[frozenset[str]] = frozenset()
    provides: ClassVar[frozenset[str]] = frozenset()
    phase: ClassVar[int] = Phase.ENRICH
    default: ClassVar[bool] = True

    def setup(self) -> None:  # noqa: B027 - optional hook, deliberately empty
        """Load heavy resources; the default has none."""

    @abstractmethod
    def run(self, document: Document) -> Document:
        """Return ``document`` with this stage's contribution."""

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name} v{self.version}>"


class ArticleStage(BaseStage):
    """A stage that works on one article at a time; :meth:`process` is called for each article."""

    def run(self, document: Document) -> Document:
        """Apply :meth:`process` to every article of ``document``."""
        if not document.articles:
            return document
        articles = tuple(self.process(article, document) for article in document.articles)
        return replace(document, articles=articles)

    @abstractmethod
    def process(self, article: Article, document: Document) -> Article:
        """Return ``article`` with this stage's contribution (``document`` gives text and options)."""
