"""Status follows the dates, through the scheduled command publishing already uses."""

import datetime
import io

from django.core.management import call_command

from standards.choices import StandardStatus
from standards.lifecycle import update_statuses
from standards.models import Standard
from tests.standards.factories import make_standard

EFFECTIVE = datetime.date(2027, 3, 1)


def make_pair():
    old = make_standard("GB/T 24421.2-2009", "服务业组织标准化工作指南 第2部分：标准体系", category="100")
    new = make_standard("GB/T 24421.2-2027", "服务业组织标准化工作指南 第2部分：标准体系", category="100",
                        status=StandardStatus.UPCOMING, effective_on=EFFECTIVE, replaces=[old])
    return old, new


def test_nothing_changes_before_the_effective_date(db):
    old, new = make_pair()
    assert update_statuses(EFFECTIVE - datetime.timedelta(days=1)) == []
    new.refresh_from_db()
    assert new.status == StandardStatus.UPCOMING


def test_upcoming_becomes_current_and_the_replaced_edition_is_abolished_on_the_day(db):
    old, new = make_pair()
    changes = update_statuses(EFFECTIVE)
    assert [str(c) for c in changes] == ["GB/T 24421.2-2027：即将实施 → 现行", "GB/T 24421.2-2009：现行 → 废止"]
    old.refresh_from_db()
    new.refresh_from_db()
    assert new.status == StandardStatus.CURRENT and old.status == StandardStatus.ABOLISHED
    assert old.abolished_on == EFFECTIVE
    # each change is a published revision, so history and compare show it
    assert new.revisions.count() == 2 and new.live_revision.content["status"] == StandardStatus.CURRENT
    assert old.live_revision.content["status"] == StandardStatus.ABOLISHED
    # running again changes nothing
    assert update_statuses(EFFECTIVE + datetime.timedelta(days=5)) == []


def test_an_editors_draft_keeps_its_edits_and_gets_the_new_status(db):
    old, new = make_pair()
    draft = Standard.objects.get(pk=new.pk)
    draft.title_en = "Guidelines for standardization of service organizations - Part 2"
    draft.save_revision()
    update_statuses(EFFECTIVE)
    new.refresh_from_db()
    assert new.status == StandardStatus.CURRENT and new.has_unpublished_changes
    latest = new.get_latest_revision_as_object()
    assert latest.title_en.startswith("Guidelines") and latest.status == StandardStatus.CURRENT


def test_publish_scheduled_runs_the_status_update(db):
    old, new = make_pair()
    Standard.objects.filter(pk=new.pk).update(effective_on=datetime.date(2020, 1, 1))
    out = io.StringIO()
    call_command("publish_scheduled", stdout=out)
    assert "GB/T 24421.2-2027：即将实施 → 现行" in out.getvalue()
    assert Standard.objects.get(pk=old.pk).status == StandardStatus.ABOLISHED


def test_update_standard_status_command_with_date_and_dryrun(db):
    make_pair()
    out = io.StringIO()
    call_command("update_standard_status", "--date", "2027-03-01", "--dryrun", stdout=out)
    assert "将变更 2 项" in out.getvalue()
    assert Standard.objects.get(number="GB/T 24421.2-2027").status == StandardStatus.UPCOMING
    call_command("update_standard_status", "--date", "2027-03-01", stdout=out)
    assert Standard.objects.get(number="GB/T 24421.2-2027").status == StandardStatus.CURRENT


def test_abolition_date_alone_abolishes(db):
    standard = make_standard("DB44/T 2181-2019", abolished_on=datetime.date(2027, 1, 1))
    update_statuses(datetime.date(2027, 1, 1))
    standard.refresh_from_db()
    assert standard.status == StandardStatus.ABOLISHED


def test_an_edition_published_directly_as_current_abolishes_its_predecessor(db):
    old = make_standard("DB44/T 2181-2019", "政务服务窗口服务规范")
    make_standard("DB44/T 2181-2026", "政务服务窗口服务规范", effective_on=datetime.date(2026, 6, 1), replaces=[old])
    assert [str(c) for c in update_statuses(datetime.date(2026, 7, 1))] == ["DB44/T 2181-2019：现行 → 废止"]
    old.refresh_from_db()
    assert old.status == StandardStatus.ABOLISHED and old.abolished_on == datetime.date(2026, 6, 1)


def test_the_site_runs_the_status_update_itself_when_a_standard_is_due(db):
    """Without cron: the after-request runner (catalogue.scheduling) sees a due standard even when no page is due."""
    from catalogue.scheduling import publish_due, something_is_due
    from standards.lifecycle import anything_due

    old, new = make_pair()
    assert not anything_due(EFFECTIVE - datetime.timedelta(days=1))
    assert anything_due(EFFECTIVE)
    Standard.objects.filter(pk=new.pk).update(effective_on=datetime.date(2020, 1, 1))
    assert something_is_due()
    assert publish_due()
    assert Standard.objects.get(pk=new.pk).status == StandardStatus.CURRENT
    assert Standard.objects.get(pk=old.pk).status == StandardStatus.ABOLISHED
    assert not anything_due() and not something_is_due()


def test_an_edition_published_as_current_is_due_until_its_predecessor_is_abolished(db):
    from standards.lifecycle import anything_due

    old = make_standard("GB/T 32168-2015", "政务服务中心网上服务规范", category="100")
    make_standard("GB/T 32168-2027", "政务服务中心网上服务规范", category="100", replaces=[old])
    assert anything_due()
    update_statuses()
    assert not anything_due()
