"""List rules, releases (frozen, immutable, numbered), release diff, public pages, downloads and the API."""

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from catalogue.choices import ExerciseLevel, HandlingType, MatterStatus, MatterType
from catalogue.lists.demo import ensure_standard_lists
from catalogue.lists.releases import publish_release
from catalogue.models import ListRelease, MatterList, MatterListSelection, MatterPage
from catalogue.models.lists import ListKind, ReleaseImmutableError
from tests.factories import CatalogueItemFactory, DepartmentPageFactory, MatterPageFactory, RegionFactory, ThemeFactory
from tests.lists.factories import fees


@pytest.fixture
def corpus(site_pages):
    """Five matters, each a clear case for one or more rules."""
    dept = DepartmentPageFactory(title="广东省市场监督管理局", org_code="006939801")
    return {
        "immediate": MatterPageFactory(
            department=dept, title="营业执照遗失补领", handling_type=HandlingType.IMMEDIATE, legal_limit_value=None,
            promised_limit_value=None, matter_type=MatterType.PUBLIC_SERVICE, visits=0,
        ),
        "licence": MatterPageFactory(department=dept, title="食品经营许可", legal_limit_value=20, promised_limit_value=5,
                                     materials=["申请书", "营业执照"]),
        "charged": MatterPageFactory(
            department=dept, title="特种设备检验", charges=True, fees=fees(("检验费", "每台300元")), matter_type=MatterType.CONFIRMATION,
            visits=2,
        ),
        "annual": MatterPageFactory(department=dept, title="检验检测机构资质年审", matter_type=MatterType.CONFIRMATION),
        "suspended": MatterPageFactory(department=dept, title="已暂停的许可", status=MatterStatus.SUSPENDED),
    }


def codes(matter_list):
    return set(matter_list.matters().values_list("title", flat=True))


def make_list(kind, slug=None):
    return MatterList.objects.create(title=kind.label, slug=slug or kind.value.replace("_", "-"), kind=kind)


def test_rule_based_lists_hold_exactly_the_matters_their_rule_selects(corpus):
    assert codes(make_list(ListKind.IMMEDIATE)) == {"营业执照遗失补领"}
    assert codes(make_list(ListKind.PROMISED)) == {"食品经营许可", "特种设备检验", "检验检测机构资质年审"}
    assert codes(make_list(ListKind.LICENSING)) == {"食品经营许可"}
    assert codes(make_list(ListKind.FEES)) == {"特种设备检验"}
    assert codes(make_list(ListKind.ANNUAL_INSPECTION)) == {"检验检测机构资质年审"}
    assert codes(make_list(ListKind.ONE_VISIT)) == {"营业执照遗失补领", "食品经营许可", "检验检测机构资质年审"}
    # 暂停 matters keep their page but leave every list
    assert "已暂停的许可" not in codes(make_list(ListKind.ALL))


def test_promised_list_needs_both_limits(corpus):
    MatterPageFactory(title="只有承诺时限", legal_limit_value=None, promised_limit_value=3)
    assert "只有承诺时限" not in codes(make_list(ListKind.PROMISED))


def test_annual_inspection_also_by_theme(corpus):
    matter = MatterPageFactory(title="道路运输证审验")
    matter.themes.add(ThemeFactory(name="年检年审", slug="nianjian"))
    matter.save()  # a ParentalManyToManyField is written on save
    assert "道路运输证审验" in codes(make_list(ListKind.ANNUAL_INSPECTION))


def test_selected_lists_hold_the_editors_choice(corpus):
    prerequisite = make_list(ListKind.PREREQUISITE)
    assert codes(prerequisite) == set()
    MatterListSelection.objects.create(matter_list=prerequisite, matter=corpus["annual"], note="食品经营许可的前置")
    assert codes(prerequisite) == {"检验检测机构资质年审"}
    assert prerequisite.current_rows()[0]["note"] == "食品经营许可的前置"


def test_row_carries_fees_limits_and_counts(corpus):
    rows = {r["name"]: r for r in make_list(ListKind.ALL).current_rows()}
    assert rows["特种设备检验"]["fees"] == "检验费：每台300元"
    assert rows["特种设备检验"]["charges"] == "收费"
    assert rows["食品经营许可"]["legal_limit"] == "20个工作日"
    assert rows["食品经营许可"]["promised_limit"] == "5个工作日"
    assert rows["食品经营许可"]["speedup_rate"] == 0.75
    assert rows["食品经营许可"]["materials_count"] == 2
    assert rows["食品经营许可"]["department"] == "广东省市场监督管理局"


