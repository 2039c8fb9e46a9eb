from django.db import migrations, models


def mark_matters(apps, schema_editor):
    """Documents indexed before standards were searchable are matters: give them the `kind` facet value."""
    SearchDocument = apps.get_model("search", "SearchDocument")
    SearchFacetValue = apps.get_model("search", "SearchFacetValue")
    have = set(SearchFacetValue.objects.filter(facet="kind").values_list("document_id", flat=True))
    SearchFacetValue.objects.bulk_create(
        [SearchFacetValue(document_id=pk, facet="kind", value="matter") for pk in SearchDocument.objects.values_list("pk", flat=True) if pk not in have],
        batch_size=1000,
    )


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="kind",
            field=models.CharField("类型", max_length=10, default="matter", db_index=True, help_text="matter 办事指南，standard 服务标准。"),
        ),
        migrations.RunPython(mark_matters, migrations.RunPython.noop),
    ]
