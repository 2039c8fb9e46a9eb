from django.apps import AppConfig


class PrintingConfig(AppConfig):
    """The printing service every printable thing uses: WeasyPrint with a CJK font, files read from disk,
    PDFs cached by (object, published version, variant, template version) and built in the background."""

    name = "cms.printing"
    label = "printing"
    verbose_name = "打印服务"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        from . import checks, signals  # noqa: F401

        # Each app's `printing` module registers its documents (catalogue.printing: handout, guide …).
        autodiscover_modules("printing")
