from django.core.management.base import BaseCommand

from catalogue.roles import ensure_demo_users, ensure_roles


class Command(BaseCommand):
    help = "创建编辑、审核员、中心管理员用户组与权限，事项审核工作流（科室审核 → 中心审核），以及各角色的演示用户。可重复运行。"

    def add_arguments(self, parser):
        parser.add_argument("--no-demo-users", action="store_true", help="只建用户组、权限与工作流，不建演示用户")

    def handle(self, *args, **options):
        ensure_roles()
        self.stdout.write("已建立用户组与工作流：中心管理员、各部门·编辑/·审核；事项审核（科室审核 → 中心审核）")
        if options["no_demo_users"]:
            return
        for user in ensure_demo_users():
            self.stdout.write(f"演示用户 {user.username:14} 密码 {user.password:20} 角色 {user.role}")
