"""The combined regex in front of detect-secrets' regex plugins changes no finding.

Checked two ways on every file of the corpus, the sample projects and a generated benchmark
project: line by line (a line the gate keeps away from a plugin gives that plugin nothing), and
file by file (the detector with the gate reports exactly what it reports without it, in order).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from tests.scan.corpus_build import materialise, project_names
from tests.scan.projects import BUILDERS
from wizard.core.evidence.scan.detector import SecretDetector
from wizard.core.evidence.scan.files import list_project_files
from wizard.core.evidence.scan.prefilter import RegexGate

_BENCH = Path(__file__).resolve().parents[2] / "bench" / "bench_scan.py"


def _roots(tmp_path: Path) -> list[Path]:
    roots = [materialise(name, tmp_path / "corpus").root for name in project_names()]
    roots += [
        build(tmp_path / "samples" / host, planted=True).root for host, build in BUILDERS.items()
    ]
    spec = importlib.util.spec_from_file_location("bench_scan", _BENCH)
    assert spec is not None and spec.loader is not None
    bench = sys.modules.setdefault("bench_scan", importlib.util.module_from_spec(spec))
    spec.loader.exec_module(bench)  # registered first: its dataclass looks itself up
    generated = tmp_path / "generated"
    generated.mkdir()
    bench.generate(generated, 600)
    return [*roots, generated]


def _texts(roots: list[Path]) -> list[tuple[str, str]]:
    return [
        (str(root / relative), (root / relative).read_text(encoding="utf-8", errors="replace"))
        for root in roots
        for relative in list_project_files(root).paths
    ]


def test_the_gate_holds_back_regex_plugins_and_only_them() -> None:
    with SecretDetector() as detector:
        gate = detector._gate
    names = {type(plugin).__name__ for plugin in gate.gated}
    assert "AWSKeyDetector" in names and "PrivateKeyDetector" in names
    kept = {type(plugin).__name__ for plugin in gate.always}
    assert {"KeywordDetector", "Base64HighEntropyString", "JwtTokenDetector"} <= kept
    assert gate.plugins_for("import os") == gate.always
    assert gate.plugins_for('key = "AKIAIOSFODNN7EXAMPLE"') == gate.all


def test_no_line_held_back_would_have_given_a_plugin_a_hit(tmp_path: Path) -> None:
    held_back = 0
    with SecretDetector() as detector:
        gate: RegexGate = detector._gate
        for filename, text in _texts(_roots(tmp_path)):
            for line in text.splitlines():
                allowed = gate.plugins_for(line)
                for plugin in gate.all:
                    if plugin in allowed:
                        continue
                    held_back += 1
                    assert not plugin.analyze_line(filename=filename, line=line), (filename, line)
    assert held_back > 10_000  # the gate did real work on this corpus


def test_findings_are_the_same_with_and_without_the_gate(tmp_path: Path) -> None:
    texts = _texts(_roots(tmp_path))
    with SecretDetector() as gated:
        with_gate = [gated.scan_text(name, text) for name, text in texts]
    with SecretDetector(prefilter=False) as plain:
        without = [plain.scan_text(name, text) for name, text in texts]
    assert with_gate == without
    assert sum(map(len, with_gate)) > 20  # the corpus holds real credentials
