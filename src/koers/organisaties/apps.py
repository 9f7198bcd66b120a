import sqlite3

from django.core.checks import register
from django.db.backends.signals import connection_created

from koers.organisaties import koppelingen


def _sqlite_variabelen(sender, connection, **kwargs):
    """SQLite's own limit on bound variables (SQLITE_LIMIT_VARIABLE_NUMBER: 32766 since
    SQLite 3.32) instead of Django's assumption of 999, so a list page logs all its rows in one
    INSERT, as on PostgreSQL, and the number of queries does not grow with the page size."""
    if connection.vendor == "sqlite":
        connection.features.max_query_params = connection.connection.getlimit(
            sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER
        )


class OrganisatiesConfig(koppelingen.KoersAppConfig):
    name = "koers.organisaties"
    verbose_name = "Organisaties en gebruikers"

    def ready(self):
        register(koppelingen.check_koers_apps)
        connection_created.connect(_sqlite_variabelen, dispatch_uid="sqlite_variabelen")
