"""The other public pages (search, version, lists, 权责清单, figures, open data, standards, counter notices) in a real
browser: axe-core finds no serious or critical violation, and their interactive parts work from the keyboard.

Same machinery as test_accessibility.py: Debian chromium through Playwright, the axe-core copy of
axe-playwright-python, a live server thread on a transactional database.
"""

import datetime
import io

import pytest
from django.core.management import call_command
from django.test import Client

from catalogue.lists.releases import publish_release
from catalogue.models import MatterList, MatterPage, PowerEntry
from standards.choices import StandardStatus
from tests.factories import SuperUserFactory
from tests.lists.factories import RADIO_LINES
from tests.public_site.factories import full_matter
from tests.public_site.test_accessibility import CHROMIUM, axe_violations, browser  # noqa: F401 (the fixture)
from tests.search.conftest import CORPUS_LINES, write_lines
from tests.standards.factories import make_standard

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed (scripts/apt-packages.txt)"),
]


def publish(matter, *, note, major, **changes):
    page = MatterPage.objects.get(pk=matter.pk).get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(page, name, value)
    page.change_note, page.major_change = note, major
    page.save_revision().publish()


@pytest.fixture
def site(tmp_path):
    """Real rows imported and indexed (search, lists, 权责清单), a built matter with versions, two list releases and
    standards linked to matters: the data each public page shows."""
    quiet = io.StringIO()
    matter = full_matter()
    publish(matter, note="承诺时限由5个工作日缩短为3个工作日", major=True, promised_limit_value=3)
    publish(matter, note="更正咨询电话", major=False, consult_phone="020-83118311")
    lines = sorted({*CORPUS_LINES, *RADIO_LINES, 15, 16, 17, 18, 19})
    call_command("import_gdzwfw", write_lines(tmp_path / "gd.jsonl", lines), stdout=quiet)
    call_command("seed_synonyms", stdout=quiet)
    call_command("search_rebuild", stdout=quiet)
    call_command("build_powers", stdout=quiet)
    call_command("publish_demo_lists", stdout=quiet)
    all_list = MatterList.objects.get(slug="quanbu")
    MatterPage.objects.filter(code="11440000MB2C87614P2442119176000").update(status="suspended")
    publish_release(all_list, label="2026年版", note="暂停导游资格考试")
    old = make_standard("GB/T 24421.2-2009", "服务业组织标准化工作指南 第2部分：标准体系", category="100",
                        status=StandardStatus.ABOLISHED, abolished_on=datetime.date(2023, 3, 17), matters=[matter])
    make_standard("GB/T 24421.2-2023", "服务业组织标准化工作指南 第2部分：标准体系", category="100", replaces=[old],
                  effective_on=datetime.date(2023, 3, 17))
    make_standard("DB44/T 2181-2019", "政务服务窗口服务规范", category="303", matters=[matter])
    power = PowerEntry.objects.order_by("code").first()
    return {"matter": matter, "power": power, "all_list": all_list}


def public_urls(site):
    code = site["matter"].code
    return {
        "search results": "/search/?q=许可",
        "search results, page 2": "/search/?q=许可&page=2",
        "search results, filtered": "/search/?q=许可&type=行政许可",
        "search, no results": "/search/?q=火星移民",
        "search, empty": "/search/",
        "version (superseded)": f"/m/{code}/v/1/",
        "version (current)": f"/m/{code}/v/3/",
        "lists": "/qingdan/",
        "list": "/qingdan/quanbu/",
        "list, filtered and sorted": "/qingdan/quanbu/?type=行政许可&sort=-materials_count",
        "release history": "/qingdan/quanbu/banben/",
        "release": "/qingdan/quanbu/banben/2/",
        "release diff": "/qingdan/quanbu/banben/2/duibi/?from=1",
        "powers": "/quanze/",
        "power entry": f"/quanze/{site['power'].code}/",
        "figures": "/chengxiao/",
        "open data": "/kaifang/",
        "standards": "/standards/",
        "standards catalogue": "/standards/catalogue/",
        "standards catalogue, filtered": "/standards/catalogue/?status=abolished",
        "standard": "/standards/GB-T-24421.2-2009/",
    }


def login(page, live_server):
    """A staff session cookie for the page, made by Django's test client on the same database."""
    client = Client()
    client.force_login(SuperUserFactory(username="clerk"))
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])


