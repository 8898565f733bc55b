"""Options of the tokeniser, summary and keyword stages (``[stages."<name>"]`` tables), validated.

Stages validate their options when they are constructed (in the ``briefsum_stages`` hook): unknown
keys and bad values stop start-up with a :class:`~briefsum.errors.ConfigError` that names the
stage, the option and what is allowed.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar

from briefsum.errors import ConfigError
from pydantic import BaseModel, ConfigDict, DirectoryPath, Field, FilePath, ValidationError

from briefsum_builtin.textrank import keywords, summary
from briefsum_builtin.textrank.tokenize import DictEntry, read_user_dict
from briefsum_builtin.textrank.words import load_stopwords


class _Options(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class TokenOptions(_Options):
    """``builtin.tokens`` and ``builtin.jieba``."""

    user_dict: FilePath | None = Field(default=None, description="jieba-format user dictionary: word [freq] [tag]")


class JiebaOptions(TokenOptions):
    """``builtin.jieba``."""

    cache_dir: DirectoryPath | None = Field(
        default=None, description="Where jieba caches its dictionary (default: the temp directory)"
    )


class StopwordOptions(_Options):
    """Stop words of the ranking stages: textrank4zh's list, plus words and a file of your own."""

    default_stopwords: bool = Field(default=True, description="Start from textrank4zh's stop-word list.")
    stopwords: tuple[str, ...] = Field(default=(), description="More stop words.")
    stopwords_file: FilePath | None = Field(default=None, description="More stop words, one per line (UTF-8).")


class TextRankOptions(StopwordOptions):
    """``builtin.textrank``."""

    position_weight: float = Field(
        default=1.0, ge=0.0, le=10.0, description="Exponent of the 1/(position+1) prior; 0: off (see priors)"
    )
    salience_weight: float = Field(
        default=1.0, ge=0.0, le=10.0, description="Exponent of the mean word weight; 0: off (see priors)"
    )
    duplicate_overlap: float | None = Field(
        default=summary.DUPLICATE_OVERLAP, gt=0.0, le=1.0, description="Bigram overlap of a near-duplicate; null: off"
    )


class TextRank4zhOptions(StopwordOptions):
    """``builtin.textrank4zh``: the reference engine has no tuning knobs beyond its stop words."""


class KeywordOptions(StopwordOptions):
    """``builtin.keywords``."""

    min_chars: int = Field(default=2, ge=1, description="Shortest keyword, in characters.")
    window: int = Field(default=keywords.WINDOW, ge=2, le=10, description="Co-occurrence window in words.")
    keyphrase_candidates: int = Field(default=keywords.KEYPHRASE_CANDIDATES, ge=0, le=100)
    keyphrase_min_occurrences: int = Field(default=keywords.KEYPHRASE_MIN_OCCURRENCES, ge=1)


OptionsT = TypeVar("OptionsT", bound=_Options)


def parse_stage_options(model: type[OptionsT], stage: str, raw: Mapping[str, Any]) -> OptionsT:
    """Validate the options table of ``stage``; raises :class:`ConfigError` naming each problem."""
    try:
        return model.model_validate(dict(raw))
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'options'}: {e['msg']}" for e in exc.errors(include_url=False)
        )
        known = ", ".join(model.model_fields)
        raise ConfigError(f"stage {stage}: invalid options: {problems} (known options: {known})") from None


def stopwords_of(options: StopwordOptions) -> frozenset[str]:
    """The stop words ``options`` ask for."""
    return load_stopwords(default=options.default_stopwords, words=options.stopwords, file=options.stopwords_file)


def user_dict_of(options: TokenOptions) -> tuple[DictEntry, ...]:
    """The entries of the configured user dictionary (empty without one)."""
    return read_user_dict(Path(options.user_dict)) if options.user_dict is not None else ()
