"""Keep the translation files in step with the code, and compile them.

    python scripts/translations.py update [AREA ...]   # pyside6-lupdate: .py -> .ts
    python scripts/translations.py release             # pyside6-lrelease: .ts -> .qm
    python scripts/translations.py check [AREA ...]    # exit 1 and list what is not in step

resources/translations/areas.json says which source files each area covers. For every
area and language there is ``<area>_<lang>.ts`` (the translation) and ``<area>_en.ts``
(English plural forms only: the English source text says "%n photo(s)", and this file
turns it into "1 photo" / "2 photos"). Locations are left out of the .ts files so that
moving code does not change them. The .qm files are build output (not in git): ``make``
builds them before the app or the tests run, and packaging/build.sh before bundling.
"""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "resources" / "translations"


def _tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease from the interpreter's own environment."""
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} was not found; it comes with PySide6 (pip install PySide6)")
    return found


def manifest() -> dict:
    """The parsed areas.json."""
    return json.loads((TRANSLATIONS / "areas.json").read_text(encoding="utf-8"))


def ts_files(area: str, doc: dict | None = None) -> list[tuple[Path, list[str]]]:
    """(.ts path, extra lupdate options) for one area: English plural forms, then each language."""
    doc = doc or manifest()
    out = [(TRANSLATIONS / f"{area}_en.ts", ["-pluralonly"])]
    out += [(TRANSLATIONS / f"{area}_{lang}.ts", []) for lang in doc["languages"]]
    return out


def update(areas: list[str], ts_dir: Path = TRANSLATIONS, quiet: bool = False) -> None:
    """Run pyside6-lupdate for ``areas`` (all when empty), writing into ``ts_dir``."""
    doc = manifest()
    lupdate = _tool("pyside6-lupdate")
    for area in areas or list(doc["areas"]):
        sources = [str(ROOT / p) for p in doc["areas"][area]]
        for ts, extra in ts_files(area, doc):
            target = ts_dir / ts.name
            if ts_dir != TRANSLATIONS and ts.exists():
                shutil.copyfile(ts, target)
            cmd = [lupdate, *extra, "-no-obsolete", "-locations", "none", *sources]
            subprocess.run(
                [*cmd, "-ts", str(target)],
                check=True,
                cwd=ROOT,
                stdout=subprocess.DEVNULL if quiet else None,
            )


def release(ts_dir: Path = TRANSLATIONS, qm_dir: Path = TRANSLATIONS) -> list[Path]:
    """Compile every .ts in ``ts_dir`` into a .qm in ``qm_dir``; returns the .qm paths."""
    lrelease = _tool("pyside6-lrelease")
    out = []
    for ts in sorted(ts_dir.glob("*.ts")):
        qm = qm_dir / ts.with_suffix(".qm").name
        subprocess.run([lrelease, "-silent", str(ts), "-qm", str(qm)], check=True)
        out.append(qm)
    return out


# --- check: the .ts files in step with the code, and no string that bypasses translation ---


@dataclass(frozen=True)
class Problem:
    """One thing `check` found: where it is, which message, and what is wrong."""

    area: str
    where: str  # a .ts file name, or a source file and line
    context: str
    source: str
    what: str

    def __str__(self) -> str:
        return f"{self.area}: {self.where}: [{self.context}] {self.source!r}: {self.what}"


#: (context, source text, disambiguation comment): how Qt finds a message.
Key = tuple[str, str, str]

_FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)?(?:[!:][^{}]*)?\}")
# An accelerator is "&" before a letter; "&&" is a literal ampersand.
_ACCEL = re.compile(r"(?<!&)&(?=[^&\s])")
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _messages(ts: Path) -> dict[Key, ET.Element]:
    """The <message> elements of a .ts file by key (empty when the file is missing)."""
    if not ts.exists():
        return {}
    out: dict[Key, ET.Element] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            key = (name, message.findtext("source") or "", message.findtext("comment") or "")
            out[key] = message
    return out


