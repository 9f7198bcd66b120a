from django.core.checks import register

from koers.organisaties import koppelingen


class OrganisatiesConfig(koppelingen.KoersAppConfig):
    name = "koers.organisaties"
    verbose_name = "Organisaties en gebruikers"

    def ready(self):
        from koers.config import checks  # noqa: F401  (registers the system checks)

        register(koppelingen.check_koers_apps)
