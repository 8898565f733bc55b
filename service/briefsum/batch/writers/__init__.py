"""Renderings of a batch's results for people: CSV, a Markdown digest, a self-contained HTML page.

Each writer takes the results as plain data (the result lines of the ledger) and writes one file.
The JSON Lines results file itself is the ``jsonl`` format.
"""

from __future__ import annotations

import enum


class Format(enum.StrEnum):
    """Output formats of ``briefsum batch``."""

    JSONL = "jsonl"
    CSV = "csv"
    MD = "md"
    HTML = "html"
