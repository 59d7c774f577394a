"""The `staykit` command: serve | worker | migrate | demo | create-admin | client | token |
rotate-keys | files | backup | restore."""

from __future__ import annotations

import asyncio
import functools
import getpass
import sys
from collections.abc import Awaitable, Callable
from typing import Any

import typer

from staykit import cli_backup
from staykit.core.config import Settings, get_settings
from staykit.core.database import migrate, start_database
from staykit.core.db import Databases, create_engine, make_sessionmaker, unit_of_work
from staykit.core.logging import configure

cli = typer.Typer(
    help="staykit: short-term rental marketplace and PMS integration platform.",
    no_args_is_help=True,
    add_completion=False,
)
cli_backup.register(cli)  # backup | restore


def _setup(**overrides: Any) -> tuple[Settings, str, Any]:
    """Settings (command-line values win over STAYKIT_* variables), logging, database."""
    given = {k: v for k, v in overrides.items() if v is not None}
    settings = Settings(**given) if given else get_settings()
    configure(settings.log_level, json_lines=not settings.is_development)
    url, embedded = start_database(settings)
    return settings, url, embedded


def _migrate(url: str, revision: str = "head") -> None:
    """Migrations run on PostgreSQL itself (STAYKIT_DIRECT_DATABASE_URL when set): Alembic
    holds one connection for a long while and takes locks PgBouncer should not share."""
    migrate(Databases.of(get_settings(), url).direct, revision)


def _with_session(url: str, fn: Callable[[Any], Awaitable[Any]]) -> Any:
    async def run() -> Any:
        engine = create_engine(url, pool_size=2, pgbouncer=get_settings().database_pgbouncer)
        try:
            async with unit_of_work(make_sessionmaker(engine)) as session:
                return await fn(session)
        finally:
            await engine.dispose()

    return asyncio.run(run())


def _print_credentials(
    creds: list[Any],
    heading: str = "Demo users (shown once; `staykit demo --reset-passwords` makes new ones):",
) -> None:
    if not creds:
        return
    typer.echo(f"\n{heading}")
    for c in creds:
        typer.echo(f"  {c.role:<11} {c.email:<28} {c.password}")
    typer.echo("")


def _print_access(access: Any) -> None:
    """The demo users' passwords, then the demo OAuth client's id and secret (once)."""
    _print_credentials(access.users)
    client = access.client
    if client is None:
        return
    typer.echo(
        f'Demo OAuth client "{client.name}" (secret shown once; '
        "`staykit client create` registers another):"
    )
    typer.echo(f"  client_id      {client.client_id}")
    typer.echo(f"  client_secret  {client.secret}")
    typer.echo(f"  redirect URIs  {' '.join(client.redirect_uris)}")
    typer.echo("")


@cli.command()
def serve(
    host: str | None = typer.Option(None, help="default STAYKIT_HOST"),
    port: int | None = typer.Option(None, help="default STAYKIT_PORT"),
    demo: bool = typer.Option(False, "--demo", help="load demo data if the database is empty"),
    worker: bool = typer.Option(True, "--worker/--no-worker", help="run a job worker in-process"),
    workers: int = typer.Option(
        1,
        "--workers",
        min=1,
        help="HTTP processes sharing the port (uvicorn's workers); with more than one, the "
        "job worker runs as one `staykit worker` process beside them",
    ),
) -> None:
    """Start the service (embedded PostgreSQL unless STAYKIT_DATABASE_URL is set)."""
    import uvicorn

    from staykit import demo as demo_data
    from staykit.app import create_app

    # The public base URL (avatar and email links) follows --host/--port when it is unset.
    settings, url, embedded = _setup(host=host, port=port)
    run_jobs = worker and settings.run_worker
    try:
        _migrate(url)
        if demo:
            _print_access(_with_session(url, lambda s: demo_data.load_access(s, settings)))
        options: dict[str, Any] = {
            "proxy_headers": True,
            "forwarded_allow_ips": settings.forwarded_allow_ips,
            "host": settings.host,
            "port": settings.port,
            # uvicorn's own start-up lines are DEBUG detail; the listening line is ours.
            "log_level": "debug" if settings.log_level.upper() == "DEBUG" else "warning",
            "access_log": False,
        }
        if workers > 1:
            _serve_processes(settings, url, workers, run_jobs, options)
            return
        app = create_app(settings, database_url=url, run_worker_in_process=run_jobs)
        _serve_and_announce(uvicorn.Config(app, **options), settings.listen_url)
    finally:
        if embedded is not None:
            embedded.stop()


