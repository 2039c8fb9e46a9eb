"""A list release as a PDF (landscape A4 table of its frozen rows), through the printing service.

A release never changes, so its file is keyed by (release, template version) only (`cache.get_or_build_frozen`);
it is built in the background when the release is published, or on the first request."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from catalogue.lists.rules import COLUMNS
from catalogue.models.lists import ListRelease
from cms.printing.cache import get_or_build_frozen
from cms.printing.registry import BuiltPDF, Printable, register
from cms.printing.render import render_document
from cms.printing.signals import build_frozen_after_commit

TEMPLATE = "catalogue/print/list_release.html"
TEMPLATES = ("printing/base.html", TEMPLATE)
VARIANT = "release_table"
# The columns of the public release page (lists.views), minus the ones too wide for paper.
PDF_COLUMNS = ["code", "name", "department", "level", "type", "handling_type", "legal_limit", "promised_limit", "charges",
               "materials_count", "visits"]
EXTRA_COLUMNS = {"fees": ["fees"], "prerequisite": ["note"], "intermediary": ["note", "fees"]}


# Shorter headings and fixed widths (mm) on paper; 事项名称 and the extra columns share what is left of 277 mm.
PDF_LABELS = {"level": "层级", "type": "事项类型", "handling_type": "办件类型", "legal_limit": "法定时限",
              "promised_limit": "承诺时限", "charges": "收费", "materials_count": "材料数", "visits": "到场次数"}
WIDTHS = {"code": 40, "department": 38, "level": 11, "type": 20, "handling_type": 15, "legal_limit": 26,
          "promised_limit": 26, "charges": 15, "materials_count": 11, "visits": 12}


def release_columns(release: ListRelease) -> list[tuple[str, str, int | None]]:
    keys = PDF_COLUMNS + EXTRA_COLUMNS.get(release.matter_list.kind, [])
    return [(key, PDF_LABELS.get(key, COLUMNS[key]), WIDTHS.get(key)) for key in keys]


def build_release_table(release: ListRelease, _frozen) -> BuiltPDF:
    columns = release_columns(release)
    table = [[("" if row.get(key) is None else row.get(key)) for key, _, _ in columns] for row in release.rows]
    context = {"release": release, "matter_list": release.matter_list, "columns": columns, "table": table}
    document = render_document(TEMPLATE, context)
    return BuiltPDF(document.write_pdf(), len(document.pages))


register(ListRelease, Printable(VARIANT, "清单版本（PDF）", TEMPLATES, build_release_table))


@receiver(post_save, sender=ListRelease)
def build_when_released(sender, instance, created, raw=False, **kwargs):
    """Publishing a release is its publish event: the PDF is built in the background after the commit, so the
    first reader of a long list does not wait for it."""
    if created and not raw:
        build_frozen_after_commit(instance)


def release_pdf(release: ListRelease):
    """The stored PDF of this release, built on the first request."""
    return get_or_build_frozen(release, VARIANT)
