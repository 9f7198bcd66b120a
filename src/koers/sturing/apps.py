from koers.organisaties import koppelingen


class SturingConfig(koppelingen.KoersAppConfig):
    name = "koers.sturing"
    verbose_name = "Sturing"
    casus = True
    menu = True
    urls = True
    api_urls = True
    demo = True
    anonimiseren = True
