"""The ``briefsum`` command line: serve, summarize, plugins."""
