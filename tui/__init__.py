"""vnnews: a terminal news browser for Vietnamese news and any RSS/Atom feed."""

__version__ = "0.1.0"
