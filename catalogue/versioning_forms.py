"""The matter's admin form, plus what publishing asks for: a change note and major/minor, and the facts a
withdrawal (暂停/取消) must state."""

from django.utils import timezone

from catalogue.choices import MatterStatus
from catalogue.forms import MatterPageForm

# The buttons of Wagtail's page editor that send the content on its way to the public.
RELEASING_ACTIONS = ("action-publish", "action-submit", "action-restart-workflow")


class VersionedMatterPageForm(MatterPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if instance.pk and not instance.has_unpublished_changes and not self.is_bound:
            # Editing the published version: the note and the major flag describe the next change, not the last one.
            self.initial["change_note"] = ""
            self.initial["major_change"] = False
            for name, value in (("change_note", ""), ("major_change", False)):
                if name in self.fields:
                    self.fields[name].initial = value

    @property
    def is_releasing(self) -> bool:
        return any(self.data.get(action) for action in RELEASING_ACTIONS)

    def clean(self):
        cleaned = super().clean()
        already_published = bool(self.instance.pk and self.instance.first_published_at)
        if self.is_releasing and already_published and "change_note" in self.fields and not (cleaned.get("change_note") or "").strip():
            self.add_error("change_note", "请填写本次变更说明（公开的历史版本会显示重大变更的说明）。")
        status = cleaned.get("status")
        if status and status != MatterStatus.ACTIVE:
            if "withdrawal_reason" in self.fields and not (cleaned.get("withdrawal_reason") or "").strip():
                self.add_error("withdrawal_reason", "事项暂停或取消时，请填写原因。")
            if "withdrawn_on" in self.fields and not cleaned.get("withdrawn_on"):
                cleaned["withdrawn_on"] = timezone.localdate()
        replaced_by = cleaned.get("replaced_by")
        if replaced_by is not None and self.instance.pk and replaced_by.pk == self.instance.pk:
            self.add_error("replaced_by", "替代事项不能是本事项自己。")
        return cleaned