def served_app() -> Any:
    """The application of each `serve --workers N` process (a uvicorn factory: the
    processes are spawned, so they build it from the STAYKIT_* variables the parent set).
    No job worker inside: the parent runs one `staykit worker` for all of them."""
    from staykit.app import create_app

    settings = get_settings()
    configure(settings.log_level, json_lines=not settings.is_development)
    return create_app(settings, database_url=settings.database_url, run_worker_in_process=False)


def _serve_processes(
    settings: Settings, url: str, workers: int, run_jobs: bool, options: dict[str, Any]
) -> None:
    """`serve --workers N`: uvicorn's supervisor runs N processes on one socket (and
    restarts one that dies). Jobs run in one `staykit worker` process beside them rather
    than in one of the N, which uvicorn does not tell apart, and rather than in all N,
    which would multiply the job connections by N for nothing."""
    import os
    import subprocess
    import threading

    import httpx
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    # What the spawned processes read: the database found here (the embedded server's
    # socket URL included) and the address given on the command line.
    os.environ.update(
        STAYKIT_DATABASE_URL=url, STAYKIT_HOST=settings.host, STAYKIT_PORT=str(settings.port)
    )
    config = uvicorn.Config(
        "staykit.cli:served_app",
        factory=True,
        workers=workers,
        # Live streams (SSE) never end by themselves: stop waiting for them after this.
        timeout_graceful_shutdown=5,
        # A process still importing on a busy machine is not a dead one (uvicorn's 5 s
        # would restart it in a loop).
        timeout_worker_healthcheck=30,
        **options,
    )
    jobs = subprocess.Popen([sys.executable, "-m", "staykit", "worker"]) if run_jobs else None

    def announce() -> None:  # once a process answers, as the single-process server does
        for _ in range(600):
            try:
                httpx.get(f"{settings.listen_url}/health", timeout=1)
            except httpx.HTTPError:
                threading.Event().wait(0.1)
                continue
            typer.echo(f"staykit is listening on {settings.listen_url} ({workers} processes)")
            return

    threading.Thread(target=announce, daemon=True).start()
    try:
        Multiprocess(config, sockets=[config.bind_socket()]).run()
    except KeyboardInterrupt:
        pass
    finally:
        if jobs is not None:
            jobs.terminate()
            try:
                jobs.wait(timeout=30)
            except subprocess.TimeoutExpired:
                jobs.kill()


def _serve_and_announce(config: Any, listen_url: str) -> None:
    """Run uvicorn's server, which says once where it listens as soon as its sockets
    accept connections (after the application's start-up, so the URL answers at once)."""
    import uvicorn

    from staykit.app import end_live_streams

    class Server(uvicorn.Server):
        async def startup(self, sockets: Any = None) -> None:
            await super().startup(sockets)
            if self.started:
                typer.echo(f"staykit is listening on {listen_url}")

        async def shutdown(self, sockets: Any = None) -> None:
            end_live_streams()  # before uvicorn waits for open responses to finish
            await super().shutdown(sockets)

    Server(config).run()


@cli.command("worker")
def worker_cmd(
    concurrency: int = typer.Option(4, help="jobs run at once"),
    queue: list[str] = typer.Option(
        [],
        "--queue",
        help="run only this queue's jobs (repeatable; default every queue), e.g. a worker "
        "of its own for `payments` (webhook events) beside one for the rest",
    ),
) -> None:
    """Run a job worker until stopped."""
    from staykit.app import service_documents
    from staykit.core.runtime import Runtime, set_runtime
    from staykit.domain.agents.service import provide_documents
    from staykit.jobs.app import run_worker

    settings, url, embedded = _setup()
    provide_documents(service_documents(settings))  # the tool catalog job reads them

    async def run() -> None:
        databases = Databases.of(settings, url)
        engine = create_engine(url, pool_size=concurrency, pgbouncer=databases.pgbouncer)
        set_runtime(Runtime(settings, engine, make_sessionmaker(engine), url))
        try:
            # procrastinate's own connections (it LISTENs for new jobs) go to PostgreSQL
            # itself; the jobs' queries use the engine above, through PgBouncer if any.
            await run_worker(databases.direct, wait=True, concurrency=concurrency, queues=queue)
        finally:
            await engine.dispose()

    try:
        asyncio.run(run())
    except KeyboardInterrupt:
        pass
    finally:
        if embedded is not None:
            embedded.stop()


