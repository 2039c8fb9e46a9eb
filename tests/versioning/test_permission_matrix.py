"""Every role × (view draft, edit, submit, approve, publish, delete) on a matter of its own department and
on a foreign one, through the real admin views."""

import pytest
from django.urls import reverse
from wagtail.models import Page, TaskState

from catalogue.models import MatterPage
from catalogue.roles import MATTER_WORKFLOW
from tests.factories import DepartmentPageFactory, MatterPageFactory, SuperUserFactory
from tests.versioning.factories import editor_post_data, role_users

ACTIONS = ["view_draft", "edit", "submit", "approve", "publish", "delete"]
ALLOWED = {
    # role: (own department, foreign department)
    "editor": ({"view_draft", "edit", "submit"}, set()),
    "reviewer": ({"view_draft", "edit", "submit", "approve"}, set()),
    "centre": (set(ACTIONS), set(ACTIONS)),
}


@pytest.fixture
def setting(db):
    own = DepartmentPageFactory(title="广东省公安厅")
    foreign = DepartmentPageFactory(title="广东省教育厅")
    own_matter = MatterPageFactory(title="居民身份证换领", department=own, promised_limit_value=5)
    foreign_matter = MatterPageFactory(title="教师资格认定", department=foreign, promised_limit_value=20)
    users = role_users(own, foreign)
    return {"own": own_matter, "foreign": foreign_matter, "users": users}


def _draft(matter, title):
    page = matter.get_latest_revision_as_object()
    page.title = title
    page.save_revision()


def _in_workflow_at(matter, role):
    """Put the matter in 事项审核; the centre's approval is tested at 中心审核, the others' at 科室审核."""
    admin = SuperUserFactory(username="workflow_admin")
    _draft(matter, matter.title + "（修订）")
    page = Page.objects.get(pk=matter.pk).specific
    workflow = page.get_workflow()
    assert workflow.name == MATTER_WORKFLOW
    workflow.start(page, admin)
    state = page.current_workflow_task_state
    if role == "centre":
        state.approve(user=admin)
        state = Page.objects.get(pk=matter.pk).specific.current_workflow_task_state
        assert state.task.name == "中心审核"
    else:
        assert state.task.name == "科室审核"
    return state


def attempt(client, action, matter, role, user):
    """Perform `action` as the logged-in user; return True if it took effect."""
    edit_url = reverse("wagtailadmin_pages:edit", args=[matter.pk])
    if action == "view_draft":
        _draft(matter, "草稿标题：" + matter.title)
        response = client.get(edit_url)
        return response.status_code == 200 and "草稿标题：" in response.content.decode()
    if action == "edit":
        data = editor_post_data(matter, user, {"title": "修改后的标题"})
        client.post(edit_url, data)
        return MatterPage.objects.get(pk=matter.pk).get_latest_revision_as_object().title == "修改后的标题"
    if action == "submit":
        data = editor_post_data(matter, user, {"title": "送审标题", "change_note": "更正材料名称", "action-submit": "1"})
        client.post(edit_url, data)
        page = MatterPage.objects.get(pk=matter.pk)
        return page.workflow_in_progress
    if action == "approve":
        state = _in_workflow_at(matter, role)
        url = reverse("wagtailadmin_pages:workflow_action", args=[matter.pk, "approve", state.pk])
        client.post(url, {"comment": ""})
        return TaskState.objects.get(pk=state.pk).status == TaskState.STATUS_APPROVED
    if action == "publish":
        data = editor_post_data(matter, user, {"title": "发布后的标题", "change_note": "调整承诺时限", "action-publish": "1"})
        client.post(edit_url, data)
        return MatterPage.objects.get(pk=matter.pk).title == "发布后的标题"
    if action == "delete":
        client.post(reverse("wagtailadmin_pages:delete", args=[matter.pk]))
        return not MatterPage.objects.filter(pk=matter.pk).exists()
    raise AssertionError(action)


@pytest.mark.parametrize("role", list(ALLOWED))
@pytest.mark.parametrize("whose", ["own", "foreign"])
@pytest.mark.parametrize("action", ACTIONS)
def test_permission_matrix(client, setting, role, whose, action):
    user = setting["users"][role]
    client.force_login(user)
    expected = action in ALLOWED[role][0 if whose == "own" else 1]
    assert attempt(client, action, setting[whose], role, user) is expected


def test_editor_only_sees_own_department_in_the_explorer(client, setting):
    client.force_login(setting["users"]["editor"])
    own_department = setting["own"].get_parent()
    assert client.get(reverse("wagtailadmin_explore", args=[own_department.pk])).status_code == 200
    foreign_department = setting["foreign"].get_parent()
    response = client.get(reverse("wagtailadmin_pages:edit", args=[foreign_department.pk]))
    assert response.status_code in (302, 403)
