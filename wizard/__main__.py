"""``python -m wizard`` runs the same entry point as ``truthound-readiness``."""

from wizard.cli.main import main

raise SystemExit(main())
