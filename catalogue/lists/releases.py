"""Publishing a list as a numbered, frozen release, and comparing two releases (新增 / 取消 / 下放 / 调整)."""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from catalogue.choices import ExerciseLevel
from catalogue.lists.rules import COLUMNS
from catalogue.models.lists import ListRelease, MatterList

# Fields whose change makes a 调整 (identity fields code and catalogue code are how rows are matched).
DIFF_FIELDS = [
    "name", "department", "level", "type", "handling_type", "legal_limit", "promised_limit", "charges", "fees",
    "materials_count", "steps_count", "visits", "online_depth", "note",
]
LEVEL_RANK = {level.value: rank for rank, level in enumerate(ExerciseLevel)}

ADDED, REMOVED, DELEGATED, ADJUSTED = "新增", "取消", "下放", "调整"


@transaction.atomic
def publish_release(matter_list: MatterList, *, label: str, note: str = "", released_on=None, user=None) -> ListRelease:
    """Freeze the list's current rows as the next release."""
    locked = MatterList.objects.select_for_update().get(pk=matter_list.pk)
    number = (locked.releases.aggregate(n=Max("number"))["n"] or 0) + 1
    return ListRelease.objects.create(
        matter_list=locked,
        number=number,
        label=label or f"第{number}版",
        released_on=released_on or timezone.localdate(),
        note=note,
        rows=locked.current_rows(),
        created_by=user if user and user.is_authenticated else None,
    )


@dataclass
class Change:
    change: str
    code: str
    name: str
    department: str
    fields: list[dict] = field(default_factory=list)
    from_code: str = ""

    def as_dict(self) -> dict:
        return {
            "change": self.change, "code": self.code, "name": self.name, "department": self.department,
            "from_code": self.from_code, "fields": self.fields,
        }


def _changed_fields(old: dict, new: dict) -> list[dict]:
    return [
        {"field": key, "label": COLUMNS[key], "old": old.get(key), "new": new.get(key)}
        for key in DIFF_FIELDS
        if old.get(key) != new.get(key)
    ]


def _lower(old: dict, new: dict) -> bool:
    return LEVEL_RANK.get(new.get("level_code"), -1) > LEVEL_RANK.get(old.get("level_code"), -1)


def diff_rows(old_rows: list[dict], new_rows: list[dict]) -> list[Change]:
    """Per matter: 新增, 取消, 下放 (the same matter now exercised at a lower level, under its code or by a
    lower-level body under the same 基本编码), 调整 (with the fields that changed)."""
    old = {r["code"]: r for r in old_rows}
    new = {r["code"]: r for r in new_rows}
    changes: list[Change] = []
    added = [new[c] for c in new if c not in old]
    removed = [old[c] for c in old if c not in new]

    for code in new.keys() & old.keys():
        fields = _changed_fields(old[code], new[code])
        if fields:
            kind = DELEGATED if _lower(old[code], new[code]) else ADJUSTED
            changes.append(Change(kind, code, new[code]["name"], new[code]["department"], fields))

    for gone in list(removed):
        match = next(
            (a for a in added if gone.get("catalogue_code") and a.get("catalogue_code") == gone["catalogue_code"] and _lower(gone, a)),
            None,
        )
        if match is not None:
            changes.append(Change(DELEGATED, match["code"], match["name"], match["department"], _changed_fields(gone, match), gone["code"]))
            added.remove(match)
            removed.remove(gone)

    changes += [Change(ADDED, r["code"], r["name"], r["department"]) for r in added]
    changes += [Change(REMOVED, r["code"], r["name"], r["department"]) for r in removed]
    order = {ADDED: 0, REMOVED: 1, DELEGATED: 2, ADJUSTED: 3}
    return sorted(changes, key=lambda c: (order[c.change], c.code))


def summarise(changes: list[Change]) -> dict[str, int]:
    counts = {ADDED: 0, REMOVED: 0, DELEGATED: 0, ADJUSTED: 0}
    for change in changes:
        counts[change.change] += 1
    return counts


def diff_releases(older: ListRelease, newer: ListRelease) -> list[Change]:
    return diff_rows(older.rows, newer.rows)
