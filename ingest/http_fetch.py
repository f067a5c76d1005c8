"""HTTP downloads that retry what is transient and skip what has not changed. No Dagster here.

Retried with exponential backoff: timeouts, refused or reset connections, 5xx. Never retried: 4xx, and a
machine that cannot resolve names or reach any network (offline), which will not heal in seconds.
This is the only retry layer: the Dagster step that calls it does not retry again.
Conditional: with the ETag / Last-Modified of the last fetch, a 304 means "unchanged".
"""

from __future__ import annotations

import errno
import http.client
import socket
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
_NO_ROUTE = {errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ENETDOWN}


def offline_reason(err: BaseException) -> str | None:
    """Why this machine cannot reach the network at all, or None when the error may be transient."""
    reason = getattr(err, "reason", err)
    if isinstance(reason, socket.gaierror):
        return f"the host name does not resolve ({reason.strerror or reason})"
    if isinstance(reason, OSError) and reason.errno in _NO_ROUTE:
        return f"no route to the network ({reason.strerror})"
    return None


def _request(
    url: str, etag: str | None, last_modified: str | None, secret_headers: dict[str, str]
) -> urllib.request.Request:
    headers = {"User-Agent": "capacity-atlas", **secret_headers}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return urllib.request.Request(url, headers=headers)


def download(
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    policy: RetryPolicy = RetryPolicy(),
    secret_headers: dict[str, str] | None = None,
) -> Download:
    """secret_headers (credentials) are sent and never put in a message or in what is returned."""
    try:
        return _download(url, etag, last_modified, policy, secret_headers or {})
    except DownloadError as err:
        raise DownloadError(_redacted(str(err), secret_headers or {}), err.retryable) from None


def _redacted(message: str, secret_headers: dict[str, str]) -> str:
    for secret in secret_headers.values():
        message = message.replace(secret, "[secret]")
    return message


def _download(
    url: str, etag: str | None, last_modified: str | None, policy: RetryPolicy, secret_headers: dict[str, str]
) -> Download:
    problem = ""
    for attempt in range(1, policy.attempts + 1):
        try:
            with urllib.request.urlopen(
                _request(url, etag, last_modified, secret_headers), timeout=policy.timeout_s
            ) as response:
                data = response.read()
                return Download(data, response.headers.get("ETag"), response.headers.get("Last-Modified"), attempt)
        except urllib.error.HTTPError as err:
            if err.code == 304:
                return Download(None, etag, last_modified, attempt)
            if err.code < 500:
                raise DownloadError(
                    f"{url} answered HTTP {err.code} {err.reason} (not retried)", retryable=False
                ) from None
            problem = f"HTTP {err.code} {err.reason}"
        except _TRANSIENT as err:
            if (offline := offline_reason(err)) is not None:
                raise DownloadError(
                    f"{url} cannot be reached: {offline}; is this machine offline? (not retried)", retryable=False
                ) from None
            problem = f"{type(err).__name__}: {getattr(err, 'reason', err)}"
        if attempt < policy.attempts:
            time.sleep(policy.first_delay_s * 2 ** (attempt - 1))
    raise DownloadError(f"{url} failed {policy.attempts} times, last with {problem}", retryable=True)
