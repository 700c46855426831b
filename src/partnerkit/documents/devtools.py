"""A Chromium driven through its DevTools protocol over a pipe (`--remote-debugging-pipe`).

The browser reads commands on its file descriptor 3 and writes replies and events on
4, each message one JSON object ended by a NUL byte (what Puppeteer and Playwright
use). No port is opened, so nothing else on the machine can talk to the browser.
The browser runs in its own process group, ended as a whole however partnerkit
stops (Chromium's helper processes would otherwise outlive it).
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

Message = dict[str, Any]


class BrowserGone(Exception):
    """The browser closed its end of the pipe (it exited or crashed)."""


class CallFailed(Exception):
    """The browser answered a command with an error."""


class Browser:
    """One running browser and its pipe; `call` sends a command and waits for its reply."""

    def __init__(self, command: list[str], log: Path) -> None:
        to_child = os.pipe()  # the browser reads commands here (its fd 3)
        from_child = os.pipe()  # and writes replies here (its fd 4)
        # The pipes arrive as the shell's standard input and output; it moves them to
        # 3 and 4 and becomes the browser. No Python runs between fork and exec
        # (`preexec_fn` is unsafe beside other threads).
        place = 'exec "$@" 3<&0 4>&1 </dev/null >/dev/null'
        try:
            with open(log, "wb") as errors:
                self.process = subprocess.Popen(
                    ["/bin/sh", "-c", place, "sh", *command],
                    stdin=to_child[0],
                    stdout=from_child[1],
                    stderr=errors,
                    start_new_session=True,
                )
        finally:
            os.close(to_child[0])
            os.close(from_child[1])
        self._send_fd, self._recv_fd = to_child[1], from_child[0]
        self._buffer = b""
        self._next_id = 0
        self._lock = threading.Lock()  # one writer at a time
        self._arrived = threading.Condition()  # a message was read (or the reader stopped)
        self._reading = False
        self._gone = False
        self._replies: dict[int, Message] = {}
        self.events: list[Message] = []

    def call(
        self, method: str, params: Message | None = None, *, session: str = "", timeout: float
    ) -> Message:
        """Send one command and return its result (threads may call at once)."""
        with self._lock:
            self._next_id += 1
            ident = self._next_id
            message: Message = {"id": ident, "method": method, "params": params or {}}
            if session:
                message["sessionId"] = session
            payload = json.dumps(message).encode("utf-8") + b"\0"
            try:
                while payload:
                    payload = payload[os.write(self._send_fd, payload) :]
            except BrokenPipeError:
                raise BrowserGone from None
        reply = self._await(lambda: self._replies.pop(ident, None), time.monotonic() + timeout)
        if "error" in reply:
            raise CallFailed(str(reply["error"].get("message", reply["error"])))
        result: Message = reply.get("result", {})
        return result

    def forget(self, session: str) -> None:
        """Drop the events of `session` received so far."""
        with self._arrived:
            self.events = [e for e in self.events if e.get("sessionId") != session]

    def wait_for(self, event: str, *, session: str, timeout: float) -> Message:
        """The next `event` of `session` (one already received counts)."""

        def find() -> Message | None:
            for index, seen in enumerate(self.events):
                if seen.get("method") == event and seen.get("sessionId") == session:
                    del self.events[index]
                    params: Message = seen.get("params", {})
                    return params
            return None

        return self._await(find, time.monotonic() + timeout)

    def _await(self, find: Callable[[], Message | None], deadline: float) -> Message:
        """What `find` looks for, reading the pipe while no other thread is reading it."""
        while True:
            with self._arrived:
                while (found := find()) is None:
                    if self._gone:
                        raise BrowserGone
                    if not self._reading:
                        self._reading = True
                        break
                    if not self._arrived.wait(max(0.0, deadline - time.monotonic())):
                        raise TimeoutError
                else:
                    return found
            try:
                message = self._receive(deadline)
            except BaseException as exc:
                with self._arrived:
                    self._reading = False
                    self._gone = self._gone or isinstance(exc, BrowserGone)
                    self._arrived.notify_all()
                raise
            with self._arrived:
                self._reading = False
                if "id" in message:
                    self._replies[message["id"]] = message
                elif "method" in message:
                    self.events.append(message)
                self._arrived.notify_all()

    def _receive(self, deadline: float) -> Message:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            ready, _, _ = select.select([self._recv_fd], [], [], left)
            if not ready:
                continue
            chunk = os.read(self._recv_fd, 1 << 20)
            if not chunk:
                raise BrowserGone
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: Message = json.loads(raw)
        return message

    def kill(self) -> None:
        """End the browser and every process it started, at once."""
        with contextlib.suppress(OSError):
            os.killpg(self.process.pid, signal.SIGKILL)

    def close(self, *, graceful: bool = True) -> None:
        """End the browser and every process it started; wait until they are gone.

        `graceful` asks the browser to close first; after Ctrl-C or an error it is
        killed at once, with its helpers.
        """
        if graceful:
            with contextlib.suppress(Exception):
                self.call("Browser.close", timeout=5)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=5)
        self.kill()  # helpers, or a browser that hung
        self.process.wait()
        for fd in (self._send_fd, self._recv_fd):
            with contextlib.suppress(OSError):
                os.close(fd)
