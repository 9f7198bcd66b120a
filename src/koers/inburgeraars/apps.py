from koers.organisaties import koppelingen


class InburgeraarsConfig(koppelingen.KoersAppConfig):
    name = "koers.inburgeraars"
    verbose_name = "Inburgeraars en trajecten"
