import sys
import time

from django.core.management.base import BaseCommand

from search.engines import get_engine


class Command(BaseCommand):
    help = "从数据库重建搜索索引（已发布、在用的事项和已发布的标准），显示进度。"

    def handle(self, *args, **options):
        engine = get_engine()
        started = time.perf_counter()
        tty = sys.stdout.isatty()

        def progress(done, total):
            width = 30
            filled = width * done // max(total, 1)
            line = f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total}"
            if tty:
                self.stdout.write("\r" + line, ending="")
                self.stdout.flush()
            else:
                self.stdout.write(line)

        count = engine.rebuild(progress)
        if tty:
            self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"已重建 {engine.name} 索引：{count} 个文档（事项和标准），用时 {time.perf_counter() - started:.1f} 秒"))
