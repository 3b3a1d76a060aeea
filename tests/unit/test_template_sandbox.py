"""Letter templates in a sandbox (issue 13 §4): the known escapes, each in a user template in
the config directory's ``letters/`` folder, are refused with a message naming the file, and
no code runs; runaway loops and outputs stop on a budget; the built-in templates render in
the sandbox exactly as a plain Jinja2 environment renders them."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import jinja2
import pytest
from jinja2.sandbox import ImmutableSandboxedEnvironment

from afterview.domain import records as r
from afterview.domain.contact_ways import ways
from afterview.domain.settings import ThankYouDeadline
from afterview.letters.context import LetterContext, Recipient
from afterview.letters.pocket_card import pocket_card_variables
from afterview.letters.templates import Templates, builtin_dir
from afterview.store.errors import StoreError
from afterview.store.values import Profile

Cli = Callable[..., tuple[int, str, str]]
NOT_ALLOWED = "this template is not allowed to"
TOO_LONG = "this template is too long to render"
TOO_LARGE = "this template is too large to render"

#: Each escape ends by trying to create the file MARKER: with a plain Jinja2 environment the
#: ones that reach ``os`` or ``open`` do, so a missing file means no code ran.
ESCAPES = {
    "subclasses_to_catch_warnings": (
        "{% for c in ''.__class__.__mro__[1].__subclasses__() %}"
        "{% if c.__name__ == 'catch_warnings' %}"
        "{{ c()._module.__builtins__['__import__']('os').system('touch MARKER') }}"
        "{% endif %}{% endfor %}"
    ),
    "cycler_init_globals_os": "{{ cycler.__init__.__globals__.os.system('touch MARKER') }}",
    "joiner_init_globals_os": "{{ joiner.__init__.__globals__.os.popen('touch MARKER').read() }}",
    "namespace_builtins_open": (
        "{{ namespace.__init__.__globals__['__builtins__']['open']('MARKER', 'w') }}"
    ),
    "range_globals_os": "{{ range.__globals__['os'].system('touch MARKER') }}",
    "template_reference_context": (
        "{{ self._TemplateReference__context.cycler.__init__.__globals__.os"
        ".system('touch MARKER') }}"
    ),
    "lipsum_globals": "{{ lipsum.__globals__['os'].system('touch MARKER') }}",
    "item_name_built_at_run_time": (
        "{{ cycler['__in' ~ 'it__']['__glo' ~ 'bals__']['os'].system('touch MARKER') }}"
    ),
    "attr_filter_built_at_run_time": (
        "{{ (cycler|attr('__in' ~ 'it__')|attr('__glo' ~ 'bals__'))['os'].system('touch MARKER') }}"
    ),
    "str_format_field_walk": "{{ '{0.__init__.__globals__[os]}'.format(cycler) }}",
    "str_format_map_field_walk": "{{ '{c.__init__.__globals__}'.format_map({'c': cycler}) }}",
    "markup_format_field_walk": "{{ ('{0.__init__.__globals__}'|safe).format(cycler) }}",
    "percent_format_filter": (
        "{{ '%s'|format(cycler.__init__.__globals__.os.system('touch MARKER')) }}"
    ),
    "percent_operator": "{{ '%s' % (joiner.__init__.__globals__.os.system('touch MARKER'),) }}",
    "list_append_changes_data": "{{ people.append('x') }}",
    "str_translate_grows_text": "{{ 'x'.translate({120: 'yy'}) }}",
}

#: Runaway templates: each must stop on the budget, with the kind of limit it passed.
BUDGET = {
    # Few rounds, each sorting 300,000 items: 600 took over six minutes (the tester's case).
    "heavy_filter_in_few_rounds": (
        "{% set l = [3, 1, 2] * 100000 %}{% for i in range(600) %}{{ l|sort|first }}{% endfor %}",
        "too long to render: its calls and filters work through more than",
    ),
    "range_of_a_billion": ("{% for i in range(10**9) %}x{% endfor %}", TOO_LONG),
    "nested_loops": (
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        TOO_LONG,
    ),
    "recursive_loop": ("{% for x in [1] recursive %}{{ loop([1, 2]) }}{% endfor %}", TOO_LONG),
    "macro_calls_itself": ("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}", TOO_LONG),
    "macro_calls_itself_twice": (
        "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}"
        "{{ f(40) }}",
        TOO_LONG,
    ),
    "string_times_a_billion": ("{{ 'x' * 10**9 }}", TOO_LARGE),
    "string_times_nested": ("{{ 'x' * 1000 * 1000 * 1000 }}", TOO_LARGE),
    "list_of_big_strings": ("{{ ['x' * 999999] * 1000 }}", TOO_LARGE),
    "doubling_with_tilde": (
        "{% set ns = namespace(s='x') %}{% for i in range(60) %}"
        "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}",
        TOO_LARGE,
    ),
    "doubling_with_set_blocks": (
        "{% set ns = namespace(s='x' * 100000) %}{% for i in range(30) %}"
        "{% set t %}{{ ns.s }}{{ ns.s }}{% endset %}{% set ns.s = t %}{% endfor %}",
        TOO_LARGE,
    ),
    "doubling_with_plus": (
        "{% set ns = namespace(s='x') %}{% for i in range(60) %}"
        "{% set ns.s = ns.s + ns.s %}{% endfor %}",
        TOO_LARGE,
    ),
    "list_of_dict_views": (
        "{% set d = {'a': 'x' * 999990} %}{{ [d.values()] * 1000 }}",
        TOO_LARGE,
    ),
    "list_of_namespaces": ("{% set ns = namespace(a='x' * 999990) %}{{ [ns] * 1000 }}", TOO_LARGE),
    "long_output": ("{% for i in range(100000) %}" + "y" * 100 + "{% endfor %}", TOO_LARGE),
    "ljust_a_billion": ("{{ 'x'.ljust(10**9) }}", TOO_LARGE),
    "center_filter": ("{{ 'x'|center(10**9) }}", TOO_LARGE),
    "str_join_big_separator": ("{{ ('x' * 100000).join('abcdefghijkl') }}", TOO_LARGE),
    "join_filter_big_separator": ("{{ 'abcdefghijkl'|list|join('x' * 100000) }}", TOO_LARGE),
    "replace_method": ("{{ ('x' * 10000).replace('x', 'y' * 1000) }}", TOO_LARGE),
    "replace_filter": ("{{ ('x' * 10000)|replace('x', 'y' * 1000) }}", TOO_LARGE),
    "indent_filter": ("{{ ('x\\n' * 400000)|indent('y' * 100) }}", TOO_LARGE),
    "wordwrap_filter": ("{{ ('x ' * 400000)|wordwrap(1, wrapstring='y' * 10) }}", TOO_LARGE),
    "format_widths": ("{{ '{:>999999}{:>999999}'.format(1, 2) }}", TOO_LARGE),
    "percent_widths_filter": ("{{ '%0999999d%0999999d'|format(1, 2) }}", TOO_LARGE),
    "percent_widths_operator": ("{{ '%0999999d%0999999d' % (1, 2) }}", TOO_LARGE),
    "huge_power": ("{{ 10 ** (10 ** 8) }}", TOO_LARGE),
    "squaring_in_a_loop": (
        "{% set ns = namespace(n=3) %}{% for i in range(40) %}"
        "{% set ns.n = ns.n * ns.n %}{% endfor %}",
        TOO_LARGE,
    ),
}


def _write(config: Path, text: str, name: str = "evil") -> Path:
    folder = config / "letters"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.html.j2"
    path.write_text(text, encoding="utf-8")
    return path


def _note(body: str) -> str:
    """A user template as people write them: the note layout and a body."""
    return (
        '{% extends "_note.html.j2" %}{% block title %}Nicer thanks{% endblock %}'
        f"{{% block subject %}}Thanks{{% endblock %}}{{% block body %}}{body}{{% endblock %}}"
    )


def _variables() -> dict[str, Any]:
    return {"name": "Ann", "company": "Acme", "people": [{"name": "Bo"}]}


def _refusal(config: Path) -> str:
    """Render the user's template "evil" as the editor and the CLI do; the refusal's message."""
    templates = Templates(config)

    def render() -> None:
        draft = templates.draft("evil", _variables())
        templates.to_html(draft, _variables())

    with pytest.raises(StoreError) as refused:
        render()
    return str(refused.value)


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # Each escape writes MARKER relative to the working directory: a fresh one per test.
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return tmp_path / "config"


@pytest.mark.parametrize("text", ESCAPES.values(), ids=ESCAPES.keys())
def test_an_escape_is_refused_and_runs_nothing(config: Path, text: str) -> None:
    path = _write(config, _note(text))
    message = _refusal(config)
    assert NOT_ALLOWED in message
    assert str(path) in message
    assert "\n" not in message and "Traceback" not in message
    assert not Path("MARKER").exists()


@pytest.mark.parametrize("text", ESCAPES.values(), ids=ESCAPES.keys())
def test_an_escape_outside_any_block_is_refused_too(config: Path, text: str) -> None:
    # The page itself (what to_html renders), not only the blocks a draft reads.
    path = _write(config, text)
    message = _refusal(config)
    assert NOT_ALLOWED in message and str(path) in message
    assert not Path("MARKER").exists()


@pytest.mark.parametrize(("text", "limit"), BUDGET.values(), ids=BUDGET.keys())
def test_a_runaway_template_stops_on_the_budget(config: Path, text: str, limit: str) -> None:
    path = _write(config, _note(text))
    message = _refusal(config)
    assert limit in message
    assert str(path) in message


@pytest.mark.parametrize(
    "statement", ["include 'evil.html.j2'", "extends 'evil.html.j2'", "import 'evil.html.j2' as e"]
)
def test_a_template_that_includes_itself_stops(config: Path, statement: str) -> None:
    path = _write(config, f"{{% {statement} %}}")
    message = _refusal(config)
    assert TOO_LONG in message and str(path) in message


def test_the_refusal_names_the_line(config: Path) -> None:
    _write(config, _note("Dear {{ name }},\n\nhello\n{{ cycler.__init__ }}\n"))
    assert "(line 4)" in _refusal(config)


def test_a_mistake_or_an_undefined_call_names_the_file_and_line(config: Path) -> None:
    path = _write(config, _note("Dear {{ name }},\n{% for %}"))
    message = _refusal(config)
    assert f"{path} (line 2): this template has a mistake" in message
    _write(config, _note("Dear {{ name }},\n{{ nothing() }}"))
    assert f"{path} (line 2): this template uses something not defined" in _refusal(config)


def test_a_missing_value_still_prints_as_nothing(config: Path) -> None:
    _write(config, _note("Dear {{ name }}{{ nobody.title }},"))
    assert Templates(config).draft("evil", _variables()).body == "Dear Ann,"


def test_a_fifo_a_device_or_a_huge_file_is_not_read(config: Path) -> None:
    folder = config / "letters"
    folder.mkdir(parents=True)
    os.mkfifo(folder / "fifo.html.j2")  # opening it would wait for a writer for ever
    (folder / "zero.html.j2").symlink_to("/dev/zero")
    (folder / "huge.html.j2").write_text("x" * 300_000, encoding="utf-8")
    templates = Templates(config)
    for name, words in (("fifo", NOT_ALLOWED), ("zero", NOT_ALLOWED), ("huge", "too large")):
        with pytest.raises(StoreError, match=words) as refused:
            templates.draft(name, _variables())
        assert str(folder / f"{name}.html.j2") in str(refused.value)
    # The refused ones are still listed, by name, so choosing one says why.
    titles = {info.name: info.title for info in templates.catalogue()}
    assert titles["fifo"] == "fifo" and titles["thank_you_email"] == "Thank-you email"


def test_what_a_letter_template_does_still_works(config: Path) -> None:
    _write(
        config,
        _note(
            "{% for p in people %}{{ p.name|upper }}{{ ', ' if not loop.last }}{% endfor %}; "
            "{{ '%05d'|format(42) }} {{ '{:>5}'.format(name) }} {{ name ~ '!' }} "
            "{{ (name * 2)|lower }} {{ range(3)|join('-') }} {{ name.replace('A', 'E') }}"
        ),
    )
    body = Templates(config).draft("evil", _variables()).body
    assert body == "BO; 00042   Ann Ann! annann 0-1-2 Enn"


# --- the built-in templates -----------------------------------------------------------------


def _context() -> LetterContext:
    """Values that would show any difference: markup, ampersands, braces, accents."""
    contact = r.Contact(
        id=1, name="Zoë <b>Å</b>", title="Head & co", company="A&B <Labs>",
        emails=ways("zoe@example.org"),
    )  # fmt: skip
    interview = r.Interview(
        id=1,
        company="A&B <Labs>",
        position="Data {{ x }} Engineer",
        start=datetime(2026, 11, 20, 14, tzinfo=UTC),
        time_zone="UTC",
        people=(r.Participation(contact, r.Role.INTERVIEWER),),
        debrief=r.Debrief(thank_you_topic="<b>the migration</b> & more", learned="a\nb"),
    )
    return LetterContext(
        interview=interview,
        recipient=Recipient(
            kind="contact", id=1, name=contact.name, title=contact.title, company="A&B <Labs>"
        ),
        profile=Profile(name="Sam <i>Rivera</i>", selling_points="data & <pipelines>"),
        today=date(2026, 11, 21),
    )


def _plain(templates: Templates) -> jinja2.Environment:
    """The environment the letters used before the sandbox, configured as it was."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(builtin_dir())]),
        autoescape=True,
        lstrip_blocks=True,
        undefined=jinja2.ChainableUndefined,
        keep_trailing_newline=False,
    )
    for name in ("lines", "sentences", "phrase"):
        env.filters[name] = templates.env.filters[name].__wrapped__
    return env


