"""One JSON Lines record: ``{"id": ..., "text": ..., "title": ...}`` (other fields are ignored)."""

from __future__ import annotations

import json

from pydantic import BaseModel, ConfigDict, ValidationError

from briefsum.batch.items import Item
from briefsum.textio import UndecodableText, decode


class Record(BaseModel):
    """A record of a JSON Lines input; ``id`` defaults to ``FILE:LINE``."""

    model_config = ConfigDict(extra="ignore", strict=True)

    id: str | int | None = None
    text: str
    title: str | None = None


def _problem(exc: ValidationError) -> str:
    problems = []
    for error in exc.errors(include_url=False):
        field = ".".join(str(p) for p in error["loc"]) or "record"
        problems.append(f"field {field!r} is missing" if error["type"] == "missing" else f"{field}: {error['msg']}")
    return "invalid record: " + "; ".join(problems) + ' (expected {"id": ..., "text": ..., "title": ...})'


def parse_record(line: bytes, source: str) -> Item:
    """The item of one JSON line (``source`` is ``FILE:LINE``); a bad line gives an invalid item."""
    try:
        data = json.loads(decode(line))
    except (UndecodableText, json.JSONDecodeError) as exc:
        return Item.invalid(source, source, line, f"not a JSON line: {exc}")
    raw_id = data.get("id") if isinstance(data, dict) else None
    item_id = source if raw_id is None or isinstance(raw_id, bool) else str(raw_id)
    try:
        record = Record.model_validate(data)
    except ValidationError as exc:
        return Item.invalid(item_id, source, line, _problem(exc))
    return Item.of_text(item_id, source, record.text, record.title)
