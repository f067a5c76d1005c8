"""HTTP downloads that retry what is transient and skip what has not changed. No Dagster here.

Retried with exponential backoff: timeouts, refused or reset connections, 5xx. Never retried: 4xx.
Conditional: with the ETag / Last-Modified of the last fetch, a 304 means "unchanged".
"""

from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.request
from dataclasses import dataclass


class DownloadError(RuntimeError):
    def __init__(self, message: str, retryable: bool):
        super().__init__(message)
        self.retryable = retryable


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 4
    first_delay_s: float = 1.0  # then 2, 4 ... seconds
    timeout_s: float = 60.0


@dataclass(frozen=True)
class Download:
    data: bytes | None  # None when the server said 304 Not Modified
    etag: str | None
    last_modified: str | None
    attempts: int

    @property
    def unchanged(self) -> bool:
        return self.data is None


_TRANSIENT = (urllib.error.URLError, TimeoutError, ConnectionError, http.client.HTTPException)


def _request(url: str, etag: str | None, last_modified: str | None) -> urllib.request.Request:
    headers = {"User-Agent": "capacity-atlas"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return urllib.request.Request(url, headers=headers)


def download(
    url: str, *, etag: str | None = None, last_modified: str | None = None, policy: RetryPolicy = RetryPolicy()
) -> Download:
    problem = ""
    for attempt in range(1, policy.attempts + 1):
        try:
            with urllib.request.urlopen(_request(url, etag, last_modified), timeout=policy.timeout_s) as response:
                data = response.read()
                return Download(data, response.headers.get("ETag"), response.headers.get("Last-Modified"), attempt)
        except urllib.error.HTTPError as err:
            if err.code == 304:
                return Download(None, etag, last_modified, attempt)
            if err.code < 500:
                raise DownloadError(f"{url} answered HTTP {err.code} {err.reason} (not retried)", retryable=False) from None
            problem = f"HTTP {err.code} {err.reason}"
        except _TRANSIENT as err:
            problem = f"{type(err).__name__}: {getattr(err, 'reason', err)}"
        if attempt < policy.attempts:
            time.sleep(policy.first_delay_s * 2 ** (attempt - 1))
    raise DownloadError(f"{url} failed {policy.attempts} times, last with {problem}", retryable=True)
