"""archive-kg: a linked open data publisher for historical archival documents."""

__version__ = "0.1.0"
