from koers.organisaties import koppelingen


class ModulesConfig(koppelingen.KoersAppConfig):
    name = "koers.modules"
    verbose_name = "PVT en MAP"
    casus = True
    urls = True
    api_urls = True
    demo = True
    signalen = True
    anonimiseren = True
