import pytest

from cms.site_setup import ensure_site


@pytest.fixture
def site_pages(db):
    """The home page and the 部门 index page every test site has."""
    return ensure_site()


@pytest.fixture
def home_page(site_pages):
    return site_pages[0]
