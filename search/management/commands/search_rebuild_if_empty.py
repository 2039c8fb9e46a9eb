from django.core.management import call_command
from django.core.management.base import BaseCommand

from search.documents import expected_codes
from search.engines import get_engine


class Command(BaseCommand):
    help = "索引为空、或缺少已发布的事项或标准（如标准尚未进入搜索时建的索引）时重建索引（演示步骤，可重复运行）。"

    def handle(self, *args, **options):
        engine = get_engine()
        expected = expected_codes()
        missing = len(expected - engine.codes()) if expected else 0
        if missing:
            self.stdout.write(f"搜索索引缺少 {missing} 个已发布的事项或标准，重建")
            call_command("search_rebuild", stdout=self.stdout)
        else:
            self.stdout.write("搜索索引已有全部内容，跳过重建")
