"""``briefsum eval segmentation``: render corpus pages, segment them, score the result.

Every corpus page is rendered ``renders`` times in random styles (:mod:`.render`), segmented with
``Layout.AUTO`` exactly as a client's page would be, and scored (:mod:`.metrics`). Results are
tallied overall and per layout variation (``heads=after``, ``title=spaced``, ``byline=xinhua``…):
page-level variations count whole pages, article-level ones the articles that have them. Each
article with a real body is also rendered on its own, to check that ``Layout.AUTO`` keeps a single
article whole. Optionally, the full pipeline runs on some pages to count summary sentences that
contain headline, byline or credit text.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from briefsum.evaluation.metrics import ItemOutcome, PageOutcome, leaked_sentences, score_page
from briefsum.evaluation.pagedata import SourcePage
from briefsum.evaluation.render import RenderedPage, render_article, render_page
from briefsum.model import Article

#: Segments a text (a page or an article, the segmenter decides): text -> articles.
Segmenter = Callable[[str], Sequence[Article]]
#: Articles shorter than this are not rendered alone for the single-article check.
SINGLE_ARTICLE_MIN_CHARS = 100


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass(slots=True)
class Tally:
    """Counts for one row of the report (all pages, or one variation)."""

    pages: int = 0
    exact_pages: int = 0
    right_pages: int = 0
    items: int = 0
    matched: int = 0
    false_positives: int = 0
    titles_right: int = 0
    bylines: int = 0
    bylines_right: int = 0

    def add_page(self, page: PageOutcome) -> None:
        """Count a whole page (and its items)."""
        self.pages += 1
        self.exact_pages += page.exact
        self.right_pages += page.all_right
        self.false_positives += page.stray_predictions
        for item in page.items:
            self.add_item(item)

    def add_item(self, item: ItemOutcome) -> None:
        """Count one true item and the false positives blamed on it."""
        self.items += 1
        self.matched += item.matched
        self.false_positives += item.false_positives
        self.titles_right += item.title_right
        if item.byline_right is not None:
            self.bylines += 1
            self.bylines_right += item.byline_right

    @property
    def precision(self) -> float | None:
        """Matched items over all predicted items."""
        return _ratio(self.matched, self.matched + self.false_positives)

    @property
    def recall(self) -> float | None:
        """Matched items over true items."""
        return _ratio(self.matched, self.items)

    @property
    def f1(self) -> float | None:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)

    def as_dict(self) -> dict[str, float | int | None]:
        """Counts and rates as plain data."""
        return {
            "pages": self.pages,
            "exact_pages": _ratio(self.exact_pages, self.pages),
            "all_right_pages": _ratio(self.right_pages, self.pages),
            "articles": self.items,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "title_accuracy": _ratio(self.titles_right, self.items),
            "bylines": self.bylines,
            "byline_accuracy": _ratio(self.bylines_right, self.bylines),
        }


@dataclass(slots=True)
class SegmentationReport:
    """Everything ``briefsum eval segmentation`` measured."""

    overall: Tally = field(default_factory=Tally)
    #: Page-level variations (``heads=after``): whole pages.
    by_page_variation: dict[str, Tally] = field(default_factory=dict)
    #: Article-level variations (``title=spaced``): the articles that have them.
    by_article_variation: dict[str, Tally] = field(default_factory=dict)
    captions_true: int = 0
    captions_predicted: int = 0
    captions_right: int = 0
    single_articles: int = 0
    single_articles_whole: int = 0
    summary_sentences: int = 0
    leaked_sentences: int = 0
    segment_seconds: float = 0.0

    def add(self, outcome: PageOutcome) -> None:
        """Tally one scored page."""
        self.overall.add_page(outcome)
        for label in outcome.variations:
            self.by_page_variation.setdefault(label, Tally()).add_page(outcome)
        for item in outcome.items:
            for label in item.variations:
                self.by_article_variation.setdefault(label, Tally()).add_item(item)
            self.captions_true += item.true_caption
            self.captions_predicted += item.predicted_caption
            self.captions_right += item.true_caption and item.predicted_caption
        self.captions_predicted += outcome.stray_captions

    def as_dict(self) -> dict[str, object]:
        """The report as plain data (``--format json``)."""
        return {
            "overall": self.overall.as_dict(),
            "by_page_variation": {k: v.as_dict() for k, v in sorted(self.by_page_variation.items())},
            "by_article_variation": {k: v.as_dict() for k, v in sorted(self.by_article_variation.items())},
            "captions": {
                "true": self.captions_true,
                "predicted": self.captions_predicted,
                "precision": _ratio(self.captions_right, self.captions_predicted),
                "recall": _ratio(self.captions_right, self.captions_true),
            },
            "auto_layout": {
                "single_articles": self.single_articles,
                "kept_whole": _ratio(self.single_articles_whole, self.single_articles),
            },
            "summaries": {
                "sentences": self.summary_sentences,
                "with_headline_byline_or_credit": self.leaked_sentences,
                "share": _ratio(self.leaked_sentences, self.summary_sentences),
            },
            "segment_seconds": round(self.segment_seconds, 3),
        }


def renders(pages: Sequence[SourcePage], count: int, seed: int) -> Iterator[RenderedPage]:
    """``count`` renderings of every page, in page order."""
    for page in pages:
        for variant in range(count):
            yield render_page(page, seed, variant)


def evaluate_segmentation(
    pages: Sequence[SourcePage],
    segment: Segmenter,
    *,
    count: int = 4,
    seed: int = 0,
    summarize: Segmenter | None = None,
    summary_pages: int = 0,
    progress: Callable[[int], None] | None = None,
) -> SegmentationReport:
    """Render, segment and score; ``progress`` is called with the number of texts done each time.

    ``summarize`` (the full pipeline) runs on the first ``summary_pages`` renderings to count summary
    sentences that contain headline, byline or credit text.
    """
    report = SegmentationReport()
    for number, page in enumerate(renders(pages, count, seed)):
        started = time.perf_counter()
        articles = segment(page.text)
        report.segment_seconds += time.perf_counter() - started
        report.add(score_page(page, articles))
        if summarize is not None and number < summary_pages:
            leaked, total = leaked_sentences(page, summarize(page.text))
            report.leaked_sentences += leaked
            report.summary_sentences += total
        if progress is not None:
            progress(1)
    for page_source in pages:
        for article in page_source.articles:
            if sum(len(p) for p in article.paragraphs) < SINGLE_ARTICLE_MIN_CHARS:
                continue
            single = render_article(article, seed)
            report.single_articles += 1
            report.single_articles_whole += len(segment(single.text)) == 1
        if progress is not None:
            progress(0)
    return report
