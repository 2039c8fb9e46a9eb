"""Publishing is the event: the print cache is filled after the publish commits, never from drafts."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, published

from .registry import builds_are_deferred, printables_for


@receiver(page_published)
@receiver(published)
def build_on_publish(sender, instance, revision, **kwargs):
    """Pages (`page_published`) and snippets with DraftStateMixin (`published`, e.g. standards) alike."""
    if kwargs.get("signal") is published and isinstance(instance, Page):
        return  # a page's publish is handled through page_published
    if not getattr(settings, "PRINT_BUILD_ON_PUBLISH", True) or not printables_for(type(instance)):
        return
    if builds_are_deferred():
        return  # bulk imports: the files are built lazily on the first request
    content_type_id = ContentType.objects.get_for_model(type(instance)).pk

    def enqueue():
        from .tasks import build_print_files

        build_print_files.enqueue(content_type_id, instance.pk, revision.pk)

    transaction.on_commit(enqueue)


def build_frozen_after_commit(instance) -> None:
    """An immutable object was published (created): build its documents in the background after the commit."""
    if not getattr(settings, "PRINT_BUILD_ON_PUBLISH", True) or not printables_for(type(instance)) or builds_are_deferred():
        return
    content_type_id = ContentType.objects.get_for_model(type(instance)).pk

    def enqueue():
        from .tasks import build_frozen_files

        build_frozen_files.enqueue(content_type_id, instance.pk)

    transaction.on_commit(enqueue)
