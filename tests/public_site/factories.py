"""A matter with every guide element filled, built through the shared factories."""

from decimal import Decimal

from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from catalogue.choices import Audience, HandlingType, MatterType
from catalogue.models import (
    MatterAlias,
    MatterFAQ,
    MatterFee,
    MatterLegalBasis,
    MatterLocation,
    MatterResult,
    MatterSpecialStep,
    MatterStep,
)
from tests.factories import (
    DepartmentPageFactory,
    MatterPageFactory,
    ServiceObjectFactory,
    SharedMaterialFactory,
    ThemeFactory,
    WindowFactory,
)


def document(title: str) -> Document:
    return Document.objects.create(title=title, file=ContentFile(b"%PDF-1.4 test form", name=f"{title}.pdf"))


def full_matter(**overrides):
    """居民身份证换领 with each national element set to a recognisable value."""
    department = overrides.pop("department", None) or DepartmentPageFactory(
        title="广州市公安局", address="广州市越秀区解放南路155号", phone="020-83111110", credit_code="11440100007502379T"
    )
    window = WindowFactory(number="12", name="户政综合窗口", department=department, hall="市民服务中心一楼", hours="周一至周日 9:00-17:00")
    values = dict(
        title="居民身份证换领",
        code="11440100007502379T4440111001000",
        basic_code="000111001000",
        local_code="GZGA-001",
        handling_item_name="（到期换领）",
        short_name="换身份证",
        matter_type=MatterType.CONFIRMATION,
        exercise_level="city",
        power_source="statutory",
        entrusting_department="",
        joint_bodies="广州市政务服务数据管理局",
        quantity_limit="每人每次限申请一张。",
        prohibitions="不得要求申请人提供户籍证明以外的证明。",
        handling_type=HandlingType.PROMISED,
        legal_limit_value=Decimal(60),
        legal_limit_unit="natural_days",
        legal_limit_note="自受理之日起计算",
        promised_limit_value=Decimal(15),
        promised_limit_unit="natural_days",
        promised_limit_note="偏远地区另加5日",
        charges=True,
        accepts_at_window=True,
        accepts_online=True,
        accepts_by_post=True,
        online_depth="pre_review",
        online_url="https://www.gdzwfw.gov.cn/portal/guide/11440100007502379T4440111001000",
        online_platform="广东政务服务网",
        visits=1,
        visits_reason="现场采集人像和指纹",
        cross_area_scope="province",
        office_hours="周一至周五 9:00-12:00，14:00-17:00",
        consult_phone="020-83111110、020-12345678",
        consult_other="广州公安微信公众号",
        complaint_phone="020-12345",
        complaint_other="信函：广州市越秀区解放南路155号督察支队",
        supports_appointment=True,
        appointment_url="https://yuyue.gzga.gov.cn/",
        supports_courier=True,
        supports_online_payment=True,
        supports_self_service=False,
    )
    values.update(overrides)
    conditions = values.pop("conditions", ["具有本市常住户口", "居民身份证有效期满前三个月内"])
    materials = values.pop(
        "materials",
        [
            {
                "name": "居民身份证",
                "shared_material": SharedMaterialFactory(name="居民身份证"),
                "necessity": "required",
                "kind": "original",
                "form": "paper",
                "originals": 1,
                "copies": 0,
                "paper_size": "",
                "source": "government",
                "source_body": "公安机关",
                "instructions": "须为本人有效证件",
                "acceptance_standard": "证件在有效期内",
                "basis": "《居民身份证法》第十一条",
            },
            {
                "name": "居民身份证申领登记表",
                "necessity": "deferrable",
                "kind": "copy",
                "form": "electronic",
                "originals": 0,
                "copies": 2,
                "paper_size": "A4",
                "source": "applicant",
                "situation": "首次申领",
                "blank_form": document("申领登记表空白"),
                "sample_form": document("申领登记表样表"),
            },
        ],
    )
    return MatterPageFactory(
        department=department,
        conditions=conditions,
        materials=materials,
        steps=[
            MatterStep(name="受理", handler="窗口受理人员", time_limit="即时", review_standard="材料齐全、符合法定形式", result="出具受理回执", sort_order=0),
            MatterStep(name="审核", handler="户政民警", time_limit="10个工作日", review_standard="核对户籍信息", result="审核通过", sort_order=1),
        ],
        special_steps=[MatterSpecialStep(name="外省协查", time_limit="20个工作日", basis="公安部协查规定", counted_in_limit=False)],
        fees=[
            MatterFee(name="居民身份证工本费", standard="每证20元", basis="发改价格〔2003〕2322号", reducible=True, reduction_basis="低保对象免收")
        ],
        legal_bases=[
            MatterLegalBasis(law_name="中华人民共和国居民身份证法", document_number="主席令第4号", article="第十一条", text="居民身份证有效期满，应当换领新证。")
        ],
        results=[MatterResult(name="居民身份证", kind="licence", validity="十年")],
        locations=[MatterLocation(address="广州市越秀区解放南路155号户政大厅", hours="周一至周日 9:00-17:00", phone="020-83111111")],
        alias_names=[MatterAlias(name="换身份证", kind="short"), MatterAlias(name="身份证到期", kind="daily")],
        faqs=[MatterFAQ(question="身份证过期还能用吗？", answer="过期的身份证不能作为有效证件使用。")],
        windows=[window],
        themes=[ThemeFactory(name="户籍办理", audience=Audience.PERSON)],
        service_objects=[ServiceObjectFactory(name="自然人")],
        **values,
    )
