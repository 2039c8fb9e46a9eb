from django.core.management import call_command
from django.core.management.base import BaseCommand

from search.documents import published_matters
from search.engines import get_engine


class Command(BaseCommand):
    help = "索引为空而数据库有已发布事项时重建索引（演示步骤，可重复运行）。"

    def handle(self, *args, **options):
        if get_engine().count() == 0 and published_matters().exists():
            call_command("search_rebuild", stdout=self.stdout)
        else:
            self.stdout.write("搜索索引已有内容，跳过重建")
