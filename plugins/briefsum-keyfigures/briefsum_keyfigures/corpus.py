"""Evaluation texts and annotations: texts come from a data path, annotations only point into them.

Annotations never contain the texts (which belong to their publishers and stay out of the
repository): each record names a document, the code-point span of a sentence in it and a short
hash of that sentence, so a wrong or changed data file is detected instead of silently scored.

Documents: each article of a pages file (``*.jsonl``, one newspaper page per line with
``articles[].id``, ``title`` and ``paragraphs``) is the text of its title and paragraphs, one per
line, each paragraph indented by two ideographic spaces as Chinese articles are typeset (so the
sentence splitter sees the paragraphs); it is named by its article id. A ``*.txt`` file is one
document named by its file stem.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: How paragraphs of pages files are indented in the documents built from them.
PARAGRAPH_INDENT = "\u3000\u3000"
#: Hex digits of the SHA-1 of a sentence kept in an annotation.
HASH_CHARS = 12
_SENTENCE = re.compile(r"[^。！？\n]+(?:[。！？]+[”’」』）)]*|$)", re.MULTILINE)


class CorpusError(ValueError):
    """The data or the annotations cannot be read, or they do not match; the message says how."""


def sentence_hash(text: str) -> str:
    """The short hash that ties an annotation to its sentence."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:HASH_CHARS]  # noqa: S324 - an identifier, not security


@dataclass(frozen=True, slots=True)
class GoldChange:
    """An annotated change."""

    direction: str
    value: float | None
    unit: str
    basis: str = ""
    reference: str = ""


@dataclass(frozen=True, slots=True)
class GoldFigure:
    """An annotated figure (or, from the extractor, a predicted one in the same shape)."""

    indicator: str
    value: float | None
    unit: str
    change: GoldChange | None
    period: str


@dataclass(frozen=True, slots=True)
class AnnotatedSentence:
    """A sentence of a document, by reference, with its figures."""

    doc: str
    start: int
    end: int
    sha1: str
    figures: tuple[GoldFigure, ...]


def load_documents(paths: Iterable[Path]) -> dict[str, str]:
    """Documents by id from pages files, text files and directories of them."""
    documents: dict[str, str] = {}
    for path in paths:
        if path.is_dir():
            files = sorted([*path.glob("*.jsonl"), *path.glob("*.txt")])
        elif path.is_file():
            files = [path]
        else:
            raise CorpusError(f"{path} does not exist; pass the evaluation data directory or its files")
        for file in files:
            documents.update(_read(file))
    return documents


def _read(file: Path) -> Iterator[tuple[str, str]]:
    if file.suffix == ".txt":
        yield file.stem, file.read_text(encoding="utf-8")
        return
    for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            page = json.loads(line)
            for article in page["articles"]:
                title = [article["title"]] if article.get("title") else []
                yield article["id"], "\n".join(title + [PARAGRAPH_INDENT + p for p in article["paragraphs"]])
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise CorpusError(f"{file}:{number}: not a pages record ({exc})") from None


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the sentences of ``text`` (split at 。！？ and line ends), for sampling."""
    for match in _SENTENCE.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        if end > start:
            yield start, end


def _change(data: Mapping[str, Any] | None) -> GoldChange | None:
    if data is None:
        return None
    return GoldChange(
        direction=data["direction"],
        value=data.get("value"),
        unit=data.get("unit", ""),
        basis=data.get("basis", ""),
        reference=data.get("reference", ""),
    )


def figure_from_dict(data: Mapping[str, Any]) -> GoldFigure:
    """A figure from an annotation or from the stage's extension (same field names)."""
    return GoldFigure(
        indicator=data.get("indicator", ""),
        value=data.get("value"),
        unit=data.get("unit", ""),
        change=_change(data.get("change")),
        period=data.get("period", ""),
    )


def load_annotations(path: Path, documents: Mapping[str, str]) -> list[AnnotatedSentence]:
    """Annotations from a JSONL file, checked against ``documents``."""
    annotated: list[AnnotatedSentence] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            item = AnnotatedSentence(
                doc=record["doc"],
                start=int(record["start"]),
                end=int(record["end"]),
                sha1=record["sha1"],
                figures=tuple(figure_from_dict(f) for f in record["figures"]),
            )
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise CorpusError(f"{path}:{number}: not an annotation record ({exc})") from None
        text = documents.get(item.doc)
        if text is None:
            raise CorpusError(
                f"{path}:{number}: document {item.doc!r} is not in the data; pass the data it was made on"
            )
        if sentence_hash(text[item.start : item.end]) != item.sha1:
            raise CorpusError(
                f"{path}:{number}: the sentence at {item.doc}[{item.start}:{item.end}] differs from the annotated one"
            )
        annotated.append(item)
    return annotated