def test_every_built_in_template_renders_in_the_sandbox_as_before() -> None:
    sandboxed = Templates(None)
    assert isinstance(sandboxed.env, ImmutableSandboxedEnvironment)
    outside = Templates(None)
    outside.env = _plain(sandboxed)  # type: ignore[assignment]
    assert not isinstance(outside.env, ImmutableSandboxedEnvironment)
    variables = _context().variables()
    names = sandboxed.names()
    assert len(names) == len(list(builtin_dir().glob("[!_]*.html.j2"))) - 1  # the pocket card
    for name in names:
        draft = sandboxed.draft(name, variables)
        assert draft == outside.draft(name, variables)
        assert draft.body.strip() and "Zoë <b>Å</b>" in draft.body + draft.subject
        assert sandboxed.info(name) == outside.info(name)
        assert sandboxed.to_html(draft, variables) == outside.to_html(draft, variables)
    card = pocket_card_variables(_context().interview, "US", ThankYouDeadline.HOURS_24)
    assert sandboxed.pocket_card_html(card) == outside.pocket_card_html(card)


# --- the command line -------------------------------------------------------------------------


@pytest.fixture
def imported(cli: Cli, sample_json: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Cli:
    monkeypatch.chdir(tmp_path)
    status, _, err = cli("import", "json", str(sample_json))
    assert status == 0, err
    return cli


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (ESCAPES["cycler_init_globals_os"], NOT_ALLOWED),
        (ESCAPES["str_format_field_walk"], NOT_ALLOWED),
        (BUDGET["nested_loops"][0], TOO_LONG),
        (BUDGET["string_times_a_billion"][0], TOO_LARGE),
    ],
    ids=["globals", "format", "loops", "output"],
)
def test_the_cli_says_why_and_exits_2(
    imported: Cli, data_dir: Path, tmp_path: Path, text: str, words: str
) -> None:
    path = _write(data_dir / "config", _note(text))
    for output in ("--text", "--pdf=out.pdf"):
        status, out, err = imported(
            "letter", "--interview", "acme-1", "--person", "Laura Chen", "--template", "evil",
            output,
        )  # fmt: skip
        assert status == 2
        assert out == ""
        assert err.startswith(f"afterview: Letter template {path}")
        assert words in err and err.count("\n") == 1
    assert not (tmp_path / "MARKER").exists() and not (tmp_path / "out.pdf").exists()


