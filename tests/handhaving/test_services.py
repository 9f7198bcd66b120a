"""The write paths of handhaving: each step with its letter and timeline entry; a refused
step saves nothing."""

import datetime as dt
import io
import re

import pypdf
import pytest

from koers.handhaving import services
from koers.handhaving.models import Boetebesluit, Brief, Handhavingsbeleid, Handhavingszaak
from koers.inburgeraars.models import Gebeurtenis
from koers.inburgeraars.services import Weigering
from koers.pip.beschikking import PdfFout
from tests.handhaving.conftest import zaak_tot_hoorzitting

pytestmark = pytest.mark.django_db


def tekst(brief: Brief) -> str:
    reader = pypdf.PdfReader(io.BytesIO(bytes(brief.pdf)))
    return re.sub(r"\s+", " ", "\n".join(p.extract_text() for p in reader.pages))


def test_hele_weg_waarschuwing_hoorzitting_verslag_boete(gezin_weert, adviseur_weert):
    zaak = zaak_tot_hoorzitting(gezin_weert, adviseur_weert)
    assert zaak.stap == "Hoorzitting gepland"
    services.leg_verslag_vast(zaak, adviseur_weert, {
        "aanwezig": "Yusuf Öztürk, tolk Turks, adviseur", "verslag": "Had geen oppas."})
    boete = services.besluit_boete(zaak, adviseur_weert, {
        "datum": dt.date(2026, 11, 20), "bedrag": 250, "motivering": "Geen goede reden."})
    zaak.refresh_from_db()
    assert zaak.stap == "Boete opgelegd"
    assert zaak.besluit_op == dt.date(2026, 11, 20)
    assert [b.soort for b in zaak.brieven.order_by("id")] == ["waarschuwing", "uitnodiging",
                                                               "boete"]
    assert boete.brief.kenmerk == f"HH-0988-{zaak.pk}-B1"
    # The Divosa pattern: a second €250 after the first.
    services.besluit_boete(zaak, adviseur_weert, {
        "datum": dt.date(2026, 11, 20), "bedrag": 250, "motivering": "Weer niet gekomen."})
    assert zaak.boetes.count() == 2
    omschrijvingen = list(Gebeurtenis.objects.filter(
        traject=gezin_weert, soort=Gebeurtenis.Soort.HANDHAVING).values_list(
        "omschrijving", flat=True))
    assert len(omschrijvingen) == 6
    assert any("Boete van 250 euro" in o for o in omschrijvingen)


def test_pdf_brieven_noemen_naam_bedrag_en_kenmerk(gezin_weert, adviseur_weert):
    zaak = zaak_tot_hoorzitting(gezin_weert, adviseur_weert)
    waarschuwing = zaak.brieven.get(soort="waarschuwing")
    t = tekst(waarschuwing)
    assert bytes(waarschuwing.pdf).startswith(b"%PDF")
    assert "Yusuf Öztürk" in t  # DejaVu prints the ö and the ü
    assert waarschuwing.kenmerk in t
    assert "Niet naar de lessen" in t
    assert "800 euro" in t
    uitnodiging = tekst(zaak.brieven.get(soort="uitnodiging"))
    assert "hoorzitting" in uitnodiging and "18 november 2026" in uitnodiging
    assert "Stadhuis" in uitnodiging
    boete = services.besluit_boete(zaak, adviseur_weert, {
        "datum": dt.date(2026, 11, 20), "bedrag": 375, "motivering": "Geen goede reden."})
    t = tekst(boete.brief)
    assert "Yusuf Öztürk" in t
    assert "375 euro" in t
    assert "Gemeente Weert" in t
    assert "bezwaar" in t and "1 januari 2027" in t  # Awb 6:7: six weeks


@pytest.mark.parametrize(("bedrag", "veld"), [(900, "bedrag"), (0, "bedrag"), (-5, "bedrag"),
                                              ("12,50", "bedrag"), (None, "bedrag")])
