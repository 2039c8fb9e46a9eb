"""Writing MatterRecords into Wagtail: departments and catalogue items as needed, each matter as a page
revision. New matters are published (the initial load of a catalogue); a changed matter gets a new revision,
published only when the caller asks for it. A record whose source fingerprint has not changed is left alone,
so edits made in the admin survive a re-import of the same file."""

from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify
from pypinyin import lazy_pinyin
from wagtail.log_actions import log
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from catalogue.choices import Audience, CatalogueLevel, RegionLevel
from catalogue.importers.records import MatterRecord
from catalogue.models import (
    CatalogueItem,
    DepartmentPage,
    MatterAlias,
    MatterCondition,
    MatterFAQ,
    MatterFee,
    MatterLegalBasis,
    MatterLocation,
    MatterMaterial,
    MatterPage,
    MatterResult,
    MatterStep,
    Region,
    ServiceObject,
    SharedMaterial,
    Theme,
)
from catalogue.publishing import create_published_child
from cms.site_setup import ensure_site
from search.admin_backend import deferred_indexing

# Themes of the 法人 (organisations) navigation; all others are 个人.
ORGANISATION_THEMES = {
    "设立变更", "准营准办", "注销", "纳税", "抵押质押", "知识产权", "规划建设", "环保绿化", "行政缴费",
    "年检年审", "资质认证", "投资审批", "商务贸易", "融资信贷", "破产", "质量技术", "安全生产", "档案文物",
}
ORGANISATION_OBJECTS = {"企业法人", "事业法人", "社会组织法人", "非法人企业", "行政机关", "其他组织"}
SERVICE_OBJECT_ORDER = ["自然人", "企业法人", "事业法人", "社会组织法人", "非法人企业", "行政机关", "其他组织"]
# A material asked for by this many matters becomes a 材料库 entry they all reference.
SHARED_MATERIAL_MIN_USES = 3

CHILD_MODELS = {
    "conditions": MatterCondition,
    "materials": MatterMaterial,
    "locations": MatterLocation,
    "alias_names": MatterAlias,
    "steps": MatterStep,
    "fees": MatterFee,
    "legal_bases": MatterLegalBasis,
    "results": MatterResult,
    "faqs": MatterFAQ,
}


@dataclass
class ImportSummary:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    departments_created: int = 0

    def __str__(self):
        return (
            f"新增事项 {len(self.created)} 个，更新 {len(self.updated)} 个，未变 {self.unchanged} 个；"
            f"新增部门 {self.departments_created} 个"
        )


def pinyin_slug(text: str) -> str:
    return slugify("".join(lazy_pinyin(text)))[:70] or "x"


