"""The packaged application (packaging/): built from this checkout with PyInstaller, it runs
without Python, the source tree or a virtual environment, and gives the same PDF pages.

The build takes about a minute and a half, so it happens once, in one test; the checks of the
checked-in desktop files are quick and separate."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import REPO

from newsdesk import __version__

APP_ID = "org.newsdesk.Newsdesk"
LINUX = REPO / "packaging" / "linux"


def test_app_id_is_the_one_in_the_application() -> None:
    pytest.importorskip("PySide6.QtWidgets")
    from newsdesk.app.main import APP_ID as app_id

    assert app_id == APP_ID
    assert (LINUX / f"{APP_ID}.desktop").is_file()
    assert (LINUX / f"{APP_ID}.metainfo.xml").is_file()


def test_desktop_entry_is_valid() -> None:
    text = (LINUX / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    assert f"Icon={APP_ID}\n" in text and "Exec=newsdesk open %f\n" in text
    if shutil.which("desktop-file-validate") is None:
        pytest.skip("desktop-file-validate is not installed")
    result = subprocess.run(
        ["desktop-file-validate", str(LINUX / f"{APP_ID}.desktop")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_metainfo_names_this_version_and_is_valid() -> None:
    path = LINUX / f"{APP_ID}.metainfo.xml"
    root = ET.parse(path).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("project_license") == "MIT"
    assert root.find("launchable").text == f"{APP_ID}.desktop"
    assert __version__ in [r.get("version") for r in root.iter("release")]
    if shutil.which("appstreamcli") is None:
        pytest.skip("appstreamcli is not installed")
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_icons_exist_in_every_format() -> None:
    from PIL import Image

    icons = REPO / "resources" / "icons"
    with Image.open(icons / "newsdesk.png") as png:
        assert png.size == (256, 256)
    with Image.open(icons / "newsdesk.ico") as ico:
        assert (16, 16) in ico.info["sizes"] and (256, 256) in ico.info["sizes"]
    with Image.open(icons / "newsdesk.icns") as icns:
        assert icns.size[0] >= 512
    svg = ET.parse(icons / "newsdesk.svg").getroot()
    assert svg.get("viewBox") == "0 0 256 256" and len(svg.findall("{*}path")) == 1


# -- the build ------------------------------------------------------------------------------------

# Folders that hold a Python: the packaged application must not need any of them.
PYTHON_DIRS = [
    Path(sys.base_prefix),
    Path("/usr/lib/python3"),
    Path(f"/usr/lib/python3.{sys.version_info.minor}"),
    Path(f"/usr/local/lib/python3.{sys.version_info.minor}"),
]


def _can_isolate(work: Path) -> bool:
    """Whether we may hide Python and the checkout in a private mount namespace (root, Linux)."""
    if shutil.which("unshare") is None or os.geteuid() != 0:
        return False
    hidden = [REPO, *PYTHON_DIRS]
    if any(work.resolve().is_relative_to(d.resolve()) for d in hidden if d.exists()):
        return False
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True)
    return probe.returncode == 0


def run_without_python(args: list[str], cwd: Path, isolate: bool, **env: str):
    """Run the packaged program with a bare environment and, where possible, with every Python
    on the machine and this checkout (with its .venv) hidden behind empty folders."""
    environment = {"PATH": "/usr/bin:/bin", "HOME": str(cwd / "home"), "LANG": "C.UTF-8", **env}
    if not isolate:
        return subprocess.run(args, cwd=cwd, env=environment, capture_output=True, text=True)
    folders = " ".join(f"'{d}'" for d in [REPO, *PYTHON_DIRS] if d.is_dir())
    script = (
        f'for d in {folders}; do mount -t tmpfs none "$d"; done; '
        'for f in /usr/bin/python3*; do [ -e "$f" ] && mount --bind /dev/null "$f"; done; '
        f"if [ -e '{sys.executable}' ] || [ -s /usr/bin/python3 ]; then exit 99; fi; "
        'exec "$@"'
    )
    return subprocess.run(
        ["unshare", "-m", "sh", "-c", script, "sh", *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
    )


def _render(pdf: Path, prefix: Path) -> list[bytes]:
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf), str(prefix)], check=True)
    return [p.read_bytes() for p in sorted(prefix.parent.glob(prefix.name + "-*.png"))]


@pytest.mark.slow
def test_packaged_application_runs_without_python(tmp_path) -> None:
    pytest.importorskip("PyInstaller")
    if not sys.platform.startswith("linux"):
        pytest.skip("the Linux build is tested here; see docs/packaging.md for Windows/macOS")
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")

    # Build, as a developer or the release job would.
    started = time.monotonic()
    build = subprocess.run(
        [str(REPO / "packaging" / "build"), "--dist", str(tmp_path / "dist"), "--work",
         str(tmp_path / "work")],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    seconds = time.monotonic() - started
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    assert seconds < 600
    print(f"packaging/build took {seconds:.0f} s")

    # The tarball holds newsdesk-VERSION/ with the program and everything beside it.
    machine = os.uname().machine
    tarball = tmp_path / "dist" / f"newsdesk-{__version__}-linux-{machine}.tar.gz"
    assert tarball.is_file()
    unpacked = tmp_path / "unpacked"
    with tarfile.open(tarball) as tar:
        names = tar.getnames()
        assert all(n.split("/")[0] == f"newsdesk-{__version__}" for n in names)
        tar.extractall(unpacked, filter="tar")
    app = unpacked / f"newsdesk-{__version__}"
    inside = app / "_internal"
    for expected in [
        app / "newsdesk",
        app / "LICENCES.txt",
        app / "README.txt",
        app / "install-desktop-entry.sh",
        app / "sample" / "sample.newsdesk",
        app / "share" / "applications" / f"{APP_ID}.desktop",
        app / "share" / "metainfo" / f"{APP_ID}.metainfo.xml",
        app / "share" / "icons" / "hicolor" / "256x256" / "apps" / f"{APP_ID}.png",
        inside / "fonts" / "NewsdeskSong-Regular.ttf",
        inside / "fonts" / "OFL.txt",
        inside / "resources" / "i18n" / "newsdesk_zh_CN.qm",
        inside / "resources" / "icons" / "newsdesk.png",
        inside / "PySide6" / "Qt" / "translations" / "qtbase_zh_CN.qm",
        inside / "LICENSE",
    ]:
        assert expected.exists(), expected
    assert not (inside / "PySide6" / "Qt" / "translations" / "qtbase_de.qm").exists()
    notices = (app / "LICENCES.txt").read_text(encoding="utf-8")
    for needle in ("Newsdesk", "OFL-1.1", "LGPL-3.0", "ReportLab", "fontTools", "Pillow",
                   "pikepdf", "qpdf", "PSF-2.0", "GNU LESSER GENERAL PUBLIC LICENSE",
                   "SIL OPEN FONT LICENSE", "系统库"):  # fmt: skip
        assert needle in notices, needle

    # Every bundled library finds what it links to (Wayland's client libraries come from the
    # user's Wayland desktop and need not be on a build machine).
    unresolved = set()
    for lib in inside.rglob("*.so*"):
        out = subprocess.run(
            ["ldd", str(lib)], capture_output=True, text=True, env={"LD_LIBRARY_PATH": str(inside)}
        ).stdout
        unresolved.update(
            (lib.name, line.split()[0]) for line in out.splitlines() if "not found" in line
        )
    assert {need for _, need in unresolved} <= {
        "libwayland-cursor.so.0", "libwayland-egl.so.1", "libwayland-client.so.0",
    }, sorted(unresolved)  # fmt: skip

    isolate = _can_isolate(tmp_path)
    work = tmp_path / "run"
    work.mkdir()

    # Headless export: the same pages as the source install.
    sample = app / "sample" / "sample.newsdesk"
    frozen = run_without_python(
        [str(app / "newsdesk"), "export", str(sample), "-o", "frozen.pdf"], work, isolate
    )
    assert frozen.returncode == 0, frozen.stdout + frozen.stderr
    assert "已导出 4 版" in frozen.stdout
    source = subprocess.run(
        [sys.executable, "-m", "newsdesk", "export", str(sample), "-o", str(work / "source.pdf")],
        cwd=REPO, capture_output=True, text=True,
    )  # fmt: skip
    assert source.returncode == 0, source.stderr
    frozen_pages = _render(work / "frozen.pdf", work / "frozen")
    source_pages = _render(work / "source.pdf", work / "source")
    assert len(frozen_pages) == 4
    assert frozen_pages == source_pages

    # Galley proof of a copy file.
    (work / "copy.txt").write_text(
        "# 滨江三桥今日通车\n\n大桥全长一千二百米，上午九时通车。\n", "utf-8"
    )
    galley = run_without_python(
        [str(app / "newsdesk"), "galley", "copy.txt", "-o", "galley.pdf"], work, isolate
    )
    assert galley.returncode == 0, galley.stdout + galley.stderr
    assert (work / "galley.pdf").read_bytes().startswith(b"%PDF")

    # The window starts (offscreen) and shows the sample edition.
    shot = run_without_python(
        [str(app / "newsdesk"), "open", str(sample), "--screenshot", "window.png"],
        work, isolate, QT_QPA_PLATFORM="offscreen",
    )  # fmt: skip
    assert shot.returncode == 0, shot.stdout + shot.stderr
    from PIL import Image

    with Image.open(work / "window.png") as image:
        grey = image.convert("L")
        width, height = grey.size
        dark = sum(
            1
            for y in range(0, height, 4)
            for x in range(0, width, 4)
            if grey.getpixel((x, y)) < 100
        )
    assert width > 600 and height > 400
    assert dark > 300  # menus, panels and the painted page, not an empty window

    # The desktop entry installs for this user and starts this copy.
    data = tmp_path / "xdg"
    entry = subprocess.run(
        [str(app / "install-desktop-entry.sh")],
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_DATA_HOME": str(data)},
        capture_output=True, text=True,
    )  # fmt: skip
    assert entry.returncode == 0, entry.stderr
    desktop = (data / "applications" / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    assert f'Exec="{app}/newsdesk" open %f' in desktop
    assert (data / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
