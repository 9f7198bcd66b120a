from koers.organisaties import koppelingen


class ApiConfig(koppelingen.KoersAppConfig):
    name = "koers.api"
    verbose_name = "API"
