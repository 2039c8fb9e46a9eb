"""The embedded engine: nothing to install. SQLite FTS5 (or PostgreSQL full text when DATABASE_URL points
there) over jieba-segmented text, BM25 ranking with names and aliases weighted above the body, facets counted
in SQL with each facet's own filter left out of its counts."""

from dataclasses import dataclass

from django.db import connection, transaction

from search.documents import FACETS, KIND_MATTER, KIND_STANDARD, facet_label, wants_standards
from search.engines.base import MAX_PAGE, PAGE_SIZE, FacetValue, Hit, SearchEngine, SearchResults, clean_filters
from search.expansion import expand, highlight
from search.models import SearchDocument, SearchFacetValue
from search.text import index_pieces, index_text, pinyin_forms

# bm25 column weights: name, aliases, keywords (catalogue name, themes, pinyin, code), body
WEIGHTS = (10.0, 8.0, 3.0, 1.0)
FACET_SIZE = 30
# The first this many matches by BM25 are ranked again by how much of the query the name and aliases hold.
RERANK_DEPTH = 100
# Unless a query asks for standards (标准, 规程, GB/T …) or only standards are shown, the matters a citizen looks
# for come first and the standards after them: the standards' BM25 is damped before the best RERANK_DEPTH are
# picked (so they do not crowd matters out), and the final order puts every matter before every standard.
STANDARD_DAMPING = 0.01
# Facets of a very broad query (查询 over 100,000 matters) are counted over its best-ranked hits only.
FACET_SAMPLE = 5000
DOC = SearchDocument._meta.db_table
FACET = SearchFacetValue._meta.db_table


def fts_columns(doc: dict) -> tuple[str, str, str, str]:
    """The four indexed texts of a document, segmented (the same for SQLite and PostgreSQL)."""
    names = [doc["name"], *doc["aliases"]]
    pinyin = [form for name in names for form in pinyin_forms(name)]
    keywords = " ".join([index_pieces([doc["catalogue_name"], *doc["themes"], doc["type_label"]]), doc["code"].lower(), *pinyin])
    body = index_pieces(
        [*doc["conditions"], *doc["materials"], *doc["results"], *doc["faqs"], *doc.get("body", []), doc["department"], *doc["service_objects"]]
    )
    return index_text(doc["name"]), index_pieces([*doc["aliases"], doc["handling_item_name"]]), keywords, body


class _SQLite:
    table = "search_fts"

    @staticmethod
    def word(word: str) -> str:
        return f'"{word}"*' if word.isascii() and len(word) >= 3 else f'"{word}"'

    def expression(self, expanded, relaxed=False) -> str:
        if relaxed:
            words = expanded.words
            longer = [w for w in words if len(w) > 1]
            return " OR ".join(self.word(w) for w in (longer or words))
        parts = ["(" + " AND ".join(self.word(w) for w in variant) + ")" for variant in expanded.variants]
        if expanded.pinyin:
            parts.append(f'keywords : "{expanded.pinyin}"*')
        return " OR ".join(parts)

    def fill_hits(self, cursor, expression):
        cursor.execute("CREATE TEMP TABLE IF NOT EXISTS search_hits (id INTEGER PRIMARY KEY, rank REAL)")
        cursor.execute("DELETE FROM temp.search_hits")
        weights = ", ".join(str(w) for w in WEIGHTS)
        cursor.execute(
            f"INSERT INTO temp.search_hits SELECT rowid, -bm25({self.table}, {weights}) FROM {self.table} WHERE {self.table} MATCH %s",
            [expression],
        )

    def insert(self, cursor, rows):
        cursor.executemany(f"INSERT INTO {self.table} (rowid, name, aliases, keywords, body) VALUES (%s, %s, %s, %s, %s)", rows)

    def delete(self, cursor, ids):
        cursor.executemany(f"DELETE FROM {self.table} WHERE rowid = %s", [(i,) for i in ids])

    def clear(self, cursor):
        cursor.execute(f"DELETE FROM {self.table}")

    def suggest_expression(self, words, pinyin):
        if pinyin:
            return f'keywords : "{pinyin}"*'
        return "{name aliases} : (" + " AND ".join(f'"{w}"' for w in words[:-1]) + (" AND " if len(words) > 1 else "") + f'"{words[-1]}"*)'


