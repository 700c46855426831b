"""Limits on what a template may do, for Jinja and Word templates alike.

A team's templates come from a pull request. Jinja's immutable sandbox refuses unsafe
attributes and calls, but not work or size: nested loops run until killed, a template can
write a document of a gigabyte, `range(10**9)` and `"a" * 10**10` fail inside Python, and
a Pydantic model's own API (`model_dump_json(indent=10**8)`) reaches Rust code that
aborts the process. `LimitedSandbox` adds, through the sandbox's own hooks (`call`,
`call_binop`, `is_safe_attribute`, `range`, and the template class that renders):

- a memory limit (`MAX_MEMORY` more than the process had, on Linux);
- a time limit (`MAX_SECONDS`) per rendering, checked at every call, attribute, loop step
  of `range` and piece of output, and by a timer for loops that do none of these;
- an output limit (`MAX_CHARS`), checked as the output is made, and before a string or
  list is repeated, padded or filled in beyond it;
- no Pydantic API on the partnership's models (their fields and our properties stay).

Each limit is a `TemplateLimit`, a template error that names the template's line.
"""

from __future__ import annotations

import contextlib
import re
import signal
import threading
import time
from collections.abc import Iterator
from typing import Any

from jinja2 import Template, TemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from pydantic import BaseModel

MAX_SECONDS = 30.0
MAX_CHARS = 50 * 1024 * 1024  # characters of one document (the built-ins write far less)
MAX_RANGE = 100_000  # numbers in one range(), as Jinja's own sandbox allows
MAX_POWER_BITS = 100_000  # an integer from `**` of at most this many bits
MAX_MEMORY = 1024**3  # bytes a rendering may add to the process


class TemplateLimit(TemplateError):
    """A template went past a limit: too long, too large, or a refused operation."""


_deadline = threading.local()


def check_time() -> None:
    """Raise `TemplateLimit` once the current rendering is past its time limit."""
    until = getattr(_deadline, "until", None)
    if until is not None and time.monotonic() > until:
        raise TemplateLimit(_too_long())


def _too_long() -> str:
    return f"the template ran for more than {MAX_SECONDS:g} s (a loop that does not end?)"


@contextlib.contextmanager
def time_limit() -> Iterator[None]:
    """The rendering's deadline and memory; on the main thread also a timer for loops
    with no hooks. Memory past the limit (a string doubled in a loop) is a MemoryError,
    which `LimitedTemplate` reports as a limit."""
    outer = getattr(_deadline, "until", None)
    _deadline.until = time.monotonic() + MAX_SECONDS if outer is None else outer
    timer = outer is None and threading.current_thread() is threading.main_thread()
    timer = timer and hasattr(signal, "setitimer")
    if timer:

        def expired(signum: int, frame: object) -> None:
            raise TemplateLimit(_too_long())

        before = signal.signal(signal.SIGALRM, expired)
        signal.setitimer(signal.ITIMER_REAL, MAX_SECONDS + 0.5)
    memory = _memory_limit() if outer is None else contextlib.nullcontext()
    try:
        with memory:
            yield
    finally:
        if timer:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, before)
        _deadline.until = outer


@contextlib.contextmanager
def _memory_limit() -> Iterator[None]:
    """At most MAX_MEMORY more address space while a template renders (Linux: the
    process's size from /proc, the soft RLIMIT_AS put back afterwards)."""
    try:
        import resource

        with open("/proc/self/statm", "rb") as statm:
            size = int(statm.read().split()[0]) * resource.getpagesize()
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    except (ImportError, OSError, ValueError, IndexError):
        yield  # no such limit here: the time and size limits still hold
        return
    wanted = size + MAX_MEMORY
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft <= wanted:
        yield  # already as tight
        return
    resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _too_large(size: int) -> TemplateLimit:
    return TemplateLimit(
        f"the template would write {size:,} characters; a document may have at most "
        f"{MAX_CHARS:,}"
    )


