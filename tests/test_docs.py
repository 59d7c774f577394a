"""The curl examples in docs/ run against the service and answer what the docs say: once
against a small fresh database (the test's fixture), once against the demo data that
`make run` loads, deriving every token and id the way each page tells its reader to."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from staykit import demo
from staykit.core.config import Settings
from staykit.domain.catalog.models import Amenity
from tests.factories import make_listing, make_user

DOCS = Path(__file__).resolve().parent.parent / "docs"
BLOCK = re.compile(r"```sh\n(.*?)```", re.S)
EXPECT = re.compile(r"#\s*->\s*(\d{3})")
# NAME=$(curl ... | jq -r PATH): a value the reader takes from an answer.
CAPTURE = re.compile(r"^([A-Z][A-Z0-9_]*)=\$\((curl .*?)\s*\|\s*jq -r ('[^']*'|\S+)\)$")
# NAME=value: a value the reader sets (or pastes, for the passwords `make run` printed).
ASSIGN = re.compile(r"^([A-Z][A-Z0-9_]*)=(.*)$")
# NAME=$(date ...): a date relative to today (GNU date), so examples never go stale.
DATE = re.compile(r"^\$\((date [^)]*)\)$")
JQ = shutil.which("jq")


@dataclass
class Call:
    """A curl command: an example (`# -> NNN` after it) or a set-up step (any 2xx)."""

    argv: list[str]
    expected: int | None = None
    capture: tuple[str, str] | None = None  # (variable, jq path)


@dataclass
class Assign:
    name: str
    value: str


def steps(page: Path) -> list[Call | Assign]:
    """Every shell step of a page, in reading order."""
    out: list[Call | Assign] = []
    for block in BLOCK.findall(page.read_text()):
        pending: Call | None = None
        for raw in block.replace("\\\n", " ").splitlines():
            line = raw.strip()
            if (m := EXPECT.match(line)) and pending is not None:
                pending.expected = int(m.group(1))
                out.append(pending)
                pending = None
                continue
            if pending is not None:
                out.append(pending)
                pending = None
            if m := CAPTURE.match(line):
                path = shlex.split(m.group(3))[0]
                pending = Call(shlex.split(m.group(2)), capture=(m.group(1), path))
            elif line.startswith("curl "):
                argv = shlex.split(line)
                # `curl ... | jq '...'`: the request is the curl; jq only shows its answer.
                pending = Call(argv[: argv.index("|")] if "|" in argv else argv)
            elif (m := ASSIGN.match(line)) and (d := DATE.match(m.group(2))):
                done = subprocess.run(shlex.split(d.group(1)), capture_output=True, text=True)
                assert done.returncode == 0, (page.name, line, done.stderr)
                out.append(Assign(m.group(1), done.stdout.strip()))
            elif m := ASSIGN.match(line):
                words = shlex.split(m.group(2))
                out.append(Assign(m.group(1), words[0] if words else ""))
        if pending is not None:
            out.append(pending)
    return out


def examples(page: Path) -> list[tuple[list[str], int]]:
    """(curl argv, expected status) for every `curl ...` followed by `# -> NNN`."""
    return [(s.argv, s.expected) for s in steps(page) if isinstance(s, Call) and s.expected]


def expand(s: str, env: dict[str, str]) -> str:
    return re.sub(r"\$(\w+)", lambda m: env[m.group(1)], s)


def to_request(argv: list[str], env: dict[str, str]) -> tuple[str, str, dict[str, str], str | None]:
    method, url, headers, data = "GET", "", {}, None
    args = iter(argv[1:])
    for arg in args:
        if arg == "-s":
            continue
        if arg == "-X":
            method = next(args)
        elif arg == "-H":
            name, _, value = next(args).partition(":")
            headers[name.strip()] = value.strip()
        elif arg in ("-d", "--data"):
            data = next(args)
            method = "POST" if method == "GET" else method
        else:
            url = arg
    body = expand(data, env) if data is not None else None  # -d '{"id": "'"$LISTING_ID"'"}'
    return method, expand(url, env), {k: expand(v, env) for k, v in headers.items()}, body


def jq(path: str, body: str) -> str:
    """`jq -r PATH` of an answer: jq itself when installed, else the plain paths
    (`.a.b[0].c`) that the pages use."""
    if JQ is not None:
        done = subprocess.run(
            [JQ, "-r", path], input=body, capture_output=True, text=True, timeout=10
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()
    value: Any = json.loads(body)
    for key, index in re.findall(r"\.(\w+)|\[(\d+)\]", path):
        value = value[key] if key else value[int(index)]
    return str(value)


async def run_page(page: Path, client: httpx.AsyncClient, given: dict[str, str]) -> None:
    """Run a page top to bottom as its reader would. `given` holds what the reader brings
    (BASE, the demo passwords) and wins over the page's placeholders for them."""
    env = dict(given)
    for step in steps(page):
        if isinstance(step, Assign):
            if step.name not in given:
                env[step.name] = expand(step.value, env)
            continue
        method, url, headers, data = to_request(step.argv, env)
        client.cookies.clear()  # each example authenticates only as written
        r = await client.request(method, url, headers=headers, content=data)
        where = f"{page.name}: {' '.join(step.argv)}\n-> {r.status_code} {r.text[:300]}"
        if step.expected is not None:
            assert r.status_code == step.expected, where
        else:
            assert r.is_success, where
        if step.capture is not None:
            name, path = step.capture
            env[name] = jq(path, r.text)
            assert env[name] not in ("", "null"), f"{where}\n{path} is empty"