class _PostgreSQL:
    table = "search_pg"

    @staticmethod
    def word(word: str) -> str:
        return f"'{word}':*" if word.isascii() and len(word) >= 3 else f"'{word}'"

    def expression(self, expanded, relaxed=False) -> str:
        if relaxed:
            longer = [w for w in expanded.words if len(w) > 1]
            return " | ".join(self.word(w) for w in (longer or expanded.words))
        parts = ["(" + " & ".join(self.word(w) for w in variant) + ")" for variant in expanded.variants]
        if expanded.pinyin:
            parts.append(f"'{expanded.pinyin}':*C")
        return " | ".join(parts)

    def fill_hits(self, cursor, expression):
        cursor.execute("CREATE TEMP TABLE IF NOT EXISTS search_hits (id bigint PRIMARY KEY, rank real)")
        cursor.execute("DELETE FROM search_hits")
        cursor.execute(
            f"INSERT INTO search_hits SELECT rowid, ts_rank(tsv, q, 1) * 10 FROM {self.table}, to_tsquery('simple', %s) q WHERE tsv @@ q",
            [expression],
        )

    def insert(self, cursor, rows):
        cursor.executemany(
            f"INSERT INTO {self.table} (rowid, tsv) VALUES (%s, setweight(to_tsvector('simple', %s), 'A') || "
            "setweight(to_tsvector('simple', %s), 'B') || setweight(to_tsvector('simple', %s), 'C') || "
            "setweight(to_tsvector('simple', %s), 'D'))",
            rows,
        )

    def delete(self, cursor, ids):
        cursor.execute(f"DELETE FROM {self.table} WHERE rowid = ANY(%s)", [list(ids)])

    def clear(self, cursor):
        cursor.execute(f"DELETE FROM {self.table}")

    def suggest_expression(self, words, pinyin):
        if pinyin:
            return f"'{pinyin}':*C"
        return " & ".join(f"'{w}':AB" for w in words[:-1]) + (" & " if len(words) > 1 else "") + f"'{words[-1]}':*AB"


@dataclass
class Candidate:
    code: str
    page_id: int
    name: str
    url: str
    department: str
    region: str
    matter_type: str
    type_label: str
    summary: str
    aliases: str
    rank: float
    popularity: int
    kind: str = KIND_MATTER
    score: float | None = None


def name_coverage(title: str, expanded) -> float:
    """How much of the query the name and aliases hold: the best variant's share of characters found, plus a
    bonus when its words stand together as a phrase. The citizen's own words count more than a synonym, an
    editor's first official term more than a later one."""
    best = 0.0
    for i, variant in enumerate(expanded.variants):
        total = sum(len(w) for w in variant)
        if not total:
            continue
        share = sum(len(w) for w in variant if w in title) / total
        if "".join(variant) in title:
            share += 0.2
        best = max(best, share * (1.0 if i == 0 else max(0.5, 0.92 - 0.04 * (i - 1))))
    if expanded.pinyin and any(form.startswith(expanded.pinyin) for form in pinyin_forms(title.split(" ")[0])):
        best = max(best, 1.0)
    return best


def demote_standards(expanded, filters: dict) -> bool:
    """Standards come after matters unless the query asks for them or only standards are shown."""
    return not wants_standards(expanded.text) and filters.get("kind") != [KIND_STANDARD]


def rank_candidates(rows: list[Candidate], expanded, pinned: list[int], demote: bool = False) -> list[Candidate]:
    """Best bets first, then: whole query in the name, share of the query in name and aliases, BM25, clicks;
    with `demote`, the matters before the standards."""
    top = max((float(r.rank) for r in rows), default=1.0) or 1.0
    query = expanded.text.replace(" ", "")
    for row in rows:
        title = f"{row.name} {row.aliases}".lower()
        coverage = name_coverage(title, expanded)
        exact = 16.0 if row.name.lower() == query else 6.0 if query in row.name.lower() else 0.0
        brevity = min(len(query) / max(len(row.name), 1), 1.0)  # 导游证查询 before a long name that mentions 导游证
        row.score = 20.0 * coverage + exact + 2.0 * brevity * coverage + 2.0 * float(row.rank) / top + min(row.popularity, 100) / 100.0
    order = {pid: i for i, pid in enumerate(pinned)}

    def key(r):
        pin = order.get(r.page_id, len(order)) if r.kind == KIND_MATTER else len(order)
        return pin, demote and r.kind == KIND_STANDARD, -r.score, r.name

    return sorted(rows, key=key)


def dialect():
    return _PostgreSQL() if connection.vendor == "postgresql" else _SQLite()


