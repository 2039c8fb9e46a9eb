"""From what a citizen typed to what the engines look for: synonyms (口语词 → 官方用语), typo corrections,
pinyin and best bets. Both engines call `expand`, so they apply the editors' tables identically."""

import re
import threading
import time
from dataclasses import dataclass, field

from django.db.models import Count, Max
from django.utils.html import escape

from search.text import is_pinyin_query, normalise_query, query_words, typo_corrections


@dataclass
class ExpandedQuery:
    text: str
    variants: list[list[str]] = field(default_factory=list)  # AND inside a variant, OR between variants
    pinyin: str = ""
    best_bets: list[str] = field(default_factory=list)  # page ids pinned first
    corrected: str = ""  # a typo-corrected query to suggest
    synonyms: list[str] = field(default_factory=list)  # the official terms the query was expanded with

    @property
    def empty(self) -> bool:
        return not self.text

    @property
    def words(self) -> list[str]:
        seen = []
        for variant in self.variants:
            for word in variant:
                if word not in seen:
                    seen.append(word)
        return seen


class _TableCache:
    """A small editor-managed table, re-read when a row is added, changed or deleted."""

    # Another process's change is seen within this many seconds; this process's own at once (see `touch`).
    CHECK_EVERY = 2.0

    def __init__(self, loader, model_name):
        self.loader, self.model_name, self.stamp, self.value = loader, model_name, None, None
        self.checked = 0.0
        self.lock = threading.Lock()

    def touch(self, **kwargs):
        self.checked = 0.0

    def get(self):
        from django.apps import apps

        now = time.monotonic()
        if self.value is not None and now - self.checked < self.CHECK_EVERY:
            return self.value
        model = apps.get_model("search", self.model_name)
        stamp = tuple(model.objects.aggregate(n=Count("id"), t=Max("updated_at")).values())
        with self.lock:
            if stamp != self.stamp or self.value is None:
                self.value, self.stamp = self.loader(model), stamp
            self.checked = now
        return self.value


def _load_synonyms(model):
    table = {}
    for synonym in model.objects.all():
        term = normalise_query(synonym.term)
        if term:
            table[term] = [normalise_query(t) for t in synonym.official_terms if normalise_query(t)]
    return sorted(table.items(), key=lambda kv: -len(kv[0]))


def _load_best_bets(model):
    table = {}
    for query, page_id in model.objects.order_by("sort_order", "pk").values_list("query", "matter_id"):
        table.setdefault(normalise_query(query), []).append(page_id)
    return table


_synonyms = _TableCache(_load_synonyms, "Synonym")
_best_bets = _TableCache(_load_best_bets, "BestBet")


def tables_changed(sender, **kwargs):
    """Signal receiver (search.signals): an editor changed a synonym or a best bet."""
    _synonyms.touch()
    _best_bets.touch()


def _apply_synonyms(text: str) -> list[tuple[str, str]]:
    """(expanded text, official term) for each synonym whose colloquial term occurs in the text; the rest of the
    query stays when it has words of its own (房产公证 → 不动产 公证)."""
    expanded = []
    matched = sorted(((t, o) for t, o in _synonyms.get() if t in text), key=lambda to: (-len(to[0]), text.index(to[0])))
    for term, officials in matched:
        rest = text.replace(term, " ").strip()
        if not any(len(w) > 1 for w in query_words(rest)):
            rest = ""  # 身份证丢了, 考律师证: what is left (丢, 证) only restates the term
        for official in officials:
            expanded.append((f"{official} {rest}".strip(), official))
    return expanded


def expand(raw_query: str) -> ExpandedQuery:
    text = normalise_query(raw_query)
    expanded = ExpandedQuery(text=text)
    if not text:
        return expanded
    texts = [text]
    corrected = typo_corrections(text)
    if corrected:
        expanded.corrected = corrected
        texts.append(corrected)
    for source in list(texts):
        for variant_text, official in _apply_synonyms(source):
            texts.append(variant_text)
            if official not in expanded.synonyms:
                expanded.synonyms.append(official)
    for variant_text in texts:
        words = query_words(variant_text)
        if words and words not in expanded.variants:
            expanded.variants.append(words)
    if is_pinyin_query(text):
        expanded.pinyin = text.replace(" ", "")
    expanded.best_bets = list(_best_bets.get().get(text, []))
    return expanded


def highlight(text: str, words: list[str], limit: int | None = None) -> str:
    """HTML-escaped text with the query words marked (<mark>); cut around the first mark when `limit` is given."""
    text = text or ""
    words = sorted({w for w in words if w and not w.isascii()} | {w for w in words if w.isascii() and len(w) > 1}, key=len, reverse=True)
    if limit and len(text) > limit:
        start = 0
        if words:
            found = re.search("|".join(re.escape(w) for w in words), text, flags=re.IGNORECASE)
            if found:
                start = max(0, found.start() - limit // 4)
        text = ("…" if start else "") + text[start : start + limit] + ("…" if start + limit < len(text) else "")
    if not words:
        return str(escape(text))
    pattern = re.compile("|".join(re.escape(w) for w in words), flags=re.IGNORECASE)
    out, pos = [], 0
    for match in pattern.finditer(text):
        out.append(str(escape(text[pos : match.start()])))
        out.append(f"<mark>{escape(match.group())}</mark>")
        pos = match.end()
    out.append(str(escape(text[pos:])))
    return "".join(out)
