from django.contrib.contenttypes.models import ContentType
from django_tasks import task
from wagtail.models import Revision


@task(backend="printing")
def build_print_files(content_type_id: int, object_id: int, revision_id: int) -> int:
    """Build every published-on-publish document of one object at one published revision."""
    from .cache import build_all

    model = ContentType.objects.get_for_id(content_type_id).model_class()
    obj = model._default_manager.filter(pk=object_id).first()
    revision = Revision.objects.filter(pk=revision_id).first()
    if obj is None or revision is None:
        return 0
    return len(build_all(obj, revision))


@task(backend="printing")
def build_frozen_files(content_type_id: int, object_id: int) -> int:
    """Build the documents of an immutable object (a list release): its only version is itself."""
    from .cache import Frozen, build_all

    model = ContentType.objects.get_for_id(content_type_id).model_class()
    obj = model._default_manager.filter(pk=object_id).first()
    if obj is None:
        return 0
    return len(build_all(obj, Frozen(obj)))
