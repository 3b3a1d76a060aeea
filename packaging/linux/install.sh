#!/bin/sh
# Installs Afterview for the current user (no root needed): the bundle, a menu entry, icons and
# AppStream metainfo in the XDG directories. Run it from the unpacked release folder.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
bundle=${1:-"$here/afterview"}
data=${XDG_DATA_HOME:-"$HOME/.local/share"}
bin=${AFTERVIEW_BIN_DIR:-"$HOME/.local/bin"}
app_id=org.afterview.Afterview
target="$data/afterview/bundle"
mime_cache="$data/applications/mimeinfo.cache"
icon_cache="$data/icons/hicolor/icon-theme.cache"

if [ ! -x "$bundle/afterview" ]; then
  echo "install.sh: no Afterview bundle at $bundle" >&2
  exit 1
fi

# What this install creates (folders outermost first, and caches that were not there), so that
# uninstall.sh removes exactly that and leaves alone what was there before. It is kept in
# $data/afterview/created, added to by every install.
created=""
make_dir() {
  dir=$1
  missing=""
  while [ ! -d "$dir" ]; do
    missing="$dir
$missing"
    dir=$(dirname "$dir")
  done
  mkdir -p "$1"
  created="$created$missing"
}
absent() { if [ -e "$1" ]; then echo no; else echo yes; fi; }

# Replace the bundle as a whole, so files of an older version cannot linger.
make_dir "$data/afterview"
rm -rf "$target.new"
cp -a "$bundle" "$target.new"
rm -rf "$target"
mv "$target.new" "$target"

make_dir "$bin"
ln -sf "$target/afterview" "$bin/afterview"

make_dir "$data/applications"
make_dir "$data/metainfo"
sed "s|^Exec=afterview|Exec=\"$target/afterview\"|" "$here/share/applications/$app_id.desktop" \
  > "$data/applications/$app_id.desktop"
cp "$here/share/metainfo/$app_id.metainfo.xml" "$data/metainfo/"
for icon in "$here"/share/icons/hicolor/*/apps/*; do
  size_dir=$(basename "$(dirname "$(dirname "$icon")")")
  make_dir "$data/icons/hicolor/$size_dir/apps"
  cp "$icon" "$data/icons/hicolor/$size_dir/apps/"
done

# A tray autostart entry written by an earlier install points at the new bundle now.
autostart=${XDG_CONFIG_HOME:-"$HOME/.config"}/autostart/afterview-tray.desktop
if [ -f "$autostart" ]; then
  sed -i "s|^Exec=\"\{0,1\}[^ \"]*afterview\"\{0,1\} |Exec=\"$target/afterview\" |" "$autostart"
fi

new_mime_cache=$(absent "$mime_cache")
new_icon_cache=$(absent "$icon_cache")
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$data/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$data/icons/hicolor" || true
if [ "$new_mime_cache" = yes ] && [ -e "$mime_cache" ]; then created="$created$mime_cache
"; fi
if [ "$new_icon_cache" = yes ] && [ -e "$icon_cache" ]; then created="$created$icon_cache
"; fi
printf '%s' "$created" >> "$data/afterview/created"
echo "Afterview is installed: find it in your applications menu, or run $bin/afterview"
