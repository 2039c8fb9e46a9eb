"""A list release as a PDF (landscape A4 table of its frozen rows), through the printing service.

A release never changes, so its file is keyed by (release, template version) only (`cache.get_or_build_frozen`)."""

from catalogue.lists.rules import COLUMNS
from catalogue.models.lists import ListRelease
from cms.printing.cache import get_or_build_frozen
from cms.printing.registry import BuiltPDF, Printable, register
from cms.printing.render import render_document

TEMPLATE = "catalogue/print/list_release.html"
TEMPLATES = ("printing/base.html", TEMPLATE)
VARIANT = "release_table"
# The columns of the public release page (lists.views), minus the ones too wide for paper.
PDF_COLUMNS = ["code", "name", "department", "level", "type", "handling_type", "legal_limit", "promised_limit", "charges",
               "materials_count", "visits"]
EXTRA_COLUMNS = {"fees": ["fees"], "prerequisite": ["note"], "intermediary": ["note", "fees"]}


def release_columns(release: ListRelease) -> list[tuple[str, str]]:
    return [(key, COLUMNS[key]) for key in PDF_COLUMNS + EXTRA_COLUMNS.get(release.matter_list.kind, [])]


def build_release_table(release: ListRelease, _frozen) -> BuiltPDF:
    columns = release_columns(release)
    table = [[("" if row.get(key) is None else row.get(key)) for key, _ in columns] for row in release.rows]
    context = {"release": release, "matter_list": release.matter_list, "columns": columns, "table": table}
    document = render_document(TEMPLATE, context)
    return BuiltPDF(document.write_pdf(), len(document.pages))


register(ListRelease, Printable(VARIANT, "清单版本（PDF）", TEMPLATES, build_release_table, build_on_publish=False))


def release_pdf(release: ListRelease):
    """The stored PDF of this release, built on the first request."""
    return get_or_build_frozen(release, VARIANT)
