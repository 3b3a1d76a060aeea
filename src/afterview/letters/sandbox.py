"""The one Jinja2 environment every letter renders in: sandboxed, immutable, on a budget (Qt-free).

A letter template can come from anywhere (a "nicer thank-you letter" downloaded into the
config directory's ``letters/`` folder), so all of them, the built-in ones too, render in
Jinja2's :class:`~jinja2.sandbox.ImmutableSandboxedEnvironment` with a budget:

- no attribute or item whose name starts with ``_`` (refused when the template is read,
  and again by the sandbox while it renders, for names built at run time);
- no method of a string but the ones in :data:`STR_METHODS`, none of which grows a
  string beyond what the budget checks before the call;
- at most :data:`MAX_STEPS` loop rounds, calls and filters, :data:`MAX_CHARS` characters
  in any one value and in the whole output, and :data:`MAX_DEPTH` nested calls.

Python cannot stop a thread, so a timer could not end a runaway render: the budget is
counted inside the render, and each check happens *before* the work it guards.
Refusals are :class:`NotAllowed` and :class:`TooMuch` (both :class:`jinja2.TemplateError`);
:mod:`afterview.letters.templates` turns them into a message naming the template file.
"""

from __future__ import annotations

import contextvars
import functools
import os
import re
import string
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.runtime import LoopContext, markup_join, str_join
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

#: Loop rounds, calls and filter uses in one render. The built-in letters take a few hundred
#: (loops over paragraphs and people); 100,000 is a hundred times any real letter, and a
#: render that uses them all still ends in well under a second.
MAX_STEPS = 100_000
#: Characters (and list items) in any one value, and in everything one render writes. A
#: letter is 2-10 KB; a million characters is some 300 printed pages, and a few MB of memory.
MAX_CHARS = 1_000_000
#: Nested macro and method calls. Letters nest three deep (page, layout, template); 50
#: leaves room for a user's macros and stays far inside Python's recursion limit.
MAX_DEPTH = 50
#: Bits in a number. 64-bit values (money, years, counts) pass; ``10**10**8`` does not,
#: since big-number arithmetic can take minutes on its own.
MAX_INT_BITS = 4096
#: A template file's size in bytes. The largest built-in one is about 2 KB.
MAX_SOURCE_BYTES = 256 * 1024

#: String methods a template may call: none returns more than the budget checks first.
STR_METHODS = frozenset(
    """capitalize casefold count endswith find index isalnum isalpha isascii isdecimal
    isdigit isidentifier islower isnumeric isprintable isspace istitle isupper lower lstrip
    partition removeprefix removesuffix rfind rindex rpartition rsplit rstrip split
    splitlines startswith strip swapcase title upper format format_map join replace center
    ljust rjust zfill striptags unescape""".split()
)
#: Filters whose output is not bounded by their input times a small factor.
REMOVED_FILTERS = ("urlize",)

_TOO_LONG = f"more than {MAX_STEPS:,} loop rounds and calls"
_TOO_LARGE = f"text or lists of more than {MAX_CHARS:,} characters"


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

    def step(self) -> None:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise TooMuch("long", _TOO_LONG)

    def write(self, count: int) -> None:
        self.chars += count
        if self.chars > MAX_CHARS:
            raise TooMuch("large", f"it writes {_TOO_LARGE}")


_BUDGET: contextvars.ContextVar[Budget | None] = contextvars.ContextVar("budget", default=None)


def _budget() -> Budget:
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
                raise TooMuch("large", f"it writes {_TOO_LARGE}")
            parts.append(chunk)
        return "".join(parts)
    finally:
        _BUDGET.reset(token)


