import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from catalogue.importers.gdzwfw import read_records
from catalogue.importers.records import RowError
from catalogue.importers.writer import MatterWriter


class Command(BaseCommand):
    help = "导入广东政务服务网事项数据（每行一个JSON对象）。先校验全部行，任一行有误则不写入任何数据。"

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, help="JSONL 文件")
        parser.add_argument("--publish", action="store_true", help="直接发布变更的事项（仅管理员，须用 --user 指定）；默认变更保存为修订并提交审核。")
        parser.add_argument("--user", help="以此用户的名义导入（修订作者、审计日志）；--publish 须为管理员。")

    def handle(self, *paths, **options):
        started = time.perf_counter()
        user = self._user(options.get("user"), options["publish"])
        for path in options["paths"]:
            if not path.exists():
                raise CommandError(f"找不到文件 {path}")
            try:
                records = list(read_records(path))
            except RowError as error:
                raise CommandError(f"{path.name}: {error}；未写入任何数据。") from None
            summary = MatterWriter(source_name=path.name, publish_changes=options["publish"], user=user).write(records)
            self.stdout.write(f"{path.name}: {summary}")
        self.stdout.write(f"用时 {time.perf_counter() - started:.1f} 秒")

    def _user(self, username, publish):
        from django.contrib.auth import get_user_model

        from catalogue.versioning import can_bulk_publish

        user = None
        if username:
            user = get_user_model().objects.filter(username=username).first()
            if user is None:
                raise CommandError(f"没有用户 {username}；未写入任何数据。")
        if publish and not can_bulk_publish(user):
            raise CommandError("--publish 仅限管理员：请用 --user 指定超级用户或中心管理员；未写入任何数据。")
        return user
