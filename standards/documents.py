"""What the site's search indexes for a standard: a document of the same shape as a matter's
(search.documents.build_document), with `kind` "standard", so both engines index, rank and facet it alike.

The search app owns the engines and the index; it calls `live_documents` from its `published` / `unpublished`
snippet signal handlers (after commit) and when it rebuilds. Only published, non-draft standards are searchable,
and the document is read from the live row (a draft lives only in a revision)."""

from collections.abc import Iterable, Iterator

from search.documents import KIND_LABELS, KIND_STANDARD
from standards.choices import StandardStatus
from standards.models import Standard

KIND = KIND_STANDARD


def document_code(pk: int) -> str:
    """The index key of a standard (a matter's is its 实施编码, which never starts with a letter and a dash)."""
    return f"std-{pk}"


def is_searchable(standard: Standard) -> bool:
    return standard.live and standard.status != StandardStatus.DRAFT


def standard_document(standard: Standard) -> dict:
    clauses = [
        " ".join([c.value["heading"], c.value["text"], *c.value["items"]]) for c in standard.body if c.block_type == "clause"
    ]
    compact = standard.number.replace(" ", "")
    aliases = [a for a in dict.fromkeys([standard.designation, compact, standard.title_en]) if a and a != standard.number]
    body_owner = standard.responsible_body or standard.issuing_body
    status = standard.get_status_display()
    return {
        "kind": KIND,
        "code": document_code(standard.pk),
        "page_id": standard.pk,
        "name": f"{standard.number} {standard.title}",
        "url": standard.get_url(),
        "department": body_owner[:255],
        "region": "",
        "matter_type": "",
        "type_label": KIND_LABELS[KIND],
        "aliases": aliases,
        "catalogue_name": standard.category.name,
        "handling_item_name": "",
        "themes": [standard.kind_label, status],
        "service_objects": [],
        "audiences": [],
        "conditions": [],
        "materials": [],
        "results": [],
        "faqs": [],
        "body": [standard.scope, *clauses, standard.issuing_body],
        "level": "",
        "handling": "",
        "online": False,
        "summary": (standard.scope or "；".join(clauses))[:400],
        "facets": {"kind": [KIND]},
    }


def live_documents(standard_ids: Iterable[int] | None = None) -> Iterator[dict]:
    queryset = Standard.objects.public().select_related("category").order_by("pk")
    if standard_ids is not None:
        queryset = queryset.filter(pk__in=list(standard_ids))
    for standard in queryset.iterator(chunk_size=500):
        yield standard_document(standard)