@cli.command("migrate")
def migrate_cmd(revision: str = typer.Argument("head")) -> None:
    """Apply database migrations."""
    _, url, embedded = _setup()
    try:
        _migrate(url, revision)
        typer.echo(f"database at {revision}")
    finally:
        if embedded is not None:
            embedded.stop()


@cli.command()
def demo(
    reset_passwords: bool = typer.Option(
        False,
        "--reset-passwords",
        help="give the demo users new passwords and print them again (ends their sessions)",
    ),
) -> None:
    """Load demo data into an empty database, or give the demo users new passwords."""
    from staykit import demo as demo_data

    settings, url, embedded = _setup()
    try:
        _migrate(url)
        if reset_passwords:
            creds = _with_session(url, demo_data.reset_passwords)
            if not creds:
                typer.echo("no demo users in this database; `staykit demo` loads them", err=True)
                raise typer.Exit(1)
            _print_credentials(
                creds, heading="Demo users (new passwords; the old ones no longer work):"
            )
            return
        access = _with_session(url, lambda s: demo_data.load_access(s, settings))
        _print_access(access) if access.users else typer.echo(
            "database already has users; nothing loaded "
            "(`staykit demo --reset-passwords` prints the demo users with new passwords)"
        )
    finally:
        if embedded is not None:
            embedded.stop()


@cli.command("create-admin")
def create_admin(
    email: str = typer.Option(..., help="login email"),
    fullname: str = typer.Option("Administrator"),
    role: str = typer.Option("superAdmin", help="superAdmin or admin"),
    password: str | None = typer.Option(None, help="read from the terminal when omitted"),
) -> None:
    """Create (or promote) an admin account."""
    from staykit.domain.auth.admin import ensure_admin

    if role not in ("superAdmin", "admin"):
        raise typer.BadParameter("role must be superAdmin or admin")
    if password is None:
        password = (
            getpass.getpass("password: ") if sys.stdin.isatty() else sys.stdin.readline().strip()
        )
    settings, url, embedded = _setup()
    try:
        _migrate(url)
        created, stored = _with_session(
            url,
            lambda s: ensure_admin(
                s, settings, email=email, fullname=fullname, role=role, password=password
            ),
        )
        typer.echo(("created " if created else "updated ") + f"{role} {stored}")
    except Exception as exc:
        from staykit.core.errors import DomainError

        if isinstance(exc, DomainError):
            typer.echo(f"error: {exc.message}", err=True)
            raise typer.Exit(2) from None
        raise
    finally:
        if embedded is not None:
            embedded.stop()


# --- partner credentials: OAuth clients and Cloud API tenant tokens ------------------------

client_cli = typer.Typer(help="OAuth clients (partner applications).", no_args_is_help=True)
token_cli = typer.Typer(help="Cloud API tenant tokens.", no_args_is_help=True)
cli.add_typer(client_cli, name="client")
cli.add_typer(token_cli, name="token")


def _operate(fn: Callable[[Any], Awaitable[Any]]) -> Any:
    """Run one domain call in a transaction; a domain error is one line on stderr and exit
    code 2 (bad input), never a traceback."""
    import structlog

    from staykit.core.errors import DomainError

    _, url, embedded = _setup()
    # The audit lines (token created, grant revoked) go to stderr: stdout is the answer a
    # script reads, the secret on its last line.
    structlog.configure(logger_factory=structlog.PrintLoggerFactory(sys.stderr))
    try:
        _migrate(url)
        return _with_session(url, fn)
    except DomainError as exc:
        typer.echo(f"error: {exc.message}", err=True)
        raise typer.Exit(2) from None
    finally:
        if embedded is not None:
            embedded.stop()


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


