"""服务指南汇编 of a list release: the admin starts it, it holds the current guides of the matters the release
lists, in the release's order, and it downloads."""

import pytest
from django.urls import reverse

from catalogue.lists.releases import publish_release
from catalogue.models import MatterPage
from catalogue.models.lists import ListKind, MatterList
from cms.printing.models import Booklet, BookletStatus
from tests.factories import DepartmentPageFactory, MatterPageFactory, SuperUserFactory

from .conftest import pdf_outline, pdf_text
from .test_booklets import create_booklet, squeeze

TITLES = ["食品经营许可", "药品零售许可", "医疗器械经营备案", "特种设备使用登记"]


@pytest.fixture
def release(db, site_pages):
    department = DepartmentPageFactory(title="测试市市场监督管理局", short_name="测市监")
    for title in TITLES:
        MatterPageFactory(title=title, department=department, materials=[f"{title}申请书", "营业执照"])
    matter_list = MatterList.objects.create(title="政务服务事项目录", slug="quanbu", kind=ListKind.ALL)
    release = publish_release(matter_list, label="2026年版")
    # withdrawn after the release was frozen: listed in the release, no current guide to print
    MatterPage.objects.get(title="特种设备使用登记").unpublish()
    return release


@pytest.fixture
def editor(client, db):
    user = SuperUserFactory(username="editor")
    client.force_login(user)
    return user


def test_release_booklet_is_started_from_the_admin_and_downloads(client, editor, release, django_capture_on_commit_callbacks):
    form = client.get(reverse("booklets:add")).content.decode()
    assert "清单版本" in form and "政务服务事项目录（2026年版）" in form

    booklet = create_booklet(client, django_capture_on_commit_callbacks, kind="release", list_release=release.pk)
    assert booklet.status == BookletStatus.DONE, booklet.error
    assert booklet.display_title == "政务服务事项目录（2026年版）服务指南汇编"
    assert (booklet.progress_done, booklet.progress_total) == (3, 3)

    response = client.get(booklet.get_download_url())
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    data = b"".join(response.streaming_content)
    pages = [squeeze(p) for p in pdf_text(data)]
    assert "政务服务事项目录（2026年版）服务指南汇编" in pages[0]
    assert "依据政务服务事项目录第1版（2026年版" in pages[0] and "共4项）" in pages[0]
    assert "其中1项现无已发布的办事指南，未收录" in pages[0]

    listed = [row["name"] for row in release.rows if row["name"] != "特种设备使用登记"]
    top = [title for level, title, _page in pdf_outline(data) if level == 1 and title != "目　录"]
    assert top == listed  # the release's order (by 实施编码), not the page tree's
    assert "特种设备使用登记实施编码" not in "".join(pages)

    listing = client.get(reverse("booklets:index")).content.decode()
    assert "政务服务事项目录（2026年版）服务指南汇编" in listing and booklet.get_download_url() in listing


def test_release_booklet_needs_a_release(client, editor, release):
    response = client.post(reverse("booklets:add"), {"title": "", "kind": "release"})
    assert response.status_code == 200 and "请选择清单版本" in response.content.decode()
    assert Booklet.objects.count() == 0


def test_booklet_title_prints_as_written_in_the_running_header(client, editor, release, django_capture_on_commit_callbacks):
    booklet = create_booklet(client, django_capture_on_commit_callbacks, kind="release", list_release=release.pk,
                             title='2026-2027 "窗口" 汇编')
    pages = [squeeze(p) for p in pdf_text(booklet.file.read())]
    guide_pages = [p for p in pages if "实施编码" in p]
    assert guide_pages and all('2026-2027"窗口"汇编' in p for p in guide_pages)
    assert not any("u002D" in p or "u0022" in p for p in pages)
