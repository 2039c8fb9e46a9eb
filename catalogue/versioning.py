"""Published versions of matters: what a publish records, and how versions are read back.

Every publish of a matter (admin, workflow approval, scheduled publishing, import) sends Wagtail's
`page_published`; `record_version` turns it into the next numbered MatterVersion with the change note and
the major/minor choice the editor made on the page form, and a JSON snapshot of the matter as the API
shows it. The public 更新日期 (`public_updated_at`) is the time of the latest major version (or the first).
"""

import json

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from rest_framework.renderers import JSONRenderer

FIRST_VERSION_NOTE = "首次发布"


def snapshot_of(matter) -> dict:
    """The matter as the API's detail endpoint shows it, as plain JSON values."""
    from catalogue.api.versions import VersionedMatterSerializer

    data = VersionedMatterSerializer(matter, context={}).data
    return json.loads(JSONRenderer().render(data))


@transaction.atomic
def record_version(matter, revision=None):
    from catalogue.models import MatterPage, MatterVersion

    revision = revision or matter.live_revision
    if revision is not None and MatterVersion.objects.filter(matter_id=matter.pk, revision=revision).exists():
        return None  # the same revision published again (e.g. a republish of the live revision)
    last = MatterVersion.objects.filter(matter_id=matter.pk).aggregate(n=Max("number"))["n"] or 0
    number = last + 1
    published_at = matter.last_published_at or timezone.now()
    major = bool(matter.major_change) or number == 1
    note = (matter.change_note or "").strip() or (FIRST_VERSION_NOTE if number == 1 else "")
    if major:
        matter.public_updated_at = published_at
    else:
        previous = MatterVersion.objects.filter(matter_id=matter.pk, major=True).order_by("-number").first()
        matter.public_updated_at = previous.published_at if previous else published_at
    MatterPage.objects.filter(pk=matter.pk).update(public_updated_at=matter.public_updated_at)
    version = MatterVersion.objects.create(
        matter_id=matter.pk,
        number=number,
        revision=revision,
        published_at=published_at,
        major=major,
        change_note=note,
        snapshot=snapshot_of(matter),
    )
    return version


def versions_of(matter):
    from catalogue.models import MatterVersion

    return MatterVersion.objects.filter(matter=matter).order_by("number")


def current_version(matter):
    return versions_of(matter).order_by("-number").first()


def submit_imported_revision(page, user=None):
    """Put a page's latest revision (made by an import) into its workflow, unless it is already in one."""
    workflow = page.get_workflow()
    if workflow is None or page.workflow_in_progress:
        return None
    return workflow.start(page, user)


def can_bulk_publish(user) -> bool:
    """Publishing an import directly is for administrators: superusers and the 中心管理员 group."""
    from catalogue.roles import CENTRE_ADMINS

    return bool(user and user.is_active and (user.is_superuser or user.groups.filter(name=CENTRE_ADMINS).exists()))