def test_the_cli_shows_no_traceback(data_dir: Path, sample_json: Path, tmp_path: Path) -> None:
    path = _write(data_dir / "config", _note(ESCAPES["subclasses_to_catch_warnings"]))
    command = [sys.executable, "-m", "afterview", "--data-dir", str(data_dir)]
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    imported = subprocess.run(
        [*command, "import", "json", str(sample_json)],
        capture_output=True, text=True, timeout=120, env=environment, cwd=tmp_path,
    )  # fmt: skip
    assert imported.returncode == 0, imported.stderr
    result = subprocess.run(
        [*command, "letter", "--interview", "acme-1", "--person", "Laura Chen",
         "--template", "evil", "--pdf", str(tmp_path / "out.pdf")],
        capture_output=True, text=True, timeout=120, env=environment, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.startswith(f"afterview: Letter template {path} (line 1): {NOT_ALLOWED}")
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1
    assert not (tmp_path / "MARKER").exists() and not (tmp_path / "out.pdf").exists()


def test_a_link_out_of_the_letters_folder_is_not_read(config: Path) -> None:
    """The tester's case: letters/symlink.html.j2 -> /etc/passwd, then an include of it."""
    secret = config.parent / "secret.txt"
    secret.write_text("root:x:0:0:the secret")
    _write(config, _note("{% include 'linked.html.j2' %}"))
    (config / "letters" / "linked.html.j2").symlink_to(secret)
    message = _refusal(config)
    assert "not allowed to read a file outside its folder" in message
    assert "the secret" not in message
