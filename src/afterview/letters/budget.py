"""The budget a letter template renders on: steps, characters, nesting and number sizes (Qt-free).

Python cannot stop a thread, so a timer could not end a runaway render. Instead each loop
round, call and filter counts as a step, and every operation that can make a large value
(``*``, ``~``, ``join``, ``replace``, format widths, ...) has its result's size worked out
*before* it runs. :mod:`afterview.letters.sandbox` wires these checks into Jinja2.
"""

from __future__ import annotations

import contextvars
import functools
import re
import string
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.runtime import markup_join, str_join
from jinja2.utils import Namespace

#: Loop rounds, calls and filter uses in one render. A built-in letter takes at most 13 (its
#: loops over paragraphs and people); 100,000 leaves any real user template thousands of times
#: that, yet the costliest way to use them all (100,000 macro calls) stops in about 0.9 s.
MAX_STEPS = 100_000
#: Characters (and list items) in any one value, and in everything one render writes. A
#: built-in letter writes under 1,000 (its text; the page adds its layout); a million is some
#: 300 printed pages, yet only a few MB of memory.
MAX_CHARS = 1_000_000
#: Nested macro and method calls. Letters nest three deep (page, layout, template); 50
#: leaves room for a user's macros and stays far inside Python's recursion limit.
MAX_DEPTH = 50
#: Bits in a number. 64-bit values (money, years, counts) pass; ``10**10**8`` does not,
#: since big-number arithmetic can take minutes on its own.
MAX_INT_BITS = 4096
#: A template file's size in bytes. The largest built-in one is about 1 KB.
MAX_SOURCE_BYTES = 256 * 1024

#: Characters and items all the calls and filters of one render may be handed, added up: a
#: step is not a unit of work (sorting 300,000 items is one filter use, and took 0.65 s, so
#: 100,000 of them would take hours). A built-in letter hands its filters a few thousand.
MAX_WORK = 2_000_000

TOO_LONG = f"more than {MAX_STEPS:,} loop rounds and calls"
TOO_MUCH_WORK = f"its calls and filters work through more than {MAX_WORK:,} characters or items"
TOO_LARGE = f"text or lists of more than {MAX_CHARS:,} characters"


class NotAllowed(SecurityError):
    """The template does something no letter needs: ``what`` completes "is not allowed to"."""

    def __init__(self, what: str, lineno: int | None = None, filename: str | None = None):
        super().__init__(what)
        self.what = what
        self.lineno = lineno
        self.filename = filename


class TooMuch(jinja2.TemplateError):
    """The render went over its budget: ``kind`` is "long" or "large", ``what`` says how."""

    def __init__(self, kind: str, what: str) -> None:
        super().__init__(f"too {kind}: {what}")
        self.kind = kind
        self.what = what


@dataclass
class Budget:
    """What one render has used so far."""

    steps: int = 0
    chars: int = 0
    depth: int = 0
    work: int = 0

    def step(self) -> None:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise TooMuch("long", TOO_LONG)

    def handle(self, size: int) -> None:
        """A call or filter was handed ``size`` characters or items (see :data:`MAX_WORK`)."""
        self.work += size
        if self.work > MAX_WORK:
            raise TooMuch("long", TOO_MUCH_WORK)

    def write(self, count: int) -> None:
        self.chars += count
        if self.chars > MAX_CHARS:
            raise TooMuch("large", f"it writes {TOO_LARGE}")


_BUDGET: contextvars.ContextVar[Budget | None] = contextvars.ContextVar("budget", default=None)


def current() -> Budget:
    # Outside a render (Jinja folds constants while compiling) a fresh budget applies: the
    # checks still hold, only the running totals start again.
    return _BUDGET.get() or Budget()


def render_chunks(chunks: Iterable[str]) -> str:
    """Join what a template (or a block) yields, on a fresh budget; TooMuch past it."""
    token = _BUDGET.set(Budget())
    try:
        parts: list[str] = []
        total = 0
        for chunk in chunks:
            total += len(chunk)
            if total > MAX_CHARS:
                raise TooMuch("large", f"it writes {TOO_LARGE}")
            parts.append(chunk)
        return "".join(parts)
    finally:
        _BUDGET.reset(token)