def check(page, live_server, urls):
    serious, minor = {}, {}
    for name, url in urls.items():
        response = page.goto(live_server.url + url)
        assert response.status == 200 and "/admin/login/" not in page.url, (name, url, response.status)
        assert page.locator("html").get_attribute("lang") == "zh-Hans", name
        for violation in axe_violations(page):
            bucket = serious if violation["impact"] in ("serious", "critical") else minor
            bucket.setdefault(name, []).append(violation)
    for name, violations in minor.items():  # reported, not failed: shown with -s
        print("moderate/minor", name, [(v["id"], v["impact"], v["targets"]) for v in violations])
    return serious


def test_public_pages_have_no_serious_or_critical_violations(live_server, site, browser):  # noqa: F811
    assert check(browser, live_server, public_urls(site)) == {}


def test_counter_notice_pages_have_no_serious_or_critical_violations(live_server, site, browser):  # noqa: F811
    login(browser, live_server)
    code = site["matter"].code
    urls = {"notices": "/counter/notices/", "notices, looked up": f"/counter/notices/?code={code}",
            "notice form": f"/counter/notices/new/{code}/"}
    assert check(browser, live_server, urls) == {}


def test_notice_form_errors_are_announced_and_tied_to_their_fields(live_server, site, browser):  # noqa: F811
    login(browser, live_server)
    browser.goto(live_server.url + f"/counter/notices/new/{site['matter'].code}/")
    # by keyboard: the 不予受理 radio, then submit with no applicant and no reason
    browser.locator("input[name=kind]").first.focus()
    browser.keyboard.press("ArrowDown")
    browser.keyboard.press("ArrowDown")
    assert browser.locator("input[name=kind]:checked").get_attribute("value") == "rejection"
    browser.get_by_role("button", name="编号并打印").focus()
    with browser.expect_navigation():
        browser.keyboard.press("Enter")
    assert browser.locator("[role=alert]").count() >= 2
    for name in ("applicant_name", "reason"):
        field = browser.locator(f"[name={name}]")
        assert field.get_attribute("aria-invalid") == "true", name
        described = [browser.locator(f"#{i}").inner_text() for i in field.get_attribute("aria-describedby").split()]
        assert described and all(described), name
    assert "须写明理由" in browser.locator("#id_reason_error").inner_text()
    helped = browser.locator("[name=competent_body]").get_attribute("aria-describedby")
    assert browser.locator(f"#{helped}").inner_text().startswith("申请事项不属于本机关职权范围")
    assert [v for v in axe_violations(browser) if v["impact"] in ("serious", "critical")] == []


def focused(page):
    return page.evaluate("() => document.activeElement.id || document.activeElement.textContent.trim()")


def test_search_suggestions_by_keyboard(live_server, site, browser):  # noqa: F811
    browser.goto(live_server.url + "/search/")
    box = browser.locator("#site-search-q")
    box.focus()
    browser.keyboard.type("导游")
    browser.locator("#site-search-list [role=option]").first.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    assert box.get_attribute("aria-activedescendant") is None
    options = browser.locator("#site-search-list [role=option]")
    assert browser.locator("#site-search-status").inner_text() == f"{options.count()} 条建议，按上下方向键选择，按回车键打开"
    first = options.first.inner_text()
    assert "导游" in first
    browser.keyboard.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == "site-search-list-0"
    assert options.first.get_attribute("aria-selected") == "true"
    assert focused(browser) == "site-search-q", "the focus stays in the box while the options are walked"
    marked = options.first.evaluate("e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).outlineStyle]")
    unmarked = options.nth(1).evaluate("e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).outlineStyle]")
    assert marked != unmarked and marked[1] == "solid", "the option reached by the arrow keys is shown"
    assert options.first.is_visible()
    browser.keyboard.press("ArrowUp")
    assert box.get_attribute("aria-activedescendant") == f"site-search-list-{options.count() - 1}"
    browser.keyboard.press("ArrowDown")
    # axe on the open combobox and its listbox
    serious = [v for v in axe_violations(browser) if v["impact"] in ("serious", "critical")]
    assert serious == []
    browser.keyboard.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    assert box.get_attribute("aria-activedescendant") is None
    assert browser.locator("#site-search-list").is_hidden()
    assert browser.locator("#site-search-status").inner_text() == ""

    browser.keyboard.press("End")
    browser.keyboard.type("证")
    options.first.wait_for()
    browser.keyboard.press("ArrowDown")
    name = options.first.locator("span").inner_text()
    with browser.expect_navigation():
        browser.keyboard.press("Enter")
    assert browser.locator("h1").inner_text() == name


