"""Bulk changes are versions too; scheduled publishing; no revision is ever lost; the Chinese compare."""

import datetime
import json
import re
import zoneinfo

import pytest
import time_machine
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision, WorkflowState

from catalogue.models import MatterMaterial, MatterPage, MatterVersion
from catalogue.roles import ensure_roles
from tests.factories import MatterPageFactory, SuperUserFactory
from tests.versioning.factories import editor_post_data

GD = settings.DATA_DIR / "gd_gdzwfw_matters_2021.jsonl"
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
RADIO_CODE = "11440000696453330X2440104012001"  # line 20: 无线电频率使用许可（新申请）


@pytest.fixture
def imported(db, tmp_path):
    """Lines 15–30 of the real 广东 file imported, and the same file with the radio licence's limit changed."""
    lines = GD.read_text(encoding="utf-8").splitlines()[14:30]
    original = tmp_path / "gd-2021.jsonl"
    original.write_text("\n".join(lines) + "\n", encoding="utf-8")
    call_command("import_gdzwfw", original, stdout=open("/dev/null", "w"))
    ensure_roles()
    row = json.loads(lines[5])
    assert row["TASK_CODE"] == RADIO_CODE
    row["handle_time_limit"] = "7(工作日)"
    lines[5] = json.dumps(row, ensure_ascii=False)
    changed = tmp_path / "gd-2022.jsonl"
    changed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return changed


