"""What anonymising a case does to handhaving's own rows (read by
koers.verwerkingen.anonimiseren.regels; overrides the central table for these models)."""

from koers.verwerkingen.anonimiseren import STATISTIEK, Regel

REGELS = {
    "handhaving.Handhavingszaak": Regel(
        legen=("omschrijving", "onwil_reden", "waarschuwing_toelichting", "afsluiting_toelichting"),
        bewaren=("verzuim",),
        waarom=STATISTIEK,
    ),
    "handhaving.Boetebesluit": Regel(
        legen=("motivering",), bewaren=("voorschrift",), waarom=STATISTIEK
    ),
    "handhaving.Boetevoornemen": Regel(
        legen=("hoorzitting_plaats", "aanwezig", "zienswijze"),
        bewaren=("voorschrift", "route", "bedrag"),
        waarom=STATISTIEK,
    ),
}
