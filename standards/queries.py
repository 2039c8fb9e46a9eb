"""Finding standards: the catalogue filters shared by the public page and the API."""

from django.db.models import Q

from standards.choices import STATUS_BY_LABEL, StandardStatus
from standards.models import Standard, StandardCategory
from standards.numbers import normalise

MAX_QUERY_LENGTH = 100


class FilterError(ValueError):
    pass


def lookup(key: str) -> Standard | None:
    """A published standard by its number as written (GB/T 24421.2-2023, slashes and spaces allowed) or by its URL
    form (GB-T-24421.2-2023)."""
    key = (key or "").strip().strip("/")
    if not key or len(key) > 80:
        return None
    queryset = Standard.objects.filter(live=True).select_related("category")
    return queryset.filter(Q(slug=key) | Q(number=normalise(key))).first() or queryset.filter(slug__iexact=key.replace(" ", "-")).first()


def filter_standards(params, queryset=None):
    """(queryset, applied filters). Unknown values raise FilterError with a message for the reader."""
    queryset = queryset if queryset is not None else Standard.objects.public()
    applied = {}
    category = (params.get("category") or "").strip()
    if category:
        node = StandardCategory.objects.filter(code=category).first()
        if node is None:
            raise FilterError(f"没有体系类别“{category}”。")
        queryset = queryset.filter(category_id__in=node.descendant_ids())
        applied["category"] = node
    status = (params.get("status") or "").strip()
    if status:
        value = STATUS_BY_LABEL.get(status, status)
        if value not in StandardStatus.values:
            raise FilterError(f"状态“{status}”应为 草案、即将实施、现行 或 废止。")
        queryset = queryset.filter(status=value)
        applied["status"] = StandardStatus(value)
    level = (params.get("level") or "").strip()
    if level:
        queryset = queryset.filter(Q(levels__code=level) | Q(levels__name=level))
        applied["level"] = level
    prefix = normalise(params.get("prefix") or "")
    if prefix:
        queryset = queryset.filter(prefix=prefix)
        applied["prefix"] = prefix
    matter = (params.get("matter") or "").strip()
    if matter:
        queryset = queryset.filter(matters__code=matter)
        applied["matter"] = matter
    query = (params.get("q") or "").strip()
    if query:
        if len(query) > MAX_QUERY_LENGTH:
            raise FilterError(f"搜索词太长（{len(query)} 字），请不超过 {MAX_QUERY_LENGTH} 字。")
        words = query.split()
        for word in words:
            number_word = normalise(word)
            queryset = queryset.filter(
                Q(number__icontains=number_word) | Q(title__icontains=word) | Q(title_en__icontains=word) | Q(scope__icontains=word)
            )
        applied["q"] = query
    return queryset.distinct().order_by("sort_key"), applied
