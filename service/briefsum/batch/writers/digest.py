"""Results regrouped for reading: articles by category, in a stable order."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

#: The group of articles without a tag.
UNTAGGED = "untagged"


@dataclass(frozen=True, slots=True)
class Entry:
    """One article of one result: ``number`` counts from 1 within the item; ``ordinal`` across all."""

    result: Mapping[str, Any]
    article: Mapping[str, Any]
    number: int
    ordinal: int

    @property
    def title(self) -> str:
        """The article's title, else the item's title, else a placeholder."""
        return str(self.article.get("title") or self.result.get("title") or "(untitled)")

    @property
    def categories(self) -> list[str]:
        """Tag categories, highest score first (ties by name)."""
        tags = sorted(self.article.get("tags", []), key=lambda t: (-float(t["score"]), str(t["category"])))
        return [str(t["category"]) for t in tags]

    @property
    def primary(self) -> str:
        """The category the article is filed under: its best tag, else :data:`UNTAGGED`."""
        categories = self.categories
        return categories[0] if categories else UNTAGGED


def entries(results: Iterable[Mapping[str, Any]]) -> list[Entry]:
    """Every article of every result, in result order."""
    found: list[Entry] = []
    for result in results:
        for number, article in enumerate(result.get("articles", []), 1):
            found.append(Entry(result, article, number, len(found) + 1))
    return found


def by_category(found: Iterable[Entry], *, every_tag: bool) -> dict[str, list[Entry]]:
    """Entries grouped by category (sorted by name, untagged last); each entry under every tag, or its best."""
    groups: dict[str, list[Entry]] = {}
    for entry in found:
        for category in (entry.categories or [UNTAGGED]) if every_tag else [entry.primary]:
            groups.setdefault(category, []).append(entry)
    return {name: groups[name] for name in sorted(groups, key=lambda n: (n == UNTAGGED, n))}


def tag_line(article: Mapping[str, Any], evidence: int = 3) -> str:
    """``policy 0.99 (会议强调、常务会议), trade 0.61 (…)``."""
    parts = []
    for tag in article.get("tags", []):
        terms = "、".join(tag.get("evidence", [])[:evidence])
        parts.append(f"{tag['category']} {float(tag['score']):.2f}" + (f" ({terms})" if terms else ""))
    return ", ".join(parts)
