"""Finding and reading the inputs of a batch: files, directories, JSON Lines and stdin.

- A file ending in ``.jsonl`` or ``.ndjson`` holds one record per line (:mod:`briefsum.batch.records`);
  its items' ids come from the records, else ``FILE:LINE``.
- Any other file is one text, UTF-8 or GB18030/GBK (:mod:`briefsum.textio`); its id is its path as
  given (``corpus/2023/a.txt``), so rerun a batch from the same directory to resume it.
- A directory is walked recursively in sorted order, skipping hidden files and directories; its
  files are filtered by ``include`` and ``exclude`` globs, matched against the path relative to the
  directory from the right like :meth:`pathlib.PurePath.match` (``*.txt``, ``2023/*.txt``).
- ``-`` is stdin: JSON Lines, or one text with ``stdin_format="text"`` (id ``-``).

Reading never raises for one bad input: an unreadable or undecodable file, an invalid JSON line or a
record without ``text`` becomes an item with a ``problem`` (an error item of the batch).
"""

from __future__ import annotations

import enum
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from briefsum.batch.items import Item
from briefsum.batch.records import parse_record
from briefsum.textio import UndecodableText, decode

#: File name endings read as JSON Lines records.
JSONL_SUFFIXES = (".jsonl", ".ndjson")
STDIN = "-"


class StdinFormat(enum.StrEnum):
    """How ``-`` (stdin) is read."""

    JSONL = "jsonl"
    TEXT = "text"


class InputError(ValueError):
    """An input argument that names nothing (a usage error, not an error item)."""


@dataclass(frozen=True)
class Inputs:
    """The inputs of a batch: paths (``-`` for stdin) and the filters for directories."""

    paths: tuple[str, ...]
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    stdin_format: StdinFormat = StdinFormat.JSONL

    def check(self) -> None:
        """Raise :class:`InputError` for a path that does not exist or for stdin named twice."""
        if self.paths.count(STDIN) > 1:
            raise InputError("stdin (-) can be read only once")
        for path in self.paths:
            if path != STDIN and not Path(path).exists():
                raise InputError(f"{path}: no such file or directory")

    def _wanted(self, relative: PurePosixPath) -> bool:
        if any(part.startswith(".") for part in relative.parts):
            return False
        if self.include and not any(relative.match(glob) for glob in self.include):
            return False
        return not any(relative.match(glob) for glob in self.exclude)

    def files(self) -> Iterator[tuple[str, Path]]:
        """``(id, path)`` of every file, in order: files as given, directories walked sorted."""
        for given in self.paths:
            if given == STDIN:
                continue
            path = Path(given)
            if not path.is_dir():
                yield given, path
                continue
            for child in sorted(path.rglob("*")):
                relative = PurePosixPath(child.relative_to(path).as_posix())
                if child.is_file() and self._wanted(relative):
                    yield str(Path(given) / relative), child

    def count(self) -> int | None:
        """How many items there are, without decoding them; ``None`` when stdin is read."""
        if STDIN in self.paths and self.stdin_format is StdinFormat.JSONL:
            return None
        total = 1 if STDIN in self.paths else 0
        for _, path in self.files():
            total += _count_lines(path) if _is_jsonl(path) else 1
        return total

    def __iter__(self) -> Iterator[Item]:
        """Every item, in input order."""
        for given in self.paths:
            if given == STDIN:
                yield from self._stdin()
            else:
                for item_id, path in Inputs((given,), self.include, self.exclude).files():
                    yield from _read_file(item_id, path)

    def _stdin(self) -> Iterator[Item]:
        if self.stdin_format is StdinFormat.JSONL:
            yield from _read_jsonl(sys.stdin.buffer, "<stdin>")
        else:
            yield _text_item(STDIN, "<stdin>", sys.stdin.buffer.read())


def _is_jsonl(path: Path) -> bool:
    return path.name.lower().endswith(JSONL_SUFFIXES)


def _count_lines(path: Path) -> int:
    try:
        with path.open("rb") as stream:
            return sum(1 for line in stream if line.strip())
    except OSError:
        return 1  # reading it will fail again and give one error item


def _text_item(item_id: str, source: str, data: bytes) -> Item:
    try:
        return Item.of_text(item_id, source, decode(data))
    except UndecodableText as exc:
        return Item.invalid(item_id, source, data, str(exc))


def _read_file(item_id: str, path: Path) -> Iterator[Item]:
    try:
        if _is_jsonl(path):
            with path.open("rb") as stream:
                yield from _read_jsonl(stream, item_id)
        else:
            yield _text_item(item_id, item_id, path.read_bytes())
    except OSError as exc:
        yield Item.invalid(item_id, item_id, b"", f"cannot read the file: {exc.strerror or exc}")


def _read_jsonl(stream: BinaryIO, name: str) -> Iterator[Item]:
    for number, line in enumerate(stream, 1):
        if line.strip():
            yield parse_record(line.rstrip(b"\r\n"), f"{name}:{number}")
