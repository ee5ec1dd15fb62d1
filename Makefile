# Two commands on a fresh machine:  `make run` (install + start the app), `make test` (install + tests).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
# The compiled translations (.qm, not in git), rebuilt when a .ts changes.
QM_STAMP := resources/translations/.qm-stamp
TS_FILES := $(wildcard resources/translations/*.ts)

.PHONY: run demo test lint format bench package clean system-deps translations

$(STAMP): pyproject.toml
	bash scripts/install-system-deps.sh
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# torch first, pinned to the wheels on this machine (see README); then the app itself.
	$(PY) -m pip install --quiet "torch==2.14.1" "torchvision==0.29.1" || $(PY) -m pip install --quiet "torch<=2.14.1" "torchvision<=0.29.1"
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

$(QM_STAMP): $(STAMP) $(TS_FILES)
	$(PY) scripts/translations.py release
	touch $(QM_STAMP)

translations: $(STAMP)
	$(PY) scripts/translations.py update
	$(PY) scripts/translations.py release
	touch $(QM_STAMP)

run: $(STAMP) $(QM_STAMP)
	$(VENV)/bin/finetune-studio

demo: $(STAMP) $(QM_STAMP)
	$(VENV)/bin/finetune-studio --demo

test: $(STAMP) $(QM_STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q
	$(VENV)/bin/ruff check src tests benchmarks packaging
	$(VENV)/bin/lint-imports

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests benchmarks packaging
	$(VENV)/bin/ruff format --check src tests benchmarks packaging
	$(VENV)/bin/lint-imports

format: $(STAMP)
	$(VENV)/bin/ruff format src tests benchmarks packaging
	$(VENV)/bin/ruff check --fix src tests benchmarks packaging

bench: $(STAMP)
	$(PY) benchmarks/run.py

package: $(STAMP) $(QM_STAMP)
	$(PY) -m pip install --quiet 'pyinstaller>=6.5'
	bash packaging/build.sh

clean:
	rm -rf $(VENV) build dist .pytest_cache
