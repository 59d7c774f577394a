"""The webhook URL guard (server-side request forgery), event type names, and the
signing secrets' encryption and rotation-time signatures."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from pydantic import SecretStr, ValidationError
from standardwebhooks import Webhook

from staykit.core import urlguard
from staykit.core.clock import utcnow
from staykit.core.config import Settings
from staykit.domain.webhooks import events, secrets


def production(**given: object) -> Settings:
    return Settings(
        env="production", payment_provider=None, payments_allow_test_money=True, **given
    )  # type: ignore[arg-type]


def fake_dns(answers: dict[str, list[str]]) -> urlguard.Resolver:
    """A FAKE resolver: this machine cannot reach DNS names that resolve to private
    networks, so the answers are given (the real resolver is used for localhost)."""

    async def resolve(host: str, port: int) -> list[str]:
        if host not in answers:
            raise OSError("no such host")
        return answers[host]

    return resolve


@pytest.mark.parametrize(
    "url",
    [
        "https://10.0.0.7/hook",
        "https://172.16.3.4/hook",
        "https://192.168.0.1/hook",
        "https://169.254.169.254/latest/meta-data",
        "https://100.64.0.1/hook",  # shared address space
        "https://0.0.0.0/hook",
        "https://224.0.0.1/hook",
        "https://[::1]/hook",
        "https://[fe80::1]/hook",
        "https://[::ffff:10.0.0.1]/hook",
        "https://127.0.0.1/hook",
    ],
)
async def test_private_loopback_and_reserved_addresses_are_refused_in_production(
    url: str,
) -> None:
    with pytest.raises(urlguard.UrlRefused, match="private network"):
        await urlguard.check(url, urlguard.Destinations.from_settings(production()))


async def test_a_name_resolving_to_a_private_address_is_refused() -> None:
    rules = urlguard.Destinations.from_settings(
        production(),
        resolve=fake_dns(
            {
                "intranet.example.com": ["10.20.30.40"],
                "mixed.example.com": ["93.184.216.34", "192.168.1.1"],
            }
        ),
    )
    for host in ("intranet.example.com", "mixed.example.com"):
        with pytest.raises(urlguard.UrlRefused, match="private network"):
            await urlguard.check(f"https://{host}/hook", rules)
    with pytest.raises(urlguard.UrlRefused, match="does not resolve"):
        await urlguard.check("https://nowhere.example.com/hook", rules)


async def test_localhost_resolves_to_loopback_which_production_refuses() -> None:
    # The machine's own resolver answers localhost (127.0.0.1 / ::1).
    with pytest.raises(urlguard.UrlRefused, match="private network"):
        await urlguard.check(
            "https://localhost:8443/hook", urlguard.Destinations.from_settings(production())
        )


async def test_production_takes_https_only_and_a_public_address_passes() -> None:
    rules = urlguard.Destinations.from_settings(
        production(), resolve=fake_dns({"hooks.example.com": ["93.184.216.34"]})
    )
    with pytest.raises(urlguard.UrlRefused, match="https"):
        await urlguard.check("http://hooks.example.com/hook", rules)
    target = await urlguard.check("https://hooks.example.com/in?x=1", rules)
    assert (target.host, target.port, str(target.address)) == (
        "hooks.example.com",
        443,
        "93.184.216.34",
    )


async def test_the_operator_may_allow_a_private_network_or_host() -> None:
    settings = production(webhook_allowed_destinations=["10.0.0.0/8", "hooks.internal"])
    rules = urlguard.Destinations.from_settings(
        settings, resolve=fake_dns({"hooks.internal": ["172.20.0.5"]})
    )
    assert str((await urlguard.check("https://10.1.2.3/hook", rules)).address) == "10.1.2.3"
    assert (await urlguard.check("https://hooks.internal/hook", rules)).host == "hooks.internal"
    with pytest.raises(urlguard.UrlRefused):
        await urlguard.check("https://192.168.1.1/hook", rules)


async def test_development_allows_loopback_and_http_but_not_private_networks() -> None:
    rules = urlguard.Destinations.from_settings(Settings(env="development"))
    assert (await urlguard.check("http://127.0.0.1:9000/hook", rules)).port == 9000
    with pytest.raises(urlguard.UrlRefused):
        await urlguard.check("http://10.0.0.1/hook", rules)


@pytest.mark.parametrize(
    ("name", "ok"),
    [
        ("reservation.created", True),
        ("reservation.*", True),
        ("*", True),
        ("message.created", True),
        ("payment.refunded", True),
        ("rates.updated", True),
        ("availability.updated", True),
        ("message.sent", False),  # the domain's name; published as message.created
        ("reservation.teleported", False),
        ("dispute.opened", False),
        ("reservation", False),
        ("payment.", False),
    ],
)
def test_event_type_names(name: str, ok: bool) -> None:
    assert (events.type_problem(name) is None) is ok


def test_domain_events_are_published_under_their_public_names() -> None:
    assert events.public_type("message.sent") == "message.created"
    assert events.public_type("reservation.modified") == "reservation.modified"
    assert events.public_type("payment.succeeded") == "payment.succeeded"
    assert events.public_type("dispute.opened") is None


def test_secrets_encrypt_under_the_configured_keys_and_production_needs_one() -> None:
    key = Fernet.generate_key().decode()
    settings = production(secrets_key=SecretStr(key))
    secret = secrets.new_secret()
    stored = secrets.encrypt(settings, secret)
    assert secret not in stored and secrets.decrypt(settings, stored) == secret
    # A new key in front: old values still read, new ones use the new key.
    rotated = production(secrets_key=SecretStr(f"{Fernet.generate_key().decode()},{key}"))
    assert secrets.decrypt(rotated, stored) == secret
    with pytest.raises(secrets.SecretsKeyMissing):
        secrets.encrypt(production(), secret)
    with pytest.raises(secrets.SecretUnreadable):
        secrets.decrypt(production(secrets_key=SecretStr(Fernet.generate_key().decode())), stored)


def test_a_malformed_secrets_key_fails_at_start_up_without_printing_it() -> None:
    with pytest.raises(ValidationError) as caught:
        Settings(secrets_key=SecretStr("not-a-key"))
    assert "not-a-key" not in str(caught.value) and "STAYKIT_SECRETS_KEY" in str(caught.value)


def test_both_secrets_sign_during_a_rotation_and_each_verifies() -> None:
    old, new = secrets.new_secret(), secrets.new_secret()
    now = utcnow()
    header = secrets.signature([new, old], "msg_1", now, '{"a":1}')
    headers = {
        "webhook-id": "msg_1",
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": header,
    }
    for secret in (old, new):
        assert Webhook(secret).verify('{"a":1}', headers) == {"a": 1}
