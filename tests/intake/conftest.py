"""Fixtures of the intake tests: the browser and API clients."""

from tests.api.conftest import api  # noqa: F401
from tests.web.conftest import als  # noqa: F401
