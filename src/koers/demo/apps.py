from koers.organisaties import koppelingen


class DemoConfig(koppelingen.KoersAppConfig):
    name = "koers.demo"
    verbose_name = "Demogegevens"
