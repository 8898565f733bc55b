"""``briefsum batch``: summarize thousands of texts through a server or a Dask cluster, losing nothing.

The parts, each in its own module:

- :mod:`~briefsum.batch.inputs` finds the items (files, directories, JSON Lines, stdin) and
  decodes them (:mod:`~briefsum.batch.records` reads one JSON line);
- :mod:`~briefsum.batch.ledger` appends results and errors as they arrive and tells a rerun what
  is already done;
- :mod:`~briefsum.batch.transport` sends items (a stream, or a window of unary calls), with
  :mod:`~briefsum.batch.retry` around each; :mod:`~briefsum.batch.dask_runner` runs the pipeline
  on a Dask cluster instead;
- :mod:`~briefsum.batch.runner` drives it all, :mod:`~briefsum.batch.progress` shows it;
- :mod:`~briefsum.batch.writers` renders the results as CSV, Markdown or HTML.
"""
