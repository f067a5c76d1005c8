"""Downloads against a real HTTP server on 127.0.0.1: retries, timeouts, 4xx, conditional requests."""

from __future__ import annotations

import dataclasses
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from data_contracts.feeds import feed_by_name
from ingest.http_fetch import RetryPolicy
from ingest.landing import FeedFetchError, land
from ingest.settings import AtlasSettings
from tests.helpers.feeds import real_bytes

FAST = RetryPolicy(attempts=3, first_delay_s=0.05, timeout_s=0.5)
EMBER = "ember__country_overview_yearly"


class Script:
    """What the server answers, per path: a list of (status, body, etag) consumed one per request."""

    def __init__(self):
        self.answers: dict[str, list[tuple[int, bytes, str | None]]] = {}
        self.requests: list[tuple[str, str | None]] = []
        self.stall_s = 0.0


def handler_for(script: Script):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            script.requests.append((self.path, self.headers.get("If-None-Match")))
            if self.path == "/stall.csv":
                time.sleep(script.stall_s)
            answers = script.answers[self.path]
            status, body, etag = answers.pop(0) if len(answers) > 1 else answers[0]
            if etag and self.headers.get("If-None-Match") == etag:
                status, body = 304, b""
            self.send_response(status)
            if etag:
                self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    return Handler


@pytest.fixture
def server():
    script = Script()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(script))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield script, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def feed_at(url: str):
    return dataclasses.replace(feed_by_name(EMBER), url=url)


def settings(tmp_path) -> AtlasSettings:
    return AtlasSettings(home=tmp_path / "home", mirror=None)


def test_500_then_200_is_retried_and_lands(server, tmp_path):
    script, base = server
    script.answers["/flaky.csv"] = [(500, b"oops", None), (200, real_bytes(EMBER), None)]
    landed = land(feed_at(f"{base}/flaky.csv"), settings(tmp_path), FAST)
    assert [path for path, _ in script.requests] == ["/flaky.csv", "/flaky.csv"]
    assert landed.size_bytes == len(real_bytes(EMBER))


def test_a_stalled_server_times_out_after_every_attempt(server, tmp_path):
    script, base = server
    script.stall_s = 2.0
    script.answers["/stall.csv"] = [(200, b"late", None)]
    with pytest.raises(FeedFetchError) as raised:
        land(feed_at(f"{base}/stall.csv"), settings(tmp_path), FAST)
    assert f"download of {base}/stall.csv failed 3 times, last with TimeoutError" in str(raised.value)
    assert raised.value.retryable
    assert len(script.requests) == 3


def test_404_is_not_retried(server, tmp_path):
    script, base = server
    script.answers["/missing.csv"] = [(404, b"not here", None)]
    with pytest.raises(FeedFetchError) as raised:
        land(feed_at(f"{base}/missing.csv"), settings(tmp_path), FAST)
    assert str(raised.value).startswith(
        f"feed '{EMBER}': download of {base}/missing.csv answered HTTP 404 Not Found (not retried)"
    )
    assert "ATLAS_MIRROR=" in str(raised.value)
    assert not raised.value.retryable
    assert len(script.requests) == 1


def test_unchanged_file_is_skipped_and_a_changed_one_lands_beside_it(server, tmp_path):
    script, base = server
    first_body = real_bytes(EMBER)
    script.answers["/ember.csv"] = [(200, first_body, '"v1"')]
    feed, where = feed_at(f"{base}/ember.csv"), settings(tmp_path)

    first = land(feed, where, FAST)
    again = land(feed, where, FAST)
    assert script.requests[-1] == ("/ember.csv", '"v1"')
    assert again.unchanged and again.sha256 == first.sha256

    changed_body = first_body.replace(b"4272.81", b"4272.99")
    script.answers["/ember.csv"] = [(200, changed_body, '"v2"')]
    changed = land(feed, where, FAST)
    assert not changed.unchanged and changed.sha256 != first.sha256 and changed.etag == '"v2"'
    kept = sorted(p.name for p in (where.landing_dir / EMBER).glob("*.csv"))
    assert kept == sorted([f"{first.sha256}.csv", f"{changed.sha256}.csv"])


def test_a_host_that_does_not_resolve_fails_at_once_and_names_the_feed(tmp_path):
    # '.invalid' never resolves (RFC 2606): what every feed sees on a machine with no name resolution
    with pytest.raises(FeedFetchError) as raised:
        land(
            feed_at("http://atlas-offline.invalid/ember.csv"),
            settings(tmp_path),
            RetryPolicy(attempts=4, first_delay_s=30),
        )
    message = str(raised.value)
    assert message.startswith(f"feed '{EMBER}': download of http://atlas-offline.invalid/ember.csv cannot be reached:")
    assert "the host name does not resolve" in message and "is this machine offline? (not retried)" in message
    assert "ATLAS_MIRROR=/path/to/reference_data" in message
    assert not raised.value.retryable  # a 30 s backoff would have made this test take 3.5 minutes
