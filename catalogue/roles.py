"""Roles of the editorial workflow: who may edit, review and publish which matters.

- 中心管理员: every department's matters (add, edit, publish, delete), 中心审核, the windows and the 材料库.
- <部门>·编辑: creates and edits only that department's matters and submits them for review.
- <部门>·审核: sees and corrects that department's drafts and approves the 科室审核 step for them only.
The workflow 事项审核 (科室审核 → 中心审核) is assigned to the 部门 index, so it applies to every matter and
department page; windows and the 材料库 go through 窗口与材料库审核 (中心审核).
"""

import os
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import GroupApprovalTask, GroupPagePermission, Workflow, WorkflowContentType, WorkflowPage, WorkflowTask

from catalogue.models import DepartmentIndexPage, DepartmentPage, DepartmentReviewTask, DepartmentRole, SharedMaterial, Window
from cms.site_setup import ensure_site

CENTRE_ADMINS = "中心管理员"
MATTER_WORKFLOW = "事项审核"
SNIPPET_WORKFLOW = "窗口与材料库审核"
DEPARTMENT_TASK = "科室审核"
CENTRE_TASK = "中心审核"

EDITOR_PAGE_PERMISSIONS = ["add", "change", "lock"]
REVIEWER_PAGE_PERMISSIONS = ["change", "lock"]
CENTRE_PAGE_PERMISSIONS = ["add", "change", "publish", "lock", "unlock", "bulk_delete"]
SNIPPET_MODELS = [Window, SharedMaterial]
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "zwfw-demo-2026")


def group_name(department: DepartmentPage, role: str) -> str:
    return f"{department.title}·{DepartmentRole.Role(role).label}"


def _model_permissions(model, actions):
    content_type = ContentType.objects.get_for_model(model)
    codenames = [f"{action}_{model._meta.model_name}" for action in actions]
    return list(Permission.objects.filter(content_type=content_type, codename__in=codenames))


def _admin_access():
    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")


def _set_page_permissions(group, page, actions):
    for action in actions:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=f"{action}_page")
        )


@transaction.atomic
def ensure_department_groups(department: DepartmentPage) -> dict[str, Group]:
    groups = {}
    for role, actions in [(DepartmentRole.Role.EDITOR, EDITOR_PAGE_PERMISSIONS), (DepartmentRole.Role.REVIEWER, REVIEWER_PAGE_PERMISSIONS)]:
        existing = DepartmentRole.objects.filter(department=department, role=role).select_related("group").first()
        if existing:
            group = existing.group
            if group.name != group_name(department, role):
                group.name = group_name(department, role)
                group.save(update_fields=["name"])
        else:
            group, _ = Group.objects.get_or_create(name=group_name(department, role))
            DepartmentRole.objects.create(group=group, department=department, role=role)
        group.permissions.add(_admin_access())
        if role == DepartmentRole.Role.EDITOR:
            for model in SNIPPET_MODELS:
                group.permissions.add(*_model_permissions(model, ["add", "change"]))
        _set_page_permissions(group, department, actions)
        groups[role] = group
    return groups


def _ensure_task(model, name, **defaults):
    task = model.objects.filter(name=name).first()
    if task is None:
        task = model.objects.create(name=name, **defaults)
    return task


def _ensure_workflow(name, tasks):
    workflow, _ = Workflow.objects.get_or_create(name=name, defaults={"active": True})
    if list(workflow.workflow_tasks.order_by("sort_order").values_list("task_id", flat=True)) != [t.pk for t in tasks]:
        workflow.workflow_tasks.all().delete()
        for order, task in enumerate(tasks):
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    return workflow


@transaction.atomic
def ensure_roles() -> Group:
    """Groups, permissions and workflows; safe to run again (departments added since get their groups)."""
    _, index = ensure_site()
    index = DepartmentIndexPage.objects.get(pk=index.pk)
    centre, _ = Group.objects.get_or_create(name=CENTRE_ADMINS)
    centre.permissions.add(_admin_access())
    for model in SNIPPET_MODELS:
        centre.permissions.add(*_model_permissions(model, ["add", "change", "delete", "publish", "lock", "unlock"]))
    _set_page_permissions(centre, index, CENTRE_PAGE_PERMISSIONS)

    department_task = _ensure_task(DepartmentReviewTask, DEPARTMENT_TASK)
    department_task.oversight_groups.add(centre)
    centre_task = _ensure_task(GroupApprovalTask, CENTRE_TASK)
    centre_task.groups.add(centre)

    workflow = _ensure_workflow(MATTER_WORKFLOW, [department_task, centre_task])
    WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    snippet_workflow = _ensure_workflow(SNIPPET_WORKFLOW, [centre_task])
    for model in SNIPPET_MODELS:
        content_type = ContentType.objects.get_for_model(model)
        WorkflowContentType.objects.update_or_create(content_type=content_type, defaults={"workflow": snippet_workflow})

    for department in DepartmentPage.objects.all():
        ensure_department_groups(department)
    return centre


@dataclass
class DemoUser:
    username: str
    password: str
    role: str


def ensure_demo_users(departments=None, password: str = DEMO_PASSWORD) -> list[DemoUser]:
    """A demo user per role: the centre administrator, and an editor and a reviewer for the two departments
    with the most matters (so an editor can try a foreign department's matter too)."""
    User = get_user_model()
    centre = Group.objects.get(name=CENTRE_ADMINS)
    if departments is None:
        counts = {department: department.numchild for department in DepartmentPage.objects.all()}
        departments = [d for d, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0].path))[:2]]
    wanted = [("centre_admin", "中心管理员", [centre])]
    for number, department in enumerate(departments, start=1):
        groups = ensure_department_groups(department)
        wanted.append((f"editor{number}", f"{department.title} 编辑", [groups[DepartmentRole.Role.EDITOR]]))
        wanted.append((f"reviewer{number}", f"{department.title} 审核员", [groups[DepartmentRole.Role.REVIEWER]]))
    users = []
    for username, role, groups in wanted:
        user, created = User.objects.get_or_create(username=username, defaults={"email": f"{username}@example.gov.cn", "first_name": role[:150]})
        if created:
            user.set_password(password)
            user.save()
        user.groups.add(*groups)
        users.append(DemoUser(username, password if created else "（已存在，未修改密码）", role))
    return users