def test_search_facets_and_paging_by_keyboard(live_server, site, browser):  # noqa: F811
    browser.goto(live_server.url + "/search/?q=许可")
    facet = browser.locator(".search-facets a").first
    facet.focus()
    label = facet.inner_text()
    with browser.expect_navigation():
        browser.keyboard.press("Enter")
    selected = browser.locator(".search-facets a[aria-current=true]")
    assert selected.count() == 1 and label.split(" (")[0] in selected.inner_text()

    browser.goto(live_server.url + "/search/?q=许可")
    next_link = browser.locator(".pagination a[rel=next]")
    next_link.focus()
    with browser.expect_navigation():
        browser.keyboard.press("Enter")
    assert browser.locator(".pagination [aria-current=page]").inner_text() == "2"


def test_list_filters_and_sorting_by_keyboard(live_server, site, browser):  # noqa: F811
    browser.goto(live_server.url + "/qingdan/quanbu/")
    controls = browser.locator("main form select, main form input:not([type=hidden]), main form button")
    assert controls.count() > 0
    for i in range(controls.count()):
        labelled = controls.nth(i).evaluate("e => e.tagName === 'BUTTON' || e.labels.length > 0 || e.hasAttribute('aria-label')")
        assert labelled, controls.nth(i).get_attribute("name")
    # Tab from the first filter to the submit button, choosing a type with the arrow keys on the way
    type_select = browser.locator("main form select[name=type]")
    type_select.focus()
    type_select.select_option("行政许可")
    while browser.evaluate("() => document.activeElement.tagName") != "BUTTON":
        browser.keyboard.press("Tab")
    with browser.expect_navigation():
        browser.keyboard.press("Enter")
    assert "type=" in browser.url
    # sortable headers are links (or buttons) a keyboard reaches, and the sorted one says so
    sort_links = browser.locator("main table thead a")
    assert sort_links.count() > 0
    sort_links.first.focus()
    with browser.expect_navigation():
        browser.keyboard.press("Enter")
    assert "sort=" in browser.url
    assert browser.locator("main table thead th[aria-sort]").count() == 1
    arrow = browser.evaluate("() => getComputedStyle(document.querySelector('th[aria-sort] a'), '::after').content")
    assert "▲" in arrow or "▼" in arrow, "the sorted column is marked for the eye too"


def test_language_switch_by_keyboard(live_server, site, browser):  # noqa: F811
    browser.goto(live_server.url + "/qingdan/")
    select = browser.locator("#language-select")
    select.focus()
    select.select_option("en")
    while browser.evaluate("() => document.activeElement.closest('.language-switch') && document.activeElement.tagName") != "BUTTON":
        browser.keyboard.press("Tab")
        assert browser.evaluate("() => document.activeElement.closest('.language-switch') !== null"), "the switch button follows the select"
    with browser.expect_navigation():
        browser.keyboard.press("Enter")
    assert browser.locator("html").get_attribute("lang") == "en"
    # the English pages (the language is kept in the session) pass too
    for url in ("/qingdan/quanbu/", "/search/?q=许可", "/standards/catalogue/"):
        browser.goto(live_server.url + url)
        assert browser.locator("html").get_attribute("lang") == "en"
        assert [v for v in axe_violations(browser) if v["impact"] in ("serious", "critical")] == [], url


@pytest.mark.parametrize("url, field", [
    ("/quanze/", "department"), ("/standards/catalogue/", "category"),
    ("/qingdan/quanbu/banben/2/", "type"),
])
def test_filters_are_chosen_and_sent_by_keyboard(live_server, site, browser, url, field):  # noqa: F811
    browser.goto(live_server.url + url)
    select = browser.locator(f"main form select[name={field}]")
    select.focus()
    before = select.input_value()
    browser.keyboard.press("ArrowDown")
    chosen = select.input_value()
    assert chosen != before, "the arrow key picks the next option"
    while browser.evaluate("() => document.activeElement.tagName") != "BUTTON":
        browser.keyboard.press("Tab")
        assert browser.evaluate("() => document.activeElement.closest('main form') !== null"), "the button ends the form"
    with browser.expect_navigation() as navigation:
        browser.keyboard.press("Enter")
    assert navigation.value.status == 200
    assert browser.locator(f"main form select[name={field}]").input_value() == chosen
