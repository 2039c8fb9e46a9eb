import datetime

from django.core.management.base import BaseCommand, CommandError

from standards.lifecycle import update_statuses


class Command(BaseCommand):
    help = "按日期更新标准状态：到实施日期的“即将实施”标准转为“现行”，被其代替的旧版本转为“废止”。publish_scheduled 也会运行它。"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按这一天计算（YYYY-MM-DD），缺省为今天")
        parser.add_argument("--dryrun", action="store_true", help="只列出将发生的变化")

    def handle(self, *args, date=None, dryrun=False, **options):
        today = None
        if date:
            try:
                today = datetime.date.fromisoformat(date)
            except ValueError:
                raise CommandError(f"日期“{date}”应写成 YYYY-MM-DD")
        changes = update_statuses(today, dry_run=dryrun)
        for change in changes:
            self.stdout.write(str(change))
        self.stdout.write(f"标准状态：{'将' if dryrun else '已'}变更 {len(changes)} 项。")