def text_size(value: Any, limit: int = MAX_CHARS) -> int:
    """About how many characters ``str(value)`` has, counted without building it.

    Strings count their length, lists, tuples, sets and dicts what they hold plus two per
    item (``[s] * 1000`` is 1,000 times ``s`` once printed). Stops counting past ``limit``.
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
        elif isinstance(item, dict):
            total += 2 * len(item)
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple | set | frozenset):
            total += 2 * len(item)
            stack.extend(item)
        else:
            total += 8  # a number or an object of ours: its printed form is short
    return total


def _check_value(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        if value.bit_length() > MAX_INT_BITS:
            raise TooMuch("large", f"it makes a number of more than {MAX_INT_BITS:,} bits")
    elif text_size(value) > MAX_CHARS:
        raise TooMuch("large", f"it makes {_TOO_LARGE}")
    return value


def _check_args(args: Iterable[Any]) -> None:
    # A number sizes what a method or filter builds ("x".ljust(n), batch(n), range(n)).
    values = list(args)
    for arg in values:
        if isinstance(arg, int) and not isinstance(arg, bool) and abs(arg) > MAX_CHARS:
            raise TooMuch("large", f"it asks for {arg:,} of something; the limit is {MAX_CHARS:,}")
        _check_value(arg)
    if text_size(values) > MAX_CHARS:
        raise TooMuch("large", f"it works on {_TOO_LARGE}")


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
        raise TooMuch("large", f"its format widths add up to {_TOO_LARGE}")


def check_brace_format(text: str) -> None:
    """Refuse a ``str.format`` string whose widths could make more than MAX_CHARS characters."""
    widths = 0
    for _literal, _field, spec, _conversion in string.Formatter().parse(text):
        if spec and "{" in spec:
            raise NotAllowed("take a format's width from its arguments ({:{}})")
        widths += sum(int(n) for n in re.findall(r"\d+", spec or ""))
    if widths > MAX_CHARS:
        raise TooMuch("large", f"its format widths add up to {_TOO_LARGE}")


def _check_growth(method: Any, args: tuple[Any, ...]) -> tuple[Any, ...]:
    """Refuse a ``str.join`` or ``str.replace`` whose result would pass MAX_CHARS, before it runs."""
    owner = getattr(method, "__self__", None)
    if not isinstance(owner, str):
        return args
    name = getattr(method, "__name__", "")
    if name == "join" and args:
        items = list(args[0])  # a loop or filter made it, so it is within MAX_STEPS
        size = len(owner) * max(len(items) - 1, 0) + text_size(items)
        if size > MAX_CHARS:
            raise TooMuch("large", f"it joins {_TOO_LARGE}")
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
        raise TooMuch("large", f"it replaces into {_TOO_LARGE}")


def _capped_range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_STEPS:
        raise TooMuch("long", f"range() of {len(numbers):,} numbers is {_TOO_LONG}")
    return numbers


def _counted(iterable: Any) -> Iterator[Any]:
    budget = _budget()
    for item in iterable:
        budget.step()
        yield item


@jinja2.pass_eval_context
def _checked_concat(eval_ctx: jinja2.nodes.EvalContext, *parts: Any) -> str:
    """The ``~`` operator, with its result's size known before it is built."""
    if text_size(list(parts)) > MAX_CHARS:
        raise TooMuch("large", f"it joins {_TOO_LARGE}")
    return markup_join(parts) if eval_ctx.autoescape else str_join(parts)


def _concat(parts: Iterable[str]) -> str:
    # What a macro, a loop or a {% set %} block writes, summed before it is joined.
    items = list(parts)
    if sum(len(item) for item in items) > MAX_CHARS:
        raise TooMuch("large", f"it writes {_TOO_LARGE}")
    return "".join(items)


def _finalize(value: Any) -> Any:
    """Every ``{{ }}`` passes here: its printed size counts against the budget first."""
    _budget().write(text_size(value))
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
            values[0] = list(_counted(values[0]))
        separator = values[1] if len(values) > 1 else kwargs.get("d", "")
        if isinstance(values[0], list | tuple) and isinstance(separator, str):
            size = len(separator) * max(len(values[0]) - 1, 0) + text_size(values[0])
            if size > MAX_CHARS:
                raise TooMuch("large", f"it joins {_TOO_LARGE}")
    elif name == "replace" and len(values) >= 3:
        count = values[3] if len(values) > 3 else kwargs.get("count", -1)
        _replace_size(values[0], values[1], values[2], -1 if count is None else count)
    elif name == "indent" and values and isinstance(values[0], str):
        width = values[1] if len(values) > 1 else kwargs.get("width", 4)
        per_line = len(width) if isinstance(width, str) else int(width)
        if len(values[0]) + (values[0].count("\n") + 1) * per_line > MAX_CHARS:
            raise TooMuch("large", f"it indents into {_TOO_LARGE}")
    elif name == "wordwrap" and values and isinstance(values[0], str):
        wrap = kwargs.get("wrapstring") or (values[4] if len(values) > 4 else None) or "\n"
        if len(values[0]) * (1 + len(str(wrap))) > MAX_CHARS:
            raise TooMuch("large", f"it wraps into {_TOO_LARGE}")
    return (*args[:lead], *values)


