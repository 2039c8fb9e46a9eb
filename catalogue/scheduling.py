"""Scheduled publishing (生效日期) run by the site itself.

Wagtail publishes a revision whose go-live time has come (and unpublishes an expired page) when
`manage.py publish_scheduled` runs. Production runs it from cron:

    */10 * * * * cd /srv/zwfw && .venv/bin/python manage.py publish_scheduled

Without cron, the site runs it itself: after a request has been answered, at most once per
`SCHEDULED_PUBLISHING_INTERVAL` seconds (default 60; 0 turns it off) and only when something is due.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

logger = logging.getLogger(__name__)
THROTTLE_KEY = "catalogue:scheduled-publishing-checked"


def something_is_due(now=None) -> bool:
    from wagtail.models import Page, Revision

    now = now or timezone.now()
    from standards.lifecycle import anything_due as standard_status_due

    if Revision.objects.filter(approved_go_live_at__lt=now).exists():
        return True
    if Page.objects.filter(live=True, expire_at__lt=now).exists():
        return True
    # publish_scheduled (the standards app's) also moves standards from 即将实施 to 现行 and abolishes old editions.
    return standard_status_due(timezone.localdate(now))


def publish_due(now=None) -> bool:
    if not something_is_due(now):
        return False
    call_command("publish_scheduled", stdout=_Discard())
    return True


def on_request_finished(sender, **kwargs):
    interval = getattr(settings, "SCHEDULED_PUBLISHING_INTERVAL", 60)
    if not interval or not cache.add(THROTTLE_KEY, True, timeout=interval):
        return
    try:
        publish_due()
    except Exception:  # noqa: BLE001 — a failed run must not break the site; cron or the next request retries
        logger.exception("scheduled publishing failed")


class _Discard:
    def write(self, *args, **kwargs):
        pass

    def flush(self):
        pass