def _fields(text: str) -> list[str]:
    return sorted(m.group(1) or "" for m in _FIELD.finditer(text))


def _translation_problems(key: Key, message: ET.Element) -> list[str]:
    """What is wrong with one message's translation (unfinished, empty, fields that differ)."""
    tr = message.find("translation")
    if tr is None:
        return ["no <translation> element"]
    kind = tr.get("type") or ""
    if kind in ("obsolete", "vanished"):
        return [f"{kind} entry: no longer in the code (run update, which drops it)"]
    problems = []
    if kind == "unfinished":
        problems.append('not translated yet (type="unfinished")')
    if message.get("numerus") == "yes":
        forms = [f.text or "" for f in tr.iter("numerusform")]
        if not forms or any(not f.strip() for f in forms):
            problems.append("an empty plural form (numerusform)")
    else:
        forms = [tr.text or ""]
        if not forms[0].strip() and kind != "unfinished":
            problems.append("an empty translation")
    source = key[1]
    for form in (f for f in forms if f.strip()):
        if _fields(form) != _fields(source):
            problems.append(
                f"the {{fields}} differ from the source's ({_fields(form)} vs {_fields(source)}):"
                f" .format() would fail or drop one in {form!r}"
            )
        if _ACCEL.search(source) and not _ACCEL.search(form):
            problems.append(f"the source has an & accelerator, the translation {form!r} not")
        if source.rstrip().endswith("…") and not form.rstrip().endswith("…"):
            problems.append(f"the source ends with …, the translation {form!r} not")
    return problems


def check_ts(areas: list[str]) -> list[Problem]:
    """Problems of the areas' .ts files: not in step with the code, unfinished, or broken.

    Runs lupdate into a temporary copy and compares: a message the copy gained is a
    string in the code that the .ts does not have yet; one it lost has left the code.
    """
    doc = manifest()
    problems: list[Problem] = []
    with tempfile.TemporaryDirectory() as tmp:
        update(areas, Path(tmp), quiet=True)
        for area in areas:
            for ts, _ in ts_files(area, doc):
                have, want = _messages(ts), _messages(Path(tmp) / ts.name)

                def add(key: Key, what: str, area: str = area, ts: Path = ts) -> None:
                    problems.append(Problem(area, ts.name, key[0], key[1], what))

                if not ts.exists():
                    add(("", "", ""), "the file is missing")
                for key in sorted(want.keys() - have.keys()):
                    add(
                        key,
                        f"in the code but not in the .ts (run: python scripts/translations.py update {area})",
                    )
                for key in sorted(have.keys() - want.keys()):
                    add(key, "in the .ts but no longer in the code (run update)")
                for key in sorted(have.keys() & want.keys()):
                    if not _IDENT.match(key[0]):
                        add(
                            key,
                            "lupdate gave this a context no class has (pyside6-lupdate does so to a"
                            " self.tr() after a QCoreApplication.translate() in the same function):"
                            " write ClassName.tr() there",
                        )
                    for what in _translation_problems(key, have[key]):
                        add(key, what)
    return problems


