from django import template

from catalogue.change_log import change_log
from catalogue.models import MatterVersion

register = template.Library()


@register.simple_tag
def matter_history(page):
    """The public history of a guide: 更新日期 and its versions, newest first, each with the change log
    generated from the version before it."""
    if page is None or not getattr(page, "pk", None):
        return {"updated_at": None, "versions": []}
    versions = list(MatterVersion.objects.filter(matter_id=page.pk).select_related("matter").order_by("number"))
    entries, previous = [], None
    for version in versions:
        entries.append(
            {
                "version": version,
                "number": version.number,
                "published_at": version.published_at,
                "major": version.major,
                "note": version.public_note,
                "url": version.get_absolute_url(),
                "changes": [c["text"] for c in change_log(previous.get_snapshot(), version.get_snapshot())] if previous else [],
            }
        )
        previous = version
    entries.reverse()
    return {"updated_at": getattr(page, "public_updated_at", None) or getattr(page, "last_published_at", None), "versions": entries}
