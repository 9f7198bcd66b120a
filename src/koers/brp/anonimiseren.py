"""What anonymising a closed case does to the BRP's answer (read by
koers.verwerkingen.anonimiseren.regels): the row goes; nothing of it is a statistic."""

from koers.verwerkingen.anonimiseren import Regel

REGELS = {
    "brp.BrpGegevens": Regel(
        verwijderen=True, waarom="the BRP's copy of the person: only personal data"
    ),
}
