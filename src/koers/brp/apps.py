from koers.organisaties import koppelingen


class BrpConfig(koppelingen.KoersAppConfig):
    name = "koers.brp"
    verbose_name = "BRP-keten"
