"""End to end in Debian's Chromium (Selenium with the system chromedriver; nothing downloaded):
a real offline batch, the review app on 127.0.0.1, and a reviewer who chooses the agency,
rebuilds, edits note 1, approves and exports. Then the state on disk is checked.

Skipped with the reason where chromium or chromedriver is missing.
"""

from __future__ import annotations

import shutil
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from dossier.app import create_app
from dossier.batch.state import BatchState
from dossier.cli import cli

from .conftest import APPLE_SNAPSHOT, requires_chromium

pytestmark = [
    pytest.mark.pdf,
    requires_chromium,
    pytest.mark.skipif(
        shutil.which("chromedriver") is None,
        reason="chromedriver is not installed (apt-get install chromium-driver)",
    ),
    pytest.mark.enable_socket,
    pytest.mark.allow_hosts(["127.0.0.1"]),
]

# CONSTRUCTED for this test: a fictitious outlet and URL; no such report exists.
ARTICLES = (
    '{"headline": "Apple hires Droga5 for its creative account", "snippet": "", '
    '"url": "https://gazette.example/apple-droga5", "published": "2026-06-01", '
    '"outlet": "Demo Gazette", "constructed": true}\n'
)
CSV = (
    "Name,E-mail,Previous company,New company,New title,Owner\n"
    "Omar Haddad,omar@example.com,Contoso,Apple Inc.,VP Marketing,Sam Lee\n"
    "Li Wei,li@example.com,Fabrikam,,Director,Ana Ruiz\n"
)
KEY = "omar-haddad--apple-inc"


@pytest.fixture
def batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "articles.jsonl").write_text(ARTICLES, encoding="utf-8")
    (tmp_path / "moved.csv").write_text(CSV, encoding="utf-8")
    r = CliRunner().invoke(
        cli,
        [
            "batch",
            "moved.csv",
            "--out",
            "out",
            "--offline",
            str(APPLE_SNAPSHOT),
            "--articles",
            "articles.jsonl",
            "--quiet",
        ],
    )
    assert r.exit_code == 0, r.output
    return tmp_path / "out" / "moved"


@pytest.fixture
def server(batch: Path) -> Iterator[str]:
    from werkzeug.serving import make_server

    app = create_app(batch)
    srv = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{srv.server_port}/?token={app.config['REVIEW'].token}"
    finally:
        srv.shutdown()
        thread.join(10)


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = shutil.which("chromium") or "chromium"
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,1600",
        f"--user-data-dir={tmp_path / 'chrome'}",
    ):
        opts.add_argument(arg)
    opts.add_experimental_option(
        "prefs",
        {
            "download.default_directory": str(tmp_path / "downloads"),
            "download.prompt_for_download": False,
        },
    )
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=opts)
    driver.set_page_load_timeout(120)
    try:
        yield driver
    finally:
        driver.quit()


def _submit(d, by: str, value: str, timeout: float = 120.0) -> None:
    """Click a link or submit button and wait until the next page has replaced this one.

    A click returns before the browser has loaded the response; reading ``page_source`` at
    once may read the old page (what a loaded CI machine showed)."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    old = d.find_element(By.TAG_NAME, "html")
    d.find_element(by, value).click()

    def replaced(drv) -> bool:
        # Chromium reports a detached element as stale or as "Node with given id does not
        # belong to the document", depending on when in the navigation it is asked
        try:
            old.is_enabled()
        except WebDriverException:
            return True
        return False

    def loaded(drv) -> bool:
        try:
            return drv.execute_script("return document.readyState") == "complete"
        except WebDriverException:  # asked while the new document was being committed
            return False

    WebDriverWait(d, timeout).until(replaced)
    WebDriverWait(d, timeout).until(loaded)


def _wait(predicate, timeout: float = 180.0, step: float = 0.5) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return
        time.sleep(step)
    raise AssertionError("timed out")


def test_choose_rebuild_edit_approve_export(server: str, browser, batch: Path, tmp_path) -> None:
    from selenium.webdriver.common.by import By

    d = browser
    d.get(server)
    assert (
        "need attention" in d.page_source and "It has no new company for Li Wei." in d.page_source
    )
    _submit(d, By.LINK_TEXT, "Omar Haddad")
    assert "unconfirmed" in d.page_source

    # choose the agency, then rebuild so the documents show it
    d.find_element(By.CSS_SELECTOR, "form.choose input[value='Droga5']").click()
    _submit(d, By.ID, "choose-creative")
    assert "Chose Droga5 as the creative agency" in d.page_source
    _submit(d, By.ID, "rebuild")
    _wait(lambda: "finished." in d.page_source or 'id="rebuild"' in d.page_source)
    _wait(lambda: (d.refresh() or True) and 'id="save-note-1"' in d.page_source)
    assert (batch / KEY / "agency-profile.pdf").is_file()

    # edit note 1; a wording that asks for business is refused, a neutral one is saved
    box = d.find_element(By.ID, "note-1-text")
    original = box.get_attribute("value") or ""
    box.clear()
    box.send_keys(original + "\nCould we pitch for your next campaign?\n")
    _submit(d, By.ID, "save-note-1")
    assert "was not saved" in d.page_source
    assert not (batch / KEY / "note-1.override.md").exists()
    box = d.find_element(By.ID, "note-1-text")
    box.clear()
    box.send_keys(original.replace("Dear Omar,", "Dear Omar, (edited in review)"))
    _submit(d, By.ID, "save-note-1")
    assert "Saved note 1" in d.page_source
    assert "(edited in review)" in (batch / KEY / "note-1.override.md").read_text()
    assert "(edited in review)" in (batch / KEY / "note-1.txt").read_text()

    # approve with the reviewer's name
    name = d.find_element(By.CSS_SELECTOR, "#decision input[name='by']")
    name.clear()
    name.send_keys("Sam Lee")
    d.find_element(By.ID, "accept-warnings").click()  # the bundled example is example data
    _submit(d, By.ID, "approve")
    assert "Approved by Sam Lee" in d.page_source and "Locked: approved by Sam Lee" in d.page_source

    # export: the browser downloads the zip of approved drafts
    d.get(server.split("?")[0] + "export/drafts.zip")
    downloads = tmp_path / "downloads"
    _wait(lambda: any(p.suffix == ".zip" for p in downloads.glob("*")), timeout=30)
    archive = next(p for p in downloads.glob("*.zip"))
    names = zipfile.ZipFile(archive).namelist()
    assert f"{KEY}--note-1.eml" in names
    body = zipfile.ZipFile(archive).read(f"{KEY}--note-1.eml")
    assert b"(edited in review)" in body

    with BatchState.open(batch, create=False) as state:
        c = state.require(KEY)
        actions = [h["action"] for h in state.history(KEY)]
    assert c.decision == "approved" and c.review_by == "Sam Lee"
    assert c.role_state("creative")["agency"] == "Droga5" and not c.needs_rebuild
    assert actions == ["chose-agency", "edited-note", "accepted-warnings", "approved"]
    assert c.acknowledged["by"] == "Sam Lee" and "example" in {
        w["kind"] for w in c.acknowledged["warnings"]
    }
