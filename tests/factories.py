"""factory_boy factories: each builds what it needs, through Wagtail's own page and revision machinery."""

import datetime

import factory
from django.contrib.auth import get_user_model

from catalogue.choices import Audience, HandlingType, MatterType, RegionLevel
from catalogue.models import (
    CatalogueItem,
    DepartmentIndexPage,
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
    MatterSpecialStep,
    MatterStep,
    Region,
    ServiceObject,
    SharedMaterial,
    Theme,
    Window,
)
from catalogue.publishing import create_published_child
from cms.site_setup import ensure_site


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.gov.cn")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")


class SuperUserFactory(UserFactory):
    is_staff = True
    is_superuser = True


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["code"]

    code = "440000000000"
    name = "广东省"
    level = RegionLevel.PROVINCE


class DepartmentPageFactory(factory.django.DjangoModelFactory):
    """A published department page under the 部门 index."""

    class Meta:
        model = DepartmentPage

    title = factory.Sequence(lambda n: f"广东省测试厅{n}")
    org_code = factory.Sequence(lambda n: f"{100000000 + n}")
    slug = factory.LazyAttribute(lambda o: o.org_code)
    short_name = "粤测"
    region = factory.SubFactory(RegionFactory)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        _, index = ensure_site()
        index = DepartmentIndexPage.objects.get(pk=index.pk)
        return create_published_child(index, model_class(*args, **kwargs))


class CatalogueItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CatalogueItem
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"44010100{n:04d}")
    name = factory.Sequence(lambda n: f"测试目录事项{n}")
    level = "main"
    matter_type = MatterType.LICENSING


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ["slug"]

    name = "户籍办理"
    slug = factory.LazyAttribute(lambda o: f"theme-{abs(hash(o.name)) % 10**8}")
    audience = Audience.PERSON


class ServiceObjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceObject
        django_get_or_create = ["name"]

    name = "自然人"
    audience = Audience.PERSON


class SharedMaterialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SharedMaterial
        django_get_or_create = ["name"]

    name = "居民身份证"


class WindowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Window

    number = factory.Sequence(lambda n: f"{n + 1}")
    name = "综合受理窗口"
    category = "livelihood"
    hall = "市民服务中心一楼"


class MatterPageFactory(factory.django.DjangoModelFactory):
    """A published matter. Child rows: pass `conditions=[...]` and `materials=[...]` (names or dicts)."""

    class Meta:
        model = MatterPage

    title = factory.Sequence(lambda n: f"测试事项{n}")
    code = factory.Sequence(lambda n: f"11440000TEST{n:019d}")
    slug = factory.LazyAttribute(lambda o: o.code)
    matter_type = MatterType.LICENSING
    exercise_level = "province"
    handling_type = HandlingType.PROMISED
    legal_limit_value = 20
    promised_limit_value = 5
    charges = False
    consult_phone = "020-12345678"
    complaint_phone = "12345"

    @classmethod
    def _create(cls, model_class, *args, department=None, conditions=(), materials=(), publish=True, **kwargs):
        department = department or DepartmentPageFactory()
        page = model_class(*args, **kwargs)
        page.conditions = [MatterCondition(text=t, sort_order=i) for i, t in enumerate(conditions)]
        page.materials = [
            MatterMaterial(sort_order=i, **({"name": m} if isinstance(m, str) else m)) for i, m in enumerate(materials)
        ]
        if publish:
            return create_published_child(department, page)
        page.live = False
        department.add_child(instance=page)
        page.save_revision()
        return page


