"""Status follows the dates: a 即将实施 standard becomes 现行 on its effective date, and the editions it
replaces become 废止 that day; a standard whose 废止日期 has come becomes 废止. Run daily by
`update_standard_status` and by `publish_scheduled` (see standards/management/commands/publish_scheduled.py)."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from standards.choices import StandardStatus
from standards.models import Standard
from standards.publishing import republish_with


@dataclass
class StatusChange:
    number: str
    old: str
    new: str

    def __str__(self):
        return f"{self.number}：{StandardStatus(self.old).label} → {StandardStatus(self.new).label}"


def _change(standard: Standard, status: str, **extra) -> StatusChange:
    change = StatusChange(standard.number, standard.status, status)
    republish_with(standard, status=status, **extra)
    return change


@transaction.atomic
def anything_due(today: datetime.date | None = None) -> bool:
    """Whether update_statuses has work to do today (cheap: three EXISTS queries, run after requests)."""
    today = today or timezone.localdate()
    live = Standard.objects.filter(live=True)
    return (
        live.filter(status=StandardStatus.UPCOMING, effective_on__lte=today).exists()
        # an edition in force whose predecessor is not abolished yet (one join: the same replacing edition)
        or live.exclude(status=StandardStatus.ABOLISHED).filter(
            Q(replaced_by__effective_on__isnull=True) | Q(replaced_by__effective_on__lte=today),
            replaced_by__live=True, replaced_by__status=StandardStatus.CURRENT,
        ).exists()
        or live.filter(abolished_on__lte=today).exclude(status=StandardStatus.ABOLISHED).exists()
    )


def update_statuses(today: datetime.date | None = None, *, dry_run: bool = False) -> list[StatusChange]:
    today = today or timezone.localdate()
    changes: list[StatusChange] = []
    coming = Standard.objects.filter(live=True, status=StandardStatus.UPCOMING, effective_on__lte=today).order_by("effective_on", "sort_key")
    for standard in coming:
        if dry_run:
            changes.append(StatusChange(standard.number, standard.status, StandardStatus.CURRENT))
        else:
            changes.append(_change(standard, StandardStatus.CURRENT))
        for old in standard.replaces.filter(live=True).exclude(status=StandardStatus.ABOLISHED):
            if dry_run:
                changes.append(StatusChange(old.number, old.status, StandardStatus.ABOLISHED))
            else:
                changes.append(_change(old, StandardStatus.ABOLISHED, abolished_on=old.abolished_on or standard.effective_on))
    # A new edition published directly as 现行 (no 即将实施 stage): its predecessors are abolished once it is in force.
    in_force = Standard.objects.filter(live=True, status=StandardStatus.CURRENT, replaces__isnull=False).distinct().order_by("sort_key")
    for standard in in_force:
        if standard.effective_on and standard.effective_on > today:
            continue
        for old in standard.replaces.filter(live=True).exclude(status=StandardStatus.ABOLISHED):
            if dry_run:
                changes.append(StatusChange(old.number, old.status, StandardStatus.ABOLISHED))
            else:
                changes.append(_change(old, StandardStatus.ABOLISHED, abolished_on=old.abolished_on or standard.effective_on or today))
    expired = Standard.objects.filter(live=True, abolished_on__lte=today).exclude(status=StandardStatus.ABOLISHED)
    for standard in expired:
        if dry_run:
            changes.append(StatusChange(standard.number, standard.status, StandardStatus.ABOLISHED))
        else:
            changes.append(_change(standard, StandardStatus.ABOLISHED))
    return changes
