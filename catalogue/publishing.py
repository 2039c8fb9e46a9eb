"""Creating a matter that is published from its first revision.

Publishing stays the one event the rest of the system listens to: this sends Wagtail's `page_published`
signal and writes the same `wagtail.create` and `wagtail.publish` log entries as the admin does. It only
avoids the work a brand-new page does not need:

- Wagtail's publish action saves the page a second time with all its child rows, and a live page's first save
  runs full model validation (the importers validate every row before writing anything);
- modelcluster commits child rows one by one, each after reading back the rows the page already has (a new
  page has none), and then forgets them, so that serializing the revision and indexing references read every
  relation back from the database. Here the rows of a new page are inserted with one `bulk_create` per
  relation and kept in memory, so the revision serializes exactly the rows (with their ids) that were written.

That is what makes a 2,300-matter import take well under a minute instead of four.
"""

from django.utils import timezone
from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from wagtail.log_actions import log
from wagtail.models import Page, ReferenceIndex
from wagtail.signal_handlers import reference_index_auto_update_disabled
from wagtail.signals import page_published


def _take_unsaved_relations(page) -> tuple[dict, dict]:
    """Remove the child rows and parental many-to-many values held in memory from `page`, so that saving it
    commits nothing; return them as {accessor: (relation, rows)} and {field name: (field, objects)}."""
    held = getattr(page, "_cluster_related_objects", None) or {}
    rows = {}
    for relation in get_all_child_relations(page):
        name = relation.get_accessor_name()
        if name in held:
            rows[name] = (relation, held.pop(name))
    m2m = {}
    for field in get_all_child_m2m_relations(page):
        if field.name in held:
            m2m[field.name] = (field, held.pop(field.name))
    return rows, m2m


def _bulk_insert_relations(page, rows: dict, m2m: dict) -> None:
    """Insert the rows of a page that has just been created, then hand them back to the page in memory.

    Every other child relation of a new page (Wagtail's comments …) is empty: the page says so in memory
    rather than being asked again by each of the revision, the reference index and the search index."""
    for relation in get_all_child_relations(page):
        rows.setdefault(relation.get_accessor_name(), (relation, []))
    for field in get_all_child_m2m_relations(page):
        m2m.setdefault(field.name, (field, []))
    for name, (relation, objects) in rows.items():
        for obj in objects:
            setattr(obj, relation.field.name, page)
        if objects:
            # SQLite ≥ 3.35 and PostgreSQL return the new ids, so the revision records them as a normal save would.
            relation.related_model._base_manager.bulk_create(objects)
        setattr(page, name, objects)
    for name, (field, objects) in m2m.items():
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        if objects:
            through._base_manager.bulk_create([through(**{f"{source}_id": page.pk, f"{target}_id": obj.pk}) for obj in objects])
        setattr(page, name, objects)


def create_published_child(parent: Page, page: Page, *, user=None, log_message: str = "") -> Page:
    page.live = False  # saved as a draft first: Wagtail then validates only title and slug
    if user is not None and page.owner_id is None:
        page.owner = user
    if page.locale_id is None:
        page.locale_id = parent.locale_id  # what Page.get_default_locale() would look up for a new child
    page._is_site_root = False  # a new child page is no site's root: spares Page.save() asking at each save
    rows, m2m = _take_unsaved_relations(page)
    parent.add_child(instance=page)  # Page.save writes the `wagtail.create` log entry
    _bulk_insert_relations(page, rows, m2m)
    revision = page.save_revision(user=user, log_action=False, clean=False)
    now = timezone.now()
    published = {
        "live": True,
        "live_revision": revision,
        "has_unpublished_changes": False,
        "first_published_at": now,
        "last_published_at": now,
    }
    Page.objects.filter(pk=page.pk).update(**published)
    for name, value in published.items():
        setattr(page, name, value)
    if not getattr(reference_index_auto_update_disabled, "value", False):
        # The save above indexed the page's references before its rows existed.
        ReferenceIndex.create_or_update_for_object(page)
    log(
        instance=page,
        action="wagtail.publish",
        user=user,
        revision=revision,
        content_changed=True,
        data={"comment": log_message} if log_message else None,
    )
    page_published.send(sender=page.specific_class, instance=page, revision=revision)
    return page
