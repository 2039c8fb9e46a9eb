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
