"""Materialise the sample projects of ``tests/scan/corpus/`` into a temporary folder.

The projects are checked in with every credential written as ``${CORPUS_NAME}``: an env
reference, which no secret scanner (this project's hook included) takes for a credential, so
the repository itself stays clean. At test time each marker is replaced by a value derived
from its name (a SHA-256 digest shaped like the real thing: an AWS key, a Fernet key, a Slack
token), and the bulky parts that only matter for skipping (a real virtualenv, a
package-lock.json, node_modules, a large seed file) are generated. Expected findings live in
each project's ``expected.toml`` as (rule, file, line).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

from tests.scan.projects_base import git_init

CORPUS = Path(__file__).parent / "corpus"
_MARKER = re.compile(r"\$\{CORPUS_([A-Z0-9_]+)\}")
_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


def _digest(name: str, size: int = 64) -> bytes:
    out = b""
    counter = 0
    while len(out) < size:
        out += hashlib.sha256(f"{name}:{counter}".encode()).digest()
        counter += 1
    return out[:size]


def _alnum(name: str, length: int) -> str:
    return "".join(_ALNUM[byte % len(_ALNUM)] for byte in _digest(name, length))


def corpus_value(name: str) -> str:
    """The credential a marker stands for: deterministic, shaped like the real thing."""
    if name == "PEM_BEGIN":
        return "-----BEGIN " + "PRIVATE KEY-----"
    if name == "PEM_END":
        return "-----END " + "PRIVATE KEY-----"
    if name == "FERNET_KEY":
        return base64.urlsafe_b64encode(_digest(name, 32)).decode()
    if name.endswith("AWS_ACCESS_KEY_ID"):
        return "AKIA" + "".join(c for c in _alnum(name, 64).upper() if c.isalnum())[:16]
    if name.endswith("AWS_SECRET_ACCESS_KEY"):
        return base64.b64encode(_digest(name, 30)).decode()
    if name == "SLACK_TOKEN":
        return (
            "xoxb-"
            + "-".join(str(int.from_bytes(_digest(name, 5), "big")) for _ in "ab")
            + ("-" + _alnum(name, 24))
        )
    # Passwords people type: words, digits and a dash, not random enough for entropy plugins.
    if name.endswith(("PASSWORD", "PASS", "DEFAULT", "SECRET")):
        return "Orders" + name.title().replace("_", "")[:6] + "-" + _alnum(name, 4) + "7"
    return _alnum(name, 32)


@dataclass
class Materialised:
    root: Path
    expected: list[tuple[str, str, int]]
    hosts: list[str]
    values: list[str]


def project_names() -> list[str]:
    return sorted(path.parent.name for path in CORPUS.glob("*/expected.toml"))


def materialise(name: str, into: Path) -> Materialised:
    source = CORPUS / name
    root = into / name
    values: list[str] = []
    for path in sorted(source.rglob("*")):
        if path.is_dir() or path.name == "expected.toml":
            continue
        target = root / path.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        text = path.read_text(encoding="utf-8")

        def replace(match: re.Match[str]) -> str:
            value = corpus_value(match.group(1))
            values.append(value)
            return value

        target.write_text(_MARKER.sub(replace, text), encoding="utf-8")
    spec = tomllib.loads((source / "expected.toml").read_text(encoding="utf-8"))
    for extra in spec.get("generated", []):
        values += _GENERATORS[extra](root)
    git_init(root)
    # Committed by mistake, as in the projects this imitates: force-add what .gitignore skips.
    subprocess.run(["git", "-C", str(root), "add", "-f", "-A"], check=True)
    expected = [(item["rule"], item["file"], int(item["line"])) for item in spec["findings"]]
    return Materialised(root, expected, list(spec["hosts"]), values)


def _seed_csv(root: Path) -> list[str]:
    rows = ["id,first_name,last_name,signup_token"]
    rows += [f"{i},Name{i},Last{i % 97},{_alnum(f'seed{i}', 24)}" for i in range(1, 6001)]
    (root / "seeds").mkdir(exist_ok=True)
    (root / "seeds" / "raw_customers.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return []


def _virtualenv(root: Path) -> list[str]:
    # A real venv (no pip, to stay fast), with a vendored module holding a credential.
    env = root / "orders-env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True)
    site = next(env.glob("lib/python*/site-packages"))
    value = corpus_value("VENDORED_PASSWORD")
    (site / "vendored_client.py").write_text(
        f'DSN = "postgresql://svc:{value}@db/x"\nAPI_TOKEN = "{_alnum("vendored", 32)}"\n',
        encoding="utf-8",
    )
    for link in env.rglob("*"):
        if link.is_symlink():
            link.unlink()  # interpreters are symlinks; git would store them as links anyway
    return [value]


def _package_lock(root: Path) -> list[str]:
    packages = {
        f"node_modules/pkg-{i}": {
            "version": f"1.{i}.0",
            "resolved": f"https://registry.npmjs.org/pkg-{i}/-/pkg-{i}-1.{i}.0.tgz",
            "integrity": "sha512-" + base64.b64encode(_digest(f"lock{i}", 64)).decode(),
        }
        for i in range(120)
    }
    lock = {"name": "orders-dashboard", "lockfileVersion": 3, "packages": packages}
    (root / "web" / "package-lock.json").write_text(json.dumps(lock, indent=2), encoding="utf-8")
    return []


def _node_modules(root: Path) -> list[str]:
    module = root / "web" / "node_modules" / "left-pad"
    module.mkdir(parents=True)
    value = _alnum("node-token", 40)
    (module / "index.js").write_text(f'const token = "{value}";\n', encoding="utf-8")
    return [value]


_GENERATORS = {
    "seed_csv": _seed_csv,
    "virtualenv": _virtualenv,
    "package_lock": _package_lock,
    "node_modules": _node_modules,
}


def remove(root: Path) -> None:
    shutil.rmtree(root, ignore_errors=True)
