"""Home, department index, department and theme pages list the real live matters, with real counts and paging."""

import pytest
from django.core.management import call_command

from catalogue.models import DepartmentPage, MatterPage, Theme
from cms.navigation import MATTERS_PER_PAGE
from tests.factories import DepartmentPageFactory, MatterPageFactory, ThemeFactory
from tests.public_site.test_guide_page import GD, page_text


@pytest.fixture
def imported(db, tmp_path):
    """The first 60 real rows of the 广东 file."""
    lines = GD.read_text(encoding="utf-8").splitlines()[:60]
    path = tmp_path / "gd.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    call_command("import_gdzwfw", path, stdout=open("/dev/null", "w"))


def test_home_shows_ways_in_with_real_counts(client, imported):
    response = client.get("/")
    assert response.status_code == 200
    text = page_text(response)
    live = MatterPage.objects.live().filter(status="active")
    assert f"本站共有 {live.count()} 个在用事项的办事指南" in text
    assert "个人办事" in text and "法人办事" in text
    for department in DepartmentPage.objects.all()[:5]:
        count = live.child_of(department).count()
        assert f"{department.title} {count} 项" in text
    for theme in Theme.objects.all():
        count = live.filter(themes=theme).count()
        if count:
            assert f"{theme.name} {count} 项" in text
    newest = live.order_by("-last_published_at", "title").first()
    assert newest.title in text


def test_home_counts_leave_out_drafts_and_suspended(client, db):
    department = DepartmentPageFactory(title="广东省测试局")
    MatterPageFactory(department=department, title="在用事项甲")
    MatterPageFactory(department=department, title="暂停事项乙", status="suspended")
    MatterPageFactory(department=department, title="草稿事项丙", publish=False)
    text = page_text(client.get("/"))
    assert "广东省测试局 1 项" in text
    assert "在用事项甲" in text
    assert "暂停事项乙" not in text and "草稿事项丙" not in text


def test_department_index_lists_every_department_by_region(client, imported):
    text = page_text(client.get("/bumen/"))
    for department in DepartmentPage.objects.live():
        count = MatterPage.objects.live().filter(status="active").child_of(department).count()
        assert f"{department.title} {count} 项" in text
    assert "广东省" in text


def test_department_page_lists_its_matters(client, imported):
    department = max(DepartmentPage.objects.all(), key=lambda d: MatterPage.objects.child_of(d).count())
    matters = MatterPage.objects.live().filter(status="active").child_of(department).order_by("matter_type", "title", "pk")
    response = client.get(department.url)
    text = page_text(response)
    assert f"共 {matters.count()} 个在用事项" in text
    for matter in matters[:MATTERS_PER_PAGE]:
        assert matter.title in text
        assert f'href="{matter.url}"' in response.content.decode()


def test_department_page_pages_through_its_matters(client, db):
    department = DepartmentPageFactory(title="广东省分页局")
    titles = [f"分页事项{n:02d}" for n in range(MATTERS_PER_PAGE + 3)]
    for title in titles:
        MatterPageFactory(department=department, title=title)
    first = page_text(client.get(department.url))
    assert f"共 {len(titles)} 个在用事项" in first
    assert "第 1 页，共 2 页" in first and "下一页" in first
    assert titles[0] in first and titles[-1] not in first
    second = page_text(client.get(department.url + "?page=2"))
    assert "第 2 页，共 2 页" in second and "上一页" in second
    assert all(t in second for t in titles[-3:]) and titles[0] not in second
    # A page number that is not a number falls back to the first page instead of failing.
    assert titles[0] in page_text(client.get(department.url + "?page=abc"))


def test_theme_page_lists_its_matters(client, imported):
    theme = max(Theme.objects.all(), key=lambda t: t.matters.count())
    matters = MatterPage.objects.live().filter(status="active", themes=theme).order_by("title", "pk")
    response = client.get(f"/zhuti/{theme.slug}/")
    assert response.status_code == 200
    text = page_text(response)
    assert theme.name in text
    assert f"共 {matters.count()} 个事项" in text
    for matter in matters[:MATTERS_PER_PAGE]:
        assert matter.title in text
        assert matter.department.title in text


def test_theme_from_factories(client, db):
    theme = ThemeFactory(name="设立变更", slug="sheli-biangeng", audience="organisation")
    matter = MatterPageFactory(title="公司设立登记", themes=[theme])
    text = page_text(client.get("/zhuti/sheli-biangeng/"))
    assert "公司设立登记" in text and matter.department.title in text
    assert "法人办事" in text
    home = page_text(client.get("/"))
    assert "设立变更 1 项" in home


def test_unknown_theme_is_404(client, db):
    ThemeFactory(name="户籍办理", slug="huji")
    response = client.get("/zhuti/no-such-theme/")
    assert response.status_code == 404
    assert "页面不存在" in page_text(response)


def test_navigation_marks_the_current_page(client, imported):
    body = client.get("/bumen/").content.decode()
    assert '<a href="/bumen/" aria-current="page">部门</a>' in body
    body = client.get("/").content.decode()
    assert '<a href="/" aria-current="page">首页</a>' in body


def test_listing_queries_do_not_grow_with_the_matters(client, db, django_assert_max_num_queries):
    theme = ThemeFactory(name="社会保障", slug="shebao")
    department = DepartmentPageFactory(title="广东省查询局")
    for n in range(3):
        MatterPageFactory(department=department, title=f"社保事项{n}", themes=[theme])
    urls = ["/zhuti/shebao/", department.url, "/"]
    for url in urls:
        client.get(url)  # warm the site and settings caches
    baseline = {}
    for url in urls:
        with django_assert_max_num_queries(25) as queries:
            client.get(url)
        baseline[url] = len(queries.captured_queries)
    for n in range(3, 15):
        MatterPageFactory(department=department, title=f"社保事项{n}", themes=[theme])
    for url in urls:
        with django_assert_max_num_queries(baseline[url]):
            assert "社保事项1" in page_text(client.get(url))


def test_server_error_page_needs_no_database():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert '<html lang="zh-Hans">' in html and "服务暂时不可用" in html and "12345" in html


def test_department_page_filters_by_matter_type(client, db):
    department = DepartmentPageFactory(title="广东省筛选局")
    for n in range(MATTERS_PER_PAGE + 2):
        MatterPageFactory(department=department, title=f"许可事项{n:02d}", matter_type="01")
    MatterPageFactory(department=department, title="公共服务事项甲", matter_type="20", handling_type="immediate", promised_limit_value=None)
    text = page_text(client.get(department.url))
    assert f"全部 {MATTERS_PER_PAGE + 3}" in text and f"行政许可 {MATTERS_PER_PAGE + 2}" in text and "公共服务 1" in text
    filtered = client.get(department.url + "?type=20")
    text = page_text(filtered)
    assert "共 1 个在用事项" in text and "公共服务事项甲" in text and "许可事项00" not in text
    assert '<a href="?type=20" aria-current="page">' in filtered.content.decode()
    # Paging keeps the filter.
    body = client.get(department.url + "?type=01").content.decode()
    assert 'href="?type=01&amp;page=2"' in body
    assert "许可事项21" in page_text(client.get(department.url + "?type=01&page=2"))
    assert client.get(department.url + "?type=99").status_code == 404
