"""factory_boy factories: each builds what it needs, through Wagtail's own page and revision machinery."""

import factory
from django.contrib.auth import get_user_model

from catalogue.choices import Audience, HandlingType, MatterType, RegionLevel
from catalogue.models import (
    CatalogueItem,
    DepartmentIndexPage,
    DepartmentPage,
    MatterCondition,
    MatterMaterial,
    MatterPage,
    Region,
    ServiceObject,
    SharedMaterial,
    Theme,
    Window,
)
from catalogue.publishing import create_published_child
from cms.site_setup import ensure_site


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.gov.cn")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")


class SuperUserFactory(UserFactory):
    is_staff = True
    is_superuser = True


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["code"]

    code = "440000000000"
    name = "广东省"
    level = RegionLevel.PROVINCE


class DepartmentPageFactory(factory.django.DjangoModelFactory):
    """A published department page under the 部门 index."""

    class Meta:
        model = DepartmentPage

    title = factory.Sequence(lambda n: f"广东省测试厅{n}")
    org_code = factory.Sequence(lambda n: f"{100000000 + n}")
    slug = factory.LazyAttribute(lambda o: o.org_code)
    short_name = "粤测"
    region = factory.SubFactory(RegionFactory)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        _, index = ensure_site()
        index = DepartmentIndexPage.objects.get(pk=index.pk)
        return create_published_child(index, model_class(*args, **kwargs))


class CatalogueItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CatalogueItem
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"44010100{n:04d}")
    name = factory.Sequence(lambda n: f"测试目录事项{n}")
    level = "main"
    matter_type = MatterType.LICENSING


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ["slug"]

    name = "户籍办理"
    slug = factory.LazyAttribute(lambda o: f"theme-{abs(hash(o.name)) % 10**8}")
    audience = Audience.PERSON


class ServiceObjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceObject
        django_get_or_create = ["name"]

    name = "自然人"
    audience = Audience.PERSON


class SharedMaterialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SharedMaterial
        django_get_or_create = ["name"]

    name = "居民身份证"


class WindowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Window

    number = factory.Sequence(lambda n: f"{n + 1}")
    name = "综合受理窗口"
    category = "livelihood"
    hall = "市民服务中心一楼"


class MatterPageFactory(factory.django.DjangoModelFactory):
    """A published matter. Child rows: pass `conditions=[...]` and `materials=[...]` (names or dicts)."""

    class Meta:
        model = MatterPage

    title = factory.Sequence(lambda n: f"测试事项{n}")
    code = factory.Sequence(lambda n: f"11440000TEST{n:019d}")
    slug = factory.LazyAttribute(lambda o: o.code)
    matter_type = MatterType.LICENSING
    exercise_level = "province"
    handling_type = HandlingType.PROMISED
    legal_limit_value = 20
    promised_limit_value = 5
    charges = False
    consult_phone = "020-12345678"
    complaint_phone = "12345"

    @classmethod
    def _create(cls, model_class, *args, department=None, conditions=(), materials=(), publish=True, **kwargs):
        department = department or DepartmentPageFactory()
        page = model_class(*args, **kwargs)
        page.conditions = [MatterCondition(text=t, sort_order=i) for i, t in enumerate(conditions)]
        page.materials = [
            MatterMaterial(sort_order=i, **({"name": m} if isinstance(m, str) else m)) for i, m in enumerate(materials)
        ]
        if publish:
            return create_published_child(department, page)
        page.live = False  # Page.live defaults to True: a draft must not be served
        department.add_child(instance=page)
        page.save_revision()
        return page
