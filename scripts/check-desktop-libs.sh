#!/bin/sh
# Qt's xcb platform plugin needs a few system libraries that a bare Debian/Ubuntu lacks.
# Say which ones are missing (and how to install them) instead of letting Qt abort cryptically.
[ -n "$WAYLAND_DISPLAY" ] && exit 0
plugin=$(ls .venv/lib/python3*/site-packages/PySide6/Qt/plugins/platforms/libqxcb.so 2>/dev/null | head -n 1)
[ -n "$plugin" ] || exit 0
missing=$(ldd "$plugin" 2>/dev/null | awk '/not found/ {print $1}')
[ -z "$missing" ] && exit 0
echo "Newsdesk 需要以下系统库才能打开窗口 / Qt needs these system libraries:" >&2
echo "$missing" | sed 's/^/  /' >&2
echo "Debian/Ubuntu: sudo apt-get install -y libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 \\" >&2
echo "    libxkbcommon-x11-0 libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libegl1" >&2
exit 1
