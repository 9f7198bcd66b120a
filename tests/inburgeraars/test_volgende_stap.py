"""The dossier's "Volgende stap": the phase comes from the traject's status and, inside the
brede intake, from what stands between the case and "PIP vastgesteld" (the PIP is vastgesteld
only on an afgeronde intake: koers.pip.services.stel_vast). Worked cases, then the same through
the page: what an adviseur and a teamleider see in each phase."""

import datetime as dt

import pytest

from koers.inburgeraars import rules
from koers.inburgeraars.rules import Fase, Status
from koers.pip.services import bewaar_concept, stel_vast
from tests.uitvoering import met_afgeronde_intake


@pytest.mark.parametrize(
    ("status", "intake_afgerond", "pip_concept", "fase"),
    [
        (Status.AANGEMELD, False, False, Fase.AANMELDING),
        (Status.BREDE_INTAKE, False, False, Fase.INTAKE),
        # A concept PIP on an open intake cannot be vastgesteld: the intake comes first.
        (Status.BREDE_INTAKE, False, True, Fase.INTAKE),
        (Status.BREDE_INTAKE, True, False, Fase.PIP_OPSTELLEN),
        (Status.BREDE_INTAKE, True, True, Fase.PIP_VASTSTELLEN),
        (Status.PIP_VASTGESTELD, True, False, Fase.UITVOERING),
        (Status.IN_UITVOERING, True, True, Fase.UITVOERING),
        (Status.AFGEROND, True, False, Fase.AFGEROND),
    ],
)
def test_de_fase_volgt_de_status_en_wat_de_volgende_status_tegenhoudt(
    status, intake_afgerond, pip_concept, fase
):
    assert (
        rules.fase(status, intake_afgerond=intake_afgerond, heeft_pip_concept=pip_concept) == fase
    )


def test_elke_open_fase_heeft_een_stap_en_een_afgeronde_zaak_geen():
    zonder_stap = {fase for fase in Fase if not rules.VOLGENDE_STAPPEN[fase]}
    assert zonder_stap == {Fase.AFGEROND}


def _stappen(client, traject):
    html = client.get(f"/inburgeraars/{traject.inburgeraar_id}/").content.decode()
    if 'id="volgende-stap-titel"' not in html:
        return []
    blok = html.split('id="volgende-stap-titel"', 1)[1].split("</nav>", 1)[0]
    return [deel.split('"', 1)[0] for deel in blok.split(' id="')[1:]]


def test_een_nieuwe_zaak_begint_met_de_intake(als, adviseur_weert, traject_weert):
    assert _stappen(als(adviseur_weert), traject_weert) == ["naar-intake"]


def test_na_de_intake_komt_het_pip_en_dan_de_uitvoering(als, adviseur_weert, traject_weert):
    client = als(adviseur_weert)
    met_afgeronde_intake(traject_weert, adviseur_weert)
    traject_weert.refresh_from_db()
    html = client.get(f"/inburgeraars/{traject_weert.inburgeraar_id}/").content.decode()
    assert _stappen(client, traject_weert) == ["naar-pip"] and "PIP opstellen" in html
    bewaar_concept(
        traject_weert,
        adviseur_weert,
        {"dagtekening": dt.date(2026, 10, 1), "leerroute": "B", "niveau": "B1", "pvt_uren": 16},
    )
    html = client.get(f"/inburgeraars/{traject_weert.inburgeraar_id}/").content.decode()
    assert _stappen(client, traject_weert) == ["naar-pip"] and "PIP vaststellen" in html
    stel_vast(traject_weert, 1, adviseur_weert)
    assert _stappen(client, traject_weert) == ["stap-uren", "stap-gesprek", "stap-pip"]
    html = client.get(f"/inburgeraars/{traject_weert.inburgeraar_id}/").content.decode()
    assert f'href="/inburgeraars/{traject_weert.inburgeraar_id}/leerroute/uren/"' in html


def test_de_teamleider_ziet_alleen_stappen_die_hij_mag_zetten(als, teamleider_weert, traject_weert):
    # The teamleider steers caseload and deadlines; intake and PIP are the adviseur's.
    assert _stappen(als(teamleider_weert), traject_weert) == []


def test_een_afgeronde_zaak_heeft_geen_volgende_stap(als, adviseur_weert, traject_weert):
    traject_weert.status = Status.AFGEROND
    traject_weert.afrondingsreden = "verhuisd"
    traject_weert.save()
    assert _stappen(als(adviseur_weert), traject_weert) == []
