#!/usr/bin/env bash
# Debian packages the app and its tests need: Qt's X11/offscreen libraries and the real
# Fashion-MNIST data used by tests and benchmarks. Only runs apt-get when something is missing
# and we may (root on Debian/Ubuntu); elsewhere it says what to install and carries on.
set -u
pkgs=(dataset-fashion-mnist libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
      libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-xinerama0
      libxcb-xkb1 libxcb-shape0 libxcb-randr0 xvfb xauth desktop-file-utils)
command -v dpkg-query >/dev/null || { echo "install-system-deps: not a Debian system, skipping"; exit 0; }
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "install-system-deps: installing ${missing[*]}"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "install-system-deps: please install: ${missing[*]} (e.g. sudo apt-get install ...)"
fi
exit 0