@client_cli.command("create")
def client_create(
    name: str = typer.Option(..., help="the application's name, shown on the consent page"),
    redirect_uri: list[str] = typer.Option(
        ..., "--redirect-uri", help="an exact redirect URI (repeat for several)"
    ),
    scopes: str = typer.Option(
        ..., help='space-separated scope names the client may request, or "all"'
    ),
) -> None:
    """Register an OAuth client; its secret is printed once, alone on the last line."""
    from staykit.domain.partners import clients, grants

    async def create(session: Any) -> tuple[Any, str]:
        names = grants.scopes_from_text(scopes)
        return await clients.create_client(
            session, name=name, redirect_uris=redirect_uri, scopes=names
        )

    client, secret = _operate(create)
    typer.echo(f"client_id {client.client_id}")
    typer.echo(f"name {client.name}")
    typer.echo("redirect_uris " + " ".join(client.redirect_uris))
    typer.echo("scopes " + " ".join(client.scopes))
    typer.echo("client secret (shown once; only its hash is stored):")
    typer.echo(secret)


@client_cli.command("list")
def client_list() -> None:
    """The active OAuth clients, one per line: id, name, redirect URIs, scopes (no secret)."""
    from staykit.domain.partners import clients

    for client in _operate(clients.list_clients):
        typer.echo(
            "\t".join(
                (
                    client.client_id,
                    client.name,
                    " ".join(client.redirect_uris),
                    " ".join(client.scopes),
                )
            )
        )


@token_cli.command("create")
def token_create(
    business: str = typer.Option(
        ..., help="a business id, or the email of a user who manages exactly one business"
    ),
    scopes: str = typer.Option(..., help='space-separated scope names, or "all"'),
    label: str | None = typer.Option(None, help="a note naming what the token is for"),
) -> None:
    """Make a Cloud API tenant token for one business, as the person who hands it out;
    the value is printed once, alone on the last line."""
    from staykit.domain.partners import grants

    if label is not None and not 1 <= len(label.strip()) <= 200:
        _fail("--label takes 1-200 characters.")

    async def create(session: Any) -> tuple[Any, Any, str]:
        business_id, person = await grants.business_for(session, business)
        names = grants.scopes_from_text(scopes)
        grant, value = await grants.create_tenant_token(
            session, person, business_id, names, label=label.strip() if label else None
        )
        return grant, person, value

    grant, person, value = _operate(create)
    typer.echo(f"grant {grant.id}")
    typer.echo(f"business {grant.business_ids[0]} (granted by {person.email})")
    typer.echo("scopes " + " ".join(grant.scopes))
    typer.echo("token (shown once; only its hash is stored):")
    typer.echo(value)


@token_cli.command("revoke")
def token_revoke(
    token: str = typer.Argument(..., help="the token's value, or the grant id printed with it"),
) -> None:
    """Revoke a token (its whole grant) now."""
    from staykit.domain.partners import grants

    grant, was_active = _operate(lambda s: grants.revoke_token_or_grant(s, token))
    typer.echo(
        f"revoked grant {grant.id}" if was_active else f"grant {grant.id} was already revoked"
    )


@cli.command("rotate-keys")
def rotate_keys() -> None:
    """Add a new token-signing key; tokens signed by older keys stay valid until they expire."""
    from staykit.domain.auth.keys import rotate

    settings, url, embedded = _setup()
    try:
        _migrate(url)
        key = _with_session(url, lambda s: rotate(s, settings.access_token_ttl_seconds))
        typer.echo(f"new signing key {key.kid}")
    finally:
        if embedded is not None:
            embedded.stop()


files_cli = typer.Typer(help="Stored files (docs/storage.md).", no_args_is_help=True)
cli.add_typer(files_cli, name="files")


