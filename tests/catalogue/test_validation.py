"""Each rule of catalogue.validation, through the real Wagtail edit form of a matter."""

from decimal import Decimal

import pytest
from django.urls import reverse
from wagtail.models import Revision

from catalogue import validation
from catalogue.choices import HandlingType, TimeUnit
from catalogue.models import MatterPage
from catalogue.time_limits import TimeLimit
from tests.catalogue.admin_forms import add_row, edit_form_data, post_edit
from tests.factories import MatterPageFactory, SuperUserFactory


@pytest.fixture
def admin_client(client, db):
    client.force_login(SuperUserFactory(username="editor"))
    return client


@pytest.fixture
def matter(db):
    return MatterPageFactory(title="建设工程消防验收", legal_limit_value=20, promised_limit_value=5)


def revisions(page):
    return Revision.page_revisions.filter(object_id=str(page.pk)).count()


def field_errors(response, field):
    return [str(e) for e in response.context["form"].errors.get(field, [])]


def assert_refused(response, page, before, field, text):
    assert response.status_code == 200, "a refused form is shown again, not redirected"
    assert any(text in e for e in field_errors(response, field)), response.context["form"].errors
    assert text in response.content.decode()
    assert revisions(page) == before, "nothing is saved"


def assert_saved(response, page, before):
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    assert revisions(page) == before + 1


# —— 承诺 must not be longer than 法定 ——


def test_promised_longer_than_legal_is_refused(admin_client, matter):
    data = edit_form_data(admin_client, matter)
    before = revisions(matter)
    data.update(promised_limit_value="30", promised_limit_unit=TimeUnit.WORKING_DAYS)
    response = post_edit(admin_client, matter, data)
    assert_refused(response, matter, before, "promised_limit_value", "承诺办结时限（30个工作日）不能长于法定办结时限（20个工作日）")


@pytest.mark.parametrize(
    "legal, promised, refused",
    [
        (("20", TimeUnit.WORKING_DAYS), ("1", TimeUnit.MONTHS), True),  # 30 自然日 > 20 工作日 (28 自然日)
        (("20", TimeUnit.WORKING_DAYS), ("25", TimeUnit.NATURAL_DAYS), False),
        (("1", TimeUnit.WORKING_DAYS), ("4", TimeUnit.HOURS), False),
        (("1", TimeUnit.WORKING_DAYS), ("10", TimeUnit.HOURS), True),  # 10 office hours > one working day
        (("60", TimeUnit.NATURAL_DAYS), ("2", TimeUnit.MONTHS), False),
        (("1", TimeUnit.MONTHS), ("22", TimeUnit.WORKING_DAYS), True),
    ],
)
def test_promised_and_legal_in_different_units_are_compared_in_days(admin_client, matter, legal, promised, refused):
    data = edit_form_data(admin_client, matter)
    before = revisions(matter)
    data.update(legal_limit_value=legal[0], legal_limit_unit=legal[1], promised_limit_value=promised[0], promised_limit_unit=promised[1])
    response = post_edit(admin_client, matter, data)
    if refused:
        assert_refused(response, matter, before, "promised_limit_value", "不能长于法定办结时限")
    else:
        assert_saved(response, matter, before)


def test_promised_equal_to_legal_is_accepted(admin_client, matter):
    data = edit_form_data(admin_client, matter)
    before = revisions(matter)
    data.update(promised_limit_value="20")
    assert_saved(post_edit(admin_client, matter, data), matter, before)
    assert MatterPage.objects.get(pk=matter.pk).get_latest_revision_as_object().promised_limit_value == Decimal(20)


def test_promised_matter_needs_a_promised_limit(admin_client, matter):
    data = edit_form_data(admin_client, matter)
    before = revisions(matter)
    data["promised_limit_value"] = ""
    assert_refused(post_edit(admin_client, matter, data), matter, before, "promised_limit_value", "承诺件须填写承诺办结时限")


# —— 即办件 ——


def test_immediate_matter_with_promised_days_is_refused(admin_client, matter):
    data = edit_form_data(admin_client, matter)
    before = revisions(matter)
    data.update(handling_type=HandlingType.IMMEDIATE, promised_limit_value="3")
    assert_refused(post_edit(admin_client, matter, data), matter, before, "promised_limit_value", "即办件当场办结，不填写承诺办结时限")


@pytest.mark.parametrize("promised", ["", "0"])
def test_immediate_matter_without_promised_days_is_accepted(admin_client, matter, promised):
    data = edit_form_data(admin_client, matter)
    before = revisions(matter)
    data.update(handling_type=HandlingType.IMMEDIATE, promised_limit_value=promised)
    assert_saved(post_edit(admin_client, matter, data, publish=True), matter, before)
    live = MatterPage.objects.get(pk=matter.pk)
    assert live.handling_type == HandlingType.IMMEDIATE


# —— 收费 ——


def test_charged_matter_without_fee_items_is_refused(admin_client, matter):
    data = edit_form_data(admin_client, matter)
    before = revisions(matter)
    data["charges"] = "true"
    assert_refused(post_edit(admin_client, matter, data), matter, before, "charges", "请至少填写一项收费项目及其收费依据")


