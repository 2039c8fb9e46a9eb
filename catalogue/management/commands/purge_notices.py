from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from catalogue.models import Notice


class Command(BaseCommand):
    help = "删除超过保存期限（NOTICE_RETENTION_DAYS）的窗口文书中的申请人信息；文书编号与打印记录保留。"

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help=f"保存天数（默认 {settings.NOTICE_RETENTION_DAYS}）")

    def handle(self, *args, days=None, **options):
        if days is not None and days < 0:
            raise CommandError("保存天数不能为负数。")
        count = Notice.purge_expired(days=days)
        self.stdout.write(f"已删除 {count} 份文书的申请人信息。")
