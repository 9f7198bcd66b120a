import pytest

from tests.api.conftest import api  # noqa: F401
from tests.factories import GebruikerFactory
from tests.web.conftest import als  # noqa: F401


@pytest.fixture
def privacy(weert):
    return GebruikerFactory(username="petra", organisatie=weert.organisatie, rollen=["privacy"])
