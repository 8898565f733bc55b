"""Hook specifications: the ways a plugin extends briefsum.

A plugin is a module (or any object) with functions named like the specs below and marked with
:data:`briefsum.hookimpl`. Built-in stages (``briefsum_builtin``) use exactly the same hooks as
third-party plugins, which are found through the ``briefsum`` entry-point group::

    # pyproject.toml of the distribution briefsum-example
    [project.entry-points.briefsum]
    example = "briefsum_example"

Hooks are called once, when the service starts and builds its stage registry; requests never go
through ``pluggy``. Every hook is documented here with when it is called, its parameters, what to
return and how results are combined.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from briefsum.categories import CategorySource
    from briefsum.plugins import ProvidedCategory
    from briefsum.stages import Stage

#: Name of the pluggy project, the hook prefix and the entry-point group.
PROJECT_NAME = "briefsum"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


@hookspec
def briefsum_stages(
    options: Mapping[str, Mapping[str, Any]], categories: Sequence[ProvidedCategory]
) -> Sequence[Stage]:
    """Return the stages this plugin provides.

    Called once per plugin at start-up, while the stage registry is built (before the server
    accepts requests), built-in plugins first, then entry-point plugins in name order; after
    :func:`briefsum_categories` has been called on every plugin.

    :param options: per-stage options from the configuration (the ``[stages."<name>"]`` tables of
        the config file, or ``BRIEFSUM_STAGES__<name>__<key>`` variables), keyed by stage name. A
        stage reads its own entry (``options.get(MyStage.name, {})``) and should raise
        :class:`briefsum.errors.ConfigError` naming the option when a value is invalid.
    :param categories: every category contributed through :func:`briefsum_categories`, validated,
        each with the plugin that contributed it, in plugin order. Only tagging stages need it;
        an implementation may leave the parameter out (pluggy passes only what it names).
    :return: stage objects implementing :class:`briefsum.stages.Stage`; their names must be
        unique across all plugins and namespaced by the plugin (``"<plugin>.<stage>"``). Return an
        empty sequence to contribute nothing.

    Results of all plugins are collected; each stage is attributed to the plugin that returned it.
    The pipeline is then validated and each of its stages' ``setup()`` runs once (the warm-up);
    a stage outside the configured pipeline is set up the first time a request's ``stages``
    override uses it. A plugin whose hook raises, or returns something that is not a stage, is reported as
    failed (log, ``ListPlugins``) and skipped, unless strict mode is on, which stops start-up. A
    :class:`~briefsum.errors.ConfigError` always stops start-up: it is the operator's to fix.

    Construct stages cheaply here: load dictionaries and models in ``Stage.setup``, not in this
    hook.

    Since briefsum 0.1.
    """
    raise NotImplementedError  # pragma: no cover - specification only


@hookspec
def briefsum_categories(options: Mapping[str, Mapping[str, Any]]) -> Sequence[CategorySource]:
    """Return the tag categories this plugin contributes (e.g. ``environment``).

    Called once per plugin at start-up, before :func:`briefsum_stages`, built-in plugins first
    (``briefsum_builtin`` contributes ``policy``, ``trade``, ``energy`` and ``agriculture`` through
    this hook), then entry-point plugins in name order.

    :param options: per-stage options from the configuration, keyed by stage name, as for
        :func:`briefsum_stages`; a plugin may read its own stage's entry to choose categories.
    :return: category definitions (:class:`briefsum.categories.CategoryDefinition`) or paths of
        category TOML files (:class:`pathlib.Path`, or ``importlib.resources.files(...) / "x.toml"``
        for files shipped inside the plugin's package). The format is documented in
        :mod:`briefsum.categories`. Return an empty sequence to contribute nothing.

    Results of all plugins are collected, each category attributed to the plugin that returned
    it, and handed to every ``briefsum_stages`` implementation as ``categories``; the built-in
    tagging stage (``builtin.tags``) scores them all beside the built-in four, and its options
    can disable or replace any of them. A plugin whose hook raises, or returns a file that is
    missing or invalid (the reason names the file and the field), is reported as failed and
    skipped, unless strict mode is on, which stops start-up. Two plugins contributing the same
    category name stop start-up.

    Since briefsum 0.1.
    """
    raise NotImplementedError  # pragma: no cover - specification only
