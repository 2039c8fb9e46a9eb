"""The matter's printed documents: 一次性告知单 (handout), full 办事指南 (guide), 长辈版 (large print), and
服务指南汇编 (booklets). Registered with the printing service, which caches and serves them."""


from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django_tasks import task
from wagtail.models import Revision

from cms.printing.registry import BuiltPDF, Printable, register
from cms.printing.render import css_string, qr_svg_data_uri, render_document

from .models import MatterPage, MatterVersion

FOOTER = "catalogue/print/_footer.html"
SECTIONS = "catalogue/print/_guide_sections.html"
BASE = "printing/base.html"
HANDOUT_TEMPLATES = (BASE, FOOTER, "catalogue/print/handout.html")
GUIDE_TEMPLATES = (BASE, FOOTER, SECTIONS, "catalogue/print/guide.html")
HANDOUT_MAX_PAGES = 2


# —— versions ——


def version_of_revision(revision: Revision):
    """The numbered public version a revision was published as, if it was."""
    return MatterVersion.objects.filter(matter_id=revision.object_id, revision_id=revision.pk).first()


def absolute(url: str) -> str:
    return settings.BASE_URL.rstrip("/") + url


def version_url(code: str, number: int) -> str:
    """The address printed in the QR code: the version the sheet was printed from."""
    return reverse("matter_version", args=[code, number])


# —— the documents ——


def with_requirements(material):
    """The known facts of a material as short phrases; imported data often has none, and none are invented."""
    facts = [material.get_necessity_display(), material.get_kind_display(), material.get_form_display()]
    if material.originals:
        facts.append(f"原件{material.originals}份")
    if material.copies:
        facts.append(f"复印件{material.copies}份")
    if material.source:
        facts.append(material.get_source_display() + (f"（{material.source_body}）" if material.source_body else ""))
    material.requirements = [f for f in facts if f]
    return material


def matter_context(matter: MatterPage, revision: Revision) -> dict:
    # A revision that was never published (a preview) has no number: its sheets point at the short URL.
    version = version_of_revision(revision) or MatterVersion(number=0, published_at=revision.created_at)
    target = absolute(version_url(matter.code, version.number)) if version.number else absolute(matter.get_short_url())
    department = matter.department
    windows = list(matter.windows.all())
    return {
        "matter": matter,
        "department": department,
        "version": version,
        "short_url": absolute(matter.get_short_url()),
        "version_url": target,
        "qr": qr_svg_data_uri(target),
        "conditions": list(matter.conditions.all()),
        "materials": [with_requirements(m) for m in matter.materials.all()],
        "steps": list(matter.steps.all()),
        "special_steps": list(matter.special_steps.all()),
        "fees": list(matter.fees.all()),
        "legal_bases": list(matter.legal_bases.all()),
        "results": list(matter.results.all()),
        "locations": list(matter.locations.all()),
        "faqs": list(matter.faqs.all()),
        "windows": windows,
    }


def build_handout(matter, revision, *, large_print: bool = False) -> BuiltPDF:
    context = {**matter_context(matter, revision), "large_print": large_print, "compact": False}
    document = render_document("catalogue/print/handout.html", context)
    rows = len(context["materials"]) + len(context["conditions"]) + len(context["steps"])
    if not large_print and (len(document.pages) > HANDOUT_MAX_PAGES or (len(document.pages) > 1 and rows <= 14)):
        # Nearly one page: tighter spacing (type stays at 12 pt or more) often brings it onto one sheet.
        context["compact"] = True
        tighter = render_document("catalogue/print/handout.html", context)
        if len(tighter.pages) < len(document.pages):
            document = tighter
    return BuiltPDF(document.write_pdf(), len(document.pages))


def build_large_print(matter, revision) -> BuiltPDF:
    return build_handout(matter, revision, large_print=True)


def build_guide(matter, revision) -> BuiltPDF:
    document = render_document("catalogue/print/guide.html", matter_context(matter, revision))
    return BuiltPDF(document.write_pdf(), len(document.pages))


register(MatterPage, Printable("handout", "一次性告知单", HANDOUT_TEMPLATES, build_handout))
register(MatterPage, Printable("guide", "办事指南（完整版）", GUIDE_TEMPLATES, build_guide))
register(MatterPage, Printable("large_print", "一次性告知单（长辈版）", HANDOUT_TEMPLATES, build_large_print))

VARIANTS = {"handout.pdf": "handout", "guide.pdf": "guide", "large-print.pdf": "large_print"}


