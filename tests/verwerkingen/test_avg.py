"""AVG: the complete inzage of a person (art. 15) and anonymising after the bewaartermijn.
Both must cover every model that holds data about a person, including apps added later."""

import datetime as dt
import io
import json

import pytest
import time_machine
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from koers.avg import anonimisering, inzage
from koers.inburgeraars import services as inburgeraar_services
from koers.inburgeraars.models import Inburgeraar, Traject
from koers.inburgeraars.rules import Status
from koers.verwerkingen import rules
from koers.verwerkingen.models import Geanonimiseerd, Verwerking
from koers.verwerkingen.services import log_lezen, verifieer
from tests.factories import InburgeraarFactory, TrajectFactory

INZAGE = "/verwerkingen/inzage"
# Models the demo seed leaves empty for its persons (checked on factories elsewhere).
LEEG_IN_DEMO = {
    "duo.Notificatie",
    "leerroute.Examenresultaat",
    "handhaving.Boetebesluit",
    "handhaving.DuoOpvraging",
    "duo.Contactpersoon",
    "modules.Verwijtbaarheid",
    "monitoring.GeslotenGesprek",
}  # tested in tests/modules/test_anonimiseren.py and tests/monitoring/test_gesprek_sluiten.py


def _bereikt_persoon(model, onderweg=()) -> bool:
    """Independent of the code under test: does a chain of forward ForeignKey/OneToOne/M2M
    fields lead from ``model`` to Inburgeraar or Traject?"""
    if model in (Inburgeraar, Traject):
        return True
    doelen = [
        f.related_model
        for f in model._meta.get_fields()
        if f.is_relation
        and f.concrete
        and f.related_model is not None
        and f.related_model not in onderweg
        and f.related_model is not model
    ]
    return any(
        doel in (Inburgeraar, Traject) or _bereikt_persoon(doel, (*onderweg, model))
        for doel in doelen
    )


def _alle_persoonsmodellen() -> set[str]:
    return {m._meta.label for m in apps.get_models() if _bereikt_persoon(m)}


# --- completeness -----------------------------------------------------------------------------


def test_every_model_linked_to_a_person_is_found_by_introspection():
    gevonden = {g.label for g in inzage.gekoppelde_modellen()}
    assert gevonden == _alle_persoonsmodellen()
    # The apps of this issue and the uitvoering apps are all in it.
    apps_gevonden = {label.split(".")[0] for label in gevonden}
    assert {
        "intake",
        "pip",
        "duo",
        "monitoring",
        "leerroute",
        "modules",
        "begeleiding",
        "netwerk",
        "handhaving",
    } <= apps_gevonden


# --- the privacy officer's download ----------------------------------------------------------


def test_privacy_officer_exports_everything_as_json_and_pdf(
    als, privacy, adviseur_weert, traject_weert
):
    log_lezen(adviseur_weert, traject_weert.inburgeraar, ["naam"], kanaal="ui")
    persoon = traject_weert.inburgeraar
    client = als(privacy)
    html = client.get("/verwerkingen/", {"bsn": persoon.bsn}).content.decode()
    assert 'id="inzage-json"' in html and 'id="inzage-pdf"' in html
    assert "Exporteer alle gegevens" in html

    antwoord = client.get(INZAGE + ".json", {"bsn": persoon.bsn})
    assert antwoord.status_code == 200
    assert antwoord["Content-Disposition"].startswith("attachment;")
    data = json.loads(antwoord.content)
    personalia = next(o for o in data["onderdelen"] if o["model"] == "inburgeraars.Inburgeraar")
    assert personalia["rijen"][0]["geslachtsnaam"] == persoon.geslachtsnaam
    trajecten = next(o for o in data["onderdelen"] if o["model"] == "inburgeraars.Traject")
    assert trajecten["rijen"][0]["adviseur"] == "alice"  # staff by username, not by id
    # alice read the case; petra searched his BSN (logged too) and made this export.
    assert [(v["gebruiker"], v["activiteit"]) for v in data["verwerkingen"]] == [
        ("alice", rules.ACTIVITEIT_INZIEN),
        ("petra", rules.ACTIVITEIT_ZOEKEN),
        ("petra", rules.ACTIVITEIT_INZAGE),
    ]

    antwoord = client.get(INZAGE + ".pdf", {"bsn": persoon.bsn})
    assert antwoord.status_code == 200 and antwoord.content.startswith(b"%PDF")

    exports = Verwerking.objects.filter(activiteit=rules.ACTIVITEIT_INZAGE)
    assert exports.count() == 2
    assert all(
        v.kanaal == "export"
        and v.actor_naam == "petra"
        and v.doel == rules.DOEL_INZAGE
        and v.inburgeraar_id == persoon.pk
        and "gezondheid" in v.secties
        for v in exports
    )
    assert verifieer() is None


@pytest.mark.parametrize("wie", ["adviseur_weert", "teamleider_weert", "beheerder"])
def test_only_the_privacy_officer_may_export(als, request, wie, traject_weert):
    client = als(request.getfixturevalue(wie))
    assert client.get(INZAGE + ".json", {"bsn": traject_weert.inburgeraar.bsn}).status_code == 403
    assert not Verwerking.objects.filter(activiteit=rules.ACTIVITEIT_INZAGE).exists()


def test_export_of_another_gemeente_or_a_bad_bsn_is_refused(als, privacy, traject_cranendonck):
    client = als(privacy)
    assert (
        client.get(INZAGE + ".json", {"bsn": traject_cranendonck.inburgeraar.bsn}).status_code
        == 404
    )
    assert client.get(INZAGE + ".pdf", {"bsn": "123"}).status_code == 400
    assert not Verwerking.objects.exists()


