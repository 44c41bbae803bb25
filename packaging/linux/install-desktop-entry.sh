#!/bin/sh
# Put Newsdesk in this user's application menu (no root needed): the desktop entry, its icon and
# the AppStream data, pointing at the folder this script is in. Run it again after moving the
# folder; `./install-desktop-entry.sh --remove` takes the entries away again.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
id=org.newsdesk.Newsdesk
files="applications/$id.desktop icons/hicolor/256x256/apps/$id.png
icons/hicolor/scalable/apps/$id.svg metainfo/$id.metainfo.xml"

if [ "${1:-}" = "--remove" ]; then
    for f in $files; do rm -f "$data/$f"; done
    echo "已从应用程序菜单移除 Newsdesk。"
    exit 0
fi
for f in $files; do
    mkdir -p "$(dirname "$data/$f")"
    cp "$here/share/$f" "$data/$f"
done
# The entry starts this copy of the program, wherever it was unpacked.
sed "s|^Exec=newsdesk |Exec=\"$here/newsdesk\" |" "$here/share/applications/$id.desktop" \
    > "$data/applications/$id.desktop"
if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$data/applications" || true
fi
echo "已把 Newsdesk 加入应用程序菜单：$data/applications/$id.desktop"
