from django.apps import AppConfig


class OrganisatiesConfig(AppConfig):
    name = "koers.organisaties"
    verbose_name = "Organisaties en gebruikers"

    def ready(self):
        from koers.config import checks  # noqa: F401  (registers the system checks)
