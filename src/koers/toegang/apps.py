from koers.organisaties import koppelingen


class ToegangConfig(koppelingen.KoersAppConfig):
    name = "koers.toegang"
    verbose_name = "Toegang"
