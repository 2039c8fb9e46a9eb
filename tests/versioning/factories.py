"""Helpers of the versioning tests: roles with their users, and posting the real admin page editor."""

import datetime
from decimal import Decimal

from django.contrib.auth.models import Group
from django.db.models import Model

from catalogue.models import DepartmentRole
from catalogue.roles import CENTRE_ADMINS, ensure_department_groups, ensure_roles
from tests.factories import UserFactory


def user_in(group: Group, username: str):
    user = UserFactory(username=username)
    user.groups.add(group)
    return user


def role_users(department, foreign_department):
    """中心管理员, and an editor and a reviewer of `department`; groups for both departments."""
    ensure_roles()
    ensure_department_groups(foreign_department)
    groups = ensure_department_groups(department)
    return {
        "editor": user_in(groups[DepartmentRole.Role.EDITOR], "editor_own"),
        "reviewer": user_in(groups[DepartmentRole.Role.REVIEWER], "reviewer_own"),
        "centre": user_in(Group.objects.get(name=CENTRE_ADMINS), "centre_admin"),
    }


def _value(value):
    if value is None:
        return ""
    if isinstance(value, Model):
        return str(value.pk)
    if isinstance(value, (list, tuple)):
        return [_value(v) for v in value]
    if hasattr(value, "all") and callable(value.all):
        return [str(v.pk) for v in value.all()]
    if isinstance(value, (datetime.date, datetime.datetime, Decimal)):
        return str(value)
    return value


def _form_fields(form, data):
    for name, field in form.fields.items():
        bound = form[name]
        value = bound.value()
        key = bound.html_name
        if isinstance(value, bool):
            if value:
                data[key] = "on"
            continue
        value = _value(value)
        if value == "" and field.__class__.__name__.endswith("BooleanField"):
            continue
        data[key] = value


def editor_post_data(page, user, changes=None, rows=None):
    """POST data of Wagtail's page editor for `page` (its latest revision), as the browser would send it,
    with `changes` applied to fields and `rows` = {relation: [dict, ...]} replacing child rows."""
    page = page.get_latest_revision_as_object()
    form_class = page.get_edit_handler().get_form_class()
    form = form_class(instance=page, for_user=user, parent_page=page.get_parent())
    data = {}
    _form_fields(form, data)
    for relation, formset in form.formsets.items():
        prefix = formset.prefix
        replacement = (rows or {}).get(relation)
        if replacement is not None:
            data[f"{prefix}-TOTAL_FORMS"] = str(len(formset.forms) + len(replacement))
            data[f"{prefix}-INITIAL_FORMS"] = str(len(formset.forms))
            for i, child in enumerate(formset.forms):
                _form_fields(child, data)
                data[f"{prefix}-{i}-DELETE"] = "on"
            for j, values in enumerate(replacement, start=len(formset.forms)):
                for key, value in values.items():
                    data[f"{prefix}-{j}-{key}"] = value
                data[f"{prefix}-{j}-ORDER"] = str(j + 1)
            data[f"{prefix}-MIN_NUM_FORMS"] = "0"
            data[f"{prefix}-MAX_NUM_FORMS"] = "1000"
            continue
        for key, value in formset.management_form.initial.items():
            data[f"{prefix}-{key}"] = value
        for child in formset.forms:
            _form_fields(child, data)
    for key, value in (changes or {}).items():
        if isinstance(value, bool):
            if value:
                data[key] = "on"
            else:
                data.pop(key, None)
        else:
            data[key] = value
    return data
