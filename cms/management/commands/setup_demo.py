import os
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand

from cms.printing.registry import builds_deferred
from cms.site_setup import ensure_site

# Idempotent commands that complete the demo site, in order; each app that adds one lists it here.
DEMO_STEPS: list[str] = [
    "setup_roles",  # versioning: groups, the 事项审核 workflow, demo users
    "derive_unified_elements", "build_powers",  # 十统一, 权责清单 (list releases: see _build)
    "import_standards", "generate_procedures",  # standards: national list, then one 办理规程 per matter
    "seed_synonyms", "search_rebuild_if_empty",  # search: colloquial synonyms, the index if it is empty
]
DEMO_FILES = ["gd_gdzwfw_matters_2021.jsonl", "zs_zhongshan_matters_2021_early.jsonl"]


class Command(BaseCommand):
    help = "建立站点骨架、导入真实演示数据、创建管理员。可重复运行：已导入且未变的事项不再改动，后台的编辑都保留。"

    def add_arguments(self, parser):
        parser.add_argument("--data", type=Path, default=Path("../shared/data"))

    def handle(self, *args, data: Path, **options):
        # The demo publishes thousands of objects at once: their PDFs are built on first request, not here.
        with builds_deferred():
            self._build(data)
        self._ensure_admin()

    def _build(self, data: Path):
        from catalogue.models import MatterPage

        ensure_site()
        files = [data / name for name in DEMO_FILES if (data / name).exists()]
        if not files:
            self.stderr.write(f"找不到演示数据目录 {data}，跳过导入。")
        # Release 1 of every list is the 广东 catalogue as crawled; the 中山 matters then arrive as a real change,
        # published as release 2 with a readable diff (新增 …) — only when that import actually added matters.
        if files:
            call_command("import_gdzwfw", files[0], stdout=self.stdout)
        call_command("publish_demo_lists", stdout=self.stdout)
        if len(files) > 1:
            before = MatterPage.objects.count()
            call_command("import_gdzwfw", *files[1:], stdout=self.stdout)
            if MatterPage.objects.count() > before:
                call_command(
                    "publish_demo_lists", if_changed=True, label="2021年版（增补）",
                    note="演示数据：并入2021年早期采集的中山市事项。", stdout=self.stdout,
                )
        for step in DEMO_STEPS:
            call_command(step, stdout=self.stdout)

    def _ensure_admin(self):
        User = get_user_model()
        username = os.environ.get("ADMIN_USERNAME", "admin")
        password = os.environ.get("ADMIN_PASSWORD", "zwfw-admin-2026")
        if not User.objects.filter(username=username).exists():
            User.objects.create_superuser(username=username, email=f"{username}@example.gov.cn", password=password)
            self.stdout.write(f"已创建管理员 {username}")
        self.stdout.write(f"管理后台登录：用户名 {username}，密码 {password}（首次创建时的密码；可用 ADMIN_PASSWORD 指定）")
