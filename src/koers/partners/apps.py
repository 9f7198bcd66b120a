from koers.intake.rules import WERK_ONDERWERPEN
from koers.organisaties import koppelingen


class PartnersConfig(koppelingen.KoersAppConfig):
    name = "koers.partners"
    verbose_name = "Ketenpartners"
    casus = True
    menu = True
    urls = True
    api_urls = True
    demo = True

    def ready(self):
        from koers.partners import rules
        from koers.partners.models import Verwijzing
        from koers.toegang import policy

        # The policy decides a partner's reach and sections from these referrals.
        policy.registreer_bron(
            policy.Verwijzingen(
                model=Verwijzing,
                lopend=frozenset(rules.LOPEND),
                open=frozenset(rules.OPEN),
                werk_intake_taken=frozenset(rules.WERK_INTAKE_TAKEN),
                werk_intake_onderwerpen=WERK_ONDERWERPEN,
                secties_voor_taken=rules.secties_voor_taken,
            )
        )
