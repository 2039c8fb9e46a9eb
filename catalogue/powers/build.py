"""Building the 权责清单 from the matters: one power entry per 依申请 matter of the ten power types, with the
责任事项 of each stage, and the report of where the two disagree."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.signals import published

from catalogue.choices import MatterType
from catalogue.models import DepartmentPage, MatterPage, PowerBasis, PowerEntry, ResponsibilityItem
from catalogue.models.powers import PowerType, ResponsibilityStage, stages_for

POWER_TYPES = {t.value for t in PowerType}
LICENSING_LAW = "《中华人民共和国行政许可法》"
ACCOUNTABILITY_BASIS = "《中华人民共和国公职人员政务处分法》；《行政机关公务员处分条例》"

# Duty, basis (for 行政许可), accountability cases of each stage.
STAGE_TEXTS: dict[str, tuple[str, str, str]] = {
    ResponsibilityStage.ACCEPT: (
        "公示依法应当提交的材料；一次性告知补正材料；依法受理或不予受理，不予受理的书面说明理由。",
        "第三十条、第三十二条",
        "对符合法定条件的申请不予受理的；未一次告知申请人必须补正的全部内容的。",
    ),
    ResponsibilityStage.REVIEW: (
        "对申请材料进行审查，需要核查的组织核查，提出审查意见。",
        "第三十四条、第三十六条",
        "擅自增设条件或要求申请人提交与申请事项无关材料的；在审查中索取、收受他人财物的。",
    ),
    ResponsibilityStage.DECIDE: (
        "在承诺时限内作出准予或不予的书面决定；不予准予的说明理由，并告知申请复议或提起诉讼的权利。",
        "第三十七条、第三十八条、第四十二条",
        "对不符合法定条件的申请人准予、对符合法定条件的申请人不予准予或超越法定职权作出决定的；超过时限不作决定的。",
    ),
    ResponsibilityStage.DELIVER: ("制发结果文书或证件，依法送达并公开。", "第三十九条、第四十条、第四十四条", "未依法送达或公开的。"),
    ResponsibilityStage.SUPERVISE: (
        "建立监督检查制度，对被许可人从事有关活动进行监督检查，依法处理违法行为。",
        "第六十一条、第六十九条",
        "不依法履行监督职责或监督不力，造成严重后果的。",
    ),
    ResponsibilityStage.FILE: ("对发现的违法线索审查，决定是否立案。", "", "应当立案而不立案的。"),
    ResponsibilityStage.INVESTIGATE: ("两名以上执法人员调查取证，出示执法证件，制作笔录。", "", "违法取证或不依法回避的。"),
    ResponsibilityStage.HEAR: ("审理案件事实、证据、依据和处罚意见。", "", "事实不清、证据不足作出决定的。"),
    ResponsibilityStage.NOTIFY: ("告知拟处罚的事实、理由、依据和当事人的陈述、申辩、听证权利。", "", "未依法告知当事人权利的。"),
    ResponsibilityStage.ENFORCE: ("督促当事人履行决定，依法申请强制执行。", "", "不依法执行或滥用强制执行权的。"),
}
RISKS = "受理、审查环节擅自增设条件、超时限办理；决定环节违规准予或不予准予；在办理中索取、收受财物或谋取不正当利益。"


@dataclass
class BuildSummary:
    created: int = 0
    existing: int = 0
    skipped: list[str] = field(default_factory=list)

    def __str__(self):
        return f"新建职权 {self.created} 项，已有 {self.existing} 项"


def power_matters():
    """依申请 matters of the ten power types (公共服务 and 行政备案 are not powers)."""
    return MatterPage.objects.live().public_listing().filter(matter_type__in=POWER_TYPES)


def responsibilities_for(matter: MatterPage) -> list[ResponsibilityItem]:
    own_basis = "；".join(f"{b.law_name}{b.article}" for b in matter.legal_bases.all())
    items = []
    for i, stage in enumerate(stages_for(matter.matter_type)):
        duty, licensing_articles, cases = STAGE_TEXTS[stage]
        if matter.matter_type == MatterType.LICENSING and licensing_articles:
            basis = f"{LICENSING_LAW}{licensing_articles}"
        else:
            basis = own_basis or "本事项设定依据"
        items.append(
            ResponsibilityItem(
                sort_order=i, stage=stage, duty=duty, basis=basis, accountability_cases=cases, accountability_basis=ACCOUNTABILITY_BASIS
            )
        )
    return items


def entry_for(matter: MatterPage, department: DepartmentPage) -> PowerEntry:
    stages = " → ".join(ResponsibilityStage(s).label for s in stages_for(matter.matter_type))
    limit = f"（承诺办结时限{matter.promised_limit}）" if matter.promised_limit.is_set else ""
    entry = PowerEntry(
        code=matter.code,
        name=matter.title,
        power_type=matter.matter_type,
        department=department,
        handling_body=department.title,
        exercise_level=matter.exercise_level,
        power_source=matter.power_source,
        flow_description=f"{stages}{limit}",
        integrity_risks=RISKS,
        matter=matter,
        live=True,
    )
    entry.bases = [PowerBasis(sort_order=i, law_name=b.law_name, article=b.article, text=b.text) for i, b in enumerate(matter.legal_bases.all())]
    entry.responsibilities = responsibilities_for(matter)
    return entry


def publish_new(entry: PowerEntry, user=None):
    """Save a new entry published from its first revision (the same signal and log as the admin's publish)."""
    entry.save()
    revision = entry.save_revision(user=user, log_action=False, clean=False)
    now = timezone.now()
    values = {"live": True, "live_revision": revision, "has_unpublished_changes": False, "first_published_at": now, "last_published_at": now}
    PowerEntry.objects.filter(pk=entry.pk).update(**values)
    for name, value in values.items():
        setattr(entry, name, value)
    log(instance=entry, action="wagtail.create", user=user, revision=revision, content_changed=True)
    log(instance=entry, action="wagtail.publish", user=user, revision=revision, content_changed=True)
    published.send(sender=PowerEntry, instance=entry, revision=revision)


def build_powers(user=None) -> BuildSummary:
    summary = BuildSummary()
    departments = {d.path: d for d in DepartmentPage.objects.all()}
    linked = set(PowerEntry.objects.exclude(matter=None).values_list("matter_id", flat=True))
    codes = set(PowerEntry.objects.values_list("code", flat=True))
    with transaction.atomic():
        for matter in power_matters().prefetch_related("legal_bases").order_by("code"):
            if matter.pk in linked or matter.code in codes:
                summary.existing += 1
                continue
            department = departments.get(matter.path[: -MatterPage.steplen])
            if department is None:
                summary.skipped.append(matter.code)
                continue
            publish_new(entry_for(matter, department), user=user)
            summary.created += 1
    return summary


@dataclass
class ConsistencyReport:
    matters_without_entry: list[MatterPage]
    entries_without_matter: list[PowerEntry]
    mismatched: list[tuple[PowerEntry, list[str]]]

    @property
    def is_consistent(self) -> bool:
        return not (self.matters_without_entry or self.entries_without_matter or self.mismatched)


def consistency_report() -> ConsistencyReport:
    """Where the 权责清单 and the 依申请 matters disagree (one entry per matter)."""
    entries = list(PowerEntry.objects.filter(live=True).select_related("matter", "department"))
    linked = {e.matter_id for e in entries if e.matter_id}
    departments = {d.path: d.pk for d in DepartmentPage.objects.all()}
    mismatched = []
    for entry in entries:
        matter = entry.matter
        if matter is None:
            continue
        problems = []
        if entry.power_type != matter.matter_type:
            problems.append(f"职权类型为{entry.get_power_type_display()}，事项类型为{matter.get_matter_type_display()}")
        if departments.get(matter.path[: -MatterPage.steplen]) != entry.department_id:
            problems.append("实施主体与事项的实施主体不一致")
        if entry.name != matter.title:
            problems.append(f"职权名称“{entry.name}”与事项名称“{matter.title}”不一致")
        if not matter.live or matter.status != "active":
            problems.append("对应事项已下线或不在用")
        if problems:
            mismatched.append((entry, problems))
    return ConsistencyReport(
        matters_without_entry=list(power_matters().exclude(pk__in=linked).order_by("code")),
        entries_without_matter=[e for e in entries if e.matter_id is None],
        mismatched=mismatched,
    )
