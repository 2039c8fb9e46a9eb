from django.core.management.base import BaseCommand, CommandError

from search.documents import published_matters
from search.engines import get_engine


class Command(BaseCommand):
    help = "比较搜索索引与数据库中已发布的事项；不一致时列出差异并以非零状态退出。"

    def handle(self, *args, **options):
        engine = get_engine()
        expected = set(published_matters().values_list("code", flat=True))
        indexed = engine.codes()
        missing, extra = sorted(expected - indexed), sorted(indexed - expected)
        self.stdout.write(f"数据库已发布事项 {len(expected)} 个，{engine.name} 索引 {len(indexed)} 个")
        for code in missing[:20]:
            self.stdout.write(f"  缺少：{code}")
        for code in extra[:20]:
            self.stdout.write(f"  多余：{code}")
        if missing or extra:
            raise CommandError(f"索引与数据库不一致：缺少 {len(missing)} 个，多余 {len(extra)} 个。请运行 search_rebuild。")
        self.stdout.write(self.style.SUCCESS("索引与数据库一致"))
