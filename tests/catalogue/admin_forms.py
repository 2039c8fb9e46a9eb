"""Posting the real Wagtail page edit form from a test, as a browser would."""

from django.forms import CheckboxInput, NullBooleanSelect
from django.urls import reverse


def form_post_data(form) -> dict:
    """The data a browser would send for `form` as rendered, with every inline formset and management form."""
    data = {}
    for bound in form:
        value = bound.value()
        widget = bound.field.widget
        if isinstance(widget, CheckboxInput):
            if value:
                data[bound.html_name] = "on"
        elif isinstance(widget, NullBooleanSelect):
            data[bound.html_name] = {True: "true", False: "false"}.get(value, "unknown")
        elif value is None:
            continue
        elif isinstance(value, (list, tuple)):
            data[bound.html_name] = [str(v) for v in value]
        else:
            data[bound.html_name] = str(value)
    for formset in getattr(form, "formsets", {}).values():
        for bound in formset.management_form:
            data[bound.html_name] = str(bound.value())
        for child in formset.forms:
            data.update(form_post_data(child))
    return data


def edit_form_data(client, page) -> dict:
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    return form_post_data(response.context["form"])


def add_row(data: dict, prefix: str, **fields) -> dict:
    """Append a new row to the inline formset `prefix` (what 'Add' in an InlinePanel does)."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    data[f"{prefix}-{index}-ORDER"] = str(index + 1)
    data[f"{prefix}-{index}-id"] = ""
    for name, value in fields.items():
        data[f"{prefix}-{index}-{name}"] = value
    return data


def post_edit(client, page, data, *, publish=False, follow=False):
    if publish:
        # Publishing asks for a change note (issue 3); a test that checks that rule passes its own data.
        data = {**data, "change_note": data.get("change_note") or "核对并更新办事指南", "action-publish": "action-publish"}
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data, follow=follow)
