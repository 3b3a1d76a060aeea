"""Letter templates: Jinja2 with autoescape, the user's own beside the built-in ones (Qt-free).

Every template, built-in or the user's, renders in one sandbox with a budget
(:mod:`afterview.letters.sandbox`); whatever it refuses reaches the user as a
:class:`TemplateRefused` naming the template's file.

A template extends a layout (``_letter.html.j2`` for the formal printed
letter, ``_note.html.j2`` for an email, card or phone script) and fills four
blocks: ``title`` (what the template is called), ``channel`` (email, letter,
card or phone), ``subject`` and ``body``. The subject and body render to plain
text the user can edit freely; the layout then renders the edited text, still
escaped, to the HTML that QTextDocument prints. So whatever a name contains
(``A&B <Labs>``) it reaches the page as typed and never as markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2
import markupsafe

from afterview.domain.records import Channel, StepKind
from afterview.domain.sentences import as_phrase, as_sentences
from afterview.letters import sandbox
from afterview.resources import resource_path
from afterview.store.errors import StoreError

SUFFIX = ".html.j2"
USER_FOLDER = "letters"
POCKET_CARD = "pocket_card"


def builtin_dir() -> Path:
    """The built-in templates: package data in afterview/resources/letters."""
    return resource_path("letters")


def user_dir(config_dir: Path) -> Path:
    """Where users put their own templates; one there overrides a built-in one of the name."""
    return config_dir / USER_FOLDER


@dataclass(frozen=True)
class TemplateInfo:
    name: str
    title: str
    channel: str  # "email", "letter", "card" or "phone"
    user: bool


@dataclass(frozen=True)
class Draft:
    """A letter as the user edits it: plain text."""

    template: str
    channel: str
    subject: str
    body: str


class TemplateRefused(StoreError):
    """A letter template that cannot be rendered: not allowed, too long or large, or wrong.

    ``path`` is the template's file (the one the problem is in, when it is another the
    template includes or extends), ``line`` its line when known.
    """

    def __init__(self, path: str, problem: str, line: int | None = None) -> None:
        self.path = path
        self.problem = problem
        self.line = line
        where = f" (line {line})" if line else ""
        super().__init__(f"Letter template {path}{where}: {problem}.")


def _where(error: BaseException) -> tuple[str | None, int | None]:
    """The template file and line an error was raised in: the innermost template frame."""
    filename: str | None = getattr(error, "filename", None)
    line: int | None = getattr(error, "lineno", None)
    tb: TracebackType | None = error.__traceback__
    while tb is not None:
        frame_globals = tb.tb_frame.f_globals
        template = frame_globals.get("__jinja_template__")
        if isinstance(template, jinja2.Template) and template.filename:
            filename = template.filename
            line = template.get_corresponding_lineno(tb.tb_lineno)
        elif tb.tb_frame.f_code.co_filename.endswith(SUFFIX):  # a frame Jinja rewrote
            filename, line = tb.tb_frame.f_code.co_filename, tb.tb_lineno
        tb = tb.tb_next
    return filename, line


def refusal(error: BaseException, fallback: str) -> TemplateRefused:
    """The user's message for what stopped a template; ``fallback`` names its file."""
    filename, line = _where(error)
    path = filename or fallback
    if isinstance(error, sandbox.NotAllowed):
        return TemplateRefused(path, f"this template is not allowed to {error.what}", line)
    if isinstance(error, jinja2.exceptions.SecurityError):
        return TemplateRefused(path, f"this template is not allowed to {error}".rstrip("."), line)
    if isinstance(error, sandbox.TooMuch):
        return TemplateRefused(
            path, f"this template is too {error.kind} to render: {error.what}", line
        )
    if isinstance(error, RecursionError):
        return TemplateRefused(
            path,
            "this template is too long to render: it nests too deeply (does it include itself?)",
        )
    if isinstance(error, MemoryError):
        return TemplateRefused(path, "this template is too large to render")
    if isinstance(error, jinja2.TemplateSyntaxError):
        return TemplateRefused(path, f"this template has a mistake: {error.message}", line)
    if isinstance(error, jinja2.UndefinedError):
        return TemplateRefused(path, f"this template uses something not defined: {error}", line)
    return TemplateRefused(path, f"this template could not be rendered: {error}", line)


