"""The version of briefsum (read by hatchling when building the distribution)."""

__version__ = "0.1.0"
