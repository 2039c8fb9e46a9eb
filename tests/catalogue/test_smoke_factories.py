from catalogue.models import MatterPage
from tests.factories import MatterPageFactory


def test_factory_builds_a_published_matter_with_rows(db):
    matter = MatterPageFactory(title="居民身份证换领", conditions=["具有本省户籍"], materials=["居民身份证", "户口簿"])
    stored = MatterPage.objects.live().get(pk=matter.pk)
    assert stored.title == "居民身份证换领"
    assert [m.name for m in stored.materials.all()] == ["居民身份证", "户口簿"]
    assert stored.live_revision is not None
    assert stored.get_parent().specific.org_code == matter.get_parent().specific.org_code
