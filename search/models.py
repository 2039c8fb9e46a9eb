"""What the search keeps: the indexed documents of the embedded engine, the editors' synonyms and best bets,
and the query log the analytics report reads."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class SearchDocument(models.Model):
    """One published matter or standard as the embedded engine indexes it (search.documents.build_document,
    standards.documents.standard_document); `kind` tells them apart.

    The full-text index itself is the FTS5 table `search_fts` (SQLite) or `search_pg` (PostgreSQL) whose rowid
    is this row's id; facet values live in SearchFacetValue so facets are counted in SQL."""

    kind = models.CharField("类型", max_length=10, default="matter", db_index=True, help_text="matter 办事指南，standard 服务标准。")
    code = models.CharField("实施编码", max_length=36, unique=True)
    page_id = models.IntegerField("页面", db_index=True)
    name = models.CharField("事项名称", max_length=500)
    url = models.CharField("地址", max_length=500, blank=True)
    department = models.CharField("实施主体", max_length=255, blank=True)
    region = models.CharField("区划", max_length=255, blank=True)
    matter_type = models.CharField("事项类型", max_length=2, blank=True)
    type_label = models.CharField("事项类型名称", max_length=20, blank=True)
    aliases = models.TextField("别名", blank=True)
    summary = models.TextField("摘要", blank=True, help_text="结果摘要所用的原文（受理条件、材料）。")
    popularity = models.PositiveIntegerField("点击数", default=0)
    indexed_at = models.DateTimeField("索引时间", auto_now=True)

    class Meta:
        verbose_name = "搜索文档"
        verbose_name_plural = "搜索文档"

    def __str__(self):
        return f"{self.name}（{self.code}）"


class SearchFacetValue(models.Model):
    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="facet_values")
    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=255)

    class Meta:
        indexes = [models.Index(fields=["facet", "value"]), models.Index(fields=["document", "facet"])]


class Synonym(index.Indexed, models.Model):
    """口语词 → 官方用语: both engines search the official words too when a query contains the colloquial one."""

    term = models.CharField("口语词", max_length=100, unique=True, help_text="群众的说法，如“开公司”“出生纸”。")
    official = models.CharField(
        "官方用语", max_length=255, help_text="事项名称中的说法，如“企业设立登记”；多个用“/”或“，”分隔。"
    )
    note = models.CharField("备注", max_length=255, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    panels = [FieldPanel("term"), FieldPanel("official"), FieldPanel("note")]
    search_fields = [index.SearchField("term"), index.SearchField("official"), index.AutocompleteField("term")]

    class Meta:
        verbose_name = "同义词"
        verbose_name_plural = "同义词"
        ordering = ["term"]

    def __str__(self):
        return f"{self.term} → {self.official}"

    @property
    def official_terms(self) -> list[str]:
        import re

        return [t.strip() for t in re.split(r"[/／,，、;；|]", self.official) if t.strip()]


class BestBet(index.Indexed, models.Model):
    """推荐结果: a query pinned to a matter, shown first."""

    query = models.CharField("搜索词", max_length=100, help_text="完全相同（繁简、大小写不计）的搜索显示此事项于首位。")
    matter = models.ForeignKey("catalogue.MatterPage", verbose_name="事项", on_delete=models.CASCADE, related_name="+")
    sort_order = models.PositiveSmallIntegerField("顺序", default=0)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    panels = [FieldPanel("query"), FieldPanel("matter"), FieldPanel("sort_order")]
    search_fields = [index.SearchField("query"), index.AutocompleteField("query")]

    class Meta:
        verbose_name = "推荐结果"
        verbose_name_plural = "推荐结果"
        ordering = ["query", "sort_order"]
        constraints = [models.UniqueConstraint(fields=["query", "matter"], name="unique_best_bet")]

    def __str__(self):
        return f"{self.query} → {self.matter}"


class SearchQueryLog(models.Model):
    query = models.CharField("搜索词", max_length=100, db_index=True)
    results = models.PositiveIntegerField("结果数")
    engine = models.CharField("引擎", max_length=20, blank=True)
    clicked_code = models.CharField("点击的事项", max_length=36, blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "搜索记录"
        verbose_name_plural = "搜索记录"
        ordering = ["-created_at"]

    def __str__(self):
        return self.query
