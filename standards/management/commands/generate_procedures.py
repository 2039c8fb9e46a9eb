import time

from django.core.management.base import BaseCommand

from standards.procedures import generate_all


class Command(BaseCommand):
    help = "按每个已发布事项的办事指南生成本中心的办理规程；指南未变则不动，指南变了生成新版本并废止旧版本。"

    def handle(self, *args, **options):
        started = time.perf_counter()
        result = generate_all()
        self.stdout.write(f"{result}（用时 {time.perf_counter() - started:.1f} 秒）")