PAGES = sorted(p for p in DOCS.glob("*.md") if examples(p))
# The demo users whose passwords the pages ask for (printed by `make run`).
PASSWORDS = {
    "ADMIN_PASSWORD": "admin@staykit.local",
    "HOST_PASSWORD": "host@staykit.local",
    "GUEST_PASSWORD": "guest@staykit.local",
    "SUPERADMIN_PASSWORD": "superadmin@staykit.local",
}
ROLES = {"admin@staykit.local": "admin", "superadmin@staykit.local": "superAdmin"}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
async def test_doc_examples_answer_as_documented(
    page: Path, client: httpx.AsyncClient, db: AsyncSession
) -> None:
    """A fresh database with what the pages need: the demo users they log in as, the
    listing they use (as the demo has it) and the amenity "Wifi"."""
    given = {"BASE": ""}
    people = {}
    for variable, email in PASSWORDS.items():
        role = ROLES.get(email, "user")
        people[email] = await make_user(db, email=email, role=role)
        given[variable] = people[email].password
    await make_listing(db, people["host@staykit.local"], title=demo.DOCS_LISTING["title"])
    db.add(Amenity(name="Wifi", icon_url="/icons/wifi.svg"))
    await db.commit()
    assert examples(page), f"{page.name} has no runnable examples"
    await run_page(page, client, given)


async def test_doc_examples_work_against_the_demo_data(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    """What `make run` serves: the demo data, and a reader who follows every page in
    turn, with the passwords `make run` printed and nothing else."""
    creds = {c.email: c.password for c in await demo.load(db, settings)}
    await db.commit()
    given = {"BASE": ""} | {variable: creds[email] for variable, email in PASSWORDS.items()}
    for page in PAGES:
        await run_page(page, client, given)


def test_every_page_says_how_to_get_each_variable_it_uses() -> None:
    """Each variable an example uses is set on the page (or is a demo password), before
    its first use."""
    for page in PAGES:
        known = {"BASE", *PASSWORDS}
        for step in steps(page):
            if isinstance(step, Assign):
                used = set(re.findall(r"\$(\w+)", step.value))
                assert used <= known, (page.name, step.name, used - known)
                known.add(step.name)
                continue
            used = set(re.findall(r"\$(\w+)", " ".join(step.argv)))
            assert used <= known, (page.name, " ".join(step.argv), used - known)
            if step.capture is not None:
                known.add(step.capture[0])
        text = page.read_text()
        assert "make run" in text[: text.index("```sh")], f"{page.name}: say it near the top"