def text_size(value: Any, limit: int = MAX_CHARS) -> int:
    """About how many characters ``str(value)`` has, counted without building it.

    Strings count their length; lists, sets, dicts, their views and namespaces what they
    hold plus two per item (``[s] * 1000`` is 1,000 times ``s`` once printed). Stops
    counting past ``limit``.
    """
    total = 0
    stack = [value]
    while stack and total <= limit:
        item = stack.pop()
        if isinstance(item, str | bytes):
            total += len(item)
        elif isinstance(item, bool) or item is None:
            total += 5
        elif isinstance(item, int):
            total += item.bit_length() // 3 + 1
        elif isinstance(item, range):
            total += 20
        elif isinstance(item, Mapping):
            total += 2 * len(item)
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, Collection):  # lists, sets, and views such as dict.values()
            total += 2 * len(item)
            stack.extend(item)
        elif isinstance(item, Namespace):  # prints everything set on it
            stack.append(object.__getattribute__(item, "_Namespace__attrs"))
        else:
            total += 8  # a number or an object of ours: its printed form is short
    return total


def check_value(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        if value.bit_length() > MAX_INT_BITS:
            raise TooMuch("large", f"it makes a number of more than {MAX_INT_BITS:,} bits")
    elif text_size(value) > MAX_CHARS:
        raise TooMuch("large", f"it makes {TOO_LARGE}")
    return value


def check_args(args: Iterable[Any]) -> None:
    """Refuse arguments that are too large, and count what they hold as work done."""
    # A number sizes what a method or filter builds ("x".ljust(n), batch(n), range(n)).
    values = list(args)
    for arg in values:
        if isinstance(arg, int) and not isinstance(arg, bool) and abs(arg) > MAX_CHARS:
            raise TooMuch("large", f"it asks for {arg:,} of something; the limit is {MAX_CHARS:,}")
        check_value(arg)
    size = text_size(values)
    if size > MAX_CHARS:
        raise TooMuch("large", f"it works on {TOO_LARGE}")
    current().handle(size)


_PERCENT = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")


def check_percent_format(text: str) -> None:
    """Refuse a ``%`` format whose widths could make more than MAX_CHARS characters."""
    widths = 0
    for match in _PERCENT.finditer(text):
        for number in match.groups():
            if number == "*":
                raise NotAllowed("take a format's width from its arguments (%*d)")
            widths += int(number or 0)
    if widths > MAX_CHARS:
        raise TooMuch("large", f"its format widths add up to {TOO_LARGE}")


def check_brace_format(text: str) -> None:
    """Refuse a ``str.format`` string whose widths could make more than MAX_CHARS characters."""
    widths = 0
    for _literal, _field, spec, _conversion in string.Formatter().parse(text):
        if spec and "{" in spec:
            raise NotAllowed("take a format's width from its arguments ({:{}})")
        widths += sum(int(n) for n in re.findall(r"\d+", spec or ""))
    if widths > MAX_CHARS:
        raise TooMuch("large", f"its format widths add up to {TOO_LARGE}")


def check_growth(method: Any, args: tuple[Any, ...]) -> tuple[Any, ...]:
    """Refuse a ``str.join`` or ``str.replace`` that would make more than MAX_CHARS, first."""
    owner = getattr(method, "__self__", None)
    if not isinstance(owner, str):
        return args
    name = getattr(method, "__name__", "")
    if name == "join" and args:
        items = list(args[0])  # a loop or filter made it, so it is within MAX_STEPS
        size = len(owner) * max(len(items) - 1, 0) + text_size(items)
        if size > MAX_CHARS:
            raise TooMuch("large", f"it joins {TOO_LARGE}")
        return (items, *args[1:])
    if name == "replace" and len(args) >= 2:
        _replace_size(owner, args[0], args[1], args[2] if len(args) > 2 else -1)
    return args


def _replace_size(text: Any, old: Any, new: Any, count: Any) -> None:
    if not (isinstance(text, str) and isinstance(old, str) and isinstance(new, str)):
        return
    found = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    if len(text) + found * (len(new) - len(old)) > MAX_CHARS:
        raise TooMuch("large", f"it replaces into {TOO_LARGE}")


def capped_range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_STEPS:
        raise TooMuch("long", f"range() of {len(numbers):,} numbers is {TOO_LONG}")
    return numbers


def counted(iterable: Any) -> Iterator[Any]:
    spent = current()
    for item in iterable:
        spent.step()
        yield item


@jinja2.pass_eval_context
def checked_concat(eval_ctx: jinja2.nodes.EvalContext, *parts: Any) -> str:
    """The ``~`` operator, with its result's size known before it is built."""
    if text_size(list(parts)) > MAX_CHARS:
        raise TooMuch("large", f"it joins {TOO_LARGE}")
    return markup_join(parts) if eval_ctx.autoescape else str_join(parts)


def concat(parts: Iterable[str]) -> str:
    # What a macro, a loop or a {% set %} block writes, summed before it is joined.
    items = list(parts)
    if sum(len(item) for item in items) > MAX_CHARS:
        raise TooMuch("large", f"it writes {TOO_LARGE}")
    return "".join(items)


def finalize(value: Any) -> Any:
    """Every ``{{ }}`` passes here: its printed size counts against the budget first."""
    current().write(text_size(value))
    if isinstance(value, str) or hasattr(value, "__html__"):
        return value
    return str(value)


_RUNTIME = (jinja2.nodes.EvalContext, jinja2.Environment, jinja2.runtime.Context)


def _filter_precheck(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    """Refuse a filter use whose result would pass MAX_CHARS, before it runs; the
    arguments to call it with (``join`` gets its items as a list, counted once)."""
    lead = 0
    while lead < len(args) and isinstance(args[lead], _RUNTIME):
        lead += 1
    values = list(args[lead:])
    if name == "format" and values and isinstance(values[0], str):
        check_percent_format(values[0])
    elif name == "join" and values:
        if not isinstance(values[0], list | tuple | str | dict):
            values[0] = list(counted(values[0]))
        separator = values[1] if len(values) > 1 else kwargs.get("d", "")
        if isinstance(values[0], list | tuple) and isinstance(separator, str):
            size = len(separator) * max(len(values[0]) - 1, 0) + text_size(values[0])
            if size > MAX_CHARS:
                raise TooMuch("large", f"it joins {TOO_LARGE}")
    elif name == "replace" and len(values) >= 3:
        count = values[3] if len(values) > 3 else kwargs.get("count", -1)
        _replace_size(values[0], values[1], values[2], -1 if count is None else count)
    elif name == "indent" and values and isinstance(values[0], str):
        width = values[1] if len(values) > 1 else kwargs.get("width", 4)
        per_line = len(width) if isinstance(width, str) else int(width)
        if len(values[0]) + (values[0].count("\n") + 1) * per_line > MAX_CHARS:
            raise TooMuch("large", f"it indents into {TOO_LARGE}")
    elif name == "wordwrap" and values and isinstance(values[0], str):
        wrap = kwargs.get("wrapstring") or (values[4] if len(values) > 4 else None) or "\n"
        if len(values[0]) * (1 + len(str(wrap))) > MAX_CHARS:
            raise TooMuch("large", f"it wraps into {TOO_LARGE}")
    return (*args[:lead], *values)


def guarded_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that counts as a step and checks its arguments and result."""

    @functools.wraps(func)  # keeps jinja_pass_arg (pass_context and the like)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        current().step()
        args = _filter_precheck(name, args, kwargs)
        check_args(a for a in args if not isinstance(a, _RUNTIME))
        check_args(kwargs.values())
        return check_value(func(*args, **kwargs))

    return guarded


def check_repeat(sequence: Any, times: Any) -> None:
    if not isinstance(times, int):
        return
    if isinstance(sequence, str | list | tuple) and text_size(sequence) * times > MAX_CHARS:
        raise TooMuch("large", f"it repeats into {TOO_LARGE}")
    if isinstance(sequence, int) and times.bit_length() + sequence.bit_length() > MAX_INT_BITS:
        raise TooMuch("large", f"it makes a number of more than {MAX_INT_BITS:,} bits")


def check_power(base: Any, exponent: Any) -> None:
    if not (isinstance(base, int) and isinstance(exponent, int) and abs(base) > 1):
        return
    if exponent > 0 and abs(base).bit_length() * exponent > MAX_INT_BITS:
        raise TooMuch("large", f"it makes a number of more than {MAX_INT_BITS:,} bits")
