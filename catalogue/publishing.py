"""Creating a matter that is published from its first revision.

Publishing stays the one event the rest of the system listens to: this sends Wagtail's `page_published`
signal and writes the same `wagtail.publish` log entry as the publish action. It only avoids saving a
brand-new page twice (once to create it, once more to publish its first revision), which is what makes a
2,000-matter import take one minute instead of four.
"""

from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page
from wagtail.signals import page_published


def create_published_child(parent: Page, page: Page, *, user=None, log_message: str = "") -> Page:
    now = timezone.now()
    page.live = True
    page.has_unpublished_changes = False
    page.first_published_at = now
    page.last_published_at = now
    parent.add_child(instance=page)
    revision = page.save_revision(user=user, log_action=False, clean=False)
    Page.objects.filter(pk=page.pk).update(live_revision=revision, has_unpublished_changes=False)
    page.live_revision = revision
    page.has_unpublished_changes = False
    log(instance=page, action="wagtail.create", user=user, revision=revision, content_changed=True)
    log(instance=page, action="wagtail.publish", user=user, revision=revision, content_changed=True,
        data={"comment": log_message} if log_message else None)
    page_published.send(sender=page.specific_class, instance=page, revision=revision)
    return page