@files_cli.command("move-to-store")
def files_move_to_store(
    batch: int = typer.Option(100, min=1, help="rows per transaction"),
) -> None:
    """Copy the file bytes rows still hold in PostgreSQL (from before migration 0031) to
    the configured file store, then clear them from the rows. Safe to run again."""
    from staykit.domain.stored_files import KINDS, move_batch

    settings, url, embedded = _setup()
    try:
        migrate(url)
        for kind in KINDS:
            moved = 0
            one_batch = functools.partial(move_batch, settings=settings, kind=kind, limit=batch)
            while n := _with_session(url, one_batch):
                moved += n
            typer.echo(f"{kind.name}: {moved} moved")
    finally:
        if embedded is not None:
            embedded.stop()


def main() -> None:
    cli()


# --- Channel API credentials: invite codes and long-life tokens -------------------------------

invite_cli = typer.Typer(help="Channel API invite codes.", no_args_is_help=True)
longlife_cli = typer.Typer(help="Channel API long-life (read-only) tokens.", no_args_is_help=True)
cli.add_typer(invite_cli, name="invite")
cli.add_typer(longlife_cli, name="longlife")

BUSINESS_HELP = "a business id, or the email of a user who manages exactly one business"


def _channel_scopes(text: str, *, read_only: bool = False) -> list[str]:
    """Space-separated scope names; `all` is every Channel API category (read-only: read)."""
    from staykit.domain.partners.channel import CATEGORIES

    if text.strip() == "all":
        return [f"{'read' if read_only else 'all'}:{c}" for c in CATEGORIES]
    return text.replace(",", " ").split()


def _issue_channel_credential(
    business: str, make: Callable[[Any, Any, Any], Awaitable[tuple[Any, str]]]
) -> tuple[Any, str]:
    """Run `make(session, principal, business_id)` as the business's owner, committed."""
    from staykit.core.errors import DomainError
    from staykit.domain.partners import grants

    async def run(session: Any) -> tuple[Any, str]:
        business_id, principal = await grants.business_for(session, business)
        _, value = await make(session, principal, business_id)
        return business_id, value

    _, url, embedded = _setup()
    try:
        _migrate(url)
        result: tuple[Any, str] = _with_session(url, run)
        return result
    except DomainError as exc:
        where = f" ({exc.field})" if exc.field else ""
        typer.echo(f"error{where}: {exc.message}", err=True)
        raise typer.Exit(2) from None
    finally:
        if embedded is not None:
            embedded.stop()


@invite_cli.command("create")
def invite_create(
    business: str = typer.Option(..., "--business", help=BUSINESS_HELP),
    scopes: str = typer.Option(
        ..., "--scopes", help='e.g. "read:bookings all:inventory", or "all"'
    ),
    ip: list[str] = typer.Option([], "--ip", help="whitelisted IP or network (repeatable)"),
    allow_linked: bool = typer.Option(False, "--allow-linked", help="allow linked properties"),
) -> None:
    """Create an invite code (single use, valid 24 hours); the code is the last line."""
    from staykit.domain.partners import channel

    names = _channel_scopes(scopes)
    business_id, code = _issue_channel_credential(
        business,
        lambda s, p, b: channel.create_invite(
            s, p, b, names, ip_whitelist=ip, allow_linked=allow_linked
        ),
    )
    typer.echo(
        f"invite code for business {business_id}: exchange it once within 24 hours with "
        "GET /v2/authentication/setup (header code); it is shown only now:"
    )
    typer.echo(code)


@longlife_cli.command("create")
def longlife_create(
    business: str = typer.Option(..., "--business", help=BUSINESS_HELP),
    scopes: str = typer.Option(..., "--scopes", help='read scopes, e.g. "read:bookings", or "all"'),
    ip: list[str] = typer.Option([], "--ip", help="whitelisted IP or network (repeatable)"),
    label: str | None = typer.Option(None, "--label", help="a name to recognise it by"),
) -> None:
    """Create a read-only long-life token (dies after 90 days unused); the token is the
    last line."""
    from staykit.domain.partners import channel

    names = _channel_scopes(scopes, read_only=True)
    business_id, token = _issue_channel_credential(
        business,
        lambda s, p, b: channel.create_long_life_token(
            s, p, b, names, ip_whitelist=ip, label=label
        ),
    )
    typer.echo(
        f"long-life token for business {business_id} (read-only; send it in the token "
        "header; it is shown only now):"
    )
    typer.echo(token)
