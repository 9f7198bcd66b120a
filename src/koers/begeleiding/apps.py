from koers.organisaties import koppelingen


class BegeleidingConfig(koppelingen.KoersAppConfig):
    name = "koers.begeleiding"
    verbose_name = "Begeleiding en ontzorgen"
    casus = True
    menu = True
    urls = True
    api_urls = True
    demo = True
    signalen = True
    anonimiseren = True
