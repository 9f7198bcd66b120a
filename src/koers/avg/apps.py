from koers.organisaties import koppelingen


class AvgConfig(koppelingen.KoersAppConfig):
    name = "koers.avg"
    verbose_name = "AVG: inzage, bewaartermijn en anonimiseren"
    # The pages keep the URL namespace "verwerkingen" (koers.avg.urls); the menu entry is the
    # log's (koers.verwerkingen.menu).
    urls = True
    api_urls = True  # the register of processing activities, read-only
