from koers.organisaties import koppelingen


class PipConfig(koppelingen.KoersAppConfig):
    name = "koers.pip"
    verbose_name = "Plan Inburgering en Participatie"
    anonimiseren = True
    dossier = True
