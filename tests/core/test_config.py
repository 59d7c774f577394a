"""Settings read from STAYKIT_* variables, and what is derived from them."""

from __future__ import annotations

import pytest

from staykit.core.config import Settings, url_host


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("STAYKIT_HOST", "STAYKIT_PORT", "STAYKIT_PUBLIC_BASE_URL"):
        monkeypatch.delenv(name, raising=False)


def test_public_base_url_defaults_to_where_the_service_listens() -> None:
    assert Settings().public_base_url == "http://127.0.0.1:8000"


def test_public_base_url_follows_staykit_port_and_host(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STAYKIT_PORT", "8123")
    assert Settings().public_base_url == "http://127.0.0.1:8123"
    monkeypatch.setenv("STAYKIT_HOST", "rentals.example.test")
    assert Settings().public_base_url == "http://rentals.example.test:8123"
    assert Settings(port=9000).public_base_url == "http://rentals.example.test:9000"


def test_a_wildcard_host_means_this_machine_in_urls(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STAYKIT_HOST", "0.0.0.0")
    monkeypatch.setenv("STAYKIT_PORT", "8080")
    settings = Settings()
    assert settings.host == "0.0.0.0"  # still what the server binds to
    assert settings.public_base_url == settings.listen_url == "http://127.0.0.1:8080"
    assert Settings(host="::").public_base_url == "http://[::1]:8080"
    assert Settings(host="fd00::5").public_base_url == "http://[fd00::5]:8080"


def test_a_given_public_base_url_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STAYKIT_PORT", "8123")
    monkeypatch.setenv("STAYKIT_PUBLIC_BASE_URL", "https://rentals.example.test")
    settings = Settings()
    assert settings.public_base_url == "https://rentals.example.test"
    assert settings.listen_url == "http://127.0.0.1:8123"


@pytest.mark.parametrize(
    ("host", "written"),
    [
        ("127.0.0.1", "127.0.0.1"),
        ("localhost", "localhost"),
        ("0.0.0.0", "127.0.0.1"),
        ("", "127.0.0.1"),
        ("::", "[::1]"),
        ("::1", "[::1]"),
        ("[::1]", "[::1]"),
    ],
)
def test_url_host(host: str, written: str) -> None:
    assert url_host(host) == written
