from koers.organisaties import koppelingen


class ConfigConfig(koppelingen.KoersAppConfig):
    """The top of the layers: settings, URLs, the start-up checks of the production settings and
    the commands that read the list of configuration variables. Being an app lets these live
    here instead of in a core app that would have to import upwards."""

    name = "koers.config"
    verbose_name = "Configuratie"

    def ready(self):
        from koers.config import checks  # noqa: F401  (registers the system checks)
