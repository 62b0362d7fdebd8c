"""Scan of the pipeline project folder: hosts, embedded credentials and settings evidence.

Plain functions over files on disk; no front end, no network. See docs/scan.md for the rules.
"""

from wizard.core.evidence.scan.layout import layout_mismatch
from wizard.core.evidence.scan.project import scan_project, summarise_for_items

__all__ = ["layout_mismatch", "scan_project", "summarise_for_items"]
