"""staykit: an open, self-hostable short-term rental platform."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("staykit")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0"
