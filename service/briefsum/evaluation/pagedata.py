"""Newspaper pages with known article boundaries, read from JSON Lines files given by path.

One line per page: ``{"page_id", "articles": [{"id", "title"?, "paragraphs": [...]}, ...]}`` (the
format of the People's Daily pages described in the evaluation data's README). Records are
validated with pydantic; a bad line is reported with its file and line number.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError


class _ArticleRecord(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str
    title: str | None = None
    paragraphs: list[str] = Field(min_length=1)


class _PageRecord(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    page_id: str
    articles: list[_ArticleRecord] = Field(min_length=1)


@dataclass(frozen=True, slots=True)
class SourceArticle:
    """An article as the corpus gives it: optional title and its paragraphs (no layout)."""

    id: str
    title: str | None
    paragraphs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SourcePage:
    """A page: its articles in page order."""

    page_id: str
    articles: tuple[SourceArticle, ...]


class PageDataError(ValueError):
    """A pages file is missing or holds a record that is not a page."""


def _page(record: _PageRecord) -> SourcePage:
    articles = tuple(
        SourceArticle(
            id=a.id,
            title=a.title.strip() if a.title and a.title.strip() else None,
            paragraphs=tuple(p.strip() for p in a.paragraphs if p.strip()),
        )
        for a in record.articles
    )
    return SourcePage(record.page_id, tuple(a for a in articles if a.paragraphs))


def read_pages(path: Path) -> Iterator[SourcePage]:
    """The pages of one JSON Lines file, in file order."""
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise PageDataError(f"cannot read {path}: {exc.strerror or exc}") from None
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = _PageRecord.model_validate(json.loads(line))
            except (json.JSONDecodeError, ValidationError) as exc:
                first = str(exc).splitlines()[0]
                raise PageDataError(f"{path}:{number}: not a page record ({first})") from None
            page = _page(record)
            if page.articles:
                yield page


def load_pages(paths: Iterable[Path]) -> tuple[SourcePage, ...]:
    """Every page of every file (directories contribute their ``*.jsonl`` files, sorted)."""
    pages: list[SourcePage] = []
    for path in paths:
        files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
        if path.is_dir() and not files:
            raise PageDataError(f"{path} holds no *.jsonl files")
        for file in files:
            pages.extend(read_pages(file))
    return tuple(pages)
