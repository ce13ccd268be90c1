"""Browser tests of the web UI: the real app over the seed corpus, driven by Debian's Chromium.

One data dir is built from corpus/ per session, the app (service.app.create_app + service.ui.mount_ui)
runs under uvicorn in a background thread on a free loopback port, and Playwright for Python drives
/usr/bin/chromium (never a downloaded browser). Screenshots go to tests/screenshots/ (git-ignored).
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("POLICYKG_CHROMIUM", "/usr/bin/chromium"))
SCREENSHOTS = REPO / "tests" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
SIZES = {"desktop": VIEWPORT, "phone": PHONE}
WRITE_TOKEN = "ui-test-token"
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _require_browser() -> None:
    if not CHROMIUM.exists():
        pytest.skip(
            f"browser tests need Chromium at {CHROMIUM} (Debian package `chromium`); not installed here"
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip(
            "browser tests need Playwright for Python (pip install playwright; no browser download needed)"
        )


@pytest.fixture(scope="session")
def ui_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    _require_browser()
    from policykg.settings import Settings
    from service.engine import Engine

    data = tmp_path_factory.mktemp("ui-data")
    engine = Engine(Settings(data_dir=data, corpus_dir=REPO / "corpus"))
    try:
        engine.build(REPO / "corpus")
    finally:
        engine.close()
    return data


@pytest.fixture(scope="session")
def base_url(ui_data_dir: Path) -> Iterator[str]:
    """The real app, UI mounted, served on a free loopback port for the whole session."""
    import uvicorn

    from policykg.settings import Settings
    from service.app import create_app
    from service.ui import mount_ui

    app = create_app(Settings(data_dir=ui_data_dir, corpus_dir=REPO / "corpus", api_token=WRITE_TOKEN))
    mount_ui(app)  # a no-op once create_app mounts the UI itself
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, name="ui-test-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the app did not start under uvicorn")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    engine = getattr(app.state, "engine", None)
    if engine is not None and hasattr(engine, "close"):
        engine.close()


@pytest.fixture(scope="session")
def browser(base_url: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


def _open_page(browser: Any, base_url: str, viewport: dict[str, int]) -> Iterator[Any]:
    context = browser.new_context(
        viewport=viewport,
        locale="zh-CN",
        base_url=base_url,
        accept_downloads=True,
        permissions=["clipboard-read", "clipboard-write"],
    )
    context.set_default_timeout(15_000)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    yield pg
    context.close()
    assert not errors, f"uncaught script errors in the page: {errors}"


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[Any]:
    """A fresh page at 1280×800 with clipboard access; fails the test on any uncaught script error."""
    yield from _open_page(browser, base_url, VIEWPORT)


@pytest.fixture(params=list(SIZES))
def sized(request: pytest.FixtureRequest, browser: Any, base_url: str) -> Iterator[Any]:
    """The same test at 1280×800 ("desktop") and 390×844 ("phone"); `sized.size` names which."""
    for pg in _open_page(browser, base_url, SIZES[request.param]):
        pg.size = request.param
        yield pg


@pytest.fixture(scope="session")
def axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


@pytest.fixture
def shot(page: Any, screenshots: Path) -> Any:
    def take(name: str) -> Path:
        path = screenshots / f"{name}.png"
        page.screenshot(path=str(path))
        return path

    return take
