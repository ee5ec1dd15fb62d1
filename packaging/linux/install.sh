#!/bin/sh
# Install Finetune Studio for the current user (no administrator rights needed):
#   the app        -> ~/.local/share/finetune-studio/
#   a command      -> ~/.local/bin/finetune-studio
#   menu entry     -> ~/.local/share/applications/finetune-studio.desktop
#   icons          -> ~/.local/share/icons/hicolor/<size>/apps/finetune-studio.png
#   file types     -> ~/.local/share/mime/packages/io.github.finetunestudio.FinetuneStudio.xml
#                     (.ftproj projects and .ftmodel models open in the app on a double-click)
#
#   ./install.sh              install (or update) from this unpacked folder
#   ./install.sh --uninstall  remove everything listed above
#
# XDG_DATA_HOME and a BIN_DIR environment variable are honoured if set.
set -eu

here="$(cd "$(dirname "$0")" && pwd)"
data_home="${XDG_DATA_HOME:-$HOME/.local/share}"
bin_dir="${BIN_DIR:-$HOME/.local/bin}"
app_dir="$data_home/finetune-studio"
apps_dir="$data_home/applications"
icon_root="$data_home/icons/hicolor"
metainfo_dir="$data_home/metainfo"
sizes="16 24 32 48 64 128 256 512"
metainfo="io.github.finetunestudio.FinetuneStudio.metainfo.xml"
mime_root="$data_home/mime"
mime_source="io.github.finetunestudio.FinetuneStudio.mime.xml"
mime_file="$mime_root/packages/io.github.finetunestudio.FinetuneStudio.xml"

refresh_caches() {
    command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$apps_dir" || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$icon_root" || true
    if [ -d "$mime_root/packages" ]; then
        command -v update-mime-database >/dev/null 2>&1 && update-mime-database "$mime_root" || true
    fi
}

uninstall() {
    rm -rf "$app_dir"
    rm -f "$bin_dir/finetune-studio" "$apps_dir/finetune-studio.desktop" "$metainfo_dir/$metainfo"
    rm -f "$icon_root/scalable/apps/finetune-studio.svg" "$mime_file"
    for s in $sizes; do rm -f "$icon_root/${s}x${s}/apps/finetune-studio.png"; done
    refresh_caches
    echo "Finetune Studio was removed. Your projects and trained models were not touched."
}

if [ "${1:-}" = "--uninstall" ]; then
    uninstall
    exit 0
fi

if [ ! -x "$here/FinetuneStudio/FinetuneStudio" ]; then
    echo "install.sh: run me from the unpacked Finetune Studio folder (FinetuneStudio/ is missing)" >&2
    exit 1
fi

echo "Installing Finetune Studio into $app_dir ..."
mkdir -p "$app_dir" "$bin_dir" "$apps_dir" "$metainfo_dir"
if [ "$here" != "$app_dir" ]; then
    # Replace an older version completely, so no stale library is left behind.
    rm -rf "$app_dir.new"
    mkdir -p "$app_dir.new"
    cp -a "$here/." "$app_dir.new/"
    rm -rf "$app_dir"
    mv "$app_dir.new" "$app_dir"
fi

ln -sf "$app_dir/finetune-studio" "$bin_dir/finetune-studio"

for s in $sizes; do
    mkdir -p "$icon_root/${s}x${s}/apps"
    cp "$app_dir/icons/finetune-studio-$s.png" "$icon_root/${s}x${s}/apps/finetune-studio.png"
done
mkdir -p "$icon_root/scalable/apps"
cp "$app_dir/icons/finetune-studio.svg" "$icon_root/scalable/apps/finetune-studio.svg"
cp "$app_dir/$metainfo" "$metainfo_dir/$metainfo"
mkdir -p "$mime_root/packages"
cp "$app_dir/$mime_source" "$mime_file"

# The menu entry starts the installed launcher by its full path: ~/.local/bin is not on the
# PATH of every desktop session. %f: the file a double-click (or "Open with") hands over.
sed -e "s|^Exec=.*|Exec=\"$app_dir/finetune-studio\" %f|" \
    -e "s|^TryExec=.*|TryExec=$app_dir/finetune-studio|" \
    "$app_dir/finetune-studio.desktop" > "$apps_dir/finetune-studio.desktop"
chmod 644 "$apps_dir/finetune-studio.desktop"

refresh_caches
echo "Done. Start Finetune Studio from your applications menu, or run: $bin_dir/finetune-studio"
