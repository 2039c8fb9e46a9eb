"""Printing in the admin: a menu link to the counter notices (the booklets have their own viewset in cms.printing)."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem


@hooks.register("register_admin_menu_item")
def register_notices_menu_item():
    return MenuItem("窗口文书", reverse("notice_list"), icon_name="doc-full-inverse", order=410)
