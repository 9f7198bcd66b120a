"""Anonymising a closed case empties the explanation of a 'verwijtbaar' report and keeps the
answer, and keeps DUO's copy of the PIP as a statistic (koers.verwerkingen.anonimiseren)."""

import datetime as dt

from koers.avg.anonimisering import anonimiseer_batch, regels
from koers.modules.models import Verwijtbaarheid
from koers.pip.models import DuoPip


def test_anonymising_empties_the_verwijtbaar_explanation_and_keeps_the_answer(traject_weert):
    Verwijtbaarheid.objects.create(
        traject=traject_weert,
        module="map",
        verwijtbaar="Ja",
        toelichting="Kwam drie keer niet vanwege zijn rugklachten.",
        gemeld_op=dt.date(2026, 3, 1),
    )
    DuoPip.objects.create(
        traject=traject_weert, gemeentecode="0988", dagtekening=dt.date(2025, 1, 10), leerroute="Z"
    )
    assert "modules.Verwijtbaarheid" in regels() and "pip.DuoPip" in regels()

    assert anonimiseer_batch([traject_weert.inburgeraar_id], traject_ids=[traject_weert.pk]) == 1

    rij = Verwijtbaarheid.objects.get(traject=traject_weert)
    assert (rij.toelichting, rij.module, rij.verwijtbaar) == ("", "map", "Ja")
    pip = DuoPip.objects.get(traject=traject_weert)
    assert (pip.gemeentecode, pip.leerroute) == ("0988", "Z")
