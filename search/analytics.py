"""What editors learn from the query log: the most frequent queries, those that found nothing and those whose
results nobody clicked — the candidates for a new synonym or best bet."""

from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from search.models import SearchQueryLog


def _recent(days: int):
    return SearchQueryLog.objects.filter(created_at__gte=timezone.now() - timedelta(days=days))


def top_queries(days: int = 30, limit: int = 50):
    return list(
        _recent(days)
        .values("query")
        .annotate(searches=Count("id"), clicks=Count("id", filter=~Q(clicked_code="")), zero=Count("id", filter=Q(results=0)))
        .order_by("-searches", "query")[:limit]
    )


def zero_result_queries(days: int = 30, limit: int = 50):
    return list(_recent(days).filter(results=0).values("query").annotate(searches=Count("id")).order_by("-searches", "query")[:limit])


def no_click_queries(days: int = 30, limit: int = 50):
    """Queries that found something but whose results were never clicked."""
    rows = (
        _recent(days)
        .filter(results__gt=0)
        .values("query")
        .annotate(searches=Count("id"), clicks=Count("id", filter=~Q(clicked_code="")))
        .filter(clicks=0)
        .order_by("-searches", "query")[:limit]
    )
    return list(rows)
