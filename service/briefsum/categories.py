"""Category definitions: what a tag means, as data a person can read and tune.

A category is a TOML file of weighted terms plus a few scoring knobs. Plugins contribute
categories through the ``briefsum_categories`` hook (the built-in four are contributed the same
way), users add or replace them with a folder of files, and a tagging stage turns the definitions
into tags. This module only defines and validates the data; scoring lives in the tagging stage.

The file format (every key but ``name`` and ``terms`` is optional)::

    name = "energy"                    # lowercase; what clients see in Tag.category
    description = "Power, coal, oil, gas, nuclear, renewables, energy saving"
    threshold = 0.5                    # tag when the score reaches this (0 < threshold < 1)
    scale = 8.0                        # normalised evidence that scores 1 - 1/e (about 0.63)
    title_weight = 3.0                 # a term in the title or subtitle counts this many times
    lead_weight = 1.5                  # ... in the first `lead_sentences` sentences of the body
    lead_sentences = 2
    reference_length = 300             # evidence is scaled by sqrt(reference_length / body length)
    min_terms = 2                      # distinct terms needed; a term in the title counts as two
    short_length = 40                  # headline-length bodies (code points) need only one term
    max_gap = 12                       # most characters a "…" in a phrase may skip

    [require.act]                      # optional groups: a tag needs a term of every group
    "印发" = 3.0                        # (group terms count like terms)
    [require.actor]
    "国务院" = 1.5

    [terms]                            # evidence for the category
    "电网" = 3.0
    "召开…会议" = 2.0                   # a phrase: both parts, in order, in one sentence

    [dampeners]                        # evidence against: another topic, or a passing use
    "电饭煲" = 2.0

    [discounts]                        # a genre that is not the category: if the term occurs,
    "参考文献" = 0.6                    # the evidence is multiplied by this factor (0 < factor < 1)

A discount counts once however often its term occurs, and several discounts multiply: they say
what kind of text this is (a scholarly essay is about policies, it is not news of one), which
subtracting a fixed weight cannot do for texts of every length.

Terms are matched as literal substrings, longest first, so a longer term or dampener shadows a
shorter one inside it (``"节能灯"`` as a term keeps ``"节能"`` from counting twice). See
:mod:`briefsum_builtin.tagging.scoring` for how the numbers combine.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from briefsum.errors import ConfigError

#: Marks a gap inside a phrase: ``"召开…会议"``.
GAP = "…"
#: Category names: lowercase ASCII, digits, ``_`` and ``-``, starting with a letter.
NAME_PATTERN = r"^[a-z][a-z0-9_-]{0,39}$"
#: Longest term or phrase accepted, in code points.
MAX_TERM_LENGTH = 40


class CategoryDefinition(BaseModel):
    """One category, as read from its TOML file (see the module docstring for each field)."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    name: str = Field(pattern=NAME_PATTERN, description="What clients see in Tag.category.")
    description: str = Field(default="", description="One line saying what belongs in the category.")
    threshold: float = Field(default=0.5, gt=0.0, lt=1.0, description="Score needed to tag.")
    scale: float = Field(default=8.0, gt=0.0, description="Normalised evidence that scores 1 - 1/e.")
    title_weight: float = Field(default=3.0, ge=0.0, description="Multiplier for terms in the title or subtitle.")
    lead_weight: float = Field(default=1.5, ge=0.0, description="Multiplier for terms in the lead sentences.")
    lead_sentences: int = Field(default=2, ge=0, description="How many first sentences are the lead.")
    reference_length: int = Field(default=300, ge=1, description="Body length (code points) normalised to.")
    min_terms: int = Field(default=2, ge=1, description="Distinct terms needed; a title term counts as two.")
    short_length: int = Field(default=40, ge=0, description="Bodies up to this long need only one term.")
    max_gap: int = Field(default=12, ge=0, le=100, description="Most characters a gap in a phrase skips.")
    require: dict[str, dict[str, float]] = Field(
        default_factory=dict, description="Group name -> terms; a tag needs a term of every group."
    )
    terms: dict[str, float] = Field(default_factory=dict, description="Term or phrase -> weight (> 0).")
    dampeners: dict[str, float] = Field(default_factory=dict, description="Term -> weight subtracted (> 0).")
    discounts: dict[str, float] = Field(
        default_factory=dict, description="Term -> factor (0-1) the evidence is multiplied by when the term occurs."
    )

    @field_validator("terms", "dampeners")
    @classmethod
    def _check_terms(cls, value: dict[str, float]) -> dict[str, float]:
        for term, weight in value.items():
            problem = _term_problem(term)
            if problem:
                raise ValueError(f"term {term!r}: {problem}")
            if not weight > 0:
                raise ValueError(f"term {term!r}: weight must be greater than 0 (got {weight})")
        return value

    @field_validator("discounts")
    @classmethod
    def _check_discounts(cls, value: dict[str, float]) -> dict[str, float]:
        for term, factor in value.items():
            problem = _term_problem(term)
            if problem:
                raise ValueError(f"term {term!r}: {problem}")
            if not 0.0 < factor < 1.0:
                raise ValueError(f"term {term!r}: a discount factor must be between 0 and 1 (got {factor})")
        return value

    @field_validator("require")
    @classmethod
    def _check_groups(cls, value: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
        for group, terms in value.items():
            if not re.fullmatch(NAME_PATTERN, group):
                raise ValueError(f"group name {group!r} must be lowercase letters, digits, _ or -")
            if not terms:
                raise ValueError(f"group {group!r} has no terms")
            cls._check_terms(terms)
        return value

    @model_validator(mode="after")
    def _disjoint(self) -> CategoryDefinition:
        tables = {f"require.{g}": terms for g, terms in self.require.items()}
        tables.update(terms=self.terms, dampeners=self.dampeners, discounts=self.discounts)
        if not any(terms for name, terms in tables.items() if name not in ("dampeners", "discounts")):
            raise ValueError("a category needs [terms] (or [require.<group>] terms)")
        seen: dict[str, str] = {}
        for table, entries in tables.items():
            for term in entries:
                if term in seen:
                    raise ValueError(f"term {term!r} is in both [{seen[term]}] and [{table}]")
                seen[term] = table
        return self

    def weighted(self) -> dict[str, float]:
        """Every term (required groups included) and dampener with its signed weight (dampeners < 0)."""
        weights = {term: w for group in self.require.values() for term, w in group.items()}
        weights.update(self.terms)
        weights.update({term: -w for term, w in self.dampeners.items()})
        return weights


#: What a plugin's ``briefsum_categories`` hook may return: definitions, or category files.
CategorySource = CategoryDefinition | Path | Traversable


def load_source(source: object) -> CategoryDefinition:
    """A definition from what a plugin returned (a definition, or the path of a category file)."""
    if isinstance(source, CategoryDefinition):
        return source
    if isinstance(source, (Path, Traversable)):
        return load_category(source)
    raise TypeError(
        f"briefsum_categories returned {source!r}; expected a CategoryDefinition or the path of a category TOML file"
    )


def _term_problem(term: str) -> str:
    if not term or term != term.strip():
        return "must be non-empty, without leading or trailing spaces"
    if len(term) > MAX_TERM_LENGTH:
        return f"longer than {MAX_TERM_LENGTH} characters"
    parts = term.split(GAP)
    if any(not part for part in parts):
        return f"a gap ({GAP}) must stand between two non-empty parts"
    return ""


def _describe(exc: ValidationError) -> str:
    problems = []
    for error in exc.errors(include_url=False):
        where = ".".join(str(part) for part in error["loc"]) or "(file)"
        message = error["msg"].removeprefix("Value error, ")
        problems.append(f"{where}: {message}")
    return "; ".join(problems)


def parse_category(data: Mapping[str, Any], origin: str) -> CategoryDefinition:
    """Validate one category table; raise :class:`ConfigError` naming ``origin`` and each bad field."""
    try:
        return CategoryDefinition.model_validate(dict(data))
    except ValidationError as exc:
        raise ConfigError(f"invalid category file {origin}: {_describe(exc)}") from None


def load_category(file: Path | Traversable) -> CategoryDefinition:
    """Read and validate one category TOML file; errors name the file and the field."""
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read category file {file}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid category file {file}: not valid TOML: {exc}") from None
    return parse_category(data, str(file))


def category_files(folder: Path | Traversable) -> list[Traversable]:
    """The ``*.toml`` files of ``folder``, sorted by name (so the order never depends on the disk)."""
    if not folder.is_dir():
        raise ConfigError(f"category folder {folder} does not exist or is not a folder")
    return sorted((f for f in folder.iterdir() if f.name.endswith(".toml") and f.is_file()), key=lambda f: f.name)


def load_categories(folder: Path | Traversable) -> tuple[CategoryDefinition, ...]:
    """Every category file of ``folder``; two files with the same ``name`` are an error."""
    seen: dict[str, str] = {}
    loaded: list[CategoryDefinition] = []
    for file in category_files(folder):
        category = load_category(file)
        if category.name in seen:
            raise ConfigError(
                f"category {category.name!r} is defined twice in {folder}: in {seen[category.name]} and {file.name}"
            )
        seen[category.name] = file.name
        loaded.append(category)
    return tuple(loaded)