def _guarded_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that counts as a step and checks its arguments and result."""

    @functools.wraps(func)  # keeps jinja_pass_arg (pass_context and the like)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        _budget().step()
        args = _filter_precheck(name, args, kwargs)
        _check_args(a for a in args if not isinstance(a, _RUNTIME))
        _check_args(kwargs.values())
        return _check_value(func(*args, **kwargs))

    return guarded


class _Undefined(jinja2.ChainableUndefined):
    """A missing value prints as nothing, as before; a refused attribute stops the render.

    The sandbox answers an unsafe attribute with an undefined that raises only when used,
    and a chainable one is never "used" by printing: raise at once instead.
    """

    __slots__ = ()

    def __init__(
        self,
        hint: str | None = None,
        obj: Any = jinja2.runtime.missing,
        name: str | None = None,
        exc: type[jinja2.TemplateRuntimeError] = jinja2.UndefinedError,
    ) -> None:
        if issubclass(exc, SecurityError):
            raise NotAllowed(_unsafe_words(hint or ""))
        super().__init__(hint, obj, name, exc)


_UNSAFE = re.compile(r"access to attribute '(.*)' of '(.*)' object is unsafe")


def _unsafe_words(hint: str) -> str:
    found = _UNSAFE.search(hint)
    if found is None:
        return hint.rstrip(".")
    attribute, kind = found.groups()
    if attribute.startswith("_"):
        return f"read Python's internal attribute '{attribute}' (of a {kind})"
    return f"use '{attribute}' of a {kind}"


class _Loader(jinja2.FileSystemLoader):
    """Reads only regular files, and none larger than MAX_SOURCE_BYTES (not a FIFO, not
    a link to /dev/zero, not a file of gigabytes dropped into ``letters/``)."""

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        pieces = jinja2.loaders.split_template_path(template)
        for folder in self.searchpath:
            path = os.path.join(folder, *pieces)
            if os.path.lexists(path):
                if not os.path.isfile(path):
                    raise NotAllowed("be anything but a plain file", filename=path)
                if os.path.getsize(path) > MAX_SOURCE_BYTES:
                    raise TooMuch("large", f"the file has more than {MAX_SOURCE_BYTES:,} bytes")
                break
        return super().get_source(environment, template)


class LetterSandbox(ImmutableSandboxedEnvironment):
    """ImmutableSandboxedEnvironment with the budget above. See the module's docstring."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})
    #: Reached from compiled templates as ``environment.counted`` and so on (see _parse).
    counted = staticmethod(_counted)
    checked_concat = staticmethod(_checked_concat)

    def __init__(self, search: list[str]) -> None:
        super().__init__(
            loader=_Loader(search),
            autoescape=True,
            # No trim_blocks: a line ending in {% endif %} keeps its line break, so a
            # paragraph never runs into the next one (blank-line runs collapse later).
            lstrip_blocks=True,
            undefined=_Undefined,
            keep_trailing_newline=False,
            finalize=_finalize,
        )
        self.globals["range"] = _capped_range
        # lipsum(n) writes n paragraphs before anything could count them.
        self.globals.pop("lipsum", None)
        for name in REMOVED_FILTERS:
            self.filters.pop(name, None)
        self.filters = {name: _guarded_filter(name, f) for name, f in self.filters.items()}
        self.concat = _concat  # type: ignore[method-assign]

    def add_filter(self, name: str, func: Callable[..., Any]) -> None:
        self.filters[name] = _guarded_filter(name, func)

    # --- reading a template ---------------------------------------------------------------

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        for node in tree.find_all((nodes.Getattr, nodes.Getitem, nodes.Filter)):
            hidden = _hidden_name(node)
            if hidden is not None:
                raise NotAllowed(
                    f"read Python's internal attribute '{hidden}'", node.lineno, filename
                )
        # Every loop counts its rounds, and ``~`` checks its size (both otherwise run as
        # plain Python the sandbox never sees).
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Call(
                nodes.EnvironmentAttribute("counted"), [loop.iter], [], None, None
            ).set_lineno(loop.lineno)
        # Children before parents, so a ``~`` inside a ``~`` is rewritten too.
        for parent in reversed(list(tree.find_all(nodes.Node))):
            for field in parent.fields:
                child = getattr(parent, field)
                if isinstance(child, nodes.Concat):
                    setattr(parent, field, _as_checked(child))
                elif isinstance(child, list):
                    setattr(parent, field, [_as_checked(c) for c in child])
        tree.set_environment(self)
        return tree

    # --- while it renders -----------------------------------------------------------------

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if isinstance(obj, str) and callable(value) and attr not in STR_METHODS:
            return False
        return super().is_safe_attribute(obj, attr, value)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        check_brace_format(value.__self__)

        @functools.wraps(wrapped)
        def checked(*args: Any, **kwargs: Any) -> str:
            return _check_value(wrapped(*args, **kwargs))  # type: ignore[no-any-return]

        return checked

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any) -> Any:
        _budget().step()
        if operator == "*":
            _check_repeat(left, right)
            _check_repeat(right, left)
        elif operator == "**":
            _check_power(left, right)
        elif operator == "+":
            if text_size([left, right]) > MAX_CHARS:
                raise TooMuch("large", f"it adds up to {_TOO_LARGE}")
        elif operator == "%" and isinstance(left, str):
            check_percent_format(left)
        return _check_value(super().call_binop(context, operator, left, right))

    def call(
        __self,  # noqa: N805 - as the sandbox names it, so a keyword "self" passes through
        __context: jinja2.runtime.Context,
        __obj: Any,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        budget = _budget()
        budget.step()
        if isinstance(__obj, LoopContext) and args:
            args = (_counted(args[0]), *args[1:])  # a recursive loop's next level
        elif __obj is not _capped_range:  # which says "too long" itself
            _check_args(args)
            args = _check_growth(__obj, args)
        _check_args(v for k, v in kwargs.items() if not k.startswith("_"))
        budget.depth += 1
        try:
            if budget.depth > MAX_DEPTH:
                raise TooMuch("long", f"its calls nest more than {MAX_DEPTH} deep")
            result = super().call(__context, __obj, *args, **kwargs)
        finally:
            budget.depth -= 1
        return _check_value(result)


def _hidden_name(node: nodes.Node) -> str | None:
    if isinstance(node, nodes.Getattr):
        name = node.attr
    elif isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        name = node.arg.value
    elif isinstance(node, nodes.Filter) and node.name == "attr" and node.args:
        first = node.args[0]
        name = first.value if isinstance(first, nodes.Const) else None
    else:
        return None
    return name if isinstance(name, str) and name.startswith("_") else None


def _as_checked(node: Any) -> Any:
    if not isinstance(node, nodes.Concat):
        return node
    return nodes.Call(
        nodes.EnvironmentAttribute("checked_concat"), node.nodes, [], None, None
    ).set_lineno(node.lineno)


def _check_repeat(sequence: Any, times: Any) -> None:
    if isinstance(times, int) and isinstance(sequence, str | list | tuple):
        if text_size(sequence) * max(times, 0) > MAX_CHARS:
            raise TooMuch("large", f"it repeats into {_TOO_LARGE}")
    elif isinstance(times, int) and isinstance(sequence, int):
        if times.bit_length() + sequence.bit_length() > MAX_INT_BITS:
            raise TooMuch("large", f"it makes a number of more than {MAX_INT_BITS:,} bits")


def _check_power(base: Any, exponent: Any) -> None:
    if isinstance(base, int) and isinstance(exponent, int) and abs(base) > 1:
        if exponent > 0 and abs(base).bit_length() * exponent > MAX_INT_BITS:
            raise TooMuch("large", f"it makes a number of more than {MAX_INT_BITS:,} bits")


def environment(search: list[str]) -> LetterSandbox:
    """The sandbox for these template folders (first one wins for a name)."""
    return LetterSandbox(search)
