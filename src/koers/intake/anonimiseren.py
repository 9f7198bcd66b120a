"""What anonymising a case does to the intake's appointments (read by
koers.verwerkingen.anonimiseren.regels)."""

from koers.verwerkingen.anonimiseren import STATISTIEK, Regel

REGELS = {
    "intake.IntakeAfspraak": Regel(legen=("toelichting",), bewaren=("status",), waarom=STATISTIEK),
}
