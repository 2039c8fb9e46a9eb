"""Published versions of a matter: one row per publish, numbered per matter, with the public change note and
a JSON snapshot of the whole matter as the API showed it."""

from django.db import models
from django.db.models.deletion import ProtectedError
from django.db.models.signals import pre_delete
from django.urls import reverse
from wagtail.signals import page_published


class MatterVersion(models.Model):
    matter = models.ForeignKey("catalogue.MatterPage", verbose_name="事项", on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("版本号")
    # Kept by `_protect_published_revision` from Wagtail's purge_revisions, so a published version stays readable.
    revision = models.ForeignKey("wagtailcore.Revision", verbose_name="修订", null=True, on_delete=models.SET_NULL, related_name="+")
    published_at = models.DateTimeField("发布时间")
    major = models.BooleanField("重大变更", default=False)
    change_note = models.TextField("变更说明", blank=True)
    snapshot = models.JSONField("内容快照", default=dict, blank=True, help_text="空：批量导入时推迟生成，首次读取时由修订生成。")

    class Meta:
        verbose_name = "事项版本"
        verbose_name_plural = "事项版本"
        ordering = ["matter", "number"]
        constraints = [models.UniqueConstraint(fields=["matter", "number"], name="unique_matter_version_number")]

    def __str__(self):
        return f"{self.matter.title} 第{self.number}版"

    def get_absolute_url(self) -> str:
        return reverse("matter_version", args=[self.matter.code, self.number])

    def get_snapshot(self) -> dict:
        """The matter as this version published it (made from the revision on first use after a bulk import)."""
        if not self.snapshot and self.revision_id:
            from catalogue.versioning import snapshot_of

            self.snapshot = snapshot_of(self.revision.as_object())
            MatterVersion.objects.filter(pk=self.pk).update(snapshot=self.snapshot)
        return self.snapshot

    @property
    def public_note(self) -> str:
        """The note the public sees: a minor change (a typo) shows none."""
        return self.change_note if self.major else ""


def _record_published_matter(sender, instance, revision=None, **kwargs):
    from catalogue.versioning import record_version

    record_version(instance, revision)


def _protect_published_revision(sender, instance, origin=None, **kwargs):
    """A revision that a published version shows is not deleted on its own (purge_revisions counts it as
    protected); it goes only with its matter."""
    from wagtail.models import Revision

    if isinstance(origin, Revision) and MatterVersion.objects.filter(revision=instance).exists():
        raise ProtectedError("已发布版本的修订不能单独删除", list(MatterVersion.objects.filter(revision=instance)))


def _connect():
    from django.core.signals import request_finished

    from catalogue.models.matters import MatterPage
    from catalogue.scheduling import on_request_finished

    page_published.connect(_record_published_matter, sender=MatterPage, dispatch_uid="catalogue_matter_version")
    pre_delete.connect(_protect_published_revision, sender="wagtailcore.Revision", dispatch_uid="catalogue_protect_version_revision")
    request_finished.connect(on_request_finished, dispatch_uid="catalogue_scheduled_publishing")


_connect()
