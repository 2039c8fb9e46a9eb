"""Every public page in a real browser: axe-core finds no serious or critical violation, and the keyboard works.

Debian's chromium is driven by Playwright (never a downloaded browser); axe-core is the copy shipped inside the
`axe-playwright-python` package. The live server thread reads the same database, hence transactional tests.
"""

import shutil
from pathlib import Path

import axe_playwright_python
import pytest
from django.core.management import call_command

from catalogue.models import DepartmentIndexPage, MatterPage
from tests.public_site.factories import full_matter
from tests.public_site.test_guide_page import GD, RADIO_CODE

CHROMIUM = shutil.which("chromium")
AXE_JS = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed (scripts/apt-packages.txt)"),
]


@pytest.fixture
def public_urls(tmp_path):
    """A built matter with every element, and a real imported row, with their department and theme pages."""
    matter = full_matter()
    lines = GD.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "gd.jsonl"
    path.write_text(lines[19] + "\n", encoding="utf-8")
    call_command("import_gdzwfw", path, stdout=open("/dev/null", "w"))
    imported = MatterPage.objects.get(code=RADIO_CODE)
    return {
        "home": "/",
        "department index": DepartmentIndexPage.objects.get().url,
        "department": matter.get_parent().url,
        "theme": f"/zhuti/{matter.themes.first().slug}/",
        "guide (built)": matter.url,
        "guide (imported)": imported.url,
        "not found": "/bumen/no-such-page/",
    }


@pytest.fixture
def browser(monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the ORM calls of the fixtures are still synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-dev-shm-usage"])
        context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
        yield context.new_page()
        browser.close()


def axe_violations(page) -> list[dict]:
    page.add_script_tag(content=AXE_JS)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "targets": [n["target"] for n in v["nodes"]][:3]}
        for v in result["violations"]
    ]


def test_no_serious_or_critical_violations(live_server, public_urls, browser):
    report = {}
    for name, url in public_urls.items():
        response = browser.goto(live_server.url + url)
        assert response.status == (404 if name == "not found" else 200), name
        assert browser.locator("html").get_attribute("lang") == "zh-Hans"
        serious = [v for v in axe_violations(browser) if v["impact"] in ("serious", "critical")]
        if serious:
            report[name] = serious
    assert report == {}


def test_keyboard_reaches_skip_link_then_search(live_server, public_urls, browser):
    browser.goto(live_server.url + public_urls["guide (built)"])
    browser.keyboard.press("Tab")
    skip = browser.evaluate("() => ({text: document.activeElement.textContent.trim(), href: document.activeElement.getAttribute('href')})")
    assert skip == {"text": "跳到主要内容", "href": "#main"}
    box = browser.locator(".skip-link").bounding_box()
    assert box is not None and box["y"] >= 0, "the focused skip link must be on screen"
    browser.keyboard.press("Tab")
    assert browser.evaluate("() => document.activeElement.id") == "site-search-q"
    browser.keyboard.type("身份证")
    browser.keyboard.press("Tab")
    assert browser.evaluate("() => document.activeElement.textContent.trim()") == "搜索"

    # The skip link moves the focus to the main content.
    browser.goto(live_server.url + public_urls["guide (built)"])
    browser.keyboard.press("Tab")
    browser.keyboard.press("Enter")
    assert browser.evaluate("() => document.activeElement.id") == "main"
    browser.keyboard.press("Tab")
    assert browser.evaluate("() => document.activeElement.closest('main') !== null")


def test_focus_is_visible(live_server, public_urls, browser):
    browser.goto(live_server.url + public_urls["home"])
    browser.keyboard.press("Tab")
    browser.keyboard.press("Tab")
    outline = browser.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"


def test_print_hides_navigation_and_search(live_server, public_urls, browser):
    browser.goto(live_server.url + public_urls["guide (built)"])
    browser.emulate_media(media="print")
    hidden = browser.evaluate(
        """() => ['.site-header', '.search-box', '.main-nav', '.site-footer', '.guide-toc']
            .map(s => getComputedStyle(document.querySelector(s)).display)"""
    )
    assert hidden == ["none"] * 5
    assert browser.locator("#materials").is_visible()
    assert browser.locator("h1").inner_text() == "居民身份证换领"


def test_material_table_reads_as_cards_on_a_phone(live_server, public_urls, browser):
    browser.goto(live_server.url + public_urls["guide (built)"])
    cells = browser.evaluate(
        """() => {
            const row = document.querySelector('table.materials tbody tr');
            const td = row.querySelector('td[data-label]');
            return {
                head: getComputedStyle(document.querySelector('table.materials thead')).position,
                row: getComputedStyle(row).display,
                label: getComputedStyle(td, '::before').content,
                fits: document.querySelector('table.materials').scrollWidth <= document.documentElement.clientWidth,
            };
        }"""
    )
    assert cells == {"head": "absolute", "row": "block", "label": '"必要性："', "fits": True}
