"""The editorial workflow end to end through the admin: draft, submit, 科室审核, 中心审核, publish; reject and
re-edit; change notes; major and minor changes; nothing is ever lost."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page, Revision, TaskState

from catalogue.models import MatterPage, MatterVersion
from tests.factories import DepartmentPageFactory, MatterPageFactory
from tests.versioning.factories import editor_post_data, role_users


@pytest.fixture
def matter(db):
    department = DepartmentPageFactory(title="广东省公安厅")
    return MatterPageFactory(title="居民身份证换领", department=department, promised_limit_value=7, materials=["居民身份证"])


@pytest.fixture
def users(matter):
    return role_users(matter.get_parent().specific, DepartmentPageFactory(title="广东省教育厅"))


def edit(client, user, matter, action=None, **changes):
    client.force_login(user)
    data = editor_post_data(matter, user, changes)
    if action:
        data[action] = "1"
    return client.post(reverse("wagtailadmin_pages:edit", args=[matter.pk]), data)


def act(client, user, matter, action, comment=""):
    client.force_login(user)
    state = Page.objects.get(pk=matter.pk).specific.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[matter.pk, action, state.pk])
    client.post(url, {"comment": comment})
    return TaskState.objects.get(pk=state.pk)


def test_first_publish_is_version_one(matter):
    version = MatterVersion.objects.get(matter=matter)
    assert version.number == 1 and version.major and version.change_note == "首次发布"
    assert version.snapshot["name"] == "居民身份证换领"
    assert version.snapshot["promised_limit"]["value"] == 7
    assert MatterPage.objects.get(pk=matter.pk).public_updated_at == version.published_at


def test_submit_review_approve_publishes_with_the_change_note(client, matter, users):
    edit(client, users["editor"], matter, "action-submit", promised_limit_value="5", change_note="承诺时限缩短为5个工作日", major_change=True)
    page = MatterPage.objects.get(pk=matter.pk)
    assert page.workflow_in_progress and page.promised_limit_value == 7  # still the published value
    assert page.current_workflow_task.name == "科室审核"

    assert act(client, users["reviewer"], matter, "approve").status == TaskState.STATUS_APPROVED
    page = MatterPage.objects.get(pk=matter.pk)
    assert page.current_workflow_task.name == "中心审核" and page.promised_limit_value == 7

    act(client, users["centre"], matter, "approve")
    page = MatterPage.objects.get(pk=matter.pk)
    assert not page.workflow_in_progress
    assert page.promised_limit_value == 5
    version = MatterVersion.objects.get(matter=matter, number=2)
    assert version.major and version.change_note == "承诺时限缩短为5个工作日"
    assert page.public_updated_at == version.published_at


def test_reject_then_reedit_then_publish_keeps_every_revision(client, matter, users):
    edit(client, users["editor"], matter, "action-submit", promised_limit_value="6", change_note="时限调整")
    state = act(client, users["reviewer"], matter, "reject", comment="法定依据不足，请核实")
    assert state.status == TaskState.STATUS_REJECTED and state.comment == "法定依据不足，请核实"
    assert MatterPage.objects.get(pk=matter.pk).promised_limit_value == 7

    edit(client, users["editor"], matter, None, promised_limit_value="5", change_note="时限调整（已核实）")
    edit(client, users["editor"], matter, "action-restart-workflow", promised_limit_value="5", change_note="时限调整（已核实）")
    act(client, users["reviewer"], matter, "approve")
    act(client, users["centre"], matter, "approve")
    assert MatterPage.objects.get(pk=matter.pk).promised_limit_value == 5
    values = [r.as_object().promised_limit_value for r in Revision.page_revisions.filter(object_id=str(matter.pk)).order_by("pk")]
    assert [int(v) for v in values] == [7, 6, 5, 5]
    assert [v.number for v in MatterVersion.objects.filter(matter=matter)] == [1, 2]


def test_publishing_without_a_change_note_is_refused(client, matter, users):
    response = edit(client, users["centre"], matter, "action-publish", title="居民身份证换领（修改）", change_note="")
    assert "请填写本次变更说明" in response.content.decode()
    assert MatterPage.objects.get(pk=matter.pk).title == "居民身份证换领"
    assert MatterVersion.objects.filter(matter=matter).count() == 1


def test_minor_change_moves_neither_the_date_nor_shows_a_note(client, matter, users):
    before = MatterPage.objects.get(pk=matter.pk).public_updated_at
    edit(client, users["centre"], matter, "action-publish", consult_phone="020-87654321", change_note="更正电话号码错字")
    page = MatterPage.objects.get(pk=matter.pk)
    assert page.consult_phone == "020-87654321"
    version = MatterVersion.objects.get(matter=matter, number=2)
    assert not version.major
    assert page.public_updated_at == before


def test_the_editor_form_starts_with_an_empty_note_after_publishing(client, matter, users):
    edit(client, users["centre"], matter, "action-publish", change_note="第一次修改", major_change=True)
    client.force_login(users["editor"])
    response = client.get(reverse("wagtailadmin_pages:edit", args=[matter.pk]))
    assert "第一次修改" not in response.content.decode()


def test_setup_roles_is_idempotent_and_prints_demo_users(matter, capsys):
    call_command("setup_roles")
    call_command("setup_roles")
    out = capsys.readouterr().out
    assert "centre_admin" in out and "editor1" in out and "reviewer1" in out and "zwfw-demo-2026" in out
    from django.contrib.auth.models import Group

    assert Group.objects.filter(name="广东省公安厅·编辑").count() == 1
    assert Group.objects.filter(name="中心管理员").count() == 1
