"""``briefsum new-plugin NAME``: a working plugin package to start from.

The files come from ``briefsum/templates/plugin`` (package data): ``*.tmpl`` files are filled in
with :class:`string.Template` (``${name}``, ``${module}``, …), other files are copied, and the
path parts ``__module__`` and ``__name__`` are replaced by the module and plugin names.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from briefsum.cli.common import ExitCode, fail
from briefsum.version import __version__

#: What a plugin name may look like: it becomes an entry-point name, a module suffix and the
#: namespace of the plugin's stages.
NAME = re.compile(r"[a-z][a-z0-9_]{1,39}")
#: Names the host uses itself.
RESERVED = frozenset({"builtin", "briefsum", "test", "tests"})
TEMPLATE_SUFFIX = ".tmpl"


@dataclass(frozen=True, slots=True)
class PluginNames:
    """Every name a new plugin needs, derived from one."""

    name: str
    description: str

    @property
    def module(self) -> str:
        """The import name: ``briefsum_<name>``."""
        return f"briefsum_{self.name}"

    @property
    def dist(self) -> str:
        """The distribution name: ``briefsum-<name>``."""
        return f"briefsum-{self.name.replace('_', '-')}"

    def values(self) -> dict[str, str]:
        """The template placeholders."""
        major, minor, *_ = __version__.split(".")
        return {
            "name": self.name,
            "module": self.module,
            "dist": self.dist,
            "description": self.description,
            "stage_name": f"{self.name}.mentions",
            "stage_class": "".join(part.capitalize() for part in self.name.split("_")) + "Mentions",
            "briefsum_version": f"{major}.{minor}",
        }


def plugin_names(raw: str, description: str | None = None) -> PluginNames:
    """Validate ``raw`` (``wordcount``, ``briefsum-wordcount``) into :class:`PluginNames`.

    Raises :class:`ValueError` with what is allowed.
    """
    name = raw.strip().lower().replace("-", "_").removeprefix("briefsum_")
    if not NAME.fullmatch(name):
        raise ValueError(
            f"invalid plugin name {raw!r}: use 2-40 lowercase letters, digits and underscores, starting with a letter"
        )
    if name in RESERVED:
        raise ValueError(f"the plugin name {name!r} is reserved; choose another")
    return PluginNames(name, description or f"briefsum plugin {name}")


def _walk(node: Traversable, parts: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Traversable]]:
    found: list[tuple[tuple[str, ...], Traversable]] = []
    for child in sorted(node.iterdir(), key=lambda c: c.name):
        if child.name == "__pycache__":
            continue
        path = (*parts, child.name)
        found.extend(_walk(child, path) if child.is_dir() else [(path, child)])
    return found


def render_plugin(names: PluginNames, target: Path) -> list[Path]:
    """Write the plugin package into ``target`` (which must not exist); return the files written."""
    values = names.values()
    template = resources.files("briefsum") / "templates" / "plugin"
    written: list[Path] = []
    for parts, source in _walk(template):
        renamed = [p.replace("__module__", names.module).replace("__name__", names.name) for p in parts]
        destination = target.joinpath(*renamed)
        destination.parent.mkdir(parents=True, exist_ok=True)
        if destination.name.endswith(TEMPLATE_SUFFIX):
            destination = destination.with_name(destination.name.removesuffix(TEMPLATE_SUFFIX))
            text = string.Template(source.read_text(encoding="utf-8")).substitute(values)
            destination.write_text(text, encoding="utf-8")
        else:
            destination.write_bytes(source.read_bytes())
        written.append(destination)
    return written


def new_plugin_command(
    name: Annotated[str, typer.Argument(help="Plugin name, e.g. wordcount (makes briefsum-wordcount).")],
    directory: Annotated[Path, typer.Option("--directory", "-d", help="Where to create the package folder.")] = Path(),
    description: Annotated[str | None, typer.Option(help="One line for pyproject.toml and README.")] = None,
) -> None:
    """Create a working plugin package: pyproject with entry point, one stage, a passing test, README.

    Exit codes: 0 created, 2 invalid name or the folder exists.
    """
    try:
        names = plugin_names(name, description)
    except ValueError as exc:
        fail(str(exc), ExitCode.USAGE)
    target = directory / names.dist
    if target.exists():
        fail(f"{target} already exists; choose another name or --directory", ExitCode.USAGE)
    written = render_plugin(names, target)
    console = Console()
    console.print(Text(f"Created {names.dist} in {target}:", style="bold"))
    for path in written:
        console.print(f"  {path.relative_to(target)}", highlight=False)
    console.print(
        Text("\nNext:\n", style="bold")
        + Text(
            f"  pip install -e '{target}[test]'\n"
            f"  pytest {target}\n"
            f"  briefsum plugins --local      # lists {names.name} and {names.values()['stage_name']}\n"
        )
    )
