"""Public history, version pages, withdrawal, and the versions/diff API, on versions made by publishing."""

import pytest
from django.urls import reverse

from catalogue.change_log import change_log
from catalogue.choices import MatterStatus
from catalogue.models import MatterMaterial, MatterPage, MatterVersion
from tests.factories import MatterPageFactory


def publish(matter, *, note="", major=False, **changes):
    page = MatterPage.objects.get(pk=matter.pk).get_latest_revision_as_object()
    materials = changes.pop("materials", None)
    for name, value in changes.items():
        setattr(page, name, value)
    if materials is not None:
        page.materials = [MatterMaterial(name=m, sort_order=i) for i, m in enumerate(materials)]
    page.change_note, page.major_change = note, major
    page.save_revision().publish()
    return MatterPage.objects.get(pk=matter.pk)


@pytest.fixture
def matter(db):
    m = MatterPageFactory(title="居民身份证换领", code="11440000MB2C92630Y4440117003000", promised_limit_value=7, materials=["居民身份证", "户口簿"])
    publish(m, note="承诺时限由7个工作日缩短为5个工作日，新增照片回执", major=True, promised_limit_value=5, materials=["居民身份证", "户口簿", "照片回执"])
    publish(m, note="更正错字", major=False, consult_phone="020-83118311")
    return MatterPage.objects.get(pk=m.pk)


def test_change_log_is_generated_field_by_field(matter):
    v1, v2, v3 = MatterVersion.objects.filter(matter=matter).order_by("number")
    texts = [c["text"] for c in change_log(v1.snapshot, v2.snapshot)]
    assert "承诺办结时限 7 → 5 个工作日" in texts
    assert "申请材料 新增：照片回执" in texts
    assert [c["text"] for c in change_log(v2.snapshot, v3.snapshot)] == ["咨询电话 020-12345678 → 020-83118311"]
    removed = change_log(v2.snapshot, v1.snapshot)
    assert "申请材料 删除：照片回执" in [c["text"] for c in removed]


def test_history_slot_lists_versions_with_dates_notes_and_changes(matter, rf):
    from django.template.loader import render_to_string

    html = render_to_string("catalogue/includes/guide_history.html", {"page": matter})
    assert "历史版本" in html and "更新日期" in html
    assert "第3版" in html and "第2版" in html and "第1版" in html
    assert "承诺时限由7个工作日缩短为5个工作日" in html
    assert "更正错字" not in html  # a minor change shows no note
    assert "承诺办结时限 7 → 5 个工作日" in html
    assert reverse("matter_version", args=[matter.code, 1]) in html


def test_minor_version_keeps_the_update_date_of_the_major_one(matter):
    v2 = MatterVersion.objects.get(matter=matter, number=2)
    assert matter.public_updated_at == v2.published_at


