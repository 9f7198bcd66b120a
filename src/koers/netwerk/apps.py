from koers.organisaties import koppelingen


class NetwerkConfig(koppelingen.KoersAppConfig):
    name = "koers.netwerk"
    verbose_name = "Netwerk"
    casus = True
    menu = True
    urls = True
    api_urls = True
    demo = True
    signalen = True
