"""CSV: one flat row per article (``id, article, title, tags, summary``).

An item without articles (an empty text) still gets a row. The file is UTF-8 with a byte-order
mark, so spreadsheet programs read the Chinese text correctly.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

COLUMNS = ("id", "article", "title", "tags", "summary")


def write_csv(path: Path, results: Iterable[Mapping[str, Any]]) -> int:
    """Write the rows; returns how many."""
    rows = 0
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(COLUMNS)
        for result in results:
            articles = result.get("articles", [])
            if not articles:
                writer.writerow([result["id"], "", result.get("title") or "", "", ""])
                rows += 1
            for number, article in enumerate(articles, 1):
                tags = ";".join(str(t["category"]) for t in article.get("tags", []))
                summary = "".join(str(s["text"]) for s in article.get("summary", []))
                writer.writerow(
                    [result["id"], number, article.get("title") or result.get("title") or "", tags, summary]
                )
                rows += 1
    return rows