def test_old_version_page_shows_that_version_marked_superseded(client, matter):
    response = client.get(reverse("matter_version", args=[matter.code, 1]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "这是本事项的第1版" in html and "已被新版本替代" in html
    notice, guide = html.split("此后有变化的内容", 1)[1].split("</ul>", 1)
    assert "申请材料 新增：照片回执" in notice  # what a sheet printed from version 1 no longer says
    assert "照片回执" not in guide.split("历史版本")[0]  # version 1 itself had no 照片回执
    assert "7个工作日" in html
    assert f'href="{matter.url}"' in html
    assert response["X-Robots-Tag"] == "noindex"


def test_current_version_page_has_no_superseded_notice(client, matter):
    html = client.get(reverse("matter_version", args=[matter.code, 3])).content.decode()
    assert "已被新版本替代" not in html and "照片回执" in html


@pytest.mark.parametrize("url", ["/m/NO-SUCH-CODE/v/1/", "/m/11440000MB2C92630Y4440117003000/v/9/"])
def test_unknown_code_or_version_is_404(client, matter, url):
    assert client.get(url).status_code == 404


def test_api_lists_versions(client, matter):
    data = client.get(f"/api/v1/matters/{matter.code}/versions/").json()
    assert [v["number"] for v in data] == [1, 2, 3]
    assert data[1]["major"] is True and data[1]["change_note"].startswith("承诺时限由7个工作日")
    assert data[2]["major"] is False and data[2]["change_note"] == ""
    assert data[0]["url"].endswith(f"/m/{matter.code}/v/1/")
    assert data[0]["published_at"]


def test_api_version_detail_is_that_versions_full_matter(client, matter):
    data = client.get(f"/api/v1/matters/{matter.code}/versions/1/").json()
    assert data["promised_limit"]["value"] == 7
    assert [m["name"] for m in data["materials"]] == ["居民身份证", "户口簿"]
    assert data["version"]["number"] == 1 and data["version"]["current"] is False
    current = client.get(f"/api/v1/matters/{matter.code}/versions/3/").json()
    assert current["version"]["current"] is True and current["consult_phone"] == "020-83118311"


def test_api_diff(client, matter):
    data = client.get(f"/api/v1/matters/{matter.code}/diff/?from=1&to=2").json()
    by_text = {c["text"]: c for c in data["changes"]}
    assert by_text["承诺办结时限 7 → 5 个工作日"]["from"]["value"] == 7
    assert by_text["申请材料 新增：照片回执"]["kind"] == "added"


@pytest.mark.parametrize(
    "query, status",
    [("?from=1&to=99", 404), ("?from=a&to=2", 400), ("?to=2", 400), ("?from=0&to=2", 400)],
)
def test_api_diff_bad_input(client, matter, query, status):
    response = client.get(f"/api/v1/matters/{matter.code}/diff/{query}")
    assert response.status_code == status
    assert response.json()


def test_api_unknown_code_is_json_404(client, db):
    response = client.get("/api/v1/matters/NOPE/versions/")
    assert response.status_code == 404 and "没有这个实施编码" in response.json()["detail"]


def test_withdrawn_matter_keeps_its_url_with_a_notice_and_leaves_the_lists(client, matter):
    replacement = MatterPageFactory(title="居民身份证换领（跨省通办）")
    publish(matter, note="事项取消", major=True, status=MatterStatus.CANCELLED, withdrawal_reason="并入跨省通办事项",
            withdrawn_on=__import__("datetime").date(2027, 1, 1), replaced_by=replacement)
    matter = MatterPage.objects.get(pk=matter.pk)
    from django.template.loader import render_to_string

    html = render_to_string("catalogue/includes/guide_version_notice.html", {"page": matter})
    assert "本事项已取消" in html and "2027年1月1日" in html and "并入跨省通办事项" in html
    assert "居民身份证换领（跨省通办）" in html and replacement.get_short_url() in html
    # the short URL still leads to the page; the public list and API list no longer show it
    assert client.get(f"/m/{matter.code}/").status_code == 302
    codes = [m["code"] for m in client.get("/api/v1/matters/").json()["results"]]
    assert matter.code not in codes and replacement.code in codes
    assert not MatterPage.objects.live().public_listing().filter(pk=matter.pk).exists()
    latest = client.get(f"/api/v1/matters/{matter.code}/versions/4/").json()
    assert latest["withdrawal"]["reason"] == "并入跨省通办事项" and latest["withdrawal"]["replaced_by"]["name"] == "居民身份证换领（跨省通办）"
    log = client.get(f"/api/v1/matters/{matter.code}/diff/?from=3&to=4").json()["changes"]
    assert "事项状态 在用 → 取消" in [c["text"] for c in log]


def test_matter_api_gives_the_public_update_date_and_the_withdrawal(client, matter):
    data = client.get(f"/api/v1/matters/{matter.code}/").json()
    assert data["withdrawal"] is None
    assert data["public_updated_at"].startswith(str(matter.public_updated_at.date()))

    publish(matter, note="暂停受理", major=True, status=MatterStatus.SUSPENDED, withdrawal_reason="系统升级",
            withdrawn_on=__import__("datetime").date(2027, 1, 1))
    data = client.get(f"/api/v1/matters/{matter.code}/").json()
    assert data["withdrawal"] == {"status": "暂停", "reason": "系统升级", "date": "2027-01-01", "replaced_by": None}
