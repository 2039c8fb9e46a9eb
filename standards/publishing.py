"""Publishing a standard through Wagtail's own revision machinery, so history, compare and the snippet
`published` signal (search index, print cache) see every change, including the ones no editor clicked."""

from django.db import transaction

from standards.models import Standard


@transaction.atomic
def publish(standard: Standard, *, user=None, log_message: str = "") -> Standard:
    """Save `standard` (new or changed), make a revision of it and publish that revision."""
    if standard.pk is None:
        return create_published(standard, user=user)
    standard.save()
    revision = standard.save_revision(user=user, clean=False, log_action=False)
    revision.publish(user=user, log_action=True, skip_permission_checks=True)
    standard.refresh_from_db()
    return standard


@transaction.atomic
def republish_with(standard: Standard, *, user=None, **changes) -> Standard:
    """Publish the live standard with `changes`; an editor's unpublished draft keeps its edits and gets the
    same changes, so publishing it later does not undo them."""
    draft_revision = standard.latest_revision if standard.has_unpublished_changes else None
    live = Standard.objects.get(pk=standard.pk)
    for name, value in changes.items():
        setattr(live, name, value)
    publish(live, user=user)
    if draft_revision is not None:
        draft = draft_revision.as_object()
        for name, value in changes.items():
            setattr(draft, name, value)
        draft.save_revision(user=draft_revision.user, clean=False, log_action=False)
    return live


def create_published(standard: Standard, *, user=None, log_message: str = "") -> Standard:
    """A new standard published from its first revision, without Wagtail's second save of the whole object:
    the same `wagtail.create` / `wagtail.publish` log entries and `published` signal as the admin, at a fraction
    of the cost (the 办理规程 generator creates a couple of thousand)."""
    from django.utils import timezone
    from wagtail.log_actions import log
    from wagtail.signals import published

    standard.live = True
    standard.save()
    revision = standard.save_revision(user=user, clean=False, log_action=False)
    now = timezone.now()
    state = {"live_revision": revision, "has_unpublished_changes": False, "first_published_at": now, "last_published_at": now}
    Standard.objects.filter(pk=standard.pk).update(**state)
    for name, value in state.items():
        setattr(standard, name, value)
    log(instance=standard, action="wagtail.create", user=user, revision=revision, content_changed=True)
    log(instance=standard, action="wagtail.publish", user=user, revision=revision, content_changed=True,
        data={"comment": log_message} if log_message else None)
    published.send(sender=Standard, instance=standard, revision=revision)
    return standard


def bulk_create_published(standards: list[Standard], *, user=None, log_message: str = "") -> list[Standard]:
    """Create and publish many new standards in a few queries: what `create_published` does for one, in bulk —
    one revision each, `wagtail.create` and `wagtail.publish` log entries, the `published` signal, the admin
    search index. Child rows and many-to-many links are taken from what was assigned in memory."""
    import uuid

    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone
    from wagtail.models import ModelLogEntry, Revision
    from wagtail.search.backends import get_search_backend
    from wagtail.signals import published

    from standards.models import StandardReference

    if not standards:
        return standards
    now = timezone.now()
    relations = []
    for standard in standards:
        standard.apply_number()
        standard.live, standard.has_unpublished_changes = True, False
        standard.first_published_at = standard.last_published_at = now
        relations.append({
            "references": list(standard.references.all()),
            "matters": list(standard.matters.all()),
            "windows": list(standard.windows.all()),
            "posts": list(standard.posts.all()),
            "levels": list(standard.levels.all()),
            "replaces": list(standard.replaces.all()),
        })
    Standard.objects.bulk_create(standards)
    references = []
    through_rows: dict[str, list] = {"matters": [], "windows": [], "posts": [], "levels": [], "replaces": []}
    for standard, related in zip(standards, relations, strict=True):
        for order, reference in enumerate(related["references"]):
            reference.standard = standard
            reference.sort_order = order
            references.append(reference)
        for name in through_rows:
            field = Standard._meta.get_field(name)
            through = field.remote_field.through
            source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            for other in related[name]:
                through_rows[name].append(through(**{f"{source}_id": standard.pk, f"{target}_id": other.pk}))
    StandardReference.objects.bulk_create(references)
    for name, rows in through_rows.items():
        if rows:
            Standard._meta.get_field(name).remote_field.through.objects.bulk_create(rows)

    content_type = ContentType.objects.get_for_model(Standard)
    revisions = [
        Revision(content_type=content_type, base_content_type=content_type, object_id=str(s.pk), user=user, created_at=now,
                 content=s.serializable_data(), object_str=str(s))
        for s in standards
    ]
    Revision.objects.bulk_create(revisions)
    for standard, revision in zip(standards, revisions, strict=True):
        standard.latest_revision = standard.live_revision = revision
    Standard.objects.bulk_update(standards, ["latest_revision", "live_revision"])
    entries = []
    for standard, revision in zip(standards, revisions, strict=True):
        label = str(standard)
        for action, data in (("wagtail.create", {}), ("wagtail.publish", {"comment": log_message} if log_message else {})):
            entries.append(ModelLogEntry(content_type=content_type, label=label, action=action, data=data, timestamp=now,
                                         uuid=uuid.uuid4(), user=user, revision=revision, content_changed=True, object_id=str(standard.pk)))
    ModelLogEntry.objects.bulk_create(entries)
    get_search_backend().add_bulk(Standard, standards)
    for standard, revision in zip(standards, revisions, strict=True):
        published.send(sender=Standard, instance=standard, revision=revision)
    return standards
