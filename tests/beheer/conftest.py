import pytest


@pytest.fixture(autouse=True)
def snelle_wachtwoorden(settings):
    """Demo accounts get real password hashes; a fast hasher keeps these tests quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
