from django.core.checks import register

from koers.organisaties import koppelingen


class OrganisatiesConfig(koppelingen.KoersAppConfig):
    name = "koers.organisaties"
    verbose_name = "Organisaties en gebruikers"

    def ready(self):
        register(koppelingen.check_koers_apps)
