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

The budget itself is in :mod:`afterview.letters.budget`. Refusals are :class:`NotAllowed`
and :class:`TooMuch` (both :class:`jinja2.TemplateError`); :mod:`afterview.letters.templates`
turns them into a message naming the template file.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.exceptions import SecurityError
from jinja2.runtime import LoopContext
from jinja2.sandbox import ImmutableSandboxedEnvironment

from afterview.letters import budget
from afterview.letters.budget import (
    MAX_CHARS,
    MAX_DEPTH,
    MAX_SOURCE_BYTES,
    NotAllowed,
    TooMuch,
    check_args,
    check_brace_format,
    check_growth,
    check_percent_format,
    check_power,
    check_repeat,
    check_value,
    text_size,
)

__all__ = ["LetterSandbox", "NotAllowed", "TooMuch", "environment", "render_chunks"]
render_chunks = budget.render_chunks

#: String methods a template may call: none returns more than the budget checks first.
STR_METHODS = frozenset(
    (
        *("capitalize", "casefold", "lower", "upper", "swapcase", "title", "striptags"),
        *("strip", "lstrip", "rstrip", "removeprefix", "removesuffix", "unescape"),
        *("split", "rsplit", "splitlines", "partition", "rpartition"),
        *("count", "find", "rfind", "index", "rindex", "startswith", "endswith"),
        *("isalnum", "isalpha", "isascii", "isdecimal", "isdigit", "isidentifier"),
        *("islower", "isnumeric", "isprintable", "isspace", "istitle", "isupper"),
        # These grow a string; the sandbox checks the size they would make before the call.
        *("format", "format_map", "join", "replace", "center", "ljust", "rjust", "zfill"),
    )
)
#: Filters whose output is not bounded by their input times a small factor.
REMOVED_FILTERS = ("urlize",)


class _Undefined(jinja2.ChainableUndefined):
    """A missing value prints as nothing, as before; a refused attribute stops the render.

    The sandbox answers an unsafe attribute with an undefined that raises only when used,
    and a chainable one is never "used" by printing: raise at once instead.
    """

    __slots__ = ()

    def __init__(
        self,
        hint: str | None = None,
        obj: Any = jinja2.utils.missing,
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
    """Reads only regular files inside its folders, and none larger than MAX_SOURCE_BYTES
    (not a FIFO, not a link to /dev/zero or /etc/passwd, not a file of gigabytes dropped
    into ``letters/``)."""

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        pieces = jinja2.loaders.split_template_path(template)
        for folder in self.searchpath:
            path = os.path.join(folder, *pieces)
            if os.path.lexists(path):
                if not os.path.isfile(path):
                    raise NotAllowed("be anything but a plain file", filename=path)
                inside = os.path.realpath(folder)
                if os.path.commonpath([inside, os.path.realpath(path)]) != inside:
                    # A link out of the folder (to /etc/passwd, say) would print that file.
                    raise NotAllowed("read a file outside its folder", filename=path)
                if os.path.getsize(path) > MAX_SOURCE_BYTES:
                    raise TooMuch("large", f"the file has more than {MAX_SOURCE_BYTES:,} bytes")
                break
        return super().get_source(environment, template)


class LetterSandbox(ImmutableSandboxedEnvironment):
    """ImmutableSandboxedEnvironment with the budget above. See the module's docstring."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})
    #: Reached from compiled templates as ``environment.counted`` and so on (see _parse).
    counted = staticmethod(budget.counted)
    checked_concat = staticmethod(budget.checked_concat)

    def __init__(self, search: list[str]) -> None:
        super().__init__(
            loader=_Loader(search),
            autoescape=True,
            # No trim_blocks: a line ending in {% endif %} keeps its line break, so a
            # paragraph never runs into the next one (blank-line runs collapse later).
            lstrip_blocks=True,
            undefined=_Undefined,
            keep_trailing_newline=False,
            finalize=budget.finalize,
        )
        self.globals["range"] = budget.capped_range
        # lipsum(n) writes n paragraphs before anything could count them.
        self.globals.pop("lipsum", None)
        for name in REMOVED_FILTERS:
            self.filters.pop(name, None)
        self.filters = {name: budget.guarded_filter(name, f) for name, f in self.filters.items()}
        self.concat = budget.concat  # type: ignore[method-assign]

    def add_filter(self, name: str, func: Callable[..., Any]) -> None:
        self.filters[name] = budget.guarded_filter(name, func)

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
            return check_value(wrapped(*args, **kwargs))  # type: ignore[no-any-return]

        return checked

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any
    ) -> Any:
        budget.current().step()
        if operator == "*":
            check_repeat(left, right)
            check_repeat(right, left)
        elif operator == "**":
            check_power(left, right)
        elif operator == "+":
            if text_size([left, right]) > MAX_CHARS:
                raise TooMuch("large", f"it adds up to {budget.TOO_LARGE}")
        elif operator == "%" and isinstance(left, str):
            check_percent_format(left)
        return check_value(super().call_binop(context, operator, left, right))

    def call(
        __self,  # as the sandbox names it, so a keyword argument "self" passes through
        __context: jinja2.runtime.Context,
        __obj: Any,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        spent = budget.current()
        spent.step()
        if isinstance(__obj, LoopContext) and args:
            args = (budget.counted(args[0]), *args[1:])  # a recursive loop's next level
        elif __obj is not budget.capped_range:  # which says "too long" itself
            check_args(args)
            args = check_growth(__obj, args)
        check_args(v for k, v in kwargs.items() if not k.startswith("_"))
        spent.depth += 1
        try:
            if spent.depth > MAX_DEPTH:
                raise TooMuch("long", f"its calls nest more than {MAX_DEPTH} deep")
            result = super().call(__context, __obj, *args, **kwargs)
        finally:
            spent.depth -= 1
        return check_value(result)


def _hidden_name(node: nodes.Node) -> str | None:
    name: object
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


def environment(search: list[str]) -> LetterSandbox:
    """The sandbox for these template folders (first one wins for a name)."""
    return LetterSandbox(search)
