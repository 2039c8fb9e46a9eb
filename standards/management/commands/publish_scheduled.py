"""Wagtail's `publish_scheduled`, plus the standards' own dated change (即将实施 → 现行, replaced → 废止).

The site's scheduler already runs `publish_scheduled` (every few minutes, see Wagtail's docs); standards comes
before wagtail in INSTALLED_APPS, so this command is the one Django runs under that name.
"""

from wagtail.management.commands.publish_scheduled import Command as WagtailPublishScheduled

from standards.lifecycle import update_statuses


class Command(WagtailPublishScheduled):
    help = "发布/下线到期的定时内容（Wagtail），并按日期更新服务标准的状态。"

    def handle(self, *args, **options):
        super().handle(*args, **options)
        changes = update_statuses(dry_run=options.get("dryrun", False))
        for change in changes:
            self.stdout.write(str(change))
