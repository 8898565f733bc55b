"""Category tagging from weighted terms; categories are data (TOML files), not code."""

from __future__ import annotations

import math
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable

from briefsum.errors import ConfigError
from briefsum.model import Evidence, Tag

#: Evidence terms kept per tag.
MAX_EVIDENCE = 5
#: Raw evidence that gives a score of 1 - 1/e (about 0.63).
SCORE_SCALE = 4.0
#: Body length (code points) up to which no length normalisation applies.
NORMAL_LENGTH = 300


@dataclass(frozen=True, slots=True)
class Category:
    """A category: weighted terms, how much a title counts, and the score needed to tag."""

    name: str
    description: str
    threshold: float
    title_weight: float
    terms: tuple[tuple[str, float], ...]


def parse_category(data: dict[str, object], origin: str) -> Category:
    """Validate a category table (the content of one TOML file)."""
    try:
        name = str(data["name"]).strip().lower()
        terms = data["terms"]
        if not name or not isinstance(terms, dict) or not terms:
            raise ValueError("needs a name and a non-empty [terms] table")
        return Category(
            name=name,
            description=str(data.get("description", "")),
            threshold=float(data.get("threshold", 0.5)),  # type: ignore[arg-type]
            title_weight=float(data.get("title_weight", 1.0)),  # type: ignore[arg-type]
            terms=tuple(sorted((str(t), float(w)) for t, w in terms.items())),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"invalid category file {origin}: {exc}") from None


def load_category(file: Traversable) -> Category:
    """Read one category TOML file."""
    return parse_category(tomllib.loads(file.read_text(encoding="utf-8")), str(file))


def builtin_categories() -> tuple[Category, ...]:
    """The four categories shipped with briefsum: policy, trade, energy, agriculture."""
    folder = resources.files("briefsum_builtin").joinpath("tagging", "data")
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".toml")), key=lambda f: f.name)
    return tuple(load_category(f) for f in files)


def score_category(category: Category, title: str, sentences: Sequence[str]) -> Tag | None:
    """The tag for ``category``, or ``None`` when the evidence is below its threshold."""
    length = sum(len(s) for s in sentences)
    evidence: list[Evidence] = []
    raw = 0.0
    for term, weight in category.terms:
        count = 0
        first: int | None = None
        for index, sentence in enumerate(sentences):
            found = sentence.count(term)
            if found and first is None:
                first = index
            count += found
        in_title = bool(title) and term in title
        if not count and not in_title:
            continue
        contribution = weight * (1.0 + math.log(count) if count else 0.0) + (
            category.title_weight * weight if in_title else 0.0
        )
        raw += contribution
        evidence.append(Evidence(term, contribution, first))
    raw /= math.sqrt(max(1.0, length / NORMAL_LENGTH))
    score = 1.0 - math.exp(-raw / SCORE_SCALE)
    if score < category.threshold:
        return None
    evidence.sort(key=lambda e: (-e.weight, e.term))
    return Tag(category.name, round(score, 4), tuple(evidence[:MAX_EVIDENCE]))
