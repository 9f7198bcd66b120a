from koers.organisaties import koppelingen


class IntakeConfig(koppelingen.KoersAppConfig):
    name = "koers.intake"
    verbose_name = "Brede intake"
    anonimiseren = True
    dossier = True
