"""Published versions of a matter: one row per publish, numbered per matter, with the public change note and
a JSON snapshot of the whole matter as the API showed it."""

from django.db import models
from django.urls import reverse
from wagtail.signals import page_published


class MatterVersion(models.Model):
    matter = models.ForeignKey("catalogue.MatterPage", verbose_name="事项", on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("版本号")
    revision = models.ForeignKey("wagtailcore.Revision", verbose_name="修订", null=True, on_delete=models.SET_NULL, related_name="+")
    published_at = models.DateTimeField("发布时间")
    major = models.BooleanField("重大变更", default=False)
    change_note = models.TextField("变更说明", blank=True)
    snapshot = models.JSONField("内容快照", default=dict)

    class Meta:
        verbose_name = "事项版本"
        verbose_name_plural = "事项版本"
        ordering = ["matter", "number"]
        constraints = [models.UniqueConstraint(fields=["matter", "number"], name="unique_matter_version_number")]

    def __str__(self):
        return f"{self.matter.title} 第{self.number}版"

    def get_absolute_url(self) -> str:
        return reverse("matter_version", args=[self.matter.code, self.number])

    @property
    def public_note(self) -> str:
        """The note the public sees: a minor change (a typo) shows none."""
        return self.change_note if self.major else ""

    @property
    def is_current(self) -> bool:
        return self.matter.live_revision_id is not None and self.matter.live_revision_id == self.revision_id


def _record_published_matter(sender, instance, revision=None, **kwargs):
    from catalogue.versioning import record_version

    record_version(instance, revision)


def _connect():
    from django.core.signals import request_finished

    from catalogue.models.matters import MatterPage
    from catalogue.scheduling import on_request_finished

    page_published.connect(_record_published_matter, sender=MatterPage, dispatch_uid="catalogue_matter_version")
    request_finished.connect(on_request_finished, dispatch_uid="catalogue_scheduled_publishing")


_connect()