def test_foute_bedragen_slaan_niets_op(gezin_weert, adviseur_weert, bedrag, veld):
    zaak = zaak_tot_hoorzitting(gezin_weert, adviseur_weert)
    with pytest.raises(Weigering) as fout:
        services.besluit_boete(zaak, adviseur_weert, {
            "datum": dt.date(2026, 11, 20), "bedrag": bedrag, "motivering": "x"})
    assert veld in fout.value.fouten
    assert not Boetebesluit.objects.exists()
    assert not Brief.objects.filter(soort="boete").exists()
    zaak.refresh_from_db()
    assert zaak.besluit_op is None


def test_geen_boete_zonder_waarschuwing_of_hoorzitting(gezin_weert, adviseur_weert):
    zaak = services.open_zaak(gezin_weert, adviseur_weert, {
        "verzuim": "brede_intake", "datum": dt.date(2026, 11, 1), "omschrijving": "Niet gekomen."})
    boete = {"datum": dt.date(2026, 11, 20), "bedrag": 250, "motivering": "x"}
    with pytest.raises(Weigering, match="waarschuwing"):
        services.besluit_boete(zaak, adviseur_weert, boete)
    with pytest.raises(Weigering, match="waarschuwing"):
        services.plan_hoorzitting(zaak, adviseur_weert, {"datum": dt.date(2026, 11, 25)})
    services.stuur_waarschuwing(zaak, adviseur_weert, {"datum": dt.date(2026, 11, 2)})
    with pytest.raises(Weigering, match="hoorzitting"):
        services.besluit_boete(zaak, adviseur_weert, boete)
    with pytest.raises(Weigering, match="al een schriftelijke waarschuwing"):
        services.stuur_waarschuwing(zaak, adviseur_weert, {"datum": dt.date(2026, 11, 3)})
    assert not Boetebesluit.objects.exists()


def test_asielstatushouder_geen_boete_tenzij_onwil(asiel_weert, adviseur_weert):
    zaak = zaak_tot_hoorzitting(asiel_weert, adviseur_weert)
    boete = {"datum": dt.date(2026, 11, 20), "bedrag": 250, "motivering": "x"}
    with pytest.raises(Weigering, match="asielstatushouder"):
        services.besluit_boete(zaak, adviseur_weert, boete)
    with pytest.raises(Weigering) as fout:
        services.leg_onwil_vast(zaak, adviseur_weert, {"reden": "  "})
    assert "reden" in fout.value.fouten
    services.leg_onwil_vast(zaak, adviseur_weert, {
        "reden": "Weigert na drie gesprekken met tolk elke les, zonder reden."})
    zaak.refresh_from_db()
    services.besluit_boete(zaak, adviseur_weert, boete)
    assert Boetebesluit.objects.filter(zaak=zaak).count() == 1


def test_onwil_niet_bij_gezinsmigrant(gezin_weert, adviseur_weert):
    zaak = zaak_tot_hoorzitting(gezin_weert, adviseur_weert)
    with pytest.raises(Weigering, match="alleen vast bij een asielstatushouder"):
        services.leg_onwil_vast(zaak, adviseur_weert, {"reden": "Wil niet."})


def test_geen_contact_geen_brieven(gezin_weert, adviseur_weert):
    zaak = services.open_zaak(gezin_weert, adviseur_weert, {
        "verzuim": "pvt", "datum": dt.date(2026, 11, 1), "omschrijving": "Niet gekomen."})
    persoon = gezin_weert.inburgeraar
    persoon.geen_contact = True
    persoon.save()
    with pytest.raises(Weigering, match="geen contact"):
        services.stuur_waarschuwing(zaak, adviseur_weert, {"datum": dt.date(2026, 11, 2)})
    zaak.refresh_from_db()
    assert zaak.waarschuwing_datum is None  # rolled back with the refused letter
    assert not Brief.objects.exists()


