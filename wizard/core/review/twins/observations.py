"""The pydantic twins of the probe and scan results, made from the records themselves.

Each class of ``wizard.core.review.observations`` gets a twin of the same name here, generated
by ``wizard.core.plain_twins`` from the record's fields: nothing of them is written twice. These
records need no validators beyond their types.
"""

from __future__ import annotations

import wizard.core.review.observations  # noqa: F401 (registers the records this module twins)
from wizard.core.plain_twins import build_twins

globals().update(build_twins(__name__))
