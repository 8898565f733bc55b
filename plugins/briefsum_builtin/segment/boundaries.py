"""Which candidate boundaries really separate two items: boosted trees over gap features.

The trees were fitted on rendered newspaper pages (``scripts/train_boundaries.py``; the training
data, the held-out scores and the features are recorded in the model file next to the trees).
A gap is a boundary when the model's probability reaches its threshold; bodies on both sides of
any other gap are joined, with a headline block between them becoming a subheading.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from briefsum.errors import ConfigError

from briefsum_builtin.segment.blocks import Block, BlockKind
from briefsum_builtin.segment.features import LineInfo
from briefsum_builtin.segment.gaps import FEATURES, MAX_WIDTH_DIFFERENCE, PageStats, gap_features, page_stats
from briefsum_builtin.segment.trees import Tree, TreeEnsemble
from briefsum_builtin.segment.wraps import INDENT_ALLOWANCE

#: The model shipped with briefsum.
DEFAULT_MODEL = "boundaries.json"
#: A change of column this wide (em) between paragraphs, with no shared vocabulary, starts an article.
COLUMN_JUMP = 2.5
#: Bigram cosine (400 characters each side) below which two stretches of text do not carry on.
SAME_ARTICLE_COSINE = 0.12


@dataclass(frozen=True, slots=True)
class BoundaryModel:
    """Boosted trees over :data:`~briefsum_builtin.segment.gaps.FEATURES` and a decision threshold."""

    ensemble: TreeEnsemble
    threshold: float = 0.5
    #: Where the trees came from and how well they did (training data, held-out scores).
    provenance: Mapping[str, Any] | None = None

    def __post_init__(self) -> None:
        if self.ensemble.features_used() > len(FEATURES):
            raise ValueError(f"the model reads feature {self.ensemble.features_used() - 1} of {len(FEATURES)}")

    def probability(self, values: Sequence[float]) -> float:
        """Probability that the gap described by ``values`` separates two items."""
        return self.ensemble.probability(values)

    def is_boundary(self, values: Sequence[float]) -> bool:
        """Whether the gap described by ``values`` separates two items.

        Layout knowledge comes first: a photo caption whose credit stands on a line of its own is an
        item of its own (numbered captions of one picture story stay together), and where the column changes by
        :data:`COLUMN_JUMP` em or more and the vocabulary does not carry on, a new article begins,
        however rare such gaps were in the rendered pages the weights were fitted on.
        """
        named = dict(zip(FEATURES, values, strict=True))
        if named["credit_line"] and not named["right_list_item"]:
            return True  # a photo credit on its own line closes its caption
        if named["right_caption"] and not named["right_list_item"]:
            return True  # and a caption credited on a line of its own stands apart from the text before
        if (
            named["column"]
            and named["width_difference"] * MAX_WIDTH_DIFFERENCE
            >= COLUMN_JUMP + (INDENT_ALLOWANCE if named["widths_rough"] else 0.0)
            and named["cosine_wide"] < SAME_ARTICLE_COSINE
            and not named["continuation_opening"]
        ):
            return True
        return self.probability(values) >= self.threshold


def model_from_dict(data: Mapping[str, Any]) -> BoundaryModel:
    """A model from its JSON form; its feature list must be this version's."""
    features = tuple(data.get("features", ()))
    if features != FEATURES:
        raise ConfigError("the boundary model was fitted for other features; refit it with scripts/train_boundaries.py")
    ensemble = TreeEnsemble(float(data["base"]), tuple(Tree.from_dict(tree) for tree in data["trees"]))
    return BoundaryModel(ensemble, threshold=float(data.get("threshold", 0.5)), provenance=data.get("provenance"))


def model_to_dict(model: BoundaryModel) -> dict[str, Any]:
    """The JSON form of ``model``."""
    return {
        "features": list(FEATURES),
        "threshold": model.threshold,
        "provenance": dict(model.provenance or {}),
        "base": model.ensemble.base,
        "trees": [tree.as_dict() for tree in model.ensemble.trees],
    }


def dump_model(model: BoundaryModel) -> str:
    """The JSON text of ``model``: readable settings and provenance, one line per tree."""
    data = model_to_dict(model)
    trees = data.pop("trees")
    text = json.dumps(data, ensure_ascii=False, indent=2)
    lines = ",\n".join("    " + json.dumps(tree, separators=(",", ":")) for tree in trees)
    return text[: text.rindex("}")].rstrip() + ',\n  "trees": [\n' + lines + "\n  ]\n}\n"


def load_model(path: Path | None = None) -> BoundaryModel:
    """The model at ``path``, or the one shipped with briefsum."""
    if path is None:
        text = resources.files("briefsum_builtin.segment.data").joinpath(DEFAULT_MODEL).read_text("utf-8")
    else:
        text = path.read_text(encoding="utf-8")
    return model_from_dict(json.loads(text))


def decide(
    infos: Sequence[LineInfo], blocks: Sequence[Block], model: BoundaryModel, stats: PageStats | None = None
) -> list[Block]:
    """Join the bodies of every candidate gap the model does not take for a boundary.

    ``stats`` are those of ``blocks`` (:func:`~.gaps.page_stats`; made here when not given).
    """
    if stats is None:
        stats = page_stats(infos, [c for b in blocks for c in b.chains], blocks)
    return join_gaps(blocks, lambda left, head, right: model.is_boundary(gap_features(infos, left, head, right, stats)))


def join_gaps(blocks: Sequence[Block], is_boundary: Callable[[Block, Block | None, Block], bool]) -> list[Block]:
    """Walk the candidate gaps left to right and join the bodies of each gap that is not a boundary.

    A gap lies between a body and the next body, with at most one headline block between them.
    ``is_boundary(left, head, right)`` decides it (the model at run time, the true boundaries in
    training, which then sees exactly the gaps the model will see); a joined body is the left side
    of the next gap.
    """
    result: list[Block] = []
    for block in blocks:
        if block.kind is BlockKind.BODY and result:
            head = result[-1] if result[-1].kind is BlockKind.HEAD else None
            left_index = len(result) - (2 if head is not None else 1)
            if left_index >= 0 and result[left_index].kind is BlockKind.BODY:
                left = result[left_index]
                if not is_boundary(left, head, block):
                    middle = head.chains if head is not None else ()
                    del result[left_index:]
                    result.append(Block(BlockKind.BODY, left.chains + middle + block.chains, left.cause))
                    continue
        result.append(block)
    return result
