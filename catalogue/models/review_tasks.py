"""Who reviews a department's matters: department roles on groups, and the 科室审核 workflow task."""

from django.contrib.auth.models import Group
from django.db import models
from wagtail.models import Page, Task, TaskState


class DepartmentRole(models.Model):
    """A group's role for one department (编辑 or 审核). The group also holds the page permissions on the
    department's subtree; this row tells the 科室审核 task whose reviewers the group's members are."""

    class Role(models.TextChoices):
        EDITOR = "editor", "编辑"
        REVIEWER = "reviewer", "审核"

    group = models.OneToOneField(Group, verbose_name="用户组", on_delete=models.CASCADE, related_name="department_role")
    department = models.ForeignKey("catalogue.DepartmentPage", verbose_name="部门", on_delete=models.CASCADE, related_name="roles")
    role = models.CharField("角色", max_length=16, choices=Role.choices)

    class Meta:
        verbose_name = "部门角色"
        verbose_name_plural = "部门角色"
        constraints = [models.UniqueConstraint(fields=["department", "role"], name="unique_department_role")]

    def __str__(self):
        return f"{self.department.title} {self.get_role_display()}"


def department_of(obj):
    """The department page a page (matter, department) or a window belongs to, or None."""
    from catalogue.models import DepartmentPage

    if isinstance(obj, Page):
        return DepartmentPage.objects.ancestor_of(obj, inclusive=True).first() if obj.path else None
    department_id = getattr(obj, "department_id", None)
    return DepartmentPage.objects.filter(pk=department_id).first() if department_id else None


class DepartmentReviewTask(Task):
    """科室审核: approved only by the reviewers of the department that owns the matter. Members of the
    `oversight_groups` (the 中心管理员) may act on every department's step."""

    oversight_groups = models.ManyToManyField(
        Group, verbose_name="可代行审核的用户组", blank=True, related_name="+", help_text="如中心管理员：可审核所有部门的事项。"
    )

    admin_form_fields = Task.admin_form_fields + ["oversight_groups"]

    class Meta:
        verbose_name = "科室审核（本部门审核员）"
        verbose_name_plural = "科室审核任务"

    def _in_oversight(self, user) -> bool:
        return self.oversight_groups.filter(id__in=user.groups.all()).exists()

    def user_can_review(self, obj, user) -> bool:
        if not user.is_active:
            return False
        if user.is_superuser or self._in_oversight(user):
            return True
        department = department_of(obj)
        if department is None:
            return False
        return DepartmentRole.objects.filter(
            department=department, role=DepartmentRole.Role.REVIEWER, group__in=user.groups.all()
        ).exists()

    def user_can_access_editor(self, obj, user):
        return self.user_can_review(obj, user)

    def locked_for_user(self, obj, user):
        return not self.user_can_review(obj, user)

    def user_can_lock(self, obj, user):
        return self.user_can_review(obj, user)

    def get_actions(self, obj, user):
        if self.user_can_review(obj, user):
            return [("reject", "退回修改", True), ("approve", "通过", False), ("approve", "通过并附意见", True)]
        return []

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        if user.is_superuser or self._in_oversight(user):
            return states
        departments = DepartmentRole.objects.filter(role=DepartmentRole.Role.REVIEWER, group__in=user.groups.all())
        department_pages = Page.objects.filter(pk__in=departments.values("department_id"))
        if not department_pages:
            return TaskState.objects.none()
        page_ids = []
        for department in department_pages:
            page_ids.extend(str(pk) for pk in department.get_descendants().values_list("pk", flat=True))
        return states.filter(
            workflow_state__base_content_type__model="page", workflow_state__object_id__in=page_ids
        )

    @classmethod
    def get_description(cls):
        return "事项所属部门的审核员审核本部门的事项。"
