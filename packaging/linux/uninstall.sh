#!/bin/sh
# Removes what install.sh installed, and the tray's autostart entry. Your data stays
# (in ~/.local/share/Afterview); delete that folder yourself if you want it gone.
set -eu

data=${XDG_DATA_HOME:-"$HOME/.local/share"}
bin=${AFTERVIEW_BIN_DIR:-"$HOME/.local/bin"}
app_id=org.afterview.Afterview
mime_cache="$data/applications/mimeinfo.cache"
icon_cache="$data/icons/hicolor/icon-theme.cache"

# The folders and caches install.sh created (none listed for an install older than the list).
created=""
if [ -f "$data/afterview/created" ]; then created=$(cat "$data/afterview/created"); fi
ours() { printf '%s\n' "$created" | grep -qxF "$1"; }

rm -rf "$data/afterview/bundle"
rm -f "$data/afterview/created"
rmdir "$data/afterview" 2>/dev/null || true
if [ -L "$bin/afterview" ]; then rm -f "$bin/afterview"; fi
rm -f "$data/applications/$app_id.desktop" "$data/metainfo/$app_id.metainfo.xml"
rm -f "$data"/icons/hicolor/*/apps/$app_id.png "$data"/icons/hicolor/*/apps/$app_id.svg
rm -f "${XDG_CONFIG_HOME:-"$HOME/.config"}/autostart/afterview-tray.desktop"

# A cache install.sh made goes; one that was there before is refreshed without Afterview in it.
if ours "$mime_cache"; then
  rm -f "$mime_cache"
elif [ -e "$mime_cache" ] && command -v update-desktop-database >/dev/null 2>&1; then
  update-desktop-database -q "$data/applications" || true
fi
if ours "$icon_cache"; then
  rm -f "$icon_cache"
elif [ -e "$icon_cache" ] && command -v gtk-update-icon-cache >/dev/null 2>&1; then
  gtk-update-icon-cache -q -t "$data/icons/hicolor" || true
fi

# Folders install.sh created, innermost first; one that holds something else by now stays.
printf '%s\n' "$created" | LC_ALL=C sort -r | while IFS= read -r dir; do
  if [ -n "$dir" ] && [ -d "$dir" ]; then rmdir "$dir" 2>/dev/null || true; fi
done
echo "Afterview is uninstalled. Your data is kept."