class LimitedTemplate(Template):
    """A template whose rendering stops at the time and output limits."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        parts: list[str] = []
        size = 0
        try:
            with time_limit():
                for part in self.generate(*args, **kwargs):
                    size += len(part)
                    if size > MAX_CHARS:
                        raise _too_large(size)
                    check_time()
                    parts.append(part)
        except MemoryError:
            parts.clear()
            raise TemplateLimit(
                f"the template needs more than {MAX_MEMORY // 1048576:,} MB of memory"
            ) from None
        return "".join(parts)


class _Range:
    """`range()` for templates: at most MAX_RANGE numbers, each step within the time."""

    def __init__(self, *args: int) -> None:
        self._range = range(*args)
        if len(self._range) > MAX_RANGE:
            raise TemplateLimit(
                f"range() of {len(self._range):,} numbers; a template may use at most "
                f"{MAX_RANGE:,}"
            )

    def __iter__(self) -> Iterator[int]:
        for n in self._range:
            check_time()
            yield n

    def __len__(self) -> int:
        return len(self._range)

    def __getitem__(self, index: Any) -> Any:
        return self._range[index]

    def __contains__(self, value: object) -> bool:
        return value in self._range

    def __reversed__(self) -> Iterator[int]:
        return reversed(self._range)


_MODEL_API = frozenset(dir(BaseModel))
_PADDING = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs"})
_LONG_NUMBER = re.compile(r"\d{8,}")


def _size(value: Any) -> int | None:
    return len(value) if isinstance(value, str | bytes | list | tuple) else None


def _repeat(seq: Any, times: Any) -> None:
    size = _size(seq)
    if size is not None and isinstance(times, int) and size * times > MAX_CHARS:
        raise _too_large(size * times)


def _numbers(*args: Any, **kwargs: Any) -> Iterator[int]:
    for value in (*args, *kwargs.values()):
        if isinstance(value, int):
            yield value
        elif isinstance(value, tuple | list):
            yield from (v for v in value if isinstance(v, int))


def _format(template: str, *args: Any, **kwargs: Any) -> None:
    """Refuse a `%` or `{}` format whose widths would write past the output limit."""
    if _LONG_NUMBER.search(template) or any(n > MAX_CHARS for n in _numbers(*args, **kwargs)):
        raise TemplateLimit(f"a format width over {MAX_CHARS:,} characters")


class LimitedSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with time and size limits (see the module's docstring)."""

    intercepted_binops = frozenset({"*", "**", "%"})
    template_class = LimitedTemplate

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.globals["range"] = _Range
        for name in ("center", "indent", "format", "replace"):
            self.filters[name] = _limited_filter(self.filters[name])

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if isinstance(obj, BaseModel) and attr in _MODEL_API:
            return False  # model_dump_json(indent=10**8) aborts the process
        return super().is_safe_attribute(obj, attr, value)

    def getattr(self, obj: Any, attribute: str) -> Any:
        check_time()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        check_time()
        return super().getitem(obj, argument)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        check_time()
        if operator == "*":
            _repeat(left, right)
            _repeat(right, left)
        elif operator == "**" and isinstance(left, int) and isinstance(right, int):
            if abs(left) > 1 and right * abs(left).bit_length() > MAX_POWER_BITS:
                raise TemplateLimit(f"{left} ** {right} is too large a number")
        elif operator == "%" and isinstance(left, str):
            _format(left, right)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        check_time()
        target = getattr(__obj, "__wrapped__", __obj)  # str.format, as the sandbox wraps it
        owner, name = getattr(target, "__self__", None), getattr(target, "__name__", "")
        if isinstance(owner, str) and name in ("format", "format_map"):
            _format(owner, *args, **kwargs)
        elif _size(owner) is not None and name in _PADDING:
            if any(n > MAX_CHARS for n in _numbers(*args, **kwargs)):
                raise _too_large(max(_numbers(*args, **kwargs)))
        elif isinstance(owner, str) and name == "replace" and len(args) >= 2:
            _replaced(owner, *args[:2])
        return super().call(__context, __obj, *args, **kwargs)


def _replaced(text: str, old: Any, new: Any) -> None:
    if isinstance(old, str) and isinstance(new, str) and len(new) > len(old):
        count = text.count(old) if old else len(text) + 1
        if len(text) + count * (len(new) - len(old)) > MAX_CHARS:
            raise _too_large(len(text) + count * (len(new) - len(old)))


def _limited_filter(plain: Any) -> Any:
    """A filter whose arguments are checked first: padding and formats within the limit."""
    import functools

    @functools.wraps(plain)
    def limited(*args: Any, **kwargs: Any) -> Any:
        check_time()
        name = plain.__name__
        if name in ("do_center", "do_indent"):
            widths = [n for n in _numbers(*args[1:], **kwargs)]
            if any(n > MAX_CHARS for n in widths):
                raise _too_large(max(widths))
        elif name == "do_format" and args and isinstance(args[0], str):
            _format(args[0], *args[1:], **kwargs)
        elif name == "do_replace" and len(args) >= 4:
            _replaced(str(args[1]), args[2], args[3])
        return plain(*args, **kwargs)

    return limited