def test_reimport_makes_a_revision_named_after_the_file_and_submits_it(imported):
    call_command("import_gdzwfw", imported, stdout=open("/dev/null", "w"))
    matter = MatterPage.objects.get(code=RADIO_CODE)
    assert int(matter.promised_limit_value) == 10  # the public guide waits for review
    draft = matter.get_latest_revision_as_object()
    assert int(draft.promised_limit_value) == 7 and draft.change_note == "批量导入更新：gd-2022.jsonl"
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(matter.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS and state.current_task_state.task.name == "科室审核"
    assert MatterVersion.objects.filter(matter=matter).count() == 1


def test_reimport_with_publish_needs_an_administrator(imported):
    with pytest.raises(CommandError, match="仅限管理员"):
        call_command("import_gdzwfw", imported, "--publish", stdout=open("/dev/null", "w"))
    assert int(MatterPage.objects.get(code=RADIO_CODE).get_latest_revision_as_object().promised_limit_value) == 10


def test_reimport_with_publish_publishes_and_writes_the_audit_log(imported):
    admin = SuperUserFactory(username="admin")
    call_command("import_gdzwfw", imported, "--publish", "--user", "admin", stdout=open("/dev/null", "w"))
    matter = MatterPage.objects.get(code=RADIO_CODE)
    assert int(matter.promised_limit_value) == 7
    version = MatterVersion.objects.get(matter=matter, number=2)
    assert version.change_note == "批量导入更新：gd-2022.jsonl" and version.major
    entry = PageLogEntry.objects.get(page=matter, action="catalogue.import_publish")
    assert entry.user == admin and entry.data["file"] == "gd-2022.jsonl"
    assert PageLogEntry.objects.filter(page=matter, action="wagtail.publish", user=admin).exists()
    # the audit log in the admin lists it
    from django.test import Client

    client = Client()
    client.force_login(admin)
    html = client.get(reverse("wagtailadmin_pages:history", args=[matter.pk])).content.decode()
    assert "批量导入并直接发布" in html


@pytest.fixture
def admin_client(client, db):
    admin = SuperUserFactory(username="admin")
    client.force_login(admin)
    client.user = admin
    return client


def test_scheduled_publishing_publishes_at_go_live(admin_client):
    matter = MatterPageFactory(title="城乡居民养老保险待遇申领", promised_limit_value=10)
    data = editor_post_data(matter, admin_client.user, {
        "promised_limit_value": "5", "change_note": "2027年起承诺时限缩短为5个工作日", "major_change": True,
        "go_live_at": "2027-01-01 00:00", "action-publish": "1",
    })
    admin_client.post(reverse("wagtailadmin_pages:edit", args=[matter.pk]), data)
    page = MatterPage.objects.get(pk=matter.pk)
    assert int(page.promised_limit_value) == 10  # not yet
    scheduled = Revision.page_revisions.get(object_id=str(matter.pk), approved_go_live_at__isnull=False)
    assert scheduled.approved_go_live_at.astimezone(timezone.get_current_timezone()).date() == datetime.date(2027, 1, 1)
    call_command("publish_scheduled", stdout=open("/dev/null", "w"))
    assert int(MatterPage.objects.get(pk=matter.pk).promised_limit_value) == 10  # 2027 has not come
    with time_machine.travel(datetime.datetime(2027, 1, 1, 0, 10, tzinfo=SHANGHAI)):
        call_command("publish_scheduled", stdout=open("/dev/null", "w"))
    page = MatterPage.objects.get(pk=matter.pk)
    assert int(page.promised_limit_value) == 5
    version = MatterVersion.objects.get(matter=matter, number=2)
    assert version.change_note == "2027年起承诺时限缩短为5个工作日" and version.major


def test_no_version_is_ever_lost(admin_client):
    """edit, reject, re-edit, publish, schedule, unpublish, revert: every revision is kept and comparable."""
    matter = MatterPageFactory(title="出生医学证明补发", materials=["申请人身份证明"])
    ensure_roles()
    page = MatterPage.objects.get(pk=matter.pk)

    def edit(**changes):
        draft = MatterPage.objects.get(pk=matter.pk).get_latest_revision_as_object()
        for k, v in changes.items():
            setattr(draft, k, v)
        return draft.save_revision(user=admin_client.user)

    edit(promised_limit_value=4)
    workflow = page.get_workflow()
    state = workflow.start(MatterPage.objects.get(pk=matter.pk), admin_client.user)
    state.current_task_state.reject(user=admin_client.user, comment="请核实")
    edit(promised_limit_value=3, change_note="时限调整").publish(user=admin_client.user)
    MatterPage.objects.get(pk=matter.pk).unpublish(user=admin_client.user)
    first = Revision.page_revisions.filter(object_id=str(matter.pk)).order_by("pk").first()
    reverted = first.as_object()
    reverted.change_note = "恢复第1版"
    reverted.save_revision(user=admin_client.user, previous_revision=first).publish(user=admin_client.user)
    edit(go_live_at=datetime.datetime(2027, 1, 1, tzinfo=SHANGHAI), change_note="2027年起生效", promised_limit_value=2).publish(user=admin_client.user)
    with time_machine.travel(datetime.datetime(2027, 1, 1, 0, 10, tzinfo=SHANGHAI)):
        call_command("publish_scheduled", stdout=open("/dev/null", "w"))

    revisions = list(Revision.page_revisions.filter(object_id=str(matter.pk)).order_by("pk"))
    assert len(revisions) == 5
    for a, b in zip(revisions, revisions[1:], strict=False):
        url = reverse("wagtailadmin_pages:revisions_compare", args=[matter.pk, a.pk, b.pk])
        assert admin_client.get(url).status_code == 200
    versions = MatterVersion.objects.filter(matter=matter)
    assert [(v.number, v.change_note) for v in versions] == [(1, "首次发布"), (2, "时限调整"), (3, "恢复第1版"), (4, "2027年起生效")]
    assert [v.snapshot["promised_limit"]["value"] for v in versions] == [5, 3, 5, 2]
    page = MatterPage.objects.get(pk=matter.pk)
    assert page.live and int(page.promised_limit_value) == 2


def test_compare_view_marks_only_the_changed_characters(admin_client):
    matter = MatterPageFactory(
        title="食品经营许可", promised_limit_note="办理时限为5个工作日",
        materials=[{"name": "申请人身份证明"}, {"name": "营业执照"}],
    )
    draft = MatterPage.objects.get(pk=matter.pk).get_latest_revision_as_object()
    draft.promised_limit_note = "办理时限为3个工作日"
    draft.promised_limit_value = 3
    draft.materials = [MatterMaterial(name="申请人居民身份证明", sort_order=0), MatterMaterial(name="食品安全管理制度", sort_order=1)]
    latest = draft.save_revision()
    live = matter.live_revision
    html = admin_client.get(reverse("wagtailadmin_pages:revisions_compare", args=[matter.pk, live.pk, latest.pk])).content.decode()
    html = re.sub(r"\s+", " ", html)
    assert '办理时限为<del class="deletion">5</del><ins class="addition">3</ins>个工作日' in html
    assert '申请人<ins class="addition">居民</ins>身份证明' in html
    assert '<del class="deletion">5</del><ins class="addition">3</ins>' in html  # 承诺办结时限 as numbers
    assert "食品安全管理制度" in html and "营业执照" in html  # added and removed materials


def test_the_site_publishes_due_revisions_itself(client, db):
    from django.core.cache import cache

    from catalogue.scheduling import THROTTLE_KEY

    matter = MatterPageFactory(title="残疾人证新办", promised_limit_value=10)
    draft = MatterPage.objects.get(pk=matter.pk).get_latest_revision_as_object()
    draft.promised_limit_value, draft.change_note, draft.major_change = 5, "2027年起缩短时限", True
    draft.go_live_at = datetime.datetime(2027, 1, 1, tzinfo=SHANGHAI)
    draft.save_revision().publish()
    cache.delete(THROTTLE_KEY)
    client.get("/api/v1/matters/")
    assert int(MatterPage.objects.get(pk=matter.pk).promised_limit_value) == 10
    with time_machine.travel(datetime.datetime(2027, 1, 1, 0, 1, tzinfo=SHANGHAI)):
        cache.set(THROTTLE_KEY, True, timeout=60)  # checked less than a minute ago: not again
        client.get("/api/v1/matters/")
        assert int(MatterPage.objects.get(pk=matter.pk).promised_limit_value) == 10
        cache.delete(THROTTLE_KEY)
        client.get("/api/v1/matters/")
    assert int(MatterPage.objects.get(pk=matter.pk).promised_limit_value) == 5
    assert MatterVersion.objects.get(matter=matter, number=2).change_note == "2027年起缩短时限"
