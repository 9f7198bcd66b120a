from koers.organisaties import koppelingen


class HandhavingConfig(koppelingen.KoersAppConfig):
    name = "koers.handhaving"
    verbose_name = "Handhaving"
    casus = True
    urls = True
    api_urls = True
    demo = True
    signalen = True
    anonimiseren = True
