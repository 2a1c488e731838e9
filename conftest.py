"""Fixtures shared by every app's tests."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _chinese_by_default():
    """Tests run in the default language, as a user would meet the site."""
    with translation.override("zh-hans"):
        yield
