"""What anonymising a closed case does to its kostenposten (koers.verwerkingen.anonimiseren):
the free-text description goes; voorziening, date and amount stay, because the Financiën
dashboard's realised costs per month must not change when a case is anonymised."""

from koers.verwerkingen.anonimiseren import Regel

REGELS = {
    "sturing.Kostenpost": Regel(
        legen=("omschrijving",),
        bewaren=("doelgroepindeling",),
        waarom="a choice from DUO's fixed list: the SPUK counts by it",
    ),
}