# The lint: a string a person reads, passed to Qt without tr(). For each call, which
# positional arguments are text (None: every one) and which keywords.
OPT_OUT = "# i18n: not text"
_ALL = None
#: (positions of text arguments, or None for all, or "text-or-icon"; keywords that are text)
Rule = tuple[tuple[int, ...] | str | None, tuple[str, ...]]
_TEXT_METHODS: dict[str, Rule] = {
    name: ((0,), ("text",))
    for name in (
        "setText", "setToolTip", "setWindowTitle", "setPlaceholderText", "setStatusTip",
        "setWhatsThis", "showMessage", "setTitle", "setLabelText", "setCancelButtonText",
        "setInformativeText", "setDetailedText", "setHtml", "setMarkdown", "setPlainText",
        "setSuffix", "setPrefix", "setSpecialValueText", "setFormat", "setAccessibleName",
        "setAccessibleDescription", "setWindowIconText", "addSection", "setNameFilter",
        "setHeaderLabels", "setHorizontalHeaderLabels", "setVerticalHeaderLabels",
        "addItems", "setNameFilters", "setOkButtonText", "appendPlainText", "insertPlainText",
        "setCheckBoxText",
    )
}  # fmt: skip
_TEXT_METHODS.update(
    {
        # (index, text) pairs
        "setTabText": ((1,), ()),
        "setTabToolTip": ((1,), ()),
        "setItemText": ((1,), ()),
        "setItemToolTip": ((1,), ()),
        "insertItem": ((1,), ()),
        "setButtonText": ((1,), ()),
        # text first, then data: a combo box's userData is often a str key, not text
        "addItem": ("text-or-icon", ()),
        "addButton": ((0,), ()),
        "addRow": ((0,), ()),
        "addMenu": ("text-or-icon", ("title",)),
        "addAction": (_ALL, ("text",)),
        "addTab": ((1, 2), ()),
        "insertTab": ((2, 3), ()),
        # QFileDialog: caption and filter; the folder argument is a path
        "getOpenFileName": ((1, 3), ("caption", "filter")),
        "getOpenFileNames": ((1, 3), ("caption", "filter")),
        "getSaveFileName": ((1, 3), ("caption", "filter")),
        "getExistingDirectory": ((1,), ("caption",)),
        # QMessageBox statics: (parent, title, text, ...)
        "information": ((1, 2), ("title", "text")),
        "warning": ((1, 2), ("title", "text")),
        "critical": ((1, 2), ("title", "text")),
        "question": ((1, 2), ("title", "text")),
        "about": ((1, 2), ("title", "text")),
        # QInputDialog statics: (parent, title, label, ...)
        "getText": ((1, 2), ("title", "label")),
        "getItem": ((1, 2, 3), ("title", "label", "items")),
        "getInt": ((1, 2), ("title", "label")),
        "getDouble": ((1, 2), ("title", "label")),
        # pyqtgraph: axis labels, titles, legend names, text items
        "setLabel": ((1,), ("text",)),
        "plot": ((), ("name", "title")),
        "TextItem": ((0,), ("text",)),
        "PlotDataItem": ((), ("name",)),
        "PlotCurveItem": ((), ("name",)),
        "ScatterPlotItem": ((), ("name",)),
        "BarGraphItem": ((), ("name",)),
    }
)
_TEXT_CLASSES = {
    "QAction", "QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox", "QMenu",
    "QCommandLinkButton", "QTableWidgetItem", "QListWidgetItem", "QTreeWidgetItem",
    "QStandardItem", "QProgressDialog", "QMessageBox", "QToolButton", "QDockWidget",
    "QWidgetAction", "QErrorMessage",
}  # fmt: skip
for _cls in _TEXT_CLASSES:
    _TEXT_METHODS[_cls] = (_ALL, ("text", "title", "labelText", "cancelButtonText"))


_MARKUP = re.compile(r"<[^<>]*>|&#?\w+;")


def _has_letters(text: str) -> bool:
    """Words to translate, not only markup (``"<b>"``, ``"&nbsp;"``), digits or symbols."""
    return any(ch.isalpha() for ch in _MARKUP.sub("", text))


