"""Qt's xcb platform plugin (the X11 window) needs system libraries that a bare Debian/Ubuntu lacks.
Without them Qt aborts with an English message about "xcb-cursor0"; we name the missing libraries
and the apt-get line that installs them instead, before Qt tries.

The check asks the dynamic loader (ldd) which of the plugin's libraries it cannot find, so it works
the same for the source install (the plugin in the venv's PySide6) and the packaged application
(the plugin under _internal/, with the libraries packaging bundled beside it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from newsdesk.app_dir import app_dir, is_frozen

# Debian/Ubuntu package of each library the xcb plugin may miss.
DEBIAN_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb.so.1": "libxcb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
}


def xcb_plugin() -> Path | None:
    """Qt's libqxcb.so, where this Qt loads its platform plugins from; None if absent."""
    from PySide6.QtCore import QLibraryInfo

    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    plugin = folder / "libqxcb.so"
    return plugin if plugin.is_file() else None


def parse_ldd(output: str) -> list[str]:
    """The libraries ldd reports as "not found", each once, in its order."""
    missing: list[str] = []
    for line in output.splitlines():
        name, _, rest = line.strip().partition(" => ")
        if rest.strip() == "not found" and name not in missing:
            missing.append(name)
    return missing


def missing_libraries(plugin: Path | None = None) -> list[str]:
    """System libraries the xcb plugin needs and the loader cannot find ([] when all are there,
    or when the plugin or ldd is absent: then Qt's own message is all we have)."""
    plugin = plugin or xcb_plugin()
    ldd = shutil.which("ldd")
    if plugin is None or ldd is None:
        return []
    env = dict(os.environ)
    if is_frozen():
        # Bundled libraries sit in the application folder, which the loader searches for the
        # running application but not for ldd's.
        env["LD_LIBRARY_PATH"] = os.pathsep.join(
            p for p in (str(app_dir()), env.get("LD_LIBRARY_PATH", "")) if p
        )
    try:
        result = subprocess.run(
            [ldd, str(plugin)], capture_output=True, text=True, env=env, timeout=20
        )
    except (OSError, subprocess.SubprocessError):
        return []
    return parse_ldd(result.stdout)


def install_line(missing: list[str]) -> str:
    """`sudo apt-get install -y …` for the Debian/Ubuntu packages holding `missing`."""
    packages: list[str] = []
    for name in missing:
        package = DEBIAN_PACKAGES.get(name)
        if package and package not in packages:
            packages.append(package)
    return "sudo apt-get install -y " + " ".join(packages) if packages else ""


def missing_message(missing: list[str]) -> str:
    """What the user reads: the missing libraries and how to install them."""
    lines = ["无法打开窗口：Qt 的 X11 (xcb) 界面插件缺少以下系统库："]
    lines += [f"  {name}" for name in missing]
    line = install_line(missing)
    if line:
        lines += ["在 Debian/Ubuntu 上用下面的命令安装后再试：", f"  {line}"]
    unknown = [name for name in missing if name not in DEBIAN_PACKAGES]
    if unknown:
        lines.append(
            "其他系统请安装提供上述文件的软件包（例如用 apt-file search、dnf provides 查找）。"
        )
    return "\n".join(lines)
