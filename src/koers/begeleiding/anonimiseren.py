"""What anonymising a closed case does to its bijstand (koers.verwerkingen.anonimiseren):
whether and since when a person received bijstand is financial data about him, and no
figure needs it once the case is closed, so the record goes."""

from koers.verwerkingen.anonimiseren import Regel

REGELS = {
    "begeleiding.Bijstand": Regel(verwijderen=True),
}