def test_verslag_niet_voor_de_hoorzitting(gezin_weert, adviseur_weert):
    zaak = zaak_tot_hoorzitting(gezin_weert, adviseur_weert, hoorzitting=dt.date(2026, 11, 27))
    with pytest.raises(Weigering, match="nog niet geweest"):
        services.leg_verslag_vast(zaak, adviseur_weert, {"aanwezig": "x", "verslag": "y"})
    # Moving it makes a new invitation letter.
    services.plan_hoorzitting(zaak, adviseur_weert, {"datum": dt.date(2026, 11, 19)})
    assert zaak.brieven.filter(soort="uitnodiging").count() == 2
    services.leg_verslag_vast(zaak, adviseur_weert, {"aanwezig": "x", "verslag": "y"})
    with pytest.raises(Weigering, match="al geweest"):
        services.plan_hoorzitting(zaak, adviseur_weert, {"datum": dt.date(2026, 11, 30)})


def test_afsluiten_en_daarna_niets_meer(gezin_weert, adviseur_weert):
    zaak = zaak_tot_hoorzitting(gezin_weert, adviseur_weert)
    services.sluit_af(zaak, adviseur_weert, {"toelichting": "Gaat weer naar de les."})
    zaak.refresh_from_db()
    assert zaak.stap == "Afgesloten" and zaak.besluit_op == dt.date(2026, 11, 20)
    with pytest.raises(Weigering, match="afgesloten"):
        services.besluit_boete(zaak, adviseur_weert, {
            "datum": dt.date(2026, 11, 20), "bedrag": 250, "motivering": "x"})


@pytest.mark.parametrize(("data", "veld"), [
    ({"verzuim": "fietsen", "datum": dt.date(2026, 11, 1), "omschrijving": "x"}, "verzuim"),
    ({"verzuim": "map", "datum": dt.date(2026, 11, 21), "omschrijving": "x"}, "datum"),
    ({"verzuim": "map", "datum": None, "omschrijving": "x"}, "datum"),
    ({"verzuim": "map", "datum": "gisteren", "omschrijving": "x"}, "datum"),
    ({"verzuim": "map", "datum": dt.date(2026, 11, 1), "omschrijving": " "}, "omschrijving"),
    ({"verzuim": "map", "datum": dt.date(2026, 11, 1), "omschrijving": "x" * 2001},
     "omschrijving"),
])
def test_verzuim_vastleggen_foute_invoer(gezin_weert, adviseur_weert, data, veld):
    with pytest.raises(Weigering) as fout:
        services.open_zaak(gezin_weert, adviseur_weert, data)
    assert veld in fout.value.fouten
    assert not Handhavingszaak.objects.exists()


def test_afgerond_traject_geen_nieuwe_zaak(gezin_weert, adviseur_weert):
    gezin_weert.status = "afgerond"
    gezin_weert.save()
    with pytest.raises(Weigering, match="afgerond"):
        services.open_zaak(gezin_weert, adviseur_weert, {
            "verzuim": "map", "datum": dt.date(2026, 11, 1), "omschrijving": "x"})


def test_standaardbedrag_uit_beleid_van_de_gemeente(weert, cranendonck):
    assert services.standaard_bedrag(weert) == 250  # Divosa pattern
    Handhavingsbeleid.objects.create(gemeente=weert, standaard_boete=300)
    assert services.standaard_bedrag(weert) == 300
    assert services.standaard_bedrag(cranendonck) == 250


def test_pdf_fout_slaat_niets_op(gezin_weert, adviseur_weert, monkeypatch):
    zaak = services.open_zaak(gezin_weert, adviseur_weert, {
        "verzuim": "pvt", "datum": dt.date(2026, 11, 1), "omschrijving": "Niet gekomen."})

    def kapot(*args, **kwargs):
        raise PdfFout("kapot")
    monkeypatch.setattr("koers.handhaving.brieven.maak_brief_pdf", kapot)
    with pytest.raises(PdfFout):
        services.stuur_waarschuwing(zaak, adviseur_weert, {"datum": dt.date(2026, 11, 2)})
    zaak.refresh_from_db()
    assert zaak.waarschuwing_datum is None
