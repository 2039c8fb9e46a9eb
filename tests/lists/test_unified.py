"""十统一: locked elements refused locally and propagated from the catalogue item; the deviation report on real rows."""

from decimal import Decimal

import pytest
from django.test import override_settings
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from catalogue import unified
from catalogue.models import MatterPage, UnifiedElementSet
from tests.factories import CatalogueItemFactory, MatterPageFactory, SuperUserFactory
from tests.lists.factories import RADIO_CITY, RADIO_LINES, RADIO_PROVINCE, RADIO_RENEW_CITY, import_real_lines


@pytest.fixture
def radio(site_pages, tmp_path):
    """Real rows: 无线电频率使用许可 by the province (30 days) and by 广州市 (20 days)."""
    import_real_lines(tmp_path, RADIO_LINES)
    return {code: MatterPage.objects.get(code=code) for code in (RADIO_PROVINCE, RADIO_CITY, RADIO_RENEW_CITY)}


def test_deviation_report_on_real_rows_and_one_click_adopt(radio, client):
    assert unified.derive_unified_sets() == 2  # two catalogue items, each implemented by two bodies
    assert unified.derive_unified_sets() == 0  # idempotent
    unified_set = UnifiedElementSet.objects.get(catalogue_item__code="440104012001")
    assert unified_set.legal_limit_value == Decimal(30)  # the province's value

    report = {matter.code: {d.element.key: (d.local_text, d.unified_text) for d in found} for matter, _, found in unified.deviation_report()}
    assert RADIO_PROVINCE not in report
    assert report[RADIO_CITY]["legal_limit"] == ("20个工作日", "30个工作日")
    assert report[RADIO_RENEW_CITY]["promised_limit"] == ("承诺件，1个工作日", "承诺件，10个工作日")

    admin = SuperUserFactory(username="admin")
    client.force_login(admin)
    html = client.get("/admin/lists/deviations/").content.decode()
    assert "十统一偏离报告" in html and RADIO_CITY in html and "20个工作日 → <strong>30个工作日</strong>" in html

    city = radio[RADIO_CITY]
    response = client.post(f"/admin/lists/adopt/{city.pk}/", {"next": "/admin/lists/deviations/"})
    assert response.status_code == 302
    city.refresh_from_db()
    # a new revision through the workflow, not a direct publication
    assert city.live_revision.as_object().legal_limit_value == Decimal(20)
    assert city.get_latest_revision_as_object().legal_limit_value == Decimal(30)
    assert city.has_unpublished_changes
    assert WorkflowState.objects.filter(object_id=str(city.pk), status=WorkflowState.STATUS_IN_PROGRESS).exists()


def test_catalogue_item_change_flows_to_every_matter_as_revisions(site_pages):
    item = CatalogueItemFactory(code="440104099001", name="测试许可")
    matters = [MatterPageFactory(catalogue_item=item, legal_limit_value=20, promised_limit_value=5) for _ in range(3)]
    other = MatterPageFactory(legal_limit_value=20, promised_limit_value=5)
    unified_set = UnifiedElementSet.objects.create(catalogue_item=item, legal_limit_value=15)
    assert sorted(unified.propagate(unified_set)) == sorted(m.code for m in matters)
    for matter in matters:
        matter.refresh_from_db()
        assert matter.get_latest_revision_as_object().legal_limit_value == Decimal(15)
        assert matter.legal_limit_value == Decimal(20)  # the public page waits for review
    assert not other.refresh_from_db() and other.get_latest_revision().as_object().legal_limit_value == Decimal(20)
    assert unified.propagate(unified_set) == []  # nothing left to change


