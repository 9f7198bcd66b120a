"""What anonymising a closed case does to the modules' records (koers.verwerkingen.anonimiseren):
the explanation given with a 'verwijtbaar' report may say why the person failed, so it goes;
module and answer stay, the facts the sturing counts (as for modules.Afronding)."""

from koers.verwerkingen.anonimiseren import STATISTIEK, Regel

REGELS = {
    "modules.Verwijtbaarheid": Regel(
        legen=("toelichting",), bewaren=("module", "verwijtbaar"), waarom=STATISTIEK
    ),
}
