"""What anonymising a closed case does to DUO's copy of the PIP (koers.verwerkingen.anonimiseren):
the earlier gemeente, leerroute and niveau say nothing about who the person is; they stay as
facts the sturing counts, like the same fields of pip.PipVersie."""

from koers.verwerkingen.anonimiseren import STATISTIEK, Regel

REGELS = {
    "pip.DuoPip": Regel(bewaren=("gemeentecode", "leerroute", "niveau"), waarom=STATISTIEK),
}