class EmbeddedEngine(SearchEngine):
    name = "embedded"

    # —— writing ——
    def index(self, documents: list[dict]) -> None:
        if not documents:
            return
        sql = dialect()
        codes = [d["code"] for d in documents]
        with transaction.atomic(), connection.cursor() as cursor:
            old = dict(SearchDocument.objects.filter(code__in=codes).values_list("code", "popularity"))
            self._delete_codes(cursor, sql, codes)
            rows = SearchDocument.objects.bulk_create(
                SearchDocument(
                    kind=d.get("kind", KIND_MATTER),
                    code=d["code"],
                    page_id=d["page_id"],
                    name=d["name"][:500],
                    url=d["url"],
                    department=d["department"][:255],
                    region=d["region"][:255],
                    matter_type=d["matter_type"],
                    type_label=d["type_label"],
                    aliases="；".join(d["aliases"]),
                    summary=d["summary"],
                    popularity=old.get(d["code"], 0),
                )
                for d in documents
            )
            ids = {row.code: row.pk for row in rows}
            if None in ids.values():  # a database that does not return ids from bulk inserts
                ids = dict(SearchDocument.objects.filter(code__in=codes).values_list("code", "pk"))
            sql.insert(cursor, [(ids[d["code"]], *fts_columns(d)) for d in documents])
            SearchFacetValue.objects.bulk_create(
                SearchFacetValue(document_id=ids[d["code"]], facet=facet, value=value[:255])
                for d in documents
                for facet, values in d["facets"].items()
                for value in values
            )

    def _delete_codes(self, cursor, sql, codes):
        ids = list(SearchDocument.objects.filter(code__in=codes).values_list("pk", flat=True))
        if ids:
            sql.delete(cursor, ids)
            SearchFacetValue.objects.filter(document_id__in=ids).delete()
            SearchDocument.objects.filter(pk__in=ids).delete()

    def delete(self, codes: list[str]) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            self._delete_codes(cursor, dialect(), list(codes))

    def delete_pages(self, page_ids: list[int]) -> None:
        self.delete(list(SearchDocument.objects.filter(page_id__in=page_ids).values_list("code", flat=True)))

    def clear(self) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            dialect().clear(cursor)
            SearchFacetValue.objects.all().delete()
            SearchDocument.objects.all().delete()

    def count(self) -> int:
        return SearchDocument.objects.count()

    def codes(self) -> set[str]:
        return set(SearchDocument.objects.values_list("code", flat=True))

    # —— reading ——
    def search(self, query: str, filters: dict | None = None, page: int = 1, page_size: int = PAGE_SIZE) -> SearchResults:
        expanded = expand(query)
        filters = clean_filters(filters)
        page = max(1, min(int(page or 1), MAX_PAGE))
        results = SearchResults(query=expanded.text, page=page, page_size=page_size, engine=self.name, synonyms=expanded.synonyms)
        if expanded.empty or not (expanded.variants or expanded.pinyin):
            return results
        sql = dialect()
        demote = demote_standards(expanded, filters)
        # no transaction: the hits go to a per-connection temporary table, the main database is only read
        with connection.cursor() as cursor:
            sql.fill_hits(cursor, sql.expression(expanded))
            if demote:
                self._damp_standards(cursor)
            self._add_best_bets(cursor, expanded)
            results.count = self._count(cursor, filters)
            if results.count == 0 and expanded.corrected:
                results.suggestion = expanded.corrected
            if results.count == 0 and len(expanded.words) > 1:
                sql.fill_hits(cursor, sql.expression(expanded, relaxed=True))
                if demote:
                    self._damp_standards(cursor)
                results.count = self._count(cursor, filters)
                results.relaxed = results.count > 0
            if results.count:
                results.hits = self._hits(cursor, filters, expanded, page, page_size, demote)
            results.facets = self._facets(cursor, filters)
        if not results.suggestion and expanded.corrected and expanded.corrected != expanded.text:
            results.suggestion = expanded.corrected
        return results

    @staticmethod
    def _damp_standards(cursor):
        cursor.execute(
            f"UPDATE search_hits SET rank = rank * {STANDARD_DAMPING} WHERE id IN (SELECT id FROM {DOC} WHERE kind = %s)", [KIND_STANDARD]
        )

    @staticmethod
    def _add_best_bets(cursor, expanded):
        """A pinned matter is a result even when the query's words are not in it."""
        pinned = [int(p) for p in expanded.best_bets]
        if pinned:
            marks = ", ".join(["%s"] * len(pinned))
            cursor.execute(
                f"INSERT INTO search_hits (id, rank) SELECT id, 0 FROM {DOC} WHERE kind = %s AND page_id IN ({marks}) "
                "AND id NOT IN (SELECT id FROM search_hits)",
                [KIND_MATTER, *pinned],
            )

    @staticmethod
    def _where(filters, skip=None):
        clauses, params = [], []
        for facet, values in filters.items():
            if facet == skip:
                continue
            marks = ", ".join(["%s"] * len(values))
            clauses.append(f"h.id IN (SELECT document_id FROM {FACET} WHERE facet = %s AND value IN ({marks}))")
            params += [facet, *values]
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def _count(self, cursor, filters):
        where, params = self._where(filters)
        cursor.execute(f"SELECT COUNT(*) FROM search_hits h{where}", params)
        return cursor.fetchone()[0]

    def _hits(self, cursor, filters, expanded, page, page_size, demote=False):
        where, params = self._where(filters)
        offset = (page - 1) * page_size
        rerank = offset + page_size <= RERANK_DEPTH
        cursor.execute(
            f"SELECT d.code, d.page_id, d.name, d.url, d.department, d.region, d.matter_type, d.type_label, d.summary, d.aliases, "
            f"h.rank, d.popularity, d.kind FROM (SELECT h.id, h.rank FROM search_hits h{where} ORDER BY h.rank DESC, h.id LIMIT %s OFFSET %s) h "
            f"JOIN {DOC} d ON d.id = h.id ORDER BY h.rank DESC, d.name",
            [*params, RERANK_DEPTH if rerank else page_size, 0 if rerank else offset],
        )
        rows = [Candidate(*row) for row in cursor.fetchall()]
        pinned = [int(p) for p in expanded.best_bets]
        if rerank:
            rows = rank_candidates(rows, expanded, pinned, demote)[offset : offset + page_size]
        words = expanded.words + ([expanded.text] if expanded.text not in expanded.words else [])
        return [
            Hit(
                kind=row.kind,
                code=row.code,
                page_id=row.page_id,
                name=row.name,
                url=row.url,
                department=row.department,
                region=row.region,
                matter_type=row.matter_type,
                type_label=row.type_label,
                score=round(row.score if row.score is not None else float(row.rank), 4),
                highlight=highlight(row.name, words),
                snippet=highlight(row.summary, words, limit=120),
                best_bet=row.kind == KIND_MATTER and row.page_id in pinned,
            )
            for row in rows
        ]

    def _facets(self, cursor, filters):
        """Counts per facet value over the hits. The facets without a choice are counted together in one pass
        (filtered by all choices); a facet with a choice is counted without its own filter. Runs last: for a
        query with more than FACET_SAMPLE hits it keeps only the best-ranked ones (the total count is exact)."""
        counts = {facet: [] for facet in FACETS}
        cursor.execute("SELECT COUNT(*) FROM search_hits")
        hits = "search_hits"
        if cursor.fetchone()[0] > FACET_SAMPLE:
            hits = f"(SELECT id, rank FROM search_hits ORDER BY rank DESC LIMIT {FACET_SAMPLE})"
        where, params = self._where(filters)
        # CROSS JOIN: SQLite walks the hits and looks up their facet values, not the other way round
        join = "CROSS JOIN" if connection.vendor == "sqlite" else "JOIN"
        cursor.execute(
            f"SELECT v.facet, v.value, COUNT(*) FROM {hits} h {join} {FACET} v ON v.document_id = h.id{where} "
            f"GROUP BY v.facet, v.value",
            params,
        )
        for facet, value, count in cursor.fetchall():
            if facet not in filters and facet in counts:
                counts[facet].append((value, count))
        for facet in filters:
            where, params = self._where(filters, skip=facet)
            join_where = f"{where} AND" if where else " WHERE"
            cursor.execute(
                f"SELECT v.value, COUNT(*) FROM {hits} h {join} {FACET} v ON v.document_id = h.id"
                f"{join_where} v.facet = %s GROUP BY v.value",
                [*params, facet],
            )
            counts[facet] = cursor.fetchall()
        facets = {}
        for facet in FACETS:
            selected = set(filters.get(facet, []))
            top = sorted(counts[facet], key=lambda vc: (-vc[1], vc[0]))[:FACET_SIZE]
            facets[facet] = [FacetValue(value, facet_label(facet, value), count, value in selected) for value, count in top]
        return facets

    def suggest(self, prefix: str, limit: int = 8) -> list[dict]:
        expanded = expand(prefix)
        words = expanded.variants[0] if expanded.variants else []
        if not (words or expanded.pinyin):
            return []
        sql = dialect()
        with connection.cursor() as cursor:
            sql.fill_hits(cursor, sql.suggest_expression(words, expanded.pinyin))
            cursor.execute(
                f"SELECT d.code, d.name, d.url, d.department, d.kind FROM search_hits h JOIN {DOC} d ON d.id = h.id "
                f"ORDER BY CASE WHEN d.name LIKE %s THEN 0 ELSE 1 END, CASE WHEN d.kind = %s THEN 0 ELSE 1 END, h.rank DESC, "
                f"length(d.name) LIMIT %s",
                [f"{expanded.text}%", KIND_MATTER, limit],
            )
            return [{"code": c, "name": n, "url": u, "department": d, "kind": k} for c, n, u, d, k in cursor.fetchall()]
