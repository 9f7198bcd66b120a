from koers.organisaties import koppelingen


class TakenConfig(koppelingen.KoersAppConfig):
    name = "koers.taken"
    verbose_name = "Periodieke taken"
