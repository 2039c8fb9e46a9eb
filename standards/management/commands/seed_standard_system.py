from django.core.management.base import BaseCommand

from standards.system import seed_system


class Command(BaseCommand):
    help = "建立默认的标准体系表（GB/T 24421.2：服务通用基础/服务保障/服务提供/岗位工作）和适用层级；只补缺，不改编辑过的类别。"

    def handle(self, *args, **options):
        created = seed_system()
        self.stdout.write(f"标准体系表：新增 {created} 个类别/层级。")