def _bypass(node: ast.expr) -> str | None:
    """Why ``node`` is text that did not go through tr(), or None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return "a string literal" if _has_letters(node.value) else None
    if isinstance(node, ast.JoinedStr):
        parts = [v.value for v in node.values if isinstance(v, ast.Constant)]
        return "an f-string" if _has_letters("".join(str(p) for p in parts)) else None
    if isinstance(node, ast.BinOp):
        return _bypass(node.left) or _bypass(node.right)
    if isinstance(node, ast.IfExp):
        return _bypass(node.body) or _bypass(node.orelse)
    if isinstance(node, (ast.List, ast.Tuple)):
        return next((r for r in map(_bypass, node.elts) if r), None)
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("format", "join", "strip", "upper", "lower", "title")
    ):
        return _bypass(node.func.value)
    return None


# log.warning(...) is not QMessageBox.warning(...): the log stays English.
_NOT_QT = {"log", "logger", "logging", "warnings", "LOG", "_log"}


def _call_name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Attribute):
        if isinstance(func.value, ast.Name) and func.value.id in _NOT_QT:
            return None
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return None


def _looks_like_icon(node: ast.expr) -> bool:
    name = _call_name(node.func) if isinstance(node, ast.Call) else _call_name(node)
    return "icon" in (name or "").lower()


def _is_tr(node: ast.Call) -> int | None:
    """Index of the source-text argument when ``node`` is a tr()/translate() call."""
    name = _call_name(node.func)
    if name == "tr" and isinstance(node.func, ast.Attribute):
        return 0
    if name == "translate":
        return 1
    return None


def _rule_args(node: ast.Call, rule: Rule) -> list[ast.expr]:
    """The arguments of ``node`` that ``rule`` says are text."""
    positions, keywords = rule
    if positions == "text-or-icon":
        # (text, userData) or (icon, text, userData): the data is often a str key
        positions = (1,) if node.args and _looks_like_icon(node.args[0]) else (0,)
    args = [a for i, a in enumerate(node.args) if positions is None or i in positions]
    return args + [k.value for k in node.keywords if k.arg in keywords]


def _text_names(node: ast.expr) -> set[str]:
    """Names whose value ends up in ``node`` as text (``text``, ``"<b>" + text``, ``f"{text}!"``)."""
    if isinstance(node, ast.Name):
        return {node.id}
    if isinstance(node, ast.BinOp):
        return _text_names(node.left) | _text_names(node.right)
    if isinstance(node, ast.IfExp):
        return _text_names(node.body) | _text_names(node.orelse)
    if isinstance(node, (ast.List, ast.Tuple)):
        return set().union(*map(_text_names, node.elts)) if node.elts else set()
    if isinstance(node, ast.JoinedStr):
        return {
            v.value.id
            for v in node.values
            if isinstance(v, ast.FormattedValue) and isinstance(v.value, ast.Name)
        }
    if isinstance(node, ast.Call) and _is_tr(node) is not None and len(node.args) > _is_tr(node):
        return _text_names(node.args[_is_tr(node)])
    return set()


def text_rules(trees: list[ast.Module]) -> dict[str, Rule]:
    """The built-in rules plus this code's own wrappers: a function that passes one of its
    parameters on as text (``name_widget(w, "id", "Current step")``, ``self._action("&Open", ...)``)
    takes text there too, so a literal given to it is checked like one given to setText()."""
    rules = dict(_TEXT_METHODS)
    functions: list[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]] = []
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                for item in node.body:
                    if (
                        isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef))
                        and item.name == "__init__"
                    ):
                        functions.append((node.name, item))
            if (
                isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
                and node.name != "__init__"
            ):
                functions.append((node.name, node))
    changed = True
    while changed:
        changed = False
        for name, fn in functions:
            params = [a.arg for a in [*fn.args.posonlyargs, *fn.args.args]]
            offset = 1 if params and params[0] in ("self", "cls") else 0
            names = set(params[offset:]) | {a.arg for a in fn.args.kwonlyargs}
            found: set[str] = set()
            for call in ast.walk(fn):
                if not isinstance(call, ast.Call):
                    continue
                src = _is_tr(call)
                if src is not None:
                    args = call.args[src : src + 1]
                else:
                    rule = rules.get(_call_name(call.func) or "")
                    args = _rule_args(call, rule) if rule else []
                for arg in args:
                    found |= _text_names(arg) & names
            if not found:
                continue
            old = rules.get(name, ((), ()))
            positions = old[0]
            if isinstance(positions, tuple):
                extra = {params.index(p) - offset for p in found if p in params}
                positions = tuple(sorted(set(positions) | extra))
            keywords = tuple(sorted(set(old[1]) | found))
            if (positions, keywords) != old:
                rules[name] = (positions, keywords)
                changed = True
    return rules


def lint_source(
    text: str, filename: str, area: str = "", rules: dict[str, Rule] | None = None
) -> list[Problem]:
    """Strings in one source file that bypass translation, and tr() calls lupdate cannot read."""
    tree = ast.parse(text, filename)
    rules = rules if rules is not None else text_rules([tree])
    lines = text.splitlines()
    problems: list[Problem] = []

    def opted_out(node: ast.AST) -> bool:
        first, last = node.lineno, getattr(node, "end_lineno", node.lineno) or node.lineno
        # the comment may sit on the call's lines or on the line just above it
        return any(
            OPT_OUT in lines[i - 1] for i in range(max(1, first - 1), last + 1) if i <= len(lines)
        )

    def report(node: ast.AST, context: str, source: str, what: str) -> None:
        if not opted_out(node):
            problems.append(Problem(area, f"{filename}:{node.lineno}", context, source, what))

    def text_of(node: ast.expr) -> str:
        try:
            return ast.unparse(node)
        except Exception:  # noqa: BLE001 - only for the message
            return "?"

    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _call_name(node.func) or ""
        src_index = _is_tr(node)
        if src_index is not None:
            if len(node.args) <= src_index:
                continue
            arg = node.args[src_index]
            if isinstance(arg, ast.JoinedStr):
                report(
                    node,
                    name,
                    text_of(arg),
                    "an f-string inside tr(): write tr('... {x}').format(x=...)",
                )
            elif isinstance(arg, (ast.BinOp, ast.Call)):
                report(
                    node,
                    name,
                    text_of(arg),
                    "a built string inside tr(): lupdate cannot extract it",
                )
            elif isinstance(arg, ast.Constant) and isinstance(arg.value, str) and src_index == 0:
                has_n = len(node.args) >= 3 or any(k.arg == "n" for k in node.keywords)
                if any(k.arg == "n" for k in node.keywords):
                    report(
                        node,
                        name,
                        arg.value,
                        "pass the count third and positionally: tr(text, '', n)",
                    )
                elif "%n" in arg.value and not has_n:
                    report(node, name, arg.value, "%n in the text but no count: tr(text, '', n)")
            continue
        rule = rules.get(name)
        if rule is None:
            continue
        for arg in _rule_args(node, rule):
            why = _bypass(arg)
            if why:
                report(
                    arg,
                    f"{name}()",
                    text_of(arg),
                    f"{why} shown without tr() (or mark it {OPT_OUT!r} if it is no text)",
                )
    return sorted(problems, key=lambda p: int(p.where.rsplit(":", 1)[1]))


def lint(areas: list[str]) -> list[Problem]:
    """The lint over the areas' files in src/gui."""
    doc = manifest()
    # Wrappers are learnt from all of src/gui: name_widget() is the window's, used everywhere.
    rules = text_rules(
        [
            ast.parse(p.read_text(encoding="utf-8"), str(p))
            for p in sorted((ROOT / "src" / "gui").rglob("*.py"))
        ]
    )
    problems = []
    for area in areas:
        for rel in doc["areas"][area]:
            if not rel.startswith("src/gui/"):
                continue
            path = ROOT / rel
            problems += lint_source(path.read_text(encoding="utf-8"), rel, area, rules)
    return problems


def check(areas: list[str] | None = None) -> list[Problem]:
    """Everything wrong with the areas' translations (all areas when none are named)."""
    doc = manifest()
    areas = list(areas or doc["areas"])
    unknown = [a for a in areas if a not in doc["areas"]]
    if unknown:
        raise SystemExit(f"unknown area(s) {unknown}; areas.json has {list(doc['areas'])}")
    return check_ts(areas) + lint(areas)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("update", "release", "check"):
        print(__doc__)
        return 2
    if argv[0] == "update":
        update(argv[1:])
    elif argv[0] == "check":
        problems = check(argv[1:])
        for problem in problems:
            print(problem)
        print(f"{len(problems)} problem(s)", file=sys.stderr)
        return 1 if problems else 0
    else:
        release()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
