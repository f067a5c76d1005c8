"""Headless Chromium (Debian's package) driven over the DevTools protocol: every request, console message and
exception a page causes is recorded, so a test can prove that nothing left the local files and nothing failed."""

from __future__ import annotations

import base64
import contextlib
import json
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

from websockets.sync.client import connect

from data_contracts.paths import TEST_ARTIFACTS_DIR

TIMEOUT_S = 60  # every wait is bounded
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")
ARTIFACTS = TEST_ARTIFACTS_DIR  # screenshots a reviewer can open
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Browser(contextlib.AbstractContextManager):
    """`with Browser(profile) as browser:` starts Chromium and connects to its page; leaving closes both."""

    def __init__(self, profile: Path):
        self.profile = profile
        self.next_id = 0
        self.events: list[dict] = []

    def __enter__(self) -> Browser:
        self._stack = contextlib.ExitStack()
        binary = shutil.which("chromium")
        assert binary, "chromium is missing: `make test` installs it (apt-get install chromium)"
        port = free_port()
        self.process = subprocess.Popen(
            [
                binary,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={self.profile}",
                f"--remote-debugging-port={port}",
                "--remote-allow-origins=*",
                "--hide-scrollbars",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self._stack.callback(self._stop)
        try:
            self.ws = self._stack.enter_context(connect(self._page_socket(port), max_size=None, open_timeout=TIMEOUT_S))
            for domain in ("Page", "Network", "Runtime", "Log"):
                self.send(f"{domain}.enable")
        except BaseException:
            self._stack.close()  # never leave a Chromium behind
            raise
        return self

    def _page_socket(self, port: int) -> str:
        deadline = time.monotonic() + TIMEOUT_S
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=2) as answer:
                    pages = [t for t in json.load(answer) if t["type"] == "page"]
                if pages:
                    return pages[0]["webSocketDebuggerUrl"]
            except OSError:
                pass
            time.sleep(0.2)
        raise TimeoutError("chromium's DevTools endpoint did not answer within a minute")

    def __exit__(self, *exc) -> None:
        self._stack.close()

    def _stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)

    def send(self, method: str, params: dict | None = None) -> dict:
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params or {}}))
        deadline = time.monotonic() + TIMEOUT_S
        while True:
            message = json.loads(self.ws.recv(timeout=max(0.1, deadline - time.monotonic())))
            if message.get("id") == self.next_id:
                assert "error" not in message, f"{method}: {message['error']}"
                return message.get("result", {})
            self.events.append(message)

    def _wait_for(self, predicate) -> None:
        deadline = time.monotonic() + TIMEOUT_S
        while time.monotonic() < deadline:
            if predicate():
                return
            time.sleep(0.1)
        raise TimeoutError("page did not get there within a minute")

    def evaluate(self, expression: str):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        assert "exceptionDetails" not in result, result["exceptionDetails"]
        return result["result"].get("value")

    def open(self, path: Path, width: int = 1280) -> dict:
        """Loads a page and waits until each chart has rendered (or failed); returns what the page caused."""
        self.events.clear()
        self.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600},
        )
        self.send("Page.navigate", {"url": path.resolve().as_uri()})
        self._wait_for(
            lambda: self.evaluate(
                "document.readyState === 'complete' && [...document.querySelectorAll('div.chart')].every(e => e.dataset.rendered)"
            )
        )
        self.send("Runtime.evaluate", {"expression": "1"})  # flush the events the page sent meanwhile
        return {"requests": self._requests(), "errors": self._errors()}

    def _requests(self) -> list[str]:
        return [e["params"]["request"]["url"] for e in self.events if e.get("method") == "Network.requestWillBeSent"]

    def _errors(self) -> list[str]:
        errors = []
        for e in self.events:
            method, params = e.get("method"), e.get("params", {})
            if method == "Runtime.consoleAPICalled" and params["type"] in ("error", "assert"):
                errors.append(" ".join(str(a.get("value", a.get("description"))) for a in params["args"]))
            elif method == "Runtime.exceptionThrown":
                errors.append(
                    params["exceptionDetails"].get("exception", {}).get("description")
                    or params["exceptionDetails"]["text"]
                )
            elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
                errors.append(
                    f"{params['entry']['source']}: {params['entry']['text']} {params['entry'].get('url', '')}"
                )
        return errors

    def screenshot(self, target: Path, width: int = 1280, max_height: int = 4000) -> Path:
        height = min(max_height, int(self.evaluate("document.documentElement.scrollHeight")))
        self.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
        )
        time.sleep(0.5)  # let a chart sized to its container redraw at the new size
        data = self.send("Page.captureScreenshot", {"format": "png"})["data"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(base64.b64decode(data))
        return target