def test_release_freezes_rows_and_is_immutable(corpus):
    licensing = make_list(ListKind.LICENSING)
    first = publish_release(licensing, label="2026年版", note="首次发布")
    assert (first.number, first.count) == (1, 1)
    # the matter changes after the release: the release does not
    page = corpus["licence"].get_latest_revision_as_object()
    page.promised_limit_value = 3
    page.save_revision().publish()
    first.refresh_from_db()
    assert first.rows[0]["promised_limit"] == "5个工作日"
    with pytest.raises(ReleaseImmutableError):
        first.note = "改一改"
        first.save()
    with pytest.raises(ReleaseImmutableError):
        first.delete()
    assert ListRelease.objects.get(pk=first.pk).note == "首次发布"
    second = publish_release(licensing, label="2027年版")
    assert second.number == 2 and second.rows[0]["promised_limit"] == "3个工作日"


def test_release_diff_names_added_removed_delegated_and_adjusted(corpus, client):
    all_list = make_list(ListKind.ALL, "quanbu")
    publish_release(all_list, label="2026年版")
    # 调整: a shorter promise; 取消: a matter cancelled; 新增: a new matter;
    # 下放: the province's matter replaced by a city body's one under the same catalogue item.
    item = CatalogueItemFactory(code="440104012001", name="无线电频率使用许可")
    province_matter = MatterPageFactory(title="无线电频率使用许可", catalogue_item=item, exercise_level=ExerciseLevel.PROVINCE)
    publish_release(all_list, label="2026年版（修订）")
    page = corpus["licence"].get_latest_revision_as_object()
    page.promised_limit_value = 2
    page.save_revision().publish()
    corpus["charged"].get_latest_revision_as_object().save_revision()  # a draft changes nothing in a list
    corpus["immediate"].unpublish()
    MatterPageFactory(title="新设事项")
    province_matter.unpublish()
    city = DepartmentPageFactory(title="广州市工业和信息化局", org_code="007482567", region=RegionFactory(code="440100000000", name="广州市", level="city"))
    MatterPageFactory(title="无线电频率使用许可", catalogue_item=item, exercise_level=ExerciseLevel.CITY, department=city)
    third = publish_release(all_list, label="2027年版")

    response = client.get(f"/api/v1/lists/quanbu/releases/{third.number}/diff/")
    assert response.status_code == 200
    data = response.json()
    assert data["from"] == 2 and data["summary"] == {"新增": 1, "取消": 1, "下放": 1, "调整": 1}
    by_change = {c["change"]: c for c in data["changes"]}
    assert by_change["新增"]["name"] == "新设事项"
    assert by_change["取消"]["name"] == "营业执照遗失补领"
    assert by_change["下放"]["department"] == "广州市工业和信息化局"
    assert {"field": "level", "label": "行使层级", "old": "省级", "new": "市级"} in by_change["下放"]["fields"]
    assert by_change["调整"]["fields"] == [{"field": "promised_limit", "label": "承诺办结时限", "old": "5个工作日", "new": "2个工作日"}]

    page_html = client.get("/qingdan/quanbu/banben/3/duibi/?from=1").content.decode()
    assert "<h1>全部事项" not in page_html and "2026年版 → 2027年版" in page_html
    assert "新设事项" in page_html and "<del>5个工作日</del> → <ins>2个工作日</ins>" in page_html.replace("\n", "")


def test_public_list_page_filters_sorts_and_counts(corpus, client):
    make_list(ListKind.ALL, "quanbu")
    html = client.get("/qingdan/quanbu/").content.decode()
    assert "共 <strong>4</strong> 项" in html
    html = client.get("/qingdan/quanbu/?type=行政确认").content.decode()
    assert "符合条件 <strong>2</strong> 项" in html and "特种设备检验" in html and "食品经营许可" not in html
    html = client.get("/qingdan/quanbu/?sort=-materials_count").content.decode()
    assert html.index("食品经营许可") < html.index("特种设备检验")
    assert client.get("/qingdan/no-such-list/").status_code == 404
    assert client.get("/qingdan/quanbu/banben/9/").status_code == 404


