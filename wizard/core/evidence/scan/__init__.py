"""Scan of the pipeline project folder: hosts, embedded credentials and settings evidence.

Plain functions over files on disk; no front end, no network. See docs/scan.md for the rules.
The names below are imported when first used (PEP 562): importing a light submodule such as
``scan.files`` must not load detect-secrets, requests and YAML through this package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard.core.lazy import lazy_attributes

if TYPE_CHECKING:
    from wizard.core.evidence.scan.layout import layout_mismatch
    from wizard.core.evidence.scan.project import scan_project, summarise_for_items

_LAZY = {
    "layout_mismatch": "wizard.core.evidence.scan.layout",
    "scan_project": "wizard.core.evidence.scan.project",
    "summarise_for_items": "wizard.core.evidence.scan.project",
}

__getattr__ = lazy_attributes(__name__, _LAZY)


__all__ = ["layout_mismatch", "scan_project", "summarise_for_items"]
