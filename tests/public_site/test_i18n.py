"""Chinese first; English is the second locale, chosen by the browser or by the switch in the footer."""

import datetime
import io

import pytest
from django.conf import settings
from django.core.management import call_command

from tests.lists.factories import RADIO_LINES
from tests.public_site.factories import full_matter
from tests.public_site.test_guide_page import page_text
from tests.standards.factories import make_standard


def test_chinese_is_the_default(client, db):
    matter = full_matter()
    response = client.get(matter.url)
    assert '<html lang="zh-Hans">' in response.content.decode()
    assert "申请材料" in page_text(response)


def test_english_from_the_browser(client, db):
    matter = full_matter()
    response = client.get(matter.url, HTTP_ACCEPT_LANGUAGE="en")
    body = response.content.decode()
    text = page_text(response)
    assert '<html lang="en">' in body
    for label in ["Skip to main content", "Documents to bring", "Statutory time limit", "Promised time limit", "Fees", "Legal basis",
                  "Enquiries and complaints", "Frequently asked questions", "Search services"]:
        assert label in text, label
    # The content itself stays as the department wrote it.
    assert "居民身份证换领" in text


def test_language_switch_keeps_the_choice(client, home_page):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    text = page_text(client.get("/"))
    assert "For individuals" in text and "For organisations" in text
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    assert "个人办事" in page_text(client.get("/"))


def english(client):
    """The choice a visitor makes with the language switch: kept in the django_language cookie."""
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    return client


@pytest.fixture
def real_rows(home_page, tmp_path):
    """Real 实施清单 rows imported and indexed (search, lists), the demo lists published, two standards."""
    quiet = io.StringIO()
    path = tmp_path / "gd.jsonl"
    lines = settings.DATA_DIR.joinpath("gd_gdzwfw_matters_2021.jsonl").read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines[n - 1] for n in (*RADIO_LINES, 38, 39)) + "\n", encoding="utf-8")
    call_command("import_gdzwfw", path, stdout=quiet)
    call_command("search_rebuild", stdout=quiet)
    call_command("publish_demo_lists", stdout=quiet)
    call_command("build_powers", stdout=quiet)
    make_standard("GB/T 24421.2-2023", "服务业组织标准化工作指南 第2部分：标准体系", category="100",
                  effective_on=datetime.date(2023, 3, 17))
    return {"standard": make_standard("DB44/T 2181-2019", "政务服务窗口服务规范", category="303")}


def test_search_page_in_english(client, real_rows):
    text = page_text(english(client).get("/search/?q=无线电频率"))
    assert "Search services" in text and "results for “无线电频率”" in text
    for label in ["Implementing body", "Service type", "Handling type", "Service guide", "Implementation code"]:
        assert label in text, label
    assert "使用许可（续期）" in text and "广州市工业和信息化局" in text  # data stays as the departments wrote it
    assert "搜索结果" not in text and "共找到" not in text
    text = page_text(client.get("/search/?q=火星移民"))
    assert "No services found for “火星移民”" in text and "Try searching like this" in text
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    assert "没有找到与“火星移民”相关的事项" in page_text(client.get("/search/?q=火星移民"))


def test_list_pages_in_english(client, real_rows):
    english(client)
    text = page_text(client.get("/qingdan/"))
    for label in ["Lists", "Latest version", "Download", "Lists of powers and duties", "Open data"]:
        assert label in text, label
    assert "清单目录" not in text and "最新版本" not in text
    text = page_text(client.get("/qingdan/quanbu/"))
    for label in ["What is included:", "All versions", "Download the current list:", "Keywords", "Filter"]:
        assert label in text, label
    assert "无线电频率使用许可" in text
    assert "没有符合条件的事项。" not in text
    assert "No services match." in page_text(client.get("/qingdan/quanbu/?q=火星移民"))


def test_standards_in_english(client, real_rows):
    english(client)
    text = page_text(client.get("/standards/"))
    assert "Standards system table" in text and "System code" in text and "Total" in text
    assert "2 published standards" in text and "标准体系表" not in text
    text = page_text(client.get("/standards/catalogue/"))
    for label in ["Catalogue of service standards", "2 standards", "Number", "Title", "In force from", "Status"]:
        assert label in text, label
    assert "政务服务窗口服务规范" in text  # titles are data
    assert "No standards match." in page_text(client.get("/standards/catalogue/?q=火星移民"))
    text = page_text(client.get(real_rows["standard"].get_url()))
    for label in ["Status:", "Printable version (PDF)", "In force from", "Services it governs", "Text"]:
        assert label in text, label
    assert "政务服务窗口服务规范" in text and "规范的事项" not in text
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    assert "服务标准目录" in page_text(client.get("/standards/catalogue/"))


def test_powers_releases_and_open_data_in_english(client, real_rows):
    english(client)
    text = page_text(client.get("/quanze/"))
    for label in ["Lists of powers and duties", "Name of the power", "Power code", "Type of power", "All departments"]:
        assert label in text, label
    assert "职权名称" not in text
    text = page_text(client.get("/qingdan/quanbu/banben/"))
    assert "All versions" in text and "Released" in text and "First release" in text
    text = page_text(client.get("/qingdan/quanbu/banben/1/"))
    assert "Version 1, released" in text and "This version is frozen" in text
    text = page_text(client.get("/kaifang/"))
    assert "Open data" in text and "may be freely downloaded and reused" in text and "API documentation" in text
    text = page_text(client.get("/chengxiao/"))
    for label in ["Results of the reform", "Compare", "Services in use", "By type of service", "Departments with the most services"]:
        assert label in text, label
    assert "在用事项" not in text
