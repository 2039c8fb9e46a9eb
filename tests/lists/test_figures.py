"""Reform figures on a known fixture, between releases, on the dashboard and in the API."""

import pytest

from catalogue.choices import HandlingType, MatterType
from catalogue.figures import current_figures
from catalogue.lists.releases import publish_release
from catalogue.models import MatterList
from catalogue.models.lists import ListKind
from tests.factories import MatterPageFactory
from tests.lists.factories import steps


@pytest.fixture
def fixture(site_pages):
    MatterPageFactory(title="甲", legal_limit_value=20, promised_limit_value=5, materials=["a", "b", "c"], steps=steps("受理", "审查", "决定"), visits=1)
    MatterPageFactory(title="乙", legal_limit_value=10, promised_limit_value=5, materials=["a"], steps=steps("受理", "决定"), visits=0)
    MatterPageFactory(
        title="丙", handling_type=HandlingType.IMMEDIATE, legal_limit_value=None, promised_limit_value=None,
        matter_type=MatterType.PUBLIC_SERVICE, visits=0,
    )
    MatterPageFactory(title="丁", legal_limit_value=20, promised_limit_value=20, materials=["a", "b"], visits=3)
    return MatterList.objects.create(title="政务服务事项目录", slug="quanbu", kind=ListKind.ALL)


def test_figures_on_a_known_fixture(fixture):
    f = current_figures()
    assert f["total"] == 4
    assert f["immediate_count"] == 1 and f["immediate_share"] == 25.0
    assert f["materials_total"] == 6 and f["steps_total"] == 5
    # 提速率: 甲 75 %, 乙 50 %, 丁 0 % → mean 41.67 %
    assert f["speedup_mean"] == 41.67
    assert [b["count"] for b in f["speedup_distribution"]] == [1, 0, 1, 1, 0]
    # 承诺件 average: (5 + 5 + 20) working days × 7/5 = 14 natural days
    assert f["promised_average_days"] == 14.0
    assert f["visits"] == {"0": 2, "1": 1, "more": 1}
    assert f["by_type"] == {"行政许可": 3, "公共服务": 1}


def test_figures_between_two_releases_and_dates(fixture, client):
    first = publish_release(fixture, label="第一版", released_on="2026-01-01")
    page = fixture.matters().get(title="甲").get_latest_revision_as_object()
    page.materials = page.materials.all()[:1]
    page.save_revision().publish()
    publish_release(fixture, label="第二版", released_on="2026-06-01")
    data = client.get("/api/v1/figures/?from=quanbu:1&to=quanbu:2").json()
    materials = next(r for r in data["comparison"]["rows"] if r["key"] == "materials_total")
    assert (materials["before"], materials["after"], materials["delta"], materials["improved"]) == (6, 4, -2, True)
    by_date = client.get("/api/v1/figures/?from=2026-03-01&to=2026-07-01").json()["comparison"]
    assert by_date["before"] == "2026-03-01（第一版）" and by_date["after"] == "2026-07-01（第二版）"
    assert client.get("/api/v1/figures/?from=1999-01-01").status_code == 400
    assert client.get("/api/v1/figures/?from=garbage").status_code == 400
    assert first.count == 4


def test_dashboard_shows_figures_and_labels_stated_baselines(fixture, client):
    html = client.get("/chengxiao/").content.decode()
    assert "申请材料</dt><dd>6 份" in html
    assert "并非本系统根据现有数据计算所得" in html and "3113" in html
    data = client.get("/api/v1/figures/").json()
    assert data["current"]["materials_total"] == 6
    assert data["stated_baselines"]["figures"][0] == {"key": "materials_total", "label": "申请材料", "before": 3113, "after": 2153, "unit": "份"}
