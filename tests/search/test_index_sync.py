"""The index follows publishing: publish, draft, unpublish, withdraw, delete, bulk import."""

from django.core.management import call_command

from catalogue.choices import MatterStatus
from catalogue.models import MatterAlias, MatterPage
from search.engines.embedded import EmbeddedEngine
from search.models import SearchDocument
from tests.factories import MatterPageFactory

from .conftest import write_lines


def names(query):
    return [hit.name for hit in EmbeddedEngine().search(query).hits]


def test_publishing_indexes_the_published_version_only(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        matter = MatterPageFactory(title="城乡居民养老保险参保登记", materials=["居民身份证", "户口簿"])
    assert names("养老保险") == ["城乡居民养老保险参保登记"]
    assert names("户口簿") == ["城乡居民养老保险参保登记"]  # a material name is searchable

    # a draft: saved as a revision, not published — the index keeps the published text
    draft = MatterPage.objects.get(pk=matter.pk)
    draft.title = "城乡居民养老保险参保登记（草稿改名）"
    draft.alias_names = [MatterAlias(name="新农保")]
    with django_capture_on_commit_callbacks(execute=True):
        revision = draft.save_revision()
    assert names("新农保") == []
    assert SearchDocument.objects.get(code=matter.code).name == "城乡居民养老保险参保登记"

    with django_capture_on_commit_callbacks(execute=True):
        revision.publish()
    assert names("新农保") == ["城乡居民养老保险参保登记（草稿改名）"]


def test_index_waits_for_commit(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        MatterPageFactory(title="出生医学证明补发")
    assert names("出生医学证明") == []  # not yet committed
    for callback in callbacks:
        callback()
    assert names("出生医学证明") == ["出生医学证明补发"]


def test_unpublish_withdraw_and_delete_remove_the_matter(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = MatterPageFactory(title="渔业船员证书核发")
        second = MatterPageFactory(title="渔业捕捞许可证核发")
        third = MatterPageFactory(title="渔船检验证书核发")
    assert set(names("渔业")) == {"渔业船员证书核发", "渔业捕捞许可证核发"}

    with django_capture_on_commit_callbacks(execute=True):
        MatterPage.objects.get(pk=first.pk).unpublish()
    assert names("渔业") == ["渔业捕捞许可证核发"]

    # withdrawn (取消): published with status 取消, it leaves the public search
    withdrawn = MatterPage.objects.get(pk=second.pk)
    withdrawn.status = MatterStatus.CANCELLED
    with django_capture_on_commit_callbacks(execute=True):
        withdrawn.save_revision().publish()
    assert names("渔业") == []

    with django_capture_on_commit_callbacks(execute=True):
        MatterPage.objects.get(pk=third.pk).delete()
    assert names("渔船") == []
    assert SearchDocument.objects.count() == 0


def test_bulk_import_indexes_once_at_commit(db, tmp_path, django_capture_on_commit_callbacks):
    path = write_lines(tmp_path / "gd.jsonl", [1306, 1307, 1439])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        call_command("import_gdzwfw", path, stdout=open("/dev/null", "w"))
    assert SearchDocument.objects.count() == 0
    assert len(callbacks) == 1  # one batch for the whole import, not one per page
    callbacks[0]()
    assert SearchDocument.objects.count() == 3
    assert names("导游证") == ["导游证查询"]


def test_rebuild_and_check_commands(db, django_capture_on_commit_callbacks, capsys):
    with django_capture_on_commit_callbacks(execute=True):
        MatterPageFactory(title="导游证核发")
    SearchDocument.objects.all().delete()  # the index lost its rows
    try:
        call_command("search_check")
    except Exception as error:  # CommandError
        assert "缺少 1 个" in str(error)
    else:
        raise AssertionError("search_check did not notice the missing document")
    call_command("search_rebuild_if_empty")
    call_command("search_check")
    out = capsys.readouterr().out
    assert "已重建 embedded 索引：1 个文档" in out and "索引与数据库一致" in out
    call_command("search_rebuild")
    assert names("导游证") == ["导游证核发"]
