"""Fixtures shared with the API and web tests: ``api(user)`` and ``als(user)``."""

from tests.api.conftest import api  # noqa: F401
from tests.web.conftest import als  # noqa: F401