def test_fee_item_without_its_basis_is_refused(admin_client, matter):
    data = edit_form_data(admin_client, matter)
    before = revisions(matter)
    data["charges"] = "true"
    add_row(data, "fees", name="工本费", standard="每本10元", basis="")
    assert_refused(post_edit(admin_client, matter, data), matter, before, "charges", "收费项目“工本费”缺少收费依据")


def test_charged_matter_with_fee_and_basis_is_saved(admin_client, matter):
    data = edit_form_data(admin_client, matter)
    before = revisions(matter)
    data["charges"] = "true"
    add_row(data, "fees", name="工本费", standard="每本10元", basis="粤价〔2003〕160号")
    assert_saved(post_edit(admin_client, matter, data, publish=True), matter, before)
    live = MatterPage.objects.get(pk=matter.pk)
    assert live.charges is True
    assert [(f.name, f.basis) for f in live.fees.all()] == [("工本费", "粤价〔2003〕160号")]


def test_deleted_fee_row_does_not_count(admin_client, matter):
    data = edit_form_data(admin_client, matter)
    before = revisions(matter)
    data["charges"] = "true"
    add_row(data, "fees", name="工本费", standard="每本10元", basis="粤价〔2003〕160号", DELETE="1")
    assert_refused(post_edit(admin_client, matter, data), matter, before, "charges", "请至少填写一项收费项目")


def test_free_matter_with_fee_items_is_refused(admin_client, matter):
    data = edit_form_data(admin_client, matter)
    before = revisions(matter)
    data["charges"] = "false"
    add_row(data, "fees", name="工本费", standard="每本10元", basis="粤价〔2003〕160号")
    assert_refused(post_edit(admin_client, matter, data), matter, before, "charges", "标为不收费，却填写了收费项目")


# —— 兜底条款: a warning, the save goes through ——


def test_catch_all_condition_and_material_are_saved_with_a_warning(admin_client, matter):
    data = edit_form_data(admin_client, matter)
    before = revisions(matter)
    add_row(data, "conditions", text="法律法规规定的其他条件")
    add_row(data, "materials", name="其他材料", necessity="required", kind="original", form="paper", originals="1", copies="0", source="applicant")
    response = post_edit(admin_client, matter, data, follow=True)
    assert revisions(matter) == before + 1
    text = response.content.decode()
    assert "受理条件“法律法规规定的其他条件”像是兜底条款，请逐项写明具体内容。" in text
    assert "申请材料“其他材料”像是兜底条款" in text
    draft = MatterPage.objects.get(pk=matter.pk).get_latest_revision_as_object()
    assert [c.text for c in draft.conditions.all()][-1] == "法律法规规定的其他条件"


def test_specific_conditions_get_no_warning(admin_client, matter):
    data = edit_form_data(admin_client, matter)
    add_row(data, "conditions", text="申请人为年满十八周岁的中国公民。")
    add_row(data, "materials", name="居民身份证", necessity="required", kind="original", form="paper", originals="1", copies="0", source="government")
    response = post_edit(admin_client, matter, data, follow=True)
    assert "兜底条款" not in response.content.decode()


@pytest.mark.parametrize(
    "text, warned",
    [
        ("其他材料", True),
        ("其它相关材料", True),
        ("法律法规规定的其他条件", True),
        ("法律、行政法规规定的其他条件", True),
        ("审批机关要求提交的其他材料", True),
        ("营业执照副本", False),
        ("申请人具有完全民事行为能力", False),
    ],
)
def test_catch_all_wording(text, warned):
    assert bool(validation.catch_all_warnings("申请材料", [text])) is warned


def test_limit_rule_names_both_limits_in_their_units():
    errors = validation.limit_errors(HandlingType.PROMISED, TimeLimit(Decimal(20), TimeUnit.WORKING_DAYS), TimeLimit(Decimal(1), TimeUnit.MONTHS))
    assert errors == {
        "promised_limit_value": "承诺办结时限（1月）不能长于法定办结时限（20个工作日）。"
        "单位不同时按自然日比较：1个工作日≈1.4个自然日，1月≈30日，1年≈365日，8小时≈1个工作日。"
    }
    same_unit = validation.limit_errors(HandlingType.PROMISED, TimeLimit(Decimal(20), TimeUnit.WORKING_DAYS), TimeLimit(Decimal(25), TimeUnit.WORKING_DAYS))
    assert same_unit == {"promised_limit_value": "承诺办结时限（25个工作日）不能长于法定办结时限（20个工作日）。"}


def test_catch_all_warning_is_shown_when_the_matter_is_opened_and_once_after_saving(admin_client, db):
    matter = MatterPageFactory(title="食品经营许可", conditions=["有与经营的食品品种相适应的场所。", "法律、法规规定的其他条件。"])
    url = reverse("wagtailadmin_pages:edit", args=[matter.pk])
    warning = "受理条件“法律、法规规定的其他条件。”像是兜底条款，请逐项写明具体内容。"
    assert admin_client.get(url).content.decode().count(warning) == 1
    response = post_edit(admin_client, matter, edit_form_data(admin_client, matter), follow=True)
    assert response.redirect_chain and response.redirect_chain[-1][0].endswith(url)
    assert response.content.decode().count(warning) == 1
