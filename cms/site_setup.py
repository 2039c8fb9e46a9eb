"""The fixed skeleton of the site: root → 首页 → 部门. Idempotent; run by migrations-aware commands."""

from django.db import transaction
from wagtail.models import Page, Site


@transaction.atomic
def ensure_site():
    from catalogue.models import DepartmentIndexPage
    from cms.models import HomePage

    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        # Wagtail's initial migration leaves a placeholder "Welcome" page; the home page takes its place.
        for placeholder in Page.objects.filter(depth=2, content_type__model="page"):
            Site.objects.filter(root_page=placeholder).delete()
            placeholder.delete()
        root.refresh_from_db()
        home = root.add_child(
            instance=HomePage(
                title="政务服务事项办事指南",
                slug="home",
                intro="查找事项、阅读办事指南、下载打印一次性告知单。",
            )
        )
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="政务服务网")
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    index = DepartmentIndexPage.objects.first()
    if index is None:
        index = home.add_child(instance=DepartmentIndexPage(title="部门", slug="bumen", intro="按实施主体查找事项。"))
        index.save_revision().publish()
    return home, index
