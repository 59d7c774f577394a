"""What the page surfaces (guest site, portal) read from their forms the same way."""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.datastructures import FormData


def safe_next(value: str | None, home: str) -> str | None:
    """Where to go after signing in: a path on this site (`home` when none is given), or
    None when `value` is not one (another site, `//host`, a backslash trick, a scheme)."""
    if not value:
        return home
    if not value.startswith("/") or value.startswith("//") or "\\" in value:
        return None
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in value):
        return None
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        return None
    return value


def form_text(form: FormData, name: str) -> str:
    """A text field's value ("" when missing, or a file where text was expected)."""
    value = form.get(name)
    return value if isinstance(value, str) else ""
