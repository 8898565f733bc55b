"""Per-request options, validated with pydantic.

Field names and nesting mirror ``SummarizeRequest`` in ``proto/briefsum/v1/briefsum.proto``, so a
validation error's location is already the protobuf field path a client sees in
``google.rpc.BadRequest`` (``length.ratio``, ``keyword_count``).
"""

from __future__ import annotations

import enum
import math
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from briefsum.errors import FieldViolation, InvalidRequest

#: Summary length when the request sets none.
DEFAULT_MAX_SENTENCES = 3
#: Keywords per article when the request sets none.
DEFAULT_KEYWORD_COUNT = 10
MAX_KEYWORD_COUNT = 100
#: Upper bound on ``length.max_sentences``: far beyond any summary, it only catches nonsense.
MAX_SENTENCES_LIMIT = 10_000


class Layout(enum.Enum):
    """How to read the request text (see the ``Layout`` enum of the proto)."""

    AUTO = "auto"
    ARTICLE = "article"
    PAGE = "page"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Length(_Frozen):
    """How long a summary may be: at most one of the three limits; none means the default."""

    max_sentences: int | None = Field(default=None, ge=1, le=MAX_SENTENCES_LIMIT)
    max_chars: int | None = Field(default=None, ge=1)
    ratio: float | None = Field(default=None, gt=0.0, le=1.0, allow_inf_nan=False)

    @model_validator(mode="after")
    def _at_most_one(self) -> Length:
        chosen = [n for n in ("max_sentences", "max_chars", "ratio") if getattr(self, n) is not None]
        if len(chosen) > 1:
            raise ValueError(f"set only one of max_sentences, max_chars, ratio (got {', '.join(chosen)})")
        return self

    def sentence_budget(self, available: int) -> int:
        """How many sentences a summary of an article with ``available`` sentences may hold.

        ``max_chars`` is enforced by the summariser on top of this (it returns ``available``).
        """
        if self.max_sentences is not None:
            return min(self.max_sentences, available)
        if self.ratio is not None:
            return min(available, max(1, math.ceil(self.ratio * available))) if available else 0
        if self.max_chars is not None:
            return available
        return min(DEFAULT_MAX_SENTENCES, available)


class SummarizeOptions(_Frozen):
    """Everything about a request except its text and id."""

    title: str | None = None
    layout: Layout = Layout.AUTO
    length: Length = Length()
    #: Stage names replacing the server's pipeline for this request, or ``None``.
    stages: tuple[str, ...] | None = None
    keyword_count: int = Field(default=DEFAULT_KEYWORD_COUNT, ge=0, le=MAX_KEYWORD_COUNT)
    debug: bool = False


def parse_options(values: Mapping[str, Any]) -> SummarizeOptions:
    """Validate raw option values into :class:`SummarizeOptions`.

    Raises :class:`~briefsum.errors.InvalidRequest` with one violation per bad field, named by its
    protobuf path.
    """
    try:
        return SummarizeOptions.model_validate(dict(values))
    except ValidationError as exc:
        raise InvalidRequest(_violations(exc)) from None


def _violations(exc: ValidationError) -> list[FieldViolation]:
    violations = []
    for error in exc.errors(include_url=False):
        path = ".".join(str(part) for part in error["loc"]) or "request"
        violations.append(FieldViolation(path, error["msg"]))
    return violations
