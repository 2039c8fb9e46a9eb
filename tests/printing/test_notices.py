"""Notices for counter staff: numbering without gaps or duplicates, the PDFs, print records, retention."""

import threading
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from catalogue.models import Notice, NoticeCounter, NoticeKind, NoticePrint
from tests.factories import DepartmentPageFactory, MatterPageFactory, SuperUserFactory, UserFactory

from .conftest import pdf_text


def squeeze(text: str) -> str:
    return "".join(text.split())


@pytest.fixture
def matter(db):
    department = DepartmentPageFactory(title="广东省测试厅", short_name="粤测")
    return MatterPageFactory(
        title="民办学校办学许可", department=department,
        materials=["办学申请书", "举办者资格证明", {"name": "校舍产权证明", "kind": "copy", "copies": 2, "originals": 0}],
    )


@pytest.fixture
def clerk(db):
    return SuperUserFactory(username="clerk")


def test_numbers_are_per_body_type_and_year(matter, clerk):
    year = timezone.localtime().year
    first = Notice.issue(matter=matter, kind=NoticeKind.CORRECTION, user=clerk, applicant_name="张三", missing_materials=["办学申请书"])
    second = Notice.issue(matter=matter, kind=NoticeKind.CORRECTION, user=clerk, applicant_name="李四", missing_materials=["办学申请书"])
    accepted = Notice.issue(matter=matter, kind=NoticeKind.ACCEPTANCE, user=clerk, applicant_name="王五")
    assert [first.number, second.number, accepted.number] == [f"粤测补正〔{year}〕1号", f"粤测补正〔{year}〕2号", f"粤测受理〔{year}〕1号"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # keep the migrations' root page for later tests
def test_concurrent_numbering_has_no_gaps_or_duplicates():
    assert connection.vendor != "sqlite" or "memory" not in str(connection.settings_dict["NAME"]), "needs a file database"
    department = DepartmentPageFactory(short_name="粤并")
    matter = MatterPageFactory(department=department, materials=["申请书"])
    clerk = UserFactory(username="clerk-threads")
    errors, start = [], threading.Barrier(8)

    def worker():
        from django.db import connection as thread_connection

        try:
            start.wait()
            for _ in range(5):
                Notice.issue(matter=matter, kind=NoticeKind.CORRECTION, user=clerk, applicant_name="并发", missing_materials=["申请书"])
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    serials = sorted(Notice.objects.filter(prefix="粤并").values_list("serial", flat=True))
    assert serials == list(range(1, 41))
    assert NoticeCounter.objects.get(prefix="粤并").last_serial == 40
    assert Notice.objects.filter(prefix="粤并").values("number").distinct().count() == 40


def test_correction_notice_form_ticks_missing_materials_and_prints(client, matter, clerk):
    client.force_login(clerk)
    page = client.get(f"/counter/notices/new/{matter.code}/")
    assert page.status_code == 200
    for name in ("办学申请书", "举办者资格证明", "校舍产权证明"):
        assert name in page.content.decode()
    response = client.post(
        f"/counter/notices/new/{matter.code}/",
        {"kind": "correction", "applicant_name": "广州市某某学校", "missing_materials": ["举办者资格证明", "校舍产权证明"]},
    )
    notice = Notice.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/counter/notices/{notice.pk}.pdf"
    pdf = client.get(response["Location"])
    assert pdf["Content-Type"] == "application/pdf" and pdf["Cache-Control"] == "no-store"
    text = squeeze("".join(pdf_text(pdf.content)))
    assert "补正材料通知书" in text and notice.number in text and "广州市某某学校" in text
    assert "☑举办者资格证明" in text and "☑校舍产权证明" in text and "☑办学申请书" not in text
    assert "第三十二条" in text and f"事项编码：{matter.code}" in text
    assert NoticePrint.objects.filter(notice=notice, printed_by=clerk).count() == 1


def test_rejection_notice_states_reason_body_and_rights(client, matter, clerk):
    client.force_login(clerk)
    client.post(
        f"/counter/notices/new/{matter.code}/",
        {"kind": "rejection", "applicant_name": "赵六", "reason": "申请事项依法不需要取得行政许可", "competent_body": "广州市教育局"},
    )
    notice = Notice.objects.get(kind=NoticeKind.REJECTION)
    text = squeeze("".join(pdf_text(client.get(f"/counter/notices/{notice.pk}.pdf").content)))
    assert "不予受理通知书" in text and "申请事项依法不需要取得行政许可" in text and "广州市教育局" in text
    assert "行政复议" in text and "行政诉讼" in text


def test_bad_input_changes_nothing(client, matter, clerk):
    client.force_login(clerk)
    response = client.post(f"/counter/notices/new/{matter.code}/", {"kind": "correction", "applicant_name": "张三"})
    assert response.status_code == 200 and "请至少勾选一项" in response.content.decode()
    response = client.post(f"/counter/notices/new/{matter.code}/", {"kind": "rejection", "applicant_name": "张三", "reason": " "})
    assert "须写明理由" in response.content.decode()
    assert Notice.objects.count() == 0 and NoticeCounter.objects.count() == 0
    assert client.get("/counter/notices/new/NOSUCHCODE/").status_code == 404
    assert "没有实施编码" in client.get("/counter/notices/?code=NOSUCHCODE").content.decode()


def test_notices_need_a_staff_login(client, matter):
    response = client.get(f"/counter/notices/new/{matter.code}/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    client.force_login(UserFactory(username="citizen"))
    assert client.get("/counter/notices/").status_code == 302
    assert Notice.objects.count() == 0


def test_purge_removes_applicant_data_after_the_retention_period(matter, clerk, settings):
    settings.NOTICE_RETENTION_DAYS = 30
    old = Notice.issue(matter=matter, kind=NoticeKind.ACCEPTANCE, user=clerk, applicant_name="陈七")
    Notice.objects.filter(pk=old.pk).update(issued_at=timezone.now() - timedelta(days=31))
    recent = Notice.issue(matter=matter, kind=NoticeKind.ACCEPTANCE, user=clerk, applicant_name="周八")
    call_command("purge_notices", stdout=open("/dev/null", "w"))
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.applicant_name == "" and old.purged_at is not None and old.number.endswith("1号")
    assert recent.applicant_name == "周八" and recent.purged_at is None


def test_admin_menu_links_the_notices(client, clerk):
    client.force_login(clerk)
    page = client.get("/admin/").content.decode()  # the sidebar menu is JSON with unicode-escaped labels
    assert "/counter/notices/" in page and "/admin/booklets/" in page
    assert "窗口文书".encode("unicode_escape").decode() in page or "窗口文书" in page
