from django.core.management.base import BaseCommand, CommandError

from search.documents import expected_codes
from search.engines import get_engine


class Command(BaseCommand):
    help = "比较搜索索引与数据库中已发布的事项和标准；不一致时列出差异并以非零状态退出。"

    def handle(self, *args, **options):
        engine = get_engine()
        expected = expected_codes()
        indexed = engine.codes()
        missing, extra = sorted(expected - indexed), sorted(indexed - expected)
        standards = sum(1 for code in expected if code.startswith("std-"))
        self.stdout.write(
            f"数据库已发布事项 {len(expected) - standards} 个、标准 {standards} 项，{engine.name} 索引 {len(indexed)} 个"
        )
        for code in missing[:20]:
            self.stdout.write(f"  缺少：{code}")
        for code in extra[:20]:
            self.stdout.write(f"  多余：{code}")
        if missing or extra:
            raise CommandError(f"索引与数据库不一致：缺少 {len(missing)} 个，多余 {len(extra)} 个。请运行 search_rebuild。")
        self.stdout.write(self.style.SUCCESS("索引与数据库一致"))
