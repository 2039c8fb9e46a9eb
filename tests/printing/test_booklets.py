"""服务指南汇编: built in the background from the admin, with a contents page that tells the truth."""

import re

import pytest
from django.urls import reverse

from catalogue.models import MatterPage
from cms.printing.models import Booklet, BookletStatus
from tests.factories import DepartmentPageFactory, MatterPageFactory, SuperUserFactory, WindowFactory

from .conftest import pdf_outline, pdf_text

TITLES = ["居民身份证申领", "户口迁移登记", "社会团体成立登记", "民办学校办学许可", "道路运输经营许可"]


def squeeze(text: str) -> str:
    return "".join(text.split())


@pytest.fixture
def department(db):
    department = DepartmentPageFactory(title="广东省测试汇编厅", short_name="粤汇")
    window = WindowFactory(number="12", name="社会事务窗口", department=department)
    for i, title in enumerate(TITLES):
        # the third guide is long: its successors must start on later pages than a naive count would say
        materials = [f"{title}材料{n}" for n in range(1, (40 if i == 2 else 3))]
        MatterPageFactory(
            title=title, department=department, materials=materials, handling_type="immediate" if i < 2 else "promised",
            windows=[window] if i % 2 == 0 else [],
        )
    return department


@pytest.fixture
def editor(client, db):
    user = SuperUserFactory(username="editor")
    client.force_login(user)
    return user


def create_booklet(client, django_capture_on_commit_callbacks, **fields) -> Booklet:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("booklets:add"), {"title": "", **fields})
    assert response.status_code == 302, response.content.decode()[:2000]
    return Booklet.objects.latest("created_at")


def test_department_booklet_contents_pages_and_bookmarks(client, editor, department, django_capture_on_commit_callbacks):
    booklet = create_booklet(client, django_capture_on_commit_callbacks, kind="department", department=department.pk)
    assert booklet.status == BookletStatus.DONE, booklet.error
    assert (booklet.progress_done, booklet.progress_total) == (5, 5)
    assert booklet.created_by == editor and booklet.display_title == "广东省测试汇编厅服务指南汇编"

    response = client.get(booklet.get_download_url())
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    data = b"".join(response.streaming_content)
    pages = pdf_text(data)
    assert len(pages) == booklet.pages
    assert "广东省测试汇编厅服务指南汇编" in pages[0] and "共收录办事指南5项" in squeeze(pages[0])

    contents = pages[1]
    assert "目录" in squeeze(contents)
    matters = {m.title: m for m in MatterPage.objects.child_of(department)}
    starts = {}
    for n, title in enumerate(sorted(TITLES, key=lambda t: matters[t].path), start=1):
        match = re.search(rf"^{n}\. ?{title}\D*?(\d+)\s*$", contents, re.MULTILINE)  # "3. 标题 ........ 5"
        assert match, (title, contents)
        starts[title] = int(match.group(1))
    for title, page_number in starts.items():
        page = squeeze(pages[page_number - 1])  # the page the contents names holds that guide, from its start
        assert f"{title}实施编码{matters[title].code}" in page, (title, page_number)
        assert f"第{page_number}页/共{len(pages)}页" in page
        assert f"事项编码：{matters[title].code}" in page and "版本：第1版" in page
    long_guide = starts["社会团体成立登记"]
    after = [p for p in starts.values() if p > long_guide]
    assert after and min(after) - long_guide >= 2  # the long guide took more than one page

    outline = pdf_outline(data)
    top = {title: page for level, title, page in outline if level == 1}
    assert "目　录" in top
    for title, page_number in starts.items():
        assert top[title] == page_number - 1
    assert any(level == 2 and title == "三、申请材料" for level, title, _ in outline)

    listing = client.get(reverse("booklets:index")).content.decode()
    assert "下载 PDF" in listing and booklet.get_download_url() in listing


def test_window_and_list_booklets(client, editor, department, django_capture_on_commit_callbacks):
    window = department.windows.get()
    by_window = create_booklet(client, django_capture_on_commit_callbacks, kind="window", window=window.pk)
    text = squeeze("".join(pdf_text(by_window.file.read())))
    assert "居民身份证申领" in text and "社会团体成立登记" in text and "户口迁移登记实施编码" not in text
    by_list = create_booklet(client, django_capture_on_commit_callbacks, kind="list", list_key="immediate")
    assert by_list.display_title == "即办事项清单服务指南汇编"
    assert by_list.progress_total == 2


def test_booklet_without_guides_fails_with_a_message(client, editor, db, django_capture_on_commit_callbacks):
    empty = DepartmentPageFactory(title="没有事项的部门")
    booklet = create_booklet(client, django_capture_on_commit_callbacks, kind="department", department=empty.pk)
    assert booklet.status == BookletStatus.FAILED and "没有已发布的事项" in booklet.error
    assert not booklet.file


def test_booklet_form_rejects_a_missing_scope(client, editor, db):
    response = client.post(reverse("booklets:add"), {"title": "", "kind": "department"})
    assert response.status_code == 200 and "请选择部门" in response.content.decode()
    assert Booklet.objects.count() == 0


def test_unfinished_booklet_is_not_downloadable_and_the_listing_shows_progress(client, editor, department):
    booklet = Booklet.objects.create(kind="department", department=department, status=BookletStatus.RUNNING,
                                     stage="准备内容", progress_done=2, progress_total=5)
    assert client.get(booklet.get_download_url()).status_code == 404
    listing = client.get(reverse("booklets:index")).content.decode()
    assert "准备内容：2/5（40%）" in listing and 'http-equiv="refresh"' in listing


def test_api_lists_print_links_and_the_department_booklet(client, editor, department, django_capture_on_commit_callbacks):
    matter = MatterPage.objects.child_of(department).first()
    data = client.get(f"/api/v1/matters/{matter.code}/").json()
    assert data["print"] == {
        "handout_pdf": f"http://testserver/m/{matter.code}/handout.pdf",
        "guide_pdf": f"http://testserver/m/{matter.code}/guide.pdf",
        "large_print_pdf": f"http://testserver/m/{matter.code}/large-print.pdf",
    }
    assert "booklet_pdf" not in data["department"]
    booklet = create_booklet(client, django_capture_on_commit_callbacks, kind="department", department=department.pk)
    data = client.get(f"/api/v1/matters/{matter.code}/").json()
    assert data["department"]["booklet_pdf"] == f"http://testserver{booklet.get_download_url()}"
