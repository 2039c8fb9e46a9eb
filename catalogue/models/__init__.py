from .catalogue_items import CatalogueItem  # noqa: F401
from .lists import ListKind, ListRelease, MatterList, MatterListSelection  # noqa: F401
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
from .navigation import ServiceObject, Theme  # noqa: F401
from .organisations import DepartmentIndexPage, DepartmentPage, Region, Window  # noqa: F401
from .powers import PowerBasis, PowerEntry, PowerType, ResponsibilityItem, ResponsibilityStage  # noqa: F401
from .review_tasks import DepartmentReviewTask, DepartmentRole  # noqa: F401
from .unified import UnifiedElementSet  # noqa: F401
from .versions import MatterVersion  # noqa: F401
