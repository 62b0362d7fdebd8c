"""The one placeholder and example policy every credential rule shares.

A value that a template, a reference or a documentation page puts where a credential would go
holds no credential: reporting it teaches people to ignore the scan. Each rule (detect-secrets'
plugins, the host rules, the env-file rules) hands its candidate value here, and so does the
final filter in ``secrets.py``, so the policy is written once. docs/scan.md lists it.
"""

from __future__ import annotations

import re

# Words templates and docs write instead of a credential (compared case-insensitively, after
# brackets, quotes and separators are normalised to "_").
PLACEHOLDER_WORDS = frozenset(
    {
        "password",
        "passwd",
        "pass",
        "pw",
        "pwd",
        "secret",
        "token",
        "api_key",
        "apikey",
        "key",
        "changeme",
        "change_me",
        "changeit",
        "redacted",
        "placeholder",
        "example",
        "sample",
        "dummy",
        "fake",
        "test",
        "todo",
        "tbd",
        "none",
        "null",
        "nil",
        "undefined",
        "true",
        "false",
        "user",
        "username",
        "value",
        "string",
        "str",
        "secret_key",
        "access_key",
        "private_key",
        "client_secret",
    }
)
_EMPTY = frozenset({"", "~", "***", "****", "...", "…"})
# ${VAR}, ${VAR:-x}, $VAR, %(name)s, env:VAR, {name} (str.format), [name] / <name> (docs)
_REFERENCE = re.compile(
    r"^(\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*|%\([A-Za-z_]\w*\)s|env:[A-Za-z_]\w*|"
    r"\{[A-Za-z_][\w.]*\}|\[[^\]]*\]|<[^>]*>)$"
)
# Templating that resolves at run time: Jinja / Pebble {{ ... }}, {% ... %}, Go {{ . }}.
_TEMPLATE = re.compile(r"\{\{.*\}\}|\{%.*%\}", re.DOTALL)
# Masks and filler: x / * / # / 0 runs (xxx, ****, XXXX-XXXX), ellipses.
_FILLER = re.compile(r"^[xX*#.\-_0]{3,}$")
# "YOUR-OPENAI-API-KEY", "your_password", "my-secret", "<insert token here>", "...-HERE"
_PROMPT = re.compile(
    r"(?i)(^|[^a-z])(your|my)[-_ ]|^(insert|enter|put|replace|add)[-_ ]|[-_ ](here|goes_here)$"
)
# A dotted attribute path or call names where the value comes from: settings.DB_PASSWORD,
# os.environ["X"], self.config.token, Variable.get(...)
_CODE_REFERENCE = re.compile(r"^[A-Za-z_]\w*(\.[A-Za-z_]\w*)+(\(.*\)|\[.*\])?$|^\w+\(.*\)$")
_WORD_SPLIT = re.compile(r"[^a-z0-9]+")
# Example / template files document which values exist; their values are meant to be fake.
_EXAMPLE_NAME = re.compile(r"(?i)(^|[._\-])(example|sample|template|dist|defaults?)([._\-]|$)")


def normalise(value: str) -> str:
    """Lower case, quotes and brackets gone, separators as ``_``: ``"API-Key"`` -> ``api_key``."""
    return _WORD_SPLIT.sub("_", value.strip().strip("'\"").lower()).strip("_")


def is_placeholder_value(value: str, *, key: str | None = None) -> bool:
    """Whether ``value`` (under ``key``, when known) is a placeholder rather than a credential.

    Placeholders: empty, YAML null, masks and filler, env references (``${X}``, ``$X``),
    templating (``{{ ... }}``), bracketed names (``<token>``, ``[password]``), code references
    (``settings.DB_PASSWORD``), placeholder words (``password``, ``changeme``), prompts
    (``YOUR-API-KEY``, ``your_password``), prose (three or more plain words), and a value that
    only repeats its key (``ALGOLIA_API_KEY: api_key``).
    """
    stripped = value.strip().strip("'\"").strip()
    if stripped in _EMPTY or _FILLER.match(stripped):
        return True
    if _REFERENCE.match(stripped) or _TEMPLATE.search(stripped) or "${" in stripped:
        return True
    if _CODE_REFERENCE.match(stripped):
        return True
    words = normalise(stripped)
    if not words or words in PLACEHOLDER_WORDS or _PROMPT.search(stripped):
        return True
    if _is_prose(stripped):
        return True
    return key is not None and (_repeats_key(words, key) or _names_identifier(key))


# Keys that hold identifiers and digests (project_uuid, checksum, integrity): random-looking by
# design, and no credential unless the key also names one (AWS_ACCESS_KEY_ID does).
_IDENTIFIER_KEY = re.compile(r"(?i)(uuid|guid|_id|^id|checksum|digest|integrity|sha\d*|hash)$")
_CREDENTIAL_WORD = re.compile(r"(?i)passw|secret|token|api_?key|access_?key|private|credential")


def _names_identifier(key: str) -> bool:
    return bool(_IDENTIFIER_KEY.search(key)) and not _CREDENTIAL_WORD.search(key)


def _is_prose(value: str) -> bool:
    # Descriptions such as "session_token (used for Redshift)": plain words, no token in them.
    parts = value.split()
    if len(parts) < 3:
        return False
    return all(re.fullmatch(r"[(\[]?[A-Za-z][A-Za-z_'\-]*[)\].,:;]?", part) for part in parts)


def _repeats_key(words: str, key: str) -> bool:
    # ALGOLIA_API_KEY: api_key, REDSHIFT_TEMP_CRED_PASSWORD: temp_password: every word of the
    # value is a word of its key, so the value only names what belongs there.
    key_words = set(normalise(key).split("_"))
    return len(words) >= 3 and set(words.split("_")) <= key_words


_KEY_BLOCK = re.compile(r"-----BEGIN[A-Z ]*PRIVATE KEY-----(?P<body>.*?)-----END", re.DOTALL)
_MIN_KEY_BODY = 40


def is_placeholder_key_block(text: str) -> bool:
    """A PEM private key whose body is a prompt (``your_private_key``) or too short to be a
    key: templates write the markers around a placeholder so the shape is clear."""
    match = _KEY_BLOCK.search(text.replace("\\n", "\n"))
    if match is None:
        return False
    body = re.sub(r"[\s\\]|\\n", "", match.group("body"))
    return len(body) < _MIN_KEY_BODY or bool(_PROMPT.search(match.group("body")))


def is_example_file(path: str) -> bool:
    """``.env.example``, ``config.sample.yaml``, ``settings-template.ini``: fake by intent."""
    return bool(_EXAMPLE_NAME.search(path.rsplit("/", 1)[-1]))
