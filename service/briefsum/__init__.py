"""briefsum: summaries, keywords and category tags for Chinese government briefings.

Plugin authors need only :data:`hookimpl` and the types in :mod:`briefsum.model` and
:mod:`briefsum.stages`; see the README's "Writing a plugin".
"""

from briefsum.hookspecs import hookimpl
from briefsum.version import __version__

__all__ = ["__version__", "hookimpl"]