class CompleteMatterPageFactory(MatterPageFactory):
    """A published matter with every element filled: one row of each child table, themes, service objects,
    windows, a catalogue item and a shared material. For guide pages, the API, printing and search tests."""

    title = factory.Sequence(lambda n: f"营业执照遗失补领{n}")
    basic_code = "000131127004"
    local_code = "4401GZ-001"
    handling_item_name = "（企业）"
    short_name = "执照补领"
    exercise_level = "city"
    power_source = "delegated_down"
    entrusting_department = "广东省市场监督管理局"
    joint_bodies = "市税务局"
    quantity_limit = "每次申请一份。"
    prohibitions = "不得要求申请人提交与本事项无关的材料。"
    legal_limit_value = 20
    legal_limit_unit = "working_days"
    legal_limit_note = "自受理之日起计算"
    promised_limit_value = 5
    promised_limit_unit = "working_days"
    promised_limit_note = "材料齐全当场受理"
    charges = True
    accepts_online = True
    accepts_by_post = True
    online_depth = "full"
    online_url = "https://www.gdzwfw.gov.cn/portal/guide/TEST"
    online_platform = "广东政务服务网"
    visits = 0
    visits_reason = "全程网办，无需到现场"
    cross_area_scope = "province"
    office_hours = "周一至周五 9:00-12:00，14:00-17:30"
    consult_other = "广东政务服务网在线咨询"
    complaint_other = "12345 政务服务便民热线"
    supports_appointment = True
    appointment_url = "https://www.gdzwfw.gov.cn/appointment"
    supports_courier = True
    supports_online_payment = True
    supports_self_service = True
    last_verified = datetime.date(2026, 1, 15)
    next_review = datetime.date(2027, 1, 15)
    source_url = "https://www.gdzwfw.gov.cn/portal/guide/TEST"

    @classmethod
    def _create(cls, model_class, *args, department=None, conditions=None, materials=None, publish=True, **kwargs):
        department = department or DepartmentPageFactory(title="广州市市场监督管理局", short_name="穗市监")
        kwargs["catalogue_item"] = kwargs.get("catalogue_item") or CatalogueItemFactory(
            code="000131127004", name="营业执照补领", level="sub"
        )
        identity_card = SharedMaterialFactory(name="居民身份证")
        conditions = conditions or ["申请人为依法登记的企业。", "营业执照原件遗失或损毁。"]
        materials = materials or [
            {
                "name": "营业执照遗失补领申请书", "necessity": "required", "kind": "original", "form": "paper",
                "originals": 1, "copies": 0, "paper_size": "A4", "source": "applicant", "source_body": "",
                "instructions": "法定代表人签字并加盖公章。", "acceptance_standard": "内容完整、签章齐全。",
                "basis": "《市场主体登记管理条例实施细则》第五十九条", "situation": "补领",
            },
            {
                "name": "法定代表人居民身份证", "shared_material": identity_card, "necessity": "required",
                "kind": "copy", "form": "paper", "originals": 0, "copies": 1, "source": "government",
                "source_body": "公安机关",
            },
        ]
        page = model_class(*args, **kwargs)
        page.steps = [
            MatterStep(sort_order=0, name="受理", handler="窗口人员", time_limit="即时", review_standard="材料齐全、符合法定形式。", result="受理通知书"),
            MatterStep(sort_order=1, name="审查与决定", handler="审核人员", time_limit="4个工作日", review_standard="核对登记信息。", result="准予补领"),
        ]
        page.special_steps = [MatterSpecialStep(sort_order=0, name="公告", time_limit="20个自然日", basis="国家企业信用信息公示系统公告", counted_in_limit=False)]
        page.fees = [MatterFee(sort_order=0, name="工本费", standard="每本10元", basis="粤价〔2003〕160号", reducible=True, reduction_basis="小微企业免收")]
        page.legal_bases = [
            MatterLegalBasis(sort_order=0, law_name="中华人民共和国市场主体登记管理条例", document_number="国务院令第746号", article="第三十八条", text="营业执照遗失或者毁坏的，市场主体应当通过国家企业信用信息公示系统声明作废，申请补领。")
        ]
        page.results = [MatterResult(sort_order=0, name="营业执照", kind="licence", validity="长期")]
        page.locations = [MatterLocation(sort_order=0, address="广州市天河区天河南二路市民服务中心一楼", hours="周一至周五 9:00-17:30", phone="020-83000000")]
        page.alias_names = [MatterAlias(sort_order=0, name="执照丢了", kind="daily"), MatterAlias(sort_order=1, name="补办营业执照", kind="colloquial")]
        page.faqs = [MatterFAQ(sort_order=0, question="营业执照丢了要登报吗？", answer="不需要登报，在国家企业信用信息公示系统声明作废即可。")]
        page.themes = [ThemeFactory(name="设立变更", slug="sheli-biangeng", audience=Audience.ORGANISATION)]
        page.service_objects = [ServiceObjectFactory(name="企业法人", audience=Audience.ORGANISATION)]
        page.windows = [WindowFactory(number="12", name="商事登记窗口", category="registration", floor="一楼")]
        page.conditions = [MatterCondition(text=t, sort_order=i) for i, t in enumerate(conditions)]
        page.materials = [
            MatterMaterial(sort_order=i, **({"name": m} if isinstance(m, str) else m)) for i, m in enumerate(materials)
        ]
        if publish:
            return create_published_child(department, page)
        page.live = False
        department.add_child(instance=page)
        page.save_revision()
        return page
