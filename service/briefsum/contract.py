"""The stage contract, as code: what every stage must do, checked on small real documents.

A stage must return a :class:`~briefsum.model.Document` for the same text and options, must not
change its input, must give the same output for the same input, must handle empty and
one-sentence texts, must keep every offset inside the text (its own extension data included: any
mapping with integer ``start`` and ``end``), and must put only JSON-compatible data into
``Article.extensions``. :func:`contract_violations` lists what a stage breaks;
:func:`briefsum.testing.check_stage_contract` turns that into a one-line test.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from briefsum.model import Article, Document, Span
from briefsum.stages import Stage

#: Texts every stage is run on: ``(label, text)``. Written for these checks; none is real news.
CONTRACT_TEXTS: tuple[tuple[str, str], ...] = (
    ("empty", ""),
    ("whitespace only", "  \n\n\t "),
    ("one sentence", "国务院常务会议研究部署稳定粮食生产工作。"),
    ("no final punctuation", "全县粮食产量连续三年超过十亿斤"),
    ("figures", "今年前两个月，全市工业增加值达到86.4亿元，同比增长7.5%，高出全省2.1个百分点。"),
    ("full-width digits", "１９９７年全县粮食总产量达１２．５万吨，比上年增长８．２％。"),
    (
        "wrapped page",
        "本报讯（记者李明）日前，市政府召开常务\n\n会议，研究部署春季农业生产工作。会议\n\n"
        "强调，要稳定粮食播种面积，今年计划播\n\n种粮食２５０万亩。\n\n"
        "我市新能源装机突破百万千瓦\n\n"
        "本报讯　截至３月底，全市风电、光伏\n\n装机容量达到１０５万千瓦，同比增长\n\n"
        "１８％，年发电量可达２０亿千瓦时。\n\n",
    ),
)


@dataclass(frozen=True, slots=True)
class Violation:
    """One broken rule: on which text, and what happened."""

    text: str
    problem: str

    def __str__(self) -> str:
        return f"on {self.text!r}: {self.problem}"


def contract_violations(stage: Stage, inputs: Sequence[tuple[str, Document, Document]]) -> list[Violation]:
    """What ``stage`` breaks on ``inputs``: ``(label, document, the same document built again)``.

    The second copy is built independently (by running the earlier stages again), so a stage that
    depends on object identity or on state left by an earlier call is caught.
    """
    violations: list[Violation] = []
    for label, document, rebuilt in inputs:
        violations.extend(Violation(label, problem) for problem in _check(stage, document, rebuilt))
    return violations


def _check(stage: Stage, document: Document, rebuilt: Document) -> Iterator[str]:
    before = repr(document)
    try:
        first = stage.run(document)
        second = stage.run(rebuilt)
    except Exception as exc:  # noqa: BLE001 - a raising stage is the violation being reported
        yield f"raised {type(exc).__name__}: {exc}"
        return
    if repr(document) != before:
        yield "changed its input document (stages must return a new one with dataclasses.replace)"
    if not isinstance(first, Document):
        yield f"returned {type(first).__name__}, not a Document"
        return
    if first != second:
        yield "is not deterministic: two runs on equal input gave different documents"
    if first.text != document.text or first.options != document.options:
        yield "changed the text or the options of the document"
    yield from _offsets(first)
    yield from _extensions(first)


def _spans(article: Article) -> Iterator[tuple[str, Span]]:
    yield "span", article.span
    if article.body is not None:
        yield "body", article.body
    for name in ("title", "subtitle", "byline"):
        field = getattr(article, name)
        if field is not None and field.span is not None:
            yield f"{name}.span", field.span
    for number, paragraph in enumerate(article.paragraphs):
        yield f"paragraphs[{number}]", paragraph.span
    for number, sentence in enumerate(article.sentences):
        yield f"sentences[{number}]", sentence.span
    for number, scored in enumerate(article.summary):
        yield f"summary[{number}]", scored.sentence.span


def _offsets(document: Document) -> Iterator[str]:
    length = len(document.text)
    for number, article in enumerate(document.articles):
        for name, span in _spans(article):
            if not 0 <= span.start <= span.end <= length:
                yield f"articles[{number}].{name} [{span.start}, {span.end}) is outside the text (length {length})"
        for name, rows in (("tokens", article.tokens), ("sentence_scores", article.sentence_scores)):
            if rows and len(rows) != len(article.sentences):
                yield f"articles[{number}].{name} has {len(rows)} entries for {len(article.sentences)} sentences"
        for key, value in article.extensions.items():
            for path, start, end in _start_end(value, f"articles[{number}].extensions[{key!r}]"):
                if not 0 <= start <= end <= length:
                    yield f"{path} [{start}, {end}) is outside the text (length {length})"


def _start_end(value: Any, path: str) -> Iterator[tuple[str, int, int]]:
    if isinstance(value, Mapping):
        start, end = value.get("start"), value.get("end")
        if isinstance(start, int) and isinstance(end, int):
            yield path, start, end
        for key, item in value.items():
            yield from _start_end(item, f"{path}.{key}")
    elif isinstance(value, list | tuple):
        for number, item in enumerate(value):
            yield from _start_end(item, f"{path}[{number}]")


def _extensions(document: Document) -> Iterator[str]:
    for number, article in enumerate(document.articles):
        for key, value in article.extensions.items():
            where = f"articles[{number}].extensions[{key!r}]"
            if not isinstance(key, str) or not isinstance(value, Mapping):
                yield f"{where} must map a stage name to a mapping (it becomes a google.protobuf.Struct)"
                continue
            try:
                json.dumps(value, allow_nan=False, default=_reject)
            except (TypeError, ValueError) as exc:  # NaN and infinity are ValueErrors
                yield f"{where} is not JSON-compatible: {exc}"


def _reject(value: object) -> object:
    if isinstance(value, Mapping):
        return dict(value)  # MappingProxyType and other read-only mappings are fine
    raise TypeError(f"{type(value).__name__} {value!r} is not a JSON value")
