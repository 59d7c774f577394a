"""Runtime configuration: one Settings object read from STAYKIT_* environment variables."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


@dataclass(frozen=True)
class RouteLimit:
    """Requests per window of one class of public routes: per client IP, and per signed-in
    person (0: that side is not limited). Written `IP/USER` ("600/300"), or one number
    for both; "0" turns the class off."""

    per_ip: int
    per_user: int

    def __str__(self) -> str:
        return f"{self.per_ip}/{self.per_user}"


def _route_limit(value: Any) -> Any:
    """`600/300`, `600` (both sides) or a RouteLimit; what else it is stays for pydantic
    to refuse."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return value
    parts = [p.strip() for p in value.split("/")]
    if len(parts) not in (1, 2) or not all(p.isdigit() for p in parts):
        raise ValueError(
            "a limit is IP/USER requests per window (600/300), or one number; 0 is off"
        )
    ip, user = int(parts[0]), int(parts[-1])
    return RouteLimit(ip, user)


RouteLimitSetting = Annotated[RouteLimit, NoDecode, BeforeValidator(_route_limit)]


class Settings(BaseSettings):
    """Every knob staykit has. The README's configuration table mirrors this class."""

    # hide_input_in_errors: a refused setting's error must not print the values given,
    # which include secrets (a Stripe key, the SMTP password).
    model_config = SettingsConfigDict(
        env_prefix="STAYKIT_", env_file=None, extra="ignore", hide_input_in_errors=True
    )

    env: Literal["development", "production", "test"] = "production"
    host: str = "127.0.0.1"
    port: int = 8000
    data_dir: Path = Path(".staykit")
    database_url: str | None = None
    test_database_url: str | None = None
    db_pool_size: int = 10
    # Behind PgBouncer in transaction pooling (docs/operations.md, "PgBouncer"):
    # `database_url` names PgBouncer, `database_pgbouncer` turns psycopg's server-side
    # prepared statements off (a prepared statement lives on one server connection, and
    # the next transaction may get another), and `direct_database_url` names PostgreSQL
    # itself for what needs a connection of its own for a long time: the LISTEN
    # connections, procrastinate's workers (they LISTEN too) and migrations. Unset: the
    # database URL serves all of it.
    database_pgbouncer: bool = False
    direct_database_url: str | None = None
    # A read-only replica for reads that may be a moment stale (listing search, Channel
    # API booking lists and calendars; docs/operations.md, "Read replica"). Unset: those
    # reads go to the primary like every other.
    read_database_url: str | None = None
    redis_url: str | None = None
    run_worker: bool = True
    # The address links in emails and avatar URLs start with. Unset (empty): where
    # `staykit serve` listens, http://<host>:<port> (see url_host).
    public_base_url: str = ""
    log_level: str = "INFO"
    # Proxies whose X-Forwarded-For/-Proto are believed (client IPs for login throttling).
    forwarded_allow_ips: str = "127.0.0.1"

    # Marketplace sessions
    token_name: str = "airbnb3-access-token"
    access_token_ttl_seconds: int = 86_400
    cookie_secure: bool = False
    # Checked sessions are cached per process for this long (0 = off). Revocations reach
    # every process at once through PostgreSQL NOTIFY; this is only the upper bound.
    session_cache_seconds: float = 30.0

    # Password hashing (argon2id). Tests lower the cost; production keeps the defaults.
    argon2_time_cost: int = 3
    argon2_memory_kib: int = 65_536
    argon2_parallelism: int = 4
    password_min_length: int = 8

    # Login throttling: failures inside the window before a 429.
    login_window_seconds: int = 900
    login_max_failures_per_account: int = 5
    login_max_failures_per_ip: int = 30

    # Verification services
    email_verification_required_for_login: bool = False
    email_2fa_required: bool = False
    mobile_2fa_required: bool = False
    verification_resend_seconds: int = 60
    verification_expire_seconds: int = 86_400
    two_factor_expire_seconds: int = 300
    verification_max_attempts: int = 5
    # How long ended sessions and used codes are kept before the purge job removes them.
    auth_record_retention_days: int = 30

    # Outbound mail. With no smtp_host, messages stay in the development mailbox.
    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_username: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = True
    smtp_use_tls: bool = False
    mail_from: str = "staykit <no-reply@staykit.local>"

    # Notifications. Web Push signs with this VAPID key (PEM or base64url raw); outside
    # production, when unset, one is generated into data_dir. `vapid_subject` is the
    # contact push services see (mailto: or https:).
    vapid_private_key: SecretStr | None = None
    vapid_subject: str = "mailto:admin@staykit.local"
    # POST /notification-api/notifications sends to at most this many recipients at once.
    notification_max_recipients: int = Field(default=1000, ge=1)
    # The live stream (SSE): a comment line this often keeps proxies from closing it; a
    # stream away longer than the retention resumes from now.
    live_heartbeat_seconds: float = Field(default=15.0, gt=0)
    live_event_retention_days: int = Field(default=7, ge=1)
    # The MCP endpoint (/mcpbff-api/mcp): how long one tool call may take, and whether
    # Streamable HTTP keeps sessions (the client's name names its executions) or serves
    # each request alone (several processes behind a balancer without sticky sessions).
    mcp_tool_timeout_seconds: float = Field(default=30.0, gt=0)
    mcp_stateless: bool = False

    # Request limits
    max_body_bytes: int = Field(default=1_048_576, description="largest JSON body accepted")
    max_upload_bytes: int = 2_097_152

    # File storage (docs/storage.md): where the bytes of avatars, listing photos, message
    # attachments and GDPR export archives go. Unset: file://<data_dir>/files. An
    # s3://bucket/prefix URL uses an S3-compatible bucket (boto3, the `s3` extra); the
    # endpoint is for non-AWS servers (MinIO, Ceph...), the keys default to boto3's chain.
    storage_url: str = ""
    s3_endpoint_url: str | None = None
    s3_region: str | None = None
    s3_access_key_id: SecretStr | None = None
    s3_secret_access_key: SecretStr | None = None
    # /metrics (Prometheus): open when unset, else scrapes send "Authorization: Bearer <it>"
    metrics_token: str | None = None
    max_page_rows: int = 1000

    # Channel API credits: each business has this many per fixed period, shared by all
    # its tokens (a business's own `credit_limit` wins); see docs/channel-api.md.
    channel_credits_per_period: int = 100
    channel_credit_period_seconds: int = 300

    # Public routes' limits (docs/rate-limits.md): requests per client IP / per signed-in
    # person in each fixed window, per class of route; 429 with Retry-After past them.
    rate_limit_window_seconds: int = Field(default=60, ge=1)
    # The defaults are flood guards: far above what a person's browser sends (a booking
    # widget quotes on every date click), and many people may share one address.
    rate_limit_search: RouteLimitSetting = RouteLimit(1200, 600)
    rate_limit_quote: RouteLimitSetting = RouteLimit(3000, 2000)
    rate_limit_listing: RouteLimitSetting = RouteLimit(2400, 1200)
    rate_limit_registration: RouteLimitSetting = RouteLimit(60, 30)
    rate_limit_login: RouteLimitSetting = RouteLimit(300, 60)
    rate_limit_verification: RouteLimitSetting = RouteLimit(60, 30)

    # Marketplace messages (docs/messaging-api.md): each user sends at most
    # message_send_limit messages in any message_send_window_seconds (then 429 with
    # Retry-After), each at most message_max_chars characters.
    message_send_limit: int = Field(default=30, ge=1)
    message_send_window_seconds: int = Field(default=60, ge=1)
    message_max_chars: int = Field(default=5000, ge=1, le=20_000)

    # Reviews (docs/reviewsystem-api.md): a stay is reviewed until this many days after
    # check-out; then the double-blind ends and unpublished reviews are published.
    review_window_days: int = Field(default=14, ge=1, le=365)

    # OAuth provider
    oauth_access_token_seconds: int = 3600
    oauth_code_seconds: int = 600
    oauth_refresh_idle_days: int = 30

    # Payments. The provider: "stripe", or "offline" (test money: no network, test card
    # tokens). Unset: stripe when stripe_api_key is set; else offline outside production,
    # and no provider at all in production (payments refused until one is configured).
    payment_provider: Literal["offline", "stripe"] | None = None
    # Secrets: SecretStr so that no repr, log line or error message ever prints them.
    stripe_api_key: SecretStr | None = None
    stripe_webhook_secret: SecretStr | None = None
    # The publishable key (pk_...) of the web app's Stripe Payment Element: the booking
    # page loads Stripe.js only when payments go through Stripe and this is set. Public.
    stripe_publishable_key: str | None = None
    # Where the Stripe API answers; unset: Stripe's own. localstripe in tests and demos.
    stripe_api_base: str | None = None
    # Where the booking pages load Stripe.js from. Always Stripe's own in production (PCI:
    # card fields must come from Stripe); tests point it at a FAKE Payment Element served
    # next to localstripe, since js.stripe.com is out of their reach.
    stripe_js_url: str = "https://js.stripe.com/v3/"
    # Pay hosts out with Stripe Connect transfers. Off: payouts go to a FAKE payout sink
    # (recorded, no money moves), which production refuses unless test money is allowed.
    stripe_connect_payouts: bool = False
    # How old a webhook's signed timestamp may be before it is refused as a replay.
    stripe_webhook_tolerance_seconds: int = Field(default=300, ge=1)
    # Let production run on test money (the offline provider, fake payouts): a staging
    # deployment may; a real platform must not.
    payments_allow_test_money: bool = False
    # The split-fee model (as Airbnb's): the guest pays this percentage of the stay price
    # on top, the host gives this percentage of it up; the platform keeps both.
    guest_service_fee_percent: Decimal = Field(default=Decimal("14"), ge=0, le=100)
    host_service_fee_percent: Decimal = Field(default=Decimal("3"), ge=0, lt=100)
    # How long an unpaid reservation that needs payment holds its nights.
    unpaid_hold_minutes: int = Field(default=30, ge=1)

    # iCal import (docs: the Channel API's iCalImport settings). Each source is fetched
    # this often; a fetch gives up after the timeout, past the size or redirect limit.
    ical_import_interval_minutes: int = Field(default=30, ge=1)
    ical_import_timeout_seconds: float = Field(default=20.0, gt=0)
    ical_import_max_bytes: int = Field(default=5_000_000, ge=1024)
    ical_import_max_redirects: int = Field(default=5, ge=0, le=20)
    # A feed that comes back empty while its events hold nights frees them only after this
    # many empty fetches in a row (a broken export often answers an empty calendar).
    ical_import_release_after_empty: int = Field(default=3, ge=1)
    # Networks (CIDR) the import may fetch from although they are not public: for a feed
    # server on a private network. Empty: public addresses only (re-checked after DNS).
    ical_import_private_networks: list[str] = Field(default_factory=list)

    # Outbound webhooks (docs/webhooks.md). Signing secrets must be reused, so they are
    # stored encrypted (Fernet) under these keys: a comma-separated list of Fernet keys,
    # the first encrypts, all decrypt (add a new key in front to rotate). Unset: development
    # and test use a fixed, publicly known development key; production refuses to create or
    # send webhooks until one is set.
    secrets_key: SecretStr | None = None
    # Each failed delivery is tried again after these delays in turn (about 3 days in all);
    # past the last one the subscription is disabled and its creator told by email.
    webhook_retry_delays_seconds: list[int] = Field(
        default_factory=lambda: [10, 60, 300, 1800, 3600, 7200, 14400, 28800, 43200, 86400, 86400]
    )
    webhook_timeout_seconds: float = Field(default=10.0, gt=0)
    # How long a rotated-out signing secret still signs (both are sent meanwhile).
    webhook_secret_grace_hours: float = Field(default=24.0, ge=0)
    # Destinations allowed although not public (the operator's own receivers): CIDR networks
    # (10.0.0.0/8) or exact host names. Loopback is allowed anyway in development and test.
    webhook_allowed_destinations: list[str] = Field(default_factory=list)
    # Deliveries one drain job takes per round, and how many it sends at once.
    webhook_batch_size: int = Field(default=200, ge=1, le=5000)
    webhook_concurrency: int = Field(default=64, ge=1, le=1000)

    # GDPR exports (docs/gdpr.md): how long an export's signed download link (and the
    # archive behind it) lives after the archive is built.
    gdpr_export_ttl_hours: float = Field(default=72.0, gt=0, le=24 * 30)

    @property
    def is_development(self) -> bool:
        return self.env in ("development", "test")

    @property
    def listen_url(self) -> str:
        """The address `staykit serve` answers on, as a browser on this machine reaches it."""
        return f"http://{url_host(self.host)}:{self.port}"

    @property
    def payments_provider(self) -> Literal["offline", "stripe"] | None:
        """The payment provider in use: the configured one, else stripe when a key is set,
        else offline outside production; None in production without any (see above)."""
        if self.payment_provider is not None:
            return self.payment_provider
        if self.stripe_api_key is not None:
            return "stripe"
        return None if self.env == "production" else "offline"

    @model_validator(mode="after")
    def _check_secrets_key(self) -> Settings:
        """A malformed key fails at start-up, saying which one (never its value)."""
        if self.secrets_key is not None:
            from cryptography.fernet import Fernet

            for n, key in enumerate(self.secrets_key.get_secret_value().split(","), start=1):
                try:
                    Fernet(key.strip())
                except (ValueError, TypeError):
                    raise ValueError(
                        f"STAYKIT_SECRETS_KEY: key {n} is not a Fernet key (32 url-safe "
                        "base64-encoded bytes; see docs/webhooks.md for making one)"
                    ) from None
        if not self.webhook_retry_delays_seconds or min(self.webhook_retry_delays_seconds) < 1:
            raise ValueError("STAYKIT_WEBHOOK_RETRY_DELAYS_SECONDS: one or more delays >= 1")
        return self

    @model_validator(mode="after")
    def _listen_beside_pgbouncer(self) -> Settings:
        """Through PgBouncer in transaction pooling, LISTEN registers on whichever server
        connection the statement borrowed and notifications never arrive: refuse to start
        rather than run with revocations and live events silently lost."""
        if self.database_pgbouncer and not self.direct_database_url:
            raise ValueError(
                "STAYKIT_DATABASE_PGBOUNCER=true needs STAYKIT_DIRECT_DATABASE_URL (PostgreSQL "
                "itself, for the LISTEN connections, job workers and migrations)"
            )
        return self

    @model_validator(mode="after")
    def _derive_public_base_url(self) -> Settings:
        if not self.public_base_url:
            self.public_base_url = self.listen_url
        return self

    @model_validator(mode="after")
    def _refuse_test_money_in_production(self) -> Settings:
        """Startup fails, saying why, rather than a platform taking fake money."""
        provider = self.payments_provider
        if provider == "stripe" and self.stripe_api_key is None:
            raise ValueError("STAYKIT_PAYMENT_PROVIDER=stripe needs STAYKIT_STRIPE_API_KEY")
        if self.env != "production" or self.payments_allow_test_money:
            return self
        if provider == "offline":
            raise ValueError(
                "STAYKIT_PAYMENT_PROVIDER=offline takes test money, which production refuses "
                "(set STAYKIT_PAYMENTS_ALLOW_TEST_MONEY=true for a staging deployment)"
            )
        if provider == "stripe" and not self.stripe_connect_payouts:
            raise ValueError(
                "without STAYKIT_STRIPE_CONNECT_PAYOUTS=true host payouts would only be "
                "recorded by a fake payout sink, which production refuses (set "
                "STAYKIT_PAYMENTS_ALLOW_TEST_MONEY=true for a staging deployment)"
            )
        return self


def url_host(host: str) -> str:
    """A listening host as it is written in a URL: the wildcard addresses (0.0.0.0, ::)
    are not addresses a browser can open, so they mean this machine's loopback; an IPv6
    address goes in brackets."""
    if host in ("", "0.0.0.0"):  # noqa: S104 - recognising the wildcard, not binding to it
        return "127.0.0.1"
    if host == "::":
        return "[::1]"
    if ":" in host and not host.startswith("["):
        return f"[{host}]"
    return host


@lru_cache
def get_settings() -> Settings:
    return Settings()
