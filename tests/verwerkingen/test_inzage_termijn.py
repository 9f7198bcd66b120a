"""The AVG inzage names the last day of the termijn next to DUO's exclusive einddatum."""

import io
import re
from datetime import date

import pypdf

from koers.avg import inzage
from tests.uitvoering import met_vastgesteld_pip


def test_letter_and_json_name_the_last_day(traject_weert, adviseur_weert):
    met_vastgesteld_pip(
        traject_weert, adviseur_weert, dagtekening=date(2026, 10, 1), op_de_dag=True
    )
    persoon = traject_weert.inburgeraar
    data = inzage.gegevens(persoon)
    rij = next(o for o in data["onderdelen"] if o["model"] == "inburgeraars.Traject")["rijen"][0]
    assert (rij["termijn_eind"], rij["termijn_laatste_dag"]) == ("2029-10-02", "2029-10-01")
    lezer = pypdf.PdfReader(io.BytesIO(inzage.pdf(persoon, data)))
    tekst = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in lezer.pages))
    assert "laatste dag inburgeringstermijn 1 oktober 2029" in tekst
    assert "(de dag na de laatste dag) 2 oktober 2029" in tekst
