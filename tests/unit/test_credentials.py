"""A feed whose live source needs an API key: the key comes from the environment only, is sent, and is written
nowhere: not in the landing record, the asset's metadata, Dagster's event log, an error message or the warehouse
folder. A real HTTP server on 127.0.0.1 refuses requests without it; a real Dagster materialisation lands it."""

from __future__ import annotations

import dataclasses
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import dagster as dg
import pytest

from data_contracts.feeds import Credential, feed_by_name
from ingest.landing import FeedFetchError, land
from ingest.settings import AtlasSettings
from orchestration.feed_assets import build_landing_asset
from orchestration.resources import AtlasResource
from tests.helpers.feeds import real_bytes

EMBER = "ember__country_overview_yearly"
KEY = "atlas-test-key-7f3c9d2e51"
ENV = "ATLAS_TEST_EMBER_API_KEY"


@pytest.fixture
def keyed_server():
    body = real_bytes(EMBER)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            ok = self.headers.get("X-Api-Key") == KEY
            payload = body if ok else b"missing or wrong key"
            self.send_response(200 if ok else 403)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/ember.csv"
    httpd.shutdown()
    httpd.server_close()


def keyed_feed(url: str):
    return dataclasses.replace(feed_by_name(EMBER), url=url, credential=Credential(env=ENV, header="X-Api-Key"))


def files_holding(folder: Path, secret: str) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and secret.encode() in p.read_bytes()]


def test_the_key_is_sent_and_written_nowhere_by_a_real_materialisation(keyed_server, tmp_path, monkeypatch):
    monkeypatch.setenv(ENV, KEY)
    monkeypatch.delenv("ATLAS_MIRROR", raising=False)  # the live path, as on a user's machine
    home = tmp_path / "home"
    instance = dg.DagsterInstance.ephemeral()
    result = dg.materialize(
        [build_landing_asset(keyed_feed(keyed_server))],
        resources={"atlas": AtlasResource(home=str(home))},
        instance=instance,
    )
    assert result.success
    (materialisation,) = result.asset_materializations_for_node(f"landing__{EMBER}")
    assert materialisation.metadata["source"].value == keyed_server  # the URL, with no key in it
    assert materialisation.metadata["size_bytes"].value == len(real_bytes(EMBER))
    logged = "\n".join(str(record) for record in instance.all_logs(result.run_id))
    assert KEY not in logged and KEY not in str(materialisation.metadata)
    assert files_holding(home, KEY) == []
    assert [p.suffix for p in (home / "landing" / EMBER).iterdir()].count(".csv") == 1


def test_a_missing_key_is_named_and_a_refused_one_never_echoed(keyed_server, tmp_path, monkeypatch):
    settings = AtlasSettings(home=tmp_path / "home", mirror=None)
    monkeypatch.delenv(ENV, raising=False)
    with pytest.raises(FeedFetchError) as missing:
        land(keyed_feed(keyed_server), settings)
    assert str(missing.value).startswith(f"feed '{EMBER}': its live source needs a credential: set ${ENV}")
    monkeypatch.setenv(ENV, "wrong-" + KEY)
    with pytest.raises(FeedFetchError) as refused:
        land(keyed_feed(keyed_server), settings)
    assert "answered HTTP 403 Forbidden (not retried)" in str(refused.value)
    assert KEY not in str(refused.value)
    assert not (tmp_path / "home").exists() or files_holding(tmp_path / "home", KEY) == []
