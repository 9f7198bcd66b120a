from tests.web.conftest import als  # noqa: F401
