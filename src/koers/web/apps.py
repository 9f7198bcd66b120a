from koers.organisaties import koppelingen


class WebConfig(koppelingen.KoersAppConfig):
    name = "koers.web"
    verbose_name = "Schermen"
    menu = True
