#!/usr/bin/env bash
# Build the Linux app with the project's virtual environment, self-test it, and archive it.
#
#   packaging/build.sh                 # -> build/dist/FinetuneStudio/ and
#                                      #    dist/FinetuneStudio-<version>-linux-x86_64.tar.gz
#   FTS_CUDA=keep packaging/build.sh   # keep every NVIDIA library (see finetune-studio.spec)
#   packaging/build.sh --skip-build    # re-run the self-test and the archive only
#
# The work is done by packaging/build.py (the same script builds on Windows and macOS): it
# compiles the translations (scripts/translations.py release: resources/translations/*.qm),
# runs PyInstaller and checks the bundle (the .qm files and Qt's qtbase_<lang>.qm included);
# this wrapper picks the venv's Python, makes sure PyInstaller is there, and times the whole run.
# It exits non-zero if the build, the bundle check or the frozen app's --self-test fails.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY="${PYTHON:-$ROOT/.venv/bin/python}"

if [[ ! -x "$PY" ]]; then
    echo "build.sh: no Python at $PY; create the venv first (make run, or PYTHON=/path/to/python)" >&2
    exit 2
fi
if ! "$PY" -c "import PyInstaller" 2>/dev/null; then
    echo "build.sh: installing PyInstaller into $("$PY" -c 'import sys; print(sys.prefix)')"
    "$PY" -m pip install --quiet "pyinstaller>=6.5"
fi
if ! "$PY" -c "import engine.cli" 2>/dev/null; then
    echo "build.sh: the app is not importable with $PY; run: $PY -m pip install -e '.[package]'" >&2
    exit 2
fi
for tool in ldd objdump; do
    command -v "$tool" >/dev/null || { echo "build.sh: $tool is required (apt-get install binutils libc-bin)" >&2; exit 2; }
done

cd "$ROOT"
start=$(date +%s)
"$PY" packaging/build.py "$@"
end=$(date +%s)
echo "  total time:   $((end - start)) s (build + self-test + archive)"
