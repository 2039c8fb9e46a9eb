"""材料库: shared materials (居民身份证, 营业执照 …) that many matters reference."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin
from wagtail.search import index

from catalogue.choices import MaterialSource


class SharedMaterial(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, models.Model):
    name = models.CharField("材料名称", max_length=255, unique=True)
    source = models.CharField("来源渠道", max_length=16, choices=MaterialSource.choices, default=MaterialSource.APPLICANT)
    issuing_body = models.CharField("出具单位", max_length=255, blank=True)
    description = models.TextField("说明", blank=True)
    is_licence = models.BooleanField("属于电子证照", default=False, help_text="可通过电子证照库调取，申请人可免提交。")

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="shared_material")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState", content_type_field="base_content_type", object_id_field="object_id",
        related_query_name="shared_material", for_concrete_model=False,
    )

    panels = [FieldPanel("name"), FieldPanel("source"), FieldPanel("issuing_body"), FieldPanel("description"), FieldPanel("is_licence")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = "材料库材料"
        verbose_name_plural = "材料库"
        ordering = ["name"]

    @property
    def revisions(self):
        return self._revisions

    def __str__(self):
        return self.name
