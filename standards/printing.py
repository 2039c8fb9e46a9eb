"""The standard as a printable PDF through the printing service: cover block, 规范性引用文件, then the clauses with
bookmarks. Stored per published revision and built when the standard is published (the service's snippet hook;
bulk generation defers to the first request)."""

from cms.printing.registry import BuiltPDF, Printable, register
from cms.printing.render import css_string, render_document
from standards.models import Standard

TEMPLATE = "standards/print/standard.html"
TEMPLATES = ("printing/base.html", TEMPLATE)
VARIANT = "standard"


def clause_level(number: str) -> int:
    """“4” is a chapter (bookmark level 2, under the standard), “4.1” level 3, “4.1.2” level 4 … (at most 6)."""
    return min(2 + str(number).strip().count("."), 6)


def standard_context(standard: Standard) -> dict:
    references = []
    for reference in standard.references.all():
        edition = reference.applicable_edition()
        references.append({"reference": reference, "edition": edition, "abolished": reference.cites_abolished})
    clauses = [dict(block.value, level=clause_level(block.value["number"])) for block in standard.body]
    # A body written to GB/T 1.1 has its own “1 范围” and “2 规范性引用文件”: those are not printed twice.
    chapters = {"".join(str(c["heading"] or "").split()) for c in clauses if c["level"] == 2}
    return {
        "standard": standard,
        "css_number": css_string(standard.number),
        "css_bookmark": css_string(f"{standard.number} {standard.title}"),
        "references": references,
        "clauses": clauses,
        "scope_in_body": "范围" in chapters,
        "references_in_body": "规范性引用文件" in chapters,
        "levels": list(standard.levels.all()),
        "replaces": list(standard.replaces.all()),
    }


def build_standard(standard: Standard, revision) -> BuiltPDF:
    document = render_document(TEMPLATE, {**standard_context(standard), "revision": revision})
    return BuiltPDF(document.write_pdf(), len(document.pages))


register(Standard, Printable(VARIANT, "标准文本（PDF）", TEMPLATES, build_standard))
