"""An editor, a reviewer, the centre and the public each do their part in a real browser (Debian chromium
driven by Playwright): edit and submit with a change note, approve at 科室审核 and 中心审核, read the history."""

import re
import shutil

import pytest

from catalogue.models import MatterPage, MatterVersion
from tests.factories import DepartmentPageFactory, MatterPageFactory
from tests.versioning.factories import role_users

CHROMIUM = shutil.which("chromium")
PASSWORD = "correct-horse-battery"  # tests.factories.UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed (scripts/apt-packages.txt)"),
]


@pytest.fixture
def browser(monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-dev-shm-usage"])
        yield browser
        browser.close()


def session(browser, live_server, username):
    page = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}).new_page()
    page.set_default_timeout(30000)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/admin/$"))
    return page


def approve(page, live_server, matter):
    page.goto(f"{live_server.url}/admin/pages/{matter.pk}/edit/")
    page.evaluate("document.querySelector('button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])').click()")
    page.wait_for_load_state("networkidle")


def test_editor_reviewer_centre_and_public(browser, live_server):
    department = DepartmentPageFactory(title="广东省公安厅")
    matter = MatterPageFactory(title="居民身份证换领", department=department, promised_limit_value=7, promised_limit_note="办理时限为7个工作日")
    users = role_users(department, DepartmentPageFactory(title="广东省教育厅"))

    editor = session(browser, live_server, users["editor"].username)
    editor.goto(f"{live_server.url}/admin/pages/{matter.pk}/edit/")
    editor.get_by_role("tab", name="时限与收费").click()
    editor.fill("#id_promised_limit_value", "5")
    editor.fill("#id_promised_limit_note", "办理时限为5个工作日")
    editor.get_by_role("tab", name="版本与状态").click()
    editor.fill("#id_change_note", "承诺时限由7个工作日缩短为5个工作日")
    editor.check("#id_major_change")
    editor.evaluate("document.querySelector('button[name=\"action-submit\"]').click()")
    editor.wait_for_load_state("networkidle")
    page = MatterPage.objects.get(pk=matter.pk)
    assert page.workflow_in_progress and page.current_workflow_task.name == "科室审核"
    assert int(page.promised_limit_value) == 7

    reviewer = session(browser, live_server, users["reviewer"].username)
    compare = reviewer.goto(f"{live_server.url}/admin/pages/{matter.pk}/revisions/compare/live...latest/")
    assert compare.ok
    assert '办理时限为<del class="deletion">7</del><ins class="addition">5</ins>个工作日' in reviewer.content()
    approve(reviewer, live_server, matter)
    assert MatterPage.objects.get(pk=matter.pk).current_workflow_task.name == "中心审核"

    centre = session(browser, live_server, users["centre"].username)
    approve(centre, live_server, matter)
    page = MatterPage.objects.get(pk=matter.pk)
    assert not page.workflow_in_progress and int(page.promised_limit_value) == 5
    assert MatterVersion.objects.get(matter=matter, number=2).change_note == "承诺时限由7个工作日缩短为5个工作日"

    public = browser.new_context(locale="zh-CN").new_page()
    public.goto(f"{live_server.url}{page.url}")
    text = public.locator("body").inner_text()
    assert "历史版本" in text and "承诺时限由7个工作日缩短为5个工作日" in text and "承诺办结时限 7 → 5 个工作日" in text
    public.get_by_role("link", name="第1版").click()
    text = public.locator("body").inner_text()
    assert "这是本事项的第1版" in text and "已被新版本替代" in text
    public.get_by_role("link", name=re.compile("查看现行办事指南")).click()
    assert public.url.rstrip("/").endswith(page.url.rstrip("/"))
