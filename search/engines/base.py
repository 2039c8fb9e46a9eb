"""The one interface both engines implement, and the result objects the page and the API render."""

import math
from abc import ABC, abstractmethod
from dataclasses import dataclass, field

PAGE_SIZE = 10
MAX_PAGE = 100


@dataclass
class Hit:
    code: str
    page_id: int
    name: str
    url: str
    department: str
    region: str
    matter_type: str
    type_label: str
    score: float
    highlight: str = ""  # the name, HTML-escaped, query words in <mark>
    snippet: str = ""  # a piece of the conditions or materials, HTML-escaped, marked
    best_bet: bool = False
    kind: str = "matter"  # "standard" for a 服务标准


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class SearchResults:
    query: str
    count: int = 0
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    suggestion: str = ""
    page: int = 1
    page_size: int = PAGE_SIZE
    engine: str = ""
    relaxed: bool = False  # no matter had every word: these match some of them
    synonyms: list[str] = field(default_factory=list)

    @property
    def num_pages(self) -> int:
        return max(1, min(MAX_PAGE, math.ceil(self.count / self.page_size)))

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def clean_filters(filters: dict | None) -> dict[str, list[str]]:
    """Known facets only, each a list of non-empty strings (at most 20 values of 100 characters)."""
    from search.documents import FACETS

    cleaned = {}
    for facet, values in (filters or {}).items():
        if facet not in FACETS:
            continue
        if isinstance(values, str):
            values = [values]
        values = [str(v).replace("\x00", "")[:100] for v in values if v and str(v).strip()][:20]
        if values:
            cleaned[facet] = values
    return cleaned


class SearchEngine(ABC):
    """What every engine does; the embedded and the Elasticsearch engines implement all of it."""

    name = "base"

    @abstractmethod
    def index(self, documents: list[dict]) -> None:
        """Add or replace these documents (built by search.documents)."""

    @abstractmethod
    def delete(self, codes: list[str]) -> None:
        """Remove the documents with these keys."""

    @abstractmethod
    def search(self, query: str, filters: dict | None = None, page: int = 1, page_size: int = PAGE_SIZE) -> SearchResults:
        """One page of ranked results with facets and a spelling suggestion."""

    @abstractmethod
    def suggest(self, prefix: str, limit: int = 8) -> list[dict]:
        """Completions for what has been typed so far."""

    @abstractmethod
    def clear(self) -> None:
        """Empty the index."""

    @abstractmethod
    def count(self) -> int:
        """Number of indexed documents."""

    @abstractmethod
    def codes(self) -> set[str]:
        """Keys of all indexed documents (for search_check)."""

    def rebuild(self, progress=None) -> int:
        """Index every published matter and standard again from the database; returns the number of documents."""
        from search.documents import all_batches, published_count

        total = published_count()
        done = 0
        self.clear()
        for batch in all_batches():
            self.index(batch)
            done += len(batch)
            if progress:
                progress(done, total)
        return done