#: What a render may raise that is the template's doing, not Afterview's.
RENDER_ERRORS = (
    jinja2.TemplateError,
    RecursionError,
    MemoryError,
    ArithmeticError,
    TypeError,
    ValueError,
    LookupError,
)


class _Text(HTMLParser):
    """Rendered block -> plain text: a user's template may still contain tags."""

    BREAKS = frozenset({"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_text(markup: str) -> str:
    parser = _Text()
    parser.feed(markup)
    parser.close()
    text = "".join(parser.parts)  # character references are already decoded
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def paragraphs(text: str) -> list[list[str]]:
    """Plain text -> paragraphs (split on blank lines), each a list of its lines."""
    blocks = re.split(r"\n(?:[ \t]*\n)+", text.replace("\r\n", "\n").strip("\n"))
    return [block.split("\n") for block in blocks if block.strip()]


def _lines(value: Any) -> markupsafe.Markup:
    """Text with line breaks -> escaped lines joined by <br>: the one place markup is made."""
    if isinstance(value, list):
        value = "\n".join(str(v) for v in value)
    return markupsafe.Markup("<br>").join(
        markupsafe.escape(line) for line in str(value).split("\n")
    )


def _sentences(value: Any) -> str:
    """The user's own text (selling points, debrief notes) as sentences of their own."""
    return as_sentences(str(value or ""))


def _phrase(value: Any) -> str:
    """The user's own text as a phrase the template's sentence ends ("about {topic}.")."""
    return as_phrase(str(value or ""))


class Templates:
    """The template set for one config directory (the user's templates come first)."""

    def __init__(self, config_dir: Path | None = None) -> None:
        self.user = user_dir(config_dir) if config_dir is not None else None
        search = [str(self.user)] if self.user is not None else []
        search.append(str(builtin_dir()))
        self.env = sandbox.environment(search)
        self.env.add_filter("lines", _lines)
        self.env.add_filter("sentences", _sentences)
        self.env.add_filter("phrase", _phrase)

    def names(self) -> list[str]:
        found: set[str] = set()
        for name in self.env.list_templates(filter_func=lambda n: n.endswith(SUFFIX)):
            stem = name[: -len(SUFFIX)]
            if "/" not in stem and not stem.startswith("_") and stem != POCKET_CARD:
                found.add(stem)
        return sorted(found)

    def _template(self, name: str) -> jinja2.Template:
        from afterview.store.errors import RecordError

        if not re.fullmatch(r"[A-Za-z0-9_-]{1,60}", name) or name.startswith("_"):
            raise RecordError(f"template {name!r}", "name", "not a template name")
        try:
            return self.env.get_template(name + SUFFIX)
        except jinja2.TemplateNotFound as error:
            if error.name != name + SUFFIX:  # one it extends or includes is missing
                raise refusal(error, self._file(name)) from None
            known = ", ".join(sorted([*self.names(), POCKET_CARD]))
            raise RecordError(
                f"template {name!r}", "name", f"no such template (there are: {known})"
            ) from None
        except RENDER_ERRORS as error:
            raise refusal(error, self._file(name)) from None

    def _file(self, name: str) -> str:
        """Where the template ``name`` is read from (the user's folder first)."""
        if self.user is not None and (self.user / (name + SUFFIX)).exists():
            return str(self.user / (name + SUFFIX))
        return str(builtin_dir() / (name + SUFFIX))

    @staticmethod
    def _render(template: jinja2.Template, chunks: Iterable[str]) -> str:
        """Everything a template writes, on the sandbox's budget; TemplateRefused if stopped."""
        try:
            return sandbox.render_chunks(chunks)
        except RENDER_ERRORS as error:
            raise refusal(error, template.filename or str(template.name)) from None

    def _block(self, template: jinja2.Template, block: str, variables: dict[str, Any]) -> str:
        render = template.blocks.get(block)
        if render is None:
            return ""
        return self._render(template, render(template.new_context(variables)))

    def info(self, name: str) -> TemplateInfo:
        template = self._template(name)
        title = html_to_text(self._block(template, "title", {})) or name.replace("_", " ")
        channel = html_to_text(self._block(template, "channel", {})).strip() or "email"
        is_user = self.user is not None and (self.user / (name + SUFFIX)).is_file()
        return TemplateInfo(name=name, title=title, channel=channel, user=is_user)

    def catalogue(self) -> list[TemplateInfo]:
        """Every template to choose from. One that is refused is listed by its name, so
        choosing it shows why (rather than no letter being writable at all)."""
        found = []
        for name in self.names():
            try:
                found.append(self.info(name))
            except TemplateRefused:
                user = self.user is not None and (self.user / (name + SUFFIX)).exists()
                found.append(TemplateInfo(name, name.replace("_", " "), "email", user))
        return found

    def draft(self, name: str, variables: dict[str, Any]) -> Draft:
        """The template's subject and body for these variables, as plain text.

        Raises RecordError for an unknown name and TemplateRefused for a template the
        sandbox stops (not allowed, too long or too large) or that has a mistake.
        """
        template = self._template(name)
        subject = html_to_text(self._block(template, "subject", variables))
        body = html_to_text(self._block(template, "body", variables))
        channel = html_to_text(self._block(template, "channel", variables)).strip()
        return Draft(
            template=name,
            channel=channel or "email",
            subject=" ".join(subject.split()),
            body=body,
        )

    def to_html(self, draft: Draft, variables: dict[str, Any]) -> str:
        """The printable page for a (possibly edited) draft: its text, escaped, in the layout."""
        template = self._template(draft.template)
        page = dict(variables)
        page.update(
            subject_text=draft.subject,
            paragraphs=paragraphs(draft.body),
            kind_label=self.info(draft.template).title,
            channel_name=draft.channel,
        )
        return self._render(template, template.generate(page))

    def pocket_card_html(self, variables: dict[str, Any]) -> str:
        template = self._template(POCKET_CARD)
        return self._render(template, template.generate(variables))


@lru_cache(maxsize=8)
def templates_for(config_dir: Path | None) -> Templates:
    return Templates(config_dir)


#: The template a step asks for, by its kind and the person's channel.
_FOR_STEP: dict[tuple[str, str | None], str] = {
    (StepKind.THANK_YOU.value, Channel.EMAIL.value): "thank_you_email",
    (StepKind.THANK_YOU.value, Channel.LETTER.value): "thank_you_letter",
    (StepKind.THANK_YOU.value, Channel.PHONE.value): "thank_you_card",
    (StepKind.FOLLOW_UP.value, Channel.PHONE.value): "follow_up_phone",
    (StepKind.FOLLOW_UP.value, Channel.EMAIL.value): "follow_up_email",
    (StepKind.FOLLOW_UP.value, Channel.LETTER.value): "follow_up_email",
    (StepKind.NOTIFY_REFERENCE.value, None): "reference_brief",
    # Seed 003: "follow up on these [names] as soon as possible": a letter of its own.
    (StepKind.CONTACT_REFERRAL.value, None): "referral_intro",
    (StepKind.COURTESY_NOTE.value, None): "after_rejection",
    (StepKind.RECONNECT.value, None): "reconnect",
    (StepKind.THANK_REFERENCES.value, None): "reference_thanks",
}


def template_for_step(kind: str, channel: str | None) -> str:
    return (
        _FOR_STEP.get((kind, channel))
        or _FOR_STEP.get((kind, None))
        or next((v for (k, _c), v in _FOR_STEP.items() if k == kind), "thank_you_email")
    )


def channel_of(template_channel: str) -> str:
    """The LetterRow channel for a template's channel (a card goes by post)."""
    return {"card": Channel.LETTER.value}.get(template_channel, template_channel)


def plain_text(draft: Draft, with_subject: bool = True) -> str:
    if with_subject and draft.subject:
        return f"Subject: {draft.subject}\n\n{draft.body}\n"
    return draft.body + "\n"
