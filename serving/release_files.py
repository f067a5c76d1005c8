"""What a release folder ($ATLAS_HOME/releases/<id>/) holds, each name written once: serving/releases.py writes
them; the change report, the report site, the publish asset and `make run` read them."""

from __future__ import annotations

DATA_DIR = "data"  # <mart>.parquet and <mart>.csv
DATAPACKAGE = "datapackage.json"  # Frictionless: each field's type, unit and description
STATE = "state.json"  # each feed's and mart's state, for the next release's alerts
CHANGES_JSON = "changes.json"  # the change report: rows added, removed and changed per mart, and the alerts
CHANGES_MD = "changes.md"  # the change report as an analyst reads it
