#!/bin/sh
# Removes what install.sh installed, and the tray's autostart entry. Your data stays
# (in ~/.local/share/Afterview); delete that folder yourself if you want it gone.
set -eu

data=${XDG_DATA_HOME:-"$HOME/.local/share"}
bin=${AFTERVIEW_BIN_DIR:-"$HOME/.local/bin"}
app_id=org.afterview.Afterview

rm -rf "$data/afterview/bundle"
rmdir "$data/afterview" 2>/dev/null || true
if [ -L "$bin/afterview" ]; then rm -f "$bin/afterview"; fi
rm -f "$data/applications/$app_id.desktop" "$data/metainfo/$app_id.metainfo.xml"
rm -f "$data"/icons/hicolor/*/apps/$app_id.png "$data"/icons/hicolor/*/apps/$app_id.svg
rm -f "${XDG_CONFIG_HOME:-"$HOME/.config"}/autostart/afterview-tray.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$data/applications" || true
echo "Afterview is uninstalled. Your data is kept."
