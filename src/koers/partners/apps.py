from koers.organisaties import koppelingen


class PartnersConfig(koppelingen.KoersAppConfig):
    name = "koers.partners"
    verbose_name = "Ketenpartners"
    casus = True
    menu = True
    urls = True
    api_urls = True
    demo = True