# --- anonymising ------------------------------------------------------------------------------


def test_every_personal_field_is_wiped_or_declared_kept():
    """Fails when an app adds a text, JSON or file field about a person without saying what
    anonymising does with it (koers.verwerkingen.anonimiseren.REGELS or the app's own)."""
    alle = anonimisering.regels()
    fouten = []
    for g in inzage.gekoppelde_modellen():
        velden = anonimisering.persoonlijke_velden(g.model)
        regel = alle.get(g.label)
        if regel is None:
            if velden:
                fouten.append(f"{g.label}: geen regel voor {velden}")
            continue
        namen = {f.name for f in g.model._meta.concrete_fields}
        onbekend = (set(regel.legen) | set(regel.bewaren)) - namen
        if onbekend:
            fouten.append(f"{g.label}: onbekende velden {sorted(onbekend)}")
        if not regel.verwijderen:
            open_ = set(velden) - set(regel.legen) - set(regel.bewaren)
            if open_:
                fouten.append(f"{g.label}: niet geregeld {sorted(open_)}")
        if regel.bewaren and not regel.waarom:
            fouten.append(f"{g.label}: bewaren zonder reden")
    assert not fouten, fouten


def _afsluiten_in(jaar: int, trajecten):
    with time_machine.travel(dt.datetime(jaar, 3, 1, 12), tick=False):
        for traject in trajecten:
            if traject.status != Status.AFGEROND:
                inburgeraar_services.wijzig_status(
                    traject, "afgerond", None, reden="verhuisd", toelichting="Verhuisd."
                )


def _afgerond(gemeente, n):
    trajecten = [
        TrajectFactory(inburgeraar=InburgeraarFactory(gemeente=gemeente)) for _ in range(n)
    ]
    _afsluiten_in(2019, trajecten)
    return trajecten


def test_anonymising_runs_the_same_number_of_queries_for_3_or_30_people(weert):
    drie = _afgerond(weert, 3)
    dertig = _afgerond(weert, 30)
    with CaptureQueriesContext(connection) as klein:
        anonimisering.anonimiseer_batch(
            [t.inburgeraar_id for t in drie], traject_ids=[t.pk for t in drie]
        )
    with CaptureQueriesContext(connection) as groot:
        anonimisering.anonimiseer_batch(
            [t.inburgeraar_id for t in dertig], traject_ids=[t.pk for t in dertig]
        )
    assert len(groot) == len(klein)
    assert Inburgeraar.objects.filter(geslachtsnaam=anonimisering.NAAM_GEANONIMISEERD).count() == 33


def test_a_failing_batch_changes_nothing(weert, monkeypatch):
    trajecten = _afgerond(weert, 2)
    namen = set(Inburgeraar.objects.values_list("geslachtsnaam", flat=True))

    def kapot(ids):
        raise RuntimeError("stroom uit")

    monkeypatch.setattr(anonimisering, "_persoon", kapot)
    with pytest.raises(RuntimeError):
        anonimisering.anonimiseer_batch([t.inburgeraar_id for t in trajecten])
    assert set(Inburgeraar.objects.values_list("geslachtsnaam", flat=True)) == namen
    assert not Geanonimiseerd.objects.exists()


def test_command_runs_the_dry_run_or_anonymises(weert, capsys):
    oud = _afgerond(weert, 2)
    with time_machine.travel(dt.datetime(2026, 11, 29, 12), tick=False):
        call_command("verwerkingen-bewaartermijn")
        assert "Totaal: 2 zaken." in capsys.readouterr().out
        assert not Geanonimiseerd.objects.exists()
        call_command("verwerkingen-bewaartermijn", "--uitvoeren", "--batch", "1")
        uit = capsys.readouterr().out
        assert f"traject {oud[0].pk}" in uit and "Geanonimiseerd: 2 personen in 2" in uit
        call_command("verwerkingen-bewaartermijn")
        assert "Totaal: 0 zaken." in capsys.readouterr().out


def test_privacy_officer_sees_the_dry_run_of_his_gemeente(als, privacy, weert, cranendonck):
    eigen = _afgerond(weert, 1)[0]
    ander = _afgerond(cranendonck, 1)[0]
    with time_machine.travel(dt.datetime(2026, 11, 29, 12), tick=False):
        antwoord = als(privacy).get("/verwerkingen/bewaartermijn/")
    html = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert f'id="bewaar-{eigen.pk}"' in html and f'id="bewaar-{ander.pk}"' not in html
    assert eigen.inburgeraar.geslachtsnaam not in html  # ids and dates, no names
    assert not Geanonimiseerd.objects.exists()


def test_others_may_not_see_the_dry_run(als, adviseur_weert):
    assert als(adviseur_weert).get("/verwerkingen/bewaartermijn/").status_code == 403


def test_the_pdf_speaks_plain_dutch_and_the_json_keeps_the_stored_values(
    als, privacy, traject_weert
):

    from pypdf import PdfReader

    traject_weert.status = "brede_intake"
    traject_weert.datum_start_plicht = dt.date(2026, 3, 2)
    traject_weert.save(update_fields=["status", "datum_start_plicht"])
    client = als(privacy)
    bsn = traject_weert.inburgeraar.bsn
    data = json.loads(client.get(INZAGE + ".json", {"bsn": bsn}).content)
    rij = next(o for o in data["onderdelen"] if o["model"] == "inburgeraars.Traject")["rijen"][0]
    assert (rij["status"], rij["datum_start_plicht"]) == ("brede_intake", "2026-03-02")
    pdf = client.get(INZAGE + ".pdf", {"bsn": bsn}).content
    tekst = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Brede intake" in tekst and "2 maart 2026" in tekst
    assert "brede_intake" not in tekst and "2026-03-02" not in tekst