class MatterWriter:
    def __init__(self, *, source_name: str, publish_changes: bool = False, user=None):
        self.source_name = source_name
        self.publish_changes = publish_changes
        self.user = user
        self.summary = ImportSummary()

    # —— lookups, created on first use ——
    def _region(self, code, name, parent=None):
        if code not in self.regions:
            level = RegionLevel.PROVINCE if code[2:] == "0" * 10 else RegionLevel.CITY if code[4:] == "0" * 8 else RegionLevel.COUNTY
            self.regions[code] = Region.objects.create(code=code, name=name or code, level=level, parent=parent)
        return self.regions[code]

    def _department(self, record):
        dept = record.department
        if dept.org_code not in self.departments:
            parent = self._region(dept.parent_region_code, dept.parent_region_name) if dept.parent_region_code else None
            region = self._region(dept.region_code, dept.region_name, parent)
            page = DepartmentPage(title=dept.name, slug=slugify(dept.org_code) or pinyin_slug(dept.name), org_code=dept.org_code, region=region)
            create_published_child(self.index_page, page, user=self.user, log_message=f"导入自 {self.source_name}")
            self.departments[dept.org_code] = page
            self.touched_pages.append(page)
            self.summary.departments_created += 1
        return self.departments[dept.org_code]

    def _catalogue_item(self, record, matter_type):
        cat = record.catalogue
        if cat is None:
            return None
        parent = None
        if cat.parent_code:
            parent = self.catalogue.get(cat.parent_code)
            if parent is None:
                parent = CatalogueItem.objects.create(code=cat.parent_code, name=cat.parent_name, level=CatalogueLevel.MAIN, matter_type=matter_type)
                self.catalogue[cat.parent_code] = parent
        item = self.catalogue.get(cat.code)
        if item is None:
            item = CatalogueItem.objects.create(code=cat.code, name=cat.name, level=cat.level, parent=parent, matter_type=matter_type)
            self.catalogue[cat.code] = item
        return item

    def _themes(self, names):
        result = []
        for name in names:
            if name not in self.themes:
                audience = Audience.ORGANISATION if name in ORGANISATION_THEMES else Audience.PERSON
                slug = pinyin_slug(name)
                while Theme.objects.filter(slug=slug).exists():
                    slug += "-1"
                self.themes[name] = Theme.objects.create(name=name, slug=slug, audience=audience)
            result.append(self.themes[name])
        return result

    def _service_objects(self, names):
        result = []
        for name in names:
            if name not in self.service_objects:
                order = SERVICE_OBJECT_ORDER.index(name) if name in SERVICE_OBJECT_ORDER else 99
                audience = Audience.ORGANISATION if name in ORGANISATION_OBJECTS else Audience.PERSON
                self.service_objects[name] = ServiceObject.objects.create(name=name, audience=audience, sort_order=order)
            result.append(self.service_objects[name])
        return result

    def _prepare_shared_materials(self, records):
        uses = Counter(m["name"] for r in records for m in r.materials)
        self.shared = {s.name: s for s in SharedMaterial.objects.all()}
        for name, count in uses.items():
            if count >= SHARED_MATERIAL_MIN_USES and name not in self.shared:
                self.shared[name] = SharedMaterial.objects.create(name=name)

    # —— the matter itself ——
    def _fill(self, page: MatterPage, record: MatterRecord):
        page.title = record.title
        page.code = record.code
        for name, value in record.fields.items():
            setattr(page, name, value)
        page.import_hash = record.fingerprint()
        page.catalogue_item = self._catalogue_item(record, record.fields["matter_type"])
        rows = {
            "conditions": [{"text": t} for t in record.conditions],
            "materials": [dict(m, shared_material=self.shared.get(m["name"])) for m in record.materials],
            "locations": record.locations,
            "alias_names": record.aliases,
            "steps": record.steps,
            "fees": record.fees,
            "legal_bases": record.legal_bases,
            "results": record.results,
            "faqs": record.faqs,
        }
        for relation, values in rows.items():
            model = CHILD_MODELS[relation]
            setattr(page, relation, [model(sort_order=i, **v) for i, v in enumerate(values)])
        page.themes = self._themes(record.themes)
        page.service_objects = self._service_objects(record.service_objects)

    def write(self, records: list[MatterRecord]) -> ImportSummary:
        # Wagtail's reference index and the admin search index are brought up to date once per page at the
        # end, instead of at each of the several saves that creating and publishing a page makes.
        with transaction.atomic(), deferred_indexing(), disable_reference_index_auto_update():
            self._write(records)
            # The in-memory pages still hold their child rows, so nothing is read back for this.
            for page in self.touched_pages:
                ReferenceIndex.create_or_update_for_object(page)
        return self.summary

    def _write(self, records):
        self.touched_pages = []
        _, self.index_page = ensure_site()
        self.regions = {r.code: r for r in Region.objects.all()}
        self.departments = {d.org_code: d for d in DepartmentPage.objects.all()}
        self.catalogue = {c.code: c for c in CatalogueItem.objects.all()}
        self.themes = {t.name: t for t in Theme.objects.all()}
        self.service_objects = {s.name: s for s in ServiceObject.objects.all()}
        existing = dict(MatterPage.objects.values_list("code", "import_hash"))
        self._prepare_shared_materials(records)
        for record in records:
            if record.code in existing and existing[record.code] == record.fingerprint():
                self.summary.unchanged += 1
                continue
            if record.code in existing:
                self._update(record)
            else:
                self._create(record)

    def _create(self, record):
        department = self._department(record)
        page = MatterPage(slug=record.code)
        self._fill(page, record)
        create_published_child(department, page, user=self.user, log_message=f"导入自 {self.source_name}")
        self.touched_pages.append(page)
        self.summary.created.append(record.code)

    def _update(self, record):
        """A changed row is a new revision with a change note naming the file. With `publish_changes` (an
        administrator's import) it is published at once and the bulk publish is written to the audit log;
        otherwise it waits in the matter's workflow for review like any editor's change."""
        from catalogue.versioning import submit_imported_revision

        page = MatterPage.objects.get(code=record.code).get_latest_revision_as_object()
        self._fill(page, record)
        page.change_note = f"批量导入更新：{self.source_name}"
        page.major_change = True
        revision = page.save_revision(user=self.user, log_action=True)
        if self.publish_changes:
            revision.publish(user=self.user)
            log(instance=page, action="catalogue.import_publish", user=self.user, revision=revision, data={"file": self.source_name})
        else:
            submit_imported_revision(page, self.user)
        self.touched_pages.append(page)
        self.summary.updated.append(record.code)
