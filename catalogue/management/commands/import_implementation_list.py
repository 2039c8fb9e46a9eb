from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from catalogue.spreadsheets.implementation import import_workbook
from catalogue.spreadsheets.tables import SpreadsheetError


class Command(BaseCommand):
    help = (
        "导入实施清单模板（XLSX）：先检查整份文件，有任何错误则不作修改并逐条报告工作表、行、列和原因；"
        "否则每个有变化的事项生成新修订并进入审核流程（--publish 由管理员直接发布）。--dry-run 只报告将作的修改。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--publish", action="store_true", help="直接发布（须以管理员身份，--user）")
        parser.add_argument("--user", help="修订记在该用户名下")

    def handle(self, *args, file, dry_run, publish, user, **options):
        account = None
        if user:
            account = get_user_model().objects.filter(username=user).first()
            if account is None:
                raise CommandError(f"没有用户“{user}”")
        if publish and not (account and account.is_superuser):
            raise CommandError("--publish 须由管理员执行：请用 --user 指定一个管理员账号。")
        try:
            report = import_workbook(file.read_bytes(), user=account, dry_run=dry_run, publish=publish)
        except (OSError, SpreadsheetError) as error:
            raise CommandError(str(error))
        for change in report.changes:
            fields = "；".join(f"{name}：{old} → {new}" for name, old, new in change.fields)
            self.stdout.write(f"{'新增' if change.created else '修改'} {change.code} {change.title}：{fields}")
        if not report.ok:
            raise CommandError(str(report))
        self.stdout.write(str(report))