def print_urls(matter: MatterPage) -> dict:
    return {
        "handout_pdf": reverse("matter_pdf", args=[matter.code, "handout.pdf"]),
        "guide_pdf": reverse("matter_pdf", args=[matter.code, "guide.pdf"]),
        "large_print_pdf": reverse("matter_pdf", args=[matter.code, "large-print.pdf"]),
    }




# —— 服务指南汇编 (booklets) ——


def booklet_matters(booklet):
    from cms.printing.models import BookletKind

    from .choices import HandlingType, MatterType

    matters = MatterPage.objects.live().public_listing()
    if booklet.kind == BookletKind.DEPARTMENT:
        matters = matters.child_of(booklet.department)
    elif booklet.kind == BookletKind.WINDOW:
        matters = matters.filter(windows=booklet.window)
    elif booklet.kind == BookletKind.RELEASE:
        # The matters the frozen release lists, in its order; those withdrawn since have no current guide.
        order = {row["code"]: n for n, row in enumerate(booklet.list_release.rows)}
        found = matters.filter(code__in=list(order)).exclude(live_revision__isnull=True)
        return sorted(found, key=lambda m: order[m.code])
    else:
        filters = {
            "immediate": {"handling_type": HandlingType.IMMEDIATE},
            "promised": {"handling_type": HandlingType.PROMISED},
            "licensing": {"matter_type": MatterType.LICENSING},
            "public_service": {"matter_type": MatterType.PUBLIC_SERVICE},
        }
        matters = matters.filter(**filters[booklet.list_key])
    return matters.exclude(live_revision__isnull=True).order_by("path")


def render_booklet(booklet, matters, progress=lambda done, total, stage: None):
    """The booklet as one WeasyPrint document: cover, contents with target-counter page numbers, then each guide
    on a new page with its own running header, footer (code, version, QR) and bookmarks."""
    from django.template.loader import render_to_string

    revisions = Revision.objects.in_bulk([m.live_revision_id for m in matters])
    total = len(matters)
    sections = []
    for done, matter in enumerate(matters, start=1):
        revision = revisions[matter.live_revision_id]
        sections.append(render_to_string(SECTIONS, {**matter_context(revision.as_object(), revision), "bm": 1, "print_time": timezone.localtime()}))
        if done % 10 == 0 or done == total:
            progress(done, total, "准备内容")
    progress(total, total, "排版")
    release = booklet.list_release if booklet.list_release_id else None
    context = {
        "booklet": booklet,
        "release": release,
        "release_missing": release.count - total if release else 0,
        "title": booklet.display_title,
        "css_title": css_string(booklet.display_title),
        "matters": matters,
        "sections": sections,  # rendered (and escaped) by the guide template
    }
    return render_document("catalogue/print/booklet.html", context)


def build_booklet(booklet_id: int) -> None:
    from django.core.files.base import ContentFile

    from cms.printing.models import Booklet, BookletStatus

    booklet = Booklet.objects.get(pk=booklet_id)

    def progress(done, total, stage):
        Booklet.objects.filter(pk=booklet_id).update(progress_done=done, progress_total=total, stage=stage, status=BookletStatus.RUNNING)

    try:
        matters = list(booklet_matters(booklet))
        if not matters:
            Booklet.objects.filter(pk=booklet_id).update(
                status=BookletStatus.FAILED, error="汇编范围内没有已发布的事项，未生成文件。", finished_at=timezone.now()
            )
            return
        progress(0, len(matters), "收集事项")
        document = render_booklet(booklet, matters, progress)
        progress(len(matters), len(matters), "写出 PDF")
        data = document.write_pdf()
        booklet.refresh_from_db()
        booklet.file.save(f"booklet-{booklet.pk}.pdf", ContentFile(data), save=False)
        booklet.pages = len(document.pages)
        booklet.status = BookletStatus.DONE
        booklet.stage = "完成"
        booklet.finished_at = timezone.now()
        booklet.save()
    except Exception as exc:
        Booklet.objects.filter(pk=booklet_id).update(status=BookletStatus.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000], finished_at=timezone.now())
        raise


@task(backend="printing")
def build_booklet_task(booklet_id: int) -> int:
    build_booklet(booklet_id)
    return booklet_id


def request_booklet(booklet) -> None:
    """Queue the booklet's build once the transaction that created it commits."""
    from django.db import transaction

    transaction.on_commit(lambda: build_booklet_task.enqueue(booklet.pk))


# The list release's PDF registers itself with the printing service.
from .lists import release_pdf  # noqa: E402, F401
