"""What the site's search indexes for a standard (its own facet/tab next to matters).

The search app owns the engines and the index; it calls `standard_document` from its `published` /
`unpublished` snippet signal handlers and `live_documents` when it rebuilds. Only published, non-draft
standards are searchable.
"""

from collections.abc import Iterator

from standards.choices import StandardStatus
from standards.models import Standard

KIND = "standard"


def is_searchable(standard: Standard) -> bool:
    return standard.live and standard.status != StandardStatus.DRAFT


def standard_document(standard: Standard) -> dict:
    clauses = [
        " ".join([c.value["heading"], c.value["text"], *c.value["items"]]) for c in standard.body if c.block_type == "clause"
    ]
    return {
        "id": f"{KIND}:{standard.pk}",
        "kind": KIND,
        "title": f"{standard.number} {standard.title}",
        "text": "\n".join([standard.title_en, standard.scope, *clauses]),
        "keywords": [standard.number, standard.designation, standard.number.replace(" ", "")],
        "url": standard.get_url(),
        "facets": {"status": standard.get_status_display(), "category": standard.category.name, "prefix": standard.prefix},
        "updated_at": standard.last_published_at.isoformat() if standard.last_published_at else None,
    }


def live_documents() -> Iterator[dict]:
    for standard in Standard.objects.public().select_related("category").iterator(chunk_size=500):
        yield standard_document(standard)
