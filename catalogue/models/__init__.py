from .organisations import DepartmentIndexPage, DepartmentPage, Region, Window  # noqa: F401
from .navigation import ServiceObject, Theme  # noqa: F401
from .catalogue_items import CatalogueItem  # noqa: F401
from .materials import SharedMaterial  # noqa: F401
from .matters import (  # noqa: F401
    MatterAlias,
    MatterCondition,
    MatterFAQ,
    MatterFee,
    MatterLegalBasis,
    MatterLocation,
    MatterMaterial,
    MatterPage,
    MatterResult,
    MatterSpecialStep,
    MatterStep,
)
from .notices import Notice, NoticeCounter, NoticeKind, NoticePrint  # noqa: F401
