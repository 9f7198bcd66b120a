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

    def ready(self):
        from koers.begeleiding.models import Ontzorgen
        from koers.begeleiding.rules import NAZORG_NA_EINDE
        from koers.pip.signals import ontzorgen_groep_gevraagd
        from koers.toegang import policy

        # The uitkeringsadministratie reaches the cases with a running or just ended ontzorgen.
        policy.registreer_bron(policy.Ontzorgen(model=Ontzorgen, nazorg_na_einde=NAZORG_NA_EINDE))
        # The PIP screens and API, a layer below, ask whom the gemeente ontzorgt.
        ontzorgen_groep_gevraagd.connect(
            _ontzorgen_groep, dispatch_uid="begeleiding_ontzorgen_groep"
        )


def _ontzorgen_groep(sender, traject, **kwargs):
    from koers.begeleiding.services import ontzorgen_groep

    return ontzorgen_groep(traject)
