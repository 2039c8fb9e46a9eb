"""The admin form of a matter: the hard rules of catalogue.validation, attached to the fields they concern."""

from decimal import Decimal

from wagtail.admin.forms import WagtailAdminPageForm

from catalogue import validation
from catalogue.choices import TimeUnit
from catalogue.time_limits import TimeLimit


def _live_rows(formset):
    """Cleaned data of the rows of an inline formset that are not being deleted.

    ClusterForm validates the page form before its formsets, so the formset is validated here first (its
    result is cached: this does not validate it twice)."""
    formset.is_valid()
    rows = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None) or {}
        if data and not data.get("DELETE"):
            rows.append(data)
    return rows


class MatterPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from catalogue import unified  # 十统一: locked elements are read-only, with their source

        unified.lock_form(self)

    def clean(self):
        cleaned = super().clean()
        from catalogue import unified

        unified.clean_locked_rows(self)
        legal = TimeLimit(cleaned.get("legal_limit_value"), cleaned.get("legal_limit_unit") or TimeUnit.WORKING_DAYS)
        promised = TimeLimit(cleaned.get("promised_limit_value"), cleaned.get("promised_limit_unit") or TimeUnit.WORKING_DAYS)
        if promised.value == Decimal(0):
            promised = TimeLimit(None, promised.unit)
        for field, message in validation.limit_errors(cleaned.get("handling_type"), legal, promised).items():
            self.add_error(field, message)
        if "fees" in self.formsets:
            for message in validation.fee_errors(bool(cleaned.get("charges")), _live_rows(self.formsets["fees"])):
                self.add_error("charges", message)
        return cleaned