def test_release_pages_and_downloads(corpus, client):
    fees_list = make_list(ListKind.FEES, "shoufei")
    release = publish_release(fees_list, label="2026年版", note="首次发布")
    html = client.get("/qingdan/shoufei/banben/").content.decode()
    assert "2026年版" in html and "首次发布" in html
    html = client.get("/qingdan/shoufei/banben/1/").content.decode()
    assert "检验费：每台300元" in html and "本版本内容已固定" in html
    response = client.get("/qingdan/shoufei/banben/1/xiazai.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]][:3] == ["实施编码", "事项名称", "基本编码"]
    assert sheet.cell(row=2, column=2).value == "特种设备检验"
    csv_text = client.get("/qingdan/shoufei/banben/1/xiazai.csv").content.decode("utf-8-sig")
    assert csv_text.splitlines()[1].split(",")[1] == "特种设备检验"
    assert client.get("/qingdan/shoufei/banben/1/xiazai.pdfx").status_code == 404
    assert release.count == 1


def test_api_lists_and_releases(corpus, client):
    ensure_standard_lists()
    response = client.get("/api/v1/lists/")
    lists = {item["slug"]: item for item in response.json()["results"]}
    assert lists["jiban"]["count"] == 1 and lists["jiban"]["latest_release"] is None
    detail = client.get("/api/v1/lists/shoufei/").json()
    assert detail["count"] == 1 and detail["rows"][0]["fees"] == "检验费：每台300元"
    assert "legal_days" not in detail["rows"][0]
    publish_release(MatterList.objects.get(slug="shoufei"), label="2026年版")
    releases = client.get("/api/v1/lists/shoufei/releases/").json()
    assert releases["results"][0]["label"] == "2026年版"
    assert client.get("/api/v1/lists/shoufei/releases/1/").json()["rows"][0]["name"] == "特种设备检验"
    assert client.get("/api/v1/lists/shoufei/releases/1/diff/").status_code == 404
    assert client.get("/api/v1/lists/nope/").status_code == 404
    assert client.get("/api/v1/lists/shoufei/releases/1/diff/?from=x").status_code == 400


def test_publish_demo_lists_is_idempotent(corpus):
    from django.core.management import call_command

    call_command("publish_demo_lists", stdout=io.StringIO())
    call_command("publish_demo_lists", stdout=io.StringIO())
    assert MatterList.objects.get(slug="jiban").releases.count() == 1
    assert MatterList.objects.get(slug="quanbu").releases.get().count == 4
    # 前置事项 has no selection yet: no empty release
    assert not MatterList.objects.get(slug="qianzhi").releases.exists()
    assert Decimal(MatterPage.objects.get(title="食品经营许可").promised_limit_value) == 5


def test_publish_demo_lists_if_changed_publishes_the_next_release_with_its_diff(corpus, client):
    from django.core.management import call_command

    call_command("publish_demo_lists", stdout=io.StringIO())
    MatterPageFactory(department=corpus["licence"].get_parent().specific, title="中山市食品小作坊登记", visits=0,
                      matter_type=MatterType.PUBLIC_SERVICE, handling_type=HandlingType.IMMEDIATE, legal_limit_value=None, promised_limit_value=None)
    out = io.StringIO()
    call_command("publish_demo_lists", if_changed=True, label="2021年版（增补）", note="并入中山市事项", stdout=out)

    everything = MatterList.objects.get(slug="quanbu")
    assert everything.releases.count() == 2 and everything.releases.get(number=2).count == 5
    assert "政务服务事项目录：发布第2版（2021年版（增补）），5 项；新增 1" in out.getvalue()
    diff = client.get("/api/v1/lists/quanbu/releases/2/diff/?from=1").json()
    assert [c["name"] for c in diff["changes"] if c["change"] == "新增"] == ["中山市食品小作坊登记"]
    # lists whose rows did not change get no new release; running it again publishes nothing more
    assert MatterList.objects.get(slug="xingzhengxuke").releases.count() == 1
    call_command("publish_demo_lists", if_changed=True, label="2021年版（增补）", stdout=io.StringIO())
    assert everything.releases.count() == 2


def test_selected_list_imported_from_csv_all_or_nothing(corpus, client):
    from tests.factories import SuperUserFactory

    intermediary = make_list(ListKind.INTERMEDIARY)
    MatterListSelection.objects.create(matter_list=intermediary, matter=corpus["licence"], note="原有")
    client.force_login(SuperUserFactory(username="admin"))
    good = f"实施编码,说明\n{corpus['charged'].code},检验检测报告 收费按合同\n{corpus['annual'].code},\n".encode("utf-8-sig")
    bad = f"实施编码,说明\n{corpus['charged'].code},x\nNO-SUCH-CODE,y\n{corpus['charged'].code},z\n".encode()
    for name, content in (("bad.csv", bad),):
        upload = io.BytesIO(content)
        upload.name = name
        html = client.post(f"/admin/lists/{intermediary.pk}/import/", {"file": upload}).content.decode()
        assert "第3行“实施编码”列：没有实施编码为“NO-SUCH-CODE”的在用事项。" in html
        assert "第4行“实施编码”列：与第2行重复。" in html
    assert codes(intermediary) == {"食品经营许可"}  # nothing changed
    upload = io.BytesIO(good)
    upload.name = "good.csv"
    html = client.post(f"/admin/lists/{intermediary.pk}/import/", {"file": upload}).content.decode()
    assert "已导入 2 项选定事项" in html
    assert codes(intermediary) == {"特种设备检验", "检验检测机构资质年审"}
    assert {r["name"]: r["note"] for r in intermediary.current_rows()}["特种设备检验"] == "检验检测报告 收费按合同"