def test_admin_edit_of_the_unified_set_propagates(site_pages, client):
    item = CatalogueItemFactory(code="440104099002", name="测试许可二")
    matter = MatterPageFactory(catalogue_item=item, materials=["申请书"])
    unified_set = UnifiedElementSet.objects.create(catalogue_item=item, materials="申请书")
    client.force_login(SuperUserFactory(username="admin"))
    data = {"catalogue_item": item.pk, "materials": "申请书\n营业执照", "legal_limit_unit": "working_days", "promised_limit_unit": "working_days"}
    response = client.post(f"/admin/snippets/catalogue/unifiedelementset/edit/{unified_set.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    names = [m.name for m in MatterPage.objects.get(pk=matter.pk).get_latest_revision_as_object().materials.all()]
    assert names == ["申请书", "营业执照"]


def _edit_data(matter, **overrides):
    empty = {name: inline_formset([]) for name in (
        "conditions", "steps", "special_steps", "fees", "legal_bases", "results", "locations", "alias_names", "faqs")}
    data = {
        "title": matter.title, "slug": matter.slug, "code": matter.code, "catalogue_item": matter.catalogue_item_id,
        "matter_type": matter.matter_type, "exercise_level": matter.exercise_level, "power_source": matter.power_source,
        "status": matter.status, "handling_type": matter.handling_type, "legal_limit_value": "20", "legal_limit_unit": "working_days",
        "promised_limit_value": "5", "promised_limit_unit": "working_days", "online_depth": "none", "visits": "1",
        "cross_area_scope": "none", "consult_phone": "020-1", "complaint_phone": "12345",
        "materials": inline_formset([{"name": "申请书", "necessity": "required", "kind": "original", "form": "paper", "originals": 1, "copies": 0,
                                      "paper_size": "A4", "source": "applicant"}]),
        **empty,
    }
    data.update(overrides)
    return nested_form_data(data)


def test_locked_elements_are_read_only_with_their_source_and_refused_locally(site_pages, client):
    item = CatalogueItemFactory(code="440104099003", name="测试许可三")
    matter = MatterPageFactory(catalogue_item=item, materials=["申请书"], legal_limit_value=20, promised_limit_value=5)
    UnifiedElementSet.objects.create(catalogue_item=item, legal_limit_value=20, materials="申请书")
    client.force_login(SuperUserFactory(username="admin"))
    html = client.get(f"/admin/pages/{matter.pk}/edit/").content.decode()
    assert "十统一要素，由基本目录“测试许可三”（440104099003）统一规定" in html

    # a locked scalar element: the submitted value is ignored, the unified one kept
    response = client.post(f"/admin/pages/{matter.pk}/edit/", _edit_data(matter, legal_limit_value="25"))
    assert response.status_code == 302, [str(e) for e in (response.context["form"].errors.items())] + [response.context["form"].formsets["materials"].errors]
    assert matter.get_latest_revision_as_object().legal_limit_value == Decimal(20)

    # locked child rows: changing them locally is refused with a message, nothing saved
    revisions = matter.revisions.count()
    bad = _edit_data(matter, materials=inline_formset([{"name": "本地加的材料", "necessity": "required", "kind": "original", "form": "paper",
                                                          "originals": 1, "copies": 0, "paper_size": "A4", "source": "applicant"}]))
    response = client.post(f"/admin/pages/{matter.pk}/edit/", bad)
    assert response.status_code == 200
    assert "“申请材料”是十统一要素" in response.content.decode()
    assert matter.revisions.count() == revisions


@override_settings(CATALOGUE_UNIFIED_ELEMENTS=["matter_type"])
def test_which_elements_are_locked_is_configuration(site_pages):
    item = CatalogueItemFactory(code="440104099004", name="测试许可四")
    matter = MatterPageFactory(catalogue_item=item, legal_limit_value=20)
    UnifiedElementSet.objects.create(catalogue_item=item, legal_limit_value=30, matter_type="01")
    assert unified.deviations(matter) == []  # the time limit is unified but not locked by this configuration
    with override_settings(CATALOGUE_UNIFIED_ELEMENTS=["legal_limit"]):
        assert [d.element.key for d in unified.deviations(matter)] == ["legal_limit"]
    with override_settings(CATALOGUE_UNIFIED_ELEMENTS=["no_such_element"]), pytest.raises(ValueError, match="no_such_element"):
        unified.deviations(matter)


def test_a_new_matter_inherits_the_unified_elements_of_its_catalogue_item(site_pages, client):
    from tests.factories import DepartmentPageFactory

    item = CatalogueItemFactory(code="440104099005", name="测试许可五")
    UnifiedElementSet.objects.create(catalogue_item=item, legal_limit_value=30, materials="申请书\n营业执照")
    department = DepartmentPageFactory()
    client.force_login(SuperUserFactory(username="admin"))
    data = _edit_data(MatterPage(title="新事项", slug="xin", code="11440000NEW000000000000000000001", catalogue_item=item,
                                 matter_type="01", exercise_level="province", power_source="statutory", status="active", handling_type="promised"))
    response = client.post(f"/admin/pages/add/catalogue/matterpage/{department.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:500]
    latest = MatterPage.objects.get(code="11440000NEW000000000000000000001").get_latest_revision_as_object()
    assert latest.legal_limit_value == Decimal(30)
    assert [m.name for m in latest.materials.all()] == ["申请书", "营业执照"]


def test_a_sub_item_without_its_own_set_follows_its_main_item(site_pages):
    main = CatalogueItemFactory(code="440104099006", name="主项")
    sub = CatalogueItemFactory(code="440104099006001", name="子项", parent=main, level="sub")
    own = CatalogueItemFactory(code="440104099006002", name="自有子项", parent=main, level="sub")
    follower = MatterPageFactory(catalogue_item=sub, legal_limit_value=20)
    independent = MatterPageFactory(catalogue_item=own, legal_limit_value=20)
    main_set = UnifiedElementSet.objects.create(catalogue_item=main, legal_limit_value=10)
    UnifiedElementSet.objects.create(catalogue_item=own, legal_limit_value=20)
    assert unified.unified_set_for(follower) == main_set
    assert [m.code for m, _, _ in unified.deviation_report()] == [follower.code]
    assert unified.propagate(main_set) == [follower.code]
    assert independent.get_latest_revision_as_object().legal_limit_value == Decimal(20)
