"""The segmentation report as rich tables (for people) or plain data (for ``--format json``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rich.console import Group, RenderableType
from rich.table import Table

from briefsum.evaluation.segmentation import SegmentationReport, Tally


@dataclass(frozen=True, slots=True)
class RunInfo:
    """What was evaluated: data files, renderings per page, seed, and the segmentation stage."""

    paths: tuple[str, ...]
    pages: int
    renders: int
    seed: int
    stage: str
    summary_pages: int


def _rate(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _byline(tally: Tally) -> str:
    if not tally.bylines:
        return "–"
    return f"{tally.bylines_right / tally.bylines:.3f} ({tally.bylines})"


def _page_rows(table: Table, rows: Iterable[tuple[str, Tally]]) -> None:
    for label, tally in rows:
        table.add_row(
            label,
            str(tally.pages),
            str(tally.items),
            _rate(tally.precision),
            _rate(tally.recall),
            _rate(tally.f1),
            _rate(tally.exact_pages / tally.pages if tally.pages else None),
            _rate(tally.right_pages / tally.pages if tally.pages else None),
            _rate(tally.titles_right / tally.items if tally.items else None),
            _byline(tally),
        )


def _sorted(variations: Mapping[str, Tally]) -> list[tuple[str, Tally]]:
    return sorted(variations.items())


def report_tables(report: SegmentationReport, info: RunInfo) -> RenderableType:
    """The report as rich renderables: pages by variation, articles by variation, other checks."""
    pages = Table(
        title=(
            f"Segmentation of rendered pages: {info.pages} pages × {info.renders} renderings "
            f"(seed {info.seed}, stage {info.stage}, IoU ≥ 0.8)"
        ),
        title_justify="left",
    )
    for name in ("variation", "pages", "articles", "P", "R", "F1", "exact", "all right", "title acc", "byline acc (n)"):
        pages.add_column(name, justify="left" if name == "variation" else "right")
    _page_rows(pages, [("all", report.overall)])
    pages.add_section()
    _page_rows(pages, _sorted(report.by_page_variation))

    articles = Table(title="By article variation (articles that have it)", title_justify="left")
    for name in ("variation", "articles", "P", "R", "F1", "title acc", "byline acc (n)"):
        articles.add_column(name, justify="left" if name == "variation" else "right")
    for label, tally in _sorted(report.by_article_variation):
        articles.add_row(
            label,
            str(tally.items),
            _rate(tally.precision),
            _rate(tally.recall),
            _rate(tally.f1),
            _rate(tally.titles_right / tally.items if tally.items else None),
            _byline(tally),
        )

    data = report.as_dict()
    checks = Table(title="Other checks", title_justify="left")
    checks.add_column("check")
    checks.add_column("result", justify="right")
    captions = data["captions"]
    auto = data["auto_layout"]
    summaries = data["summaries"]
    assert isinstance(captions, dict)
    assert isinstance(auto, dict)
    assert isinstance(summaries, dict)
    checks.add_row(
        "captions: precision / recall",
        f"{_rate(captions['precision'])} / {_rate(captions['recall'])} "
        f"({captions['predicted']} predicted, {captions['true']} true)",
    )
    checks.add_row(
        "layout=auto keeps a single article whole",
        f"{_rate(auto['kept_whole'])} of {auto['single_articles']}",
    )
    checks.add_row(
        f"summary sentences with headline/byline/credit text (first {info.summary_pages} renderings)",
        f"{summaries['with_headline_byline_or_credit']} of {summaries['sentences']}",
    )
    renders = info.pages * info.renders
    per_page = report.segment_seconds / renders * 1000 if renders else 0.0
    checks.add_row("segmentation time per rendered page", f"{per_page:.1f} ms")
    return Group(pages, articles, checks)


def report_data(report: SegmentationReport, info: RunInfo) -> dict[str, object]:
    """The report as plain data, with what was evaluated."""
    return {
        "data": list(info.paths),
        "pages": info.pages,
        "renders": info.renders,
        "seed": info.seed,
        "stage": info.stage,
        "summary_pages": info.summary_pages,
        **report.as_dict(),
    }
