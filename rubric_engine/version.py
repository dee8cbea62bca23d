"""The engine's version: in result documents and in the verdict cache's keys (a module of its own, so
that the engine can name it without importing the package's public face)."""
__version__ = "0.1.0"
