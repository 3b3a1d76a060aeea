# Afterview: `make run` opens the app, `make test` runs everything CI runs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: venv run test lint typecheck pytest desktop-deps wheelhouse bench bench-bundle dist install-desktop uninstall-desktop clean mutate fuzz

venv: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: venv
	$(BIN)/afterview

desktop-deps:
	tools/ensure-debian-packages

lint: venv
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools

typecheck: venv
	$(BIN)/mypy

# In a network namespace with only loopback (tools/run-offline says whether it could make one),
# so no test can reach the network; pytest prints the time per test directory at the end.
pytest: venv
	tools/run-offline $(BIN)/python -m pytest

test: venv desktop-deps lint typecheck wheelhouse pytest

# Wheels of Afterview and of everything it needs at run time, so the wheel test installs offline
# (pytest runs without a network). The dependencies are fetched again only when pyproject.toml
# changes; Afterview's own wheel is rebuilt when a file it is built from changes.
WHEELHOUSE := build/wheelhouse
PACKAGE_FILES := $(shell find src/afterview -type f -not -path '*/__pycache__/*')

wheelhouse: $(WHEELHOUSE)/.afterview

$(WHEELHOUSE)/.dependencies: pyproject.toml | venv
	rm -rf $(WHEELHOUSE)
	$(BIN)/python -m pip wheel --quiet --wheel-dir $(WHEELHOUSE) .
	touch $@

# Cleared first: setuptools would pack a file an earlier build left in build/lib, or that the
# egg-info of an earlier build (or of the editable install) lists.
$(WHEELHOUSE)/.afterview: $(WHEELHOUSE)/.dependencies pyproject.toml README.md $(PACKAGE_FILES)
	rm -rf build/lib src/afterview.egg-info $(WHEELHOUSE)/afterview-*.whl
	$(BIN)/python -m pip wheel --quiet --no-deps --wheel-dir $(WHEELHOUSE) .
	touch $@

# The one-dir PyInstaller bundle in dist/afterview and the release tar.gz beside it.
dist: venv
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller packaging/afterview.spec
	$(BIN)/python packaging/linux/assemble.py

# Installs the bundle, the menu entry and the icons for the current user (XDG directories).
install-desktop: dist
	dist/afterview-$$($(BIN)/python -c 'import afterview; print(afterview.__version__)')-linux-$$(uname -m)/install.sh

uninstall-desktop:
	packaging/linux/uninstall.sh

bench: venv
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/filter.py
	$(BIN)/python bench/letters.py
	$(BIN)/python bench/interop.py
	$(BIN)/python bench/tray_idle.py
	$(BIN)/python bench/references_page.py
	$(BIN)/python bench/next_due.py
	$(BIN)/python bench/plan.py
	$(BIN)/python bench/pg_store.py
	$(BIN)/python bench/board.py

# Mutation testing of domain/ and store/reminders.py (not part of `make test`; see README).
# MODULES="calendar reminders" re-runs just those, keeping the other modules' results.
mutate: venv
	$(BIN)/python tools/mutate.py $(MODULES)

# The bundle's first paint against the venv's (needs `make dist` first).
bench-bundle: venv
	$(BIN)/python bench/bundle_startup.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis mutants src/*.egg-info

# Coverage-guided fuzzing of each importer (JSON, vCard, the file a restore reads) with Atheris,
# FUZZ_SECONDS each, from seed corpora in build/fuzz (not part of `make test`; fuzz/run.py).
# Atheris is installed here when it can be; without it this is a long hypothesis run of
# tests/unit/test_fuzz_*.py instead. A crash's input is kept in build/fuzz/crashes/.
FUZZ_SECONDS ?= 300
fuzz: venv
	$(BIN)/python -m pip install --quiet atheris || echo "fuzz: Atheris did not install; hypothesis instead"
	$(BIN)/python fuzz/run.py --seconds $(FUZZ_SECONDS)
