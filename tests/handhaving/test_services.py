"""The write paths of handhaving: each step with its letter and timeline entry; a refused
step saves nothing."""

import datetime as dt
import io
import re

import pypdf
import pytest

from koers.bouwstenen.weigering import Weigering
from koers.handhaving import services
from koers.handhaving.models import Boetebesluit, Brief, Handhavingsbeleid, Handhavingszaak
from koers.pip.beschikking import PdfFout
from tests.handhaving.conftest import hoor, zaak_tot_hoorzitting

pytestmark = pytest.mark.django_db


def tekst(brief: Brief) -> str:
    reader = pypdf.PdfReader(io.BytesIO(bytes(brief.pdf)))
    return re.sub(r"\s+", " ", "\n".join(p.extract_text() for p in reader.pages))


def test_hele_weg_waarschuwing_voornemen_zienswijze_boete(gezin_weert, adviseur_weert):
    from tests.handhaving.conftest import hoor

    zaak = zaak_tot_hoorzitting(gezin_weert, adviseur_weert)
    assert zaak.stap == "Voornemen: hoorzitting gepland"
    # Without the cautie (Awb 5:10a) the hoorzitting cannot be recorded.
    with pytest.raises(Weigering) as fout:
        hoor(zaak, adviseur_weert, cautie=False)
    assert "cautie_gegeven" in fout.value.fouten
    hoor(zaak, adviseur_weert)
    boete = services.besluit_boete(
        zaak,
        adviseur_weert,
        {"datum": dt.date(2026, 11, 20), "bedrag": 250, "motivering": "Geen goede reden."},
    )
    zaak.refresh_from_db()
    assert zaak.besluit_op == dt.date(2026, 11, 20)
    assert boete.voorschrift == "Wet inburgering 2021, artikel 16"
    assert [b.soort for b in zaak.brieven.order_by("id")] == ["waarschuwing", "voornemen", "boete"]
    assert boete.brief.kenmerk == f"HH-0988-{zaak.pk}-B1"
    # A second boete needs its own voornemen and zienswijze (Awb 4:8, 5:53).
    with pytest.raises(Weigering) as fout:
        services.besluit_boete(
            zaak,
            adviseur_weert,
            {"datum": dt.date(2026, 11, 20), "bedrag": 250, "motivering": "Weer niet."},
        )
    assert "eigen voornemen" in fout.value.fouten["__all__"]
    assert zaak.boetes.count() == 1


def test_pdf_brieven_noemen_naam_bedrag_en_kenmerk(gezin_weert, adviseur_weert):
    zaak = zaak_tot_hoorzitting(gezin_weert, adviseur_weert)
    waarschuwing = zaak.brieven.get(soort="waarschuwing")
    t = tekst(waarschuwing)
    assert bytes(waarschuwing.pdf).startswith(b"%PDF")
    assert "Yusuf Öztürk" in t  # DejaVu prints the ö and the ü
    assert waarschuwing.kenmerk in t
    assert "Niet naar de lessen" in t
    assert "800 euro" in t
    voornemen = tekst(zaak.brieven.get(soort="voornemen"))
    assert "hoorzitting" in voornemen and "18 november 2026" in voornemen
    assert "Stadhuis" in voornemen
    assert "Wet inburgering 2021, artikel 16" in voornemen  # the broken voorschrift
    assert "250 euro" in voornemen
    assert "geen antwoord te geven" in voornemen and "5:10a" in voornemen  # the cautie
    assert "1 februari 2027" in voornemen  # Awb 5:51: 13 weeks after 2 November
    hoor(zaak, adviseur_weert)
    boete = services.besluit_boete(
        zaak,
        adviseur_weert,
        {"datum": dt.date(2026, 11, 20), "bedrag": 200, "motivering": "Geen goede reden."},
    )
    t = tekst(boete.brief)
    assert "Yusuf Öztürk" in t
    assert "200 euro" in t
    assert "Wet inburgering 2021, artikel 16" in t
    assert "Gemeente Weert" in t
    assert "bezwaar" in t and "1 januari 2027" in t  # Awb 6:7: six weeks


@pytest.mark.parametrize(
    ("bedrag", "veld"),
    [(900, "bedrag"), (0, "bedrag"), (-5, "bedrag"), ("12,50", "bedrag"), (None, "bedrag")],
)
def test_foute_bedragen_slaan_niets_op(gezin_weert, adviseur_weert, bedrag, veld):
    zaak = zaak_tot_hoorzitting(gezin_weert, adviseur_weert)
    hoor(zaak, adviseur_weert)
    with pytest.raises(Weigering) as fout:
        services.besluit_boete(
            zaak,
            adviseur_weert,
            {"datum": dt.date(2026, 11, 20), "bedrag": bedrag, "motivering": "x"},
        )
    assert veld in fout.value.fouten
    assert not Boetebesluit.objects.exists()
    assert not Brief.objects.filter(soort="boete").exists()
    zaak.refresh_from_db()
    assert zaak.besluit_op is None


def test_geen_boete_zonder_waarschuwing_of_hoorzitting(gezin_weert, adviseur_weert):
    zaak = services.open_zaak(
        gezin_weert,
        adviseur_weert,
        {"verzuim": "brede_intake", "datum": dt.date(2026, 11, 1), "omschrijving": "Niet gekomen."},
    )
    boete = {"datum": dt.date(2026, 11, 20), "bedrag": 250, "motivering": "x"}
    with pytest.raises(Weigering, match="waarschuwing"):
        services.besluit_boete(zaak, adviseur_weert, boete)
    voornemen = {
        "datum": dt.date(2026, 11, 3),
        "voorschrift": "Wi2021 art. 14",
        "bedrag": 250,
        "route": "schriftelijk",
        "zienswijze_tot": dt.date(2026, 11, 17),
    }
    with pytest.raises(Weigering, match="waarschuwing"):
        services.maak_voornemen(zaak, adviseur_weert, voornemen)
    services.stuur_waarschuwing(zaak, adviseur_weert, {"datum": dt.date(2026, 11, 2)})
    with pytest.raises(Weigering, match="eigen voornemen"):
        services.besluit_boete(zaak, adviseur_weert, boete)
    services.maak_voornemen(zaak, adviseur_weert, voornemen)
    with pytest.raises(Weigering, match="zienswijze"):
        services.besluit_boete(zaak, adviseur_weert, boete)
    # One open voornemen at a time: the next boete waits for this decision.
    with pytest.raises(Weigering, match="al een voornemen"):
        services.maak_voornemen(zaak, adviseur_weert, voornemen)
    with pytest.raises(Weigering, match="al een schriftelijke waarschuwing"):
        services.stuur_waarschuwing(zaak, adviseur_weert, {"datum": dt.date(2026, 11, 3)})
    assert not Boetebesluit.objects.exists()


def test_asielstatushouder_geen_boete_tenzij_onwil(asiel_weert, adviseur_weert):
    zaak = zaak_tot_hoorzitting(asiel_weert, adviseur_weert)
    hoor(zaak, adviseur_weert)
    boete = {"datum": dt.date(2026, 11, 20), "bedrag": 250, "motivering": "x"}
    with pytest.raises(Weigering, match="asielstatushouder"):
        services.besluit_boete(zaak, adviseur_weert, boete)
    with pytest.raises(Weigering) as fout:
        services.leg_onwil_vast(zaak, adviseur_weert, {"reden": "  "})
    assert "reden" in fout.value.fouten
    services.leg_onwil_vast(
        zaak,
        adviseur_weert,
        {"reden": "Weigert na drie gesprekken met tolk elke les, zonder reden."},
    )
    zaak.refresh_from_db()
    services.besluit_boete(zaak, adviseur_weert, boete)
    assert Boetebesluit.objects.filter(zaak=zaak).count() == 1


def test_onwil_niet_bij_gezinsmigrant(gezin_weert, adviseur_weert):
    zaak = zaak_tot_hoorzitting(gezin_weert, adviseur_weert)
    with pytest.raises(Weigering, match="alleen vast bij een asielstatushouder"):
        services.leg_onwil_vast(zaak, adviseur_weert, {"reden": "Wil niet."})


def test_geen_contact_geen_brieven(gezin_weert, adviseur_weert):
    zaak = services.open_zaak(
        gezin_weert,
        adviseur_weert,
        {"verzuim": "pvt", "datum": dt.date(2026, 11, 1), "omschrijving": "Niet gekomen."},
    )
    persoon = gezin_weert.inburgeraar
    persoon.geen_contact = True
    persoon.save()
    with pytest.raises(Weigering, match="geen contact"):
        services.stuur_waarschuwing(zaak, adviseur_weert, {"datum": dt.date(2026, 11, 2)})
    zaak.refresh_from_db()
    assert zaak.waarschuwing_datum is None  # rolled back with the refused letter
    assert not Brief.objects.exists()


def test_niet_verschenen_pas_na_de_hoorzitting(gezin_weert, adviseur_weert):
    zaak = zaak_tot_hoorzitting(gezin_weert, adviseur_weert, hoorzitting=dt.date(2026, 11, 27))
    with pytest.raises(Weigering, match="kan nog reageren"):
        services.leg_zienswijze_vast(
            zaak, adviseur_weert, {"datum": dt.date(2026, 11, 20), "niet_gereageerd": True}
        )
    voornemen = zaak.voornemens.get()
    assert voornemen.zienswijze_op is None


def test_niet_verschenen_daarna_boete_zonder_cautie(gezin_weert, adviseur_weert):
    zaak = zaak_tot_hoorzitting(gezin_weert, adviseur_weert, hoorzitting=dt.date(2026, 11, 18))
    services.leg_zienswijze_vast(
        zaak, adviseur_weert, {"datum": dt.date(2026, 11, 18), "niet_gereageerd": True}
    )
    voornemen = zaak.voornemens.get()
    assert voornemen.niet_gereageerd and not voornemen.cautie_gegeven
    boete = services.besluit_boete(
        zaak,
        adviseur_weert,
        {"datum": dt.date(2026, 11, 20), "bedrag": 250, "motivering": "Niet gekomen."},
    )
    assert boete.voornemen == voornemen
    voornemen.refresh_from_db()
    assert voornemen.afgehandeld_op == dt.date(2026, 11, 20)


def test_tweede_boete_met_eigen_voornemen_en_schriftelijke_zienswijze(gezin_weert, adviseur_weert):
    zaak = zaak_tot_hoorzitting(
        gezin_weert,
        adviseur_weert,
        voornemen=dt.date(2026, 10, 10),
        hoorzitting=dt.date(2026, 10, 20),
    )
    hoor(zaak, adviseur_weert, datum=dt.date(2026, 10, 20))
    services.besluit_boete(
        zaak,
        adviseur_weert,
        {"datum": dt.date(2026, 10, 22), "bedrag": 250, "motivering": "Eerste boete."},
    )
    services.maak_voornemen(
        zaak,
        adviseur_weert,
        {
            "datum": dt.date(2026, 11, 2),
            "voorschrift": "Wet inburgering 2021, artikel 16",
            "bedrag": 250,
            "route": "schriftelijk",
            "zienswijze_tot": dt.date(2026, 11, 16),
        },
    )
    # A written zienswijze is no verhoor: no cautie needed, no "aanwezig".
    services.leg_zienswijze_vast(
        zaak,
        adviseur_weert,
        {"datum": dt.date(2026, 11, 12), "zienswijze": "Ik was ziek, zie briefje."},
    )
    services.besluit_boete(
        zaak,
        adviseur_weert,
        {"datum": dt.date(2026, 11, 20), "bedrag": 250, "motivering": "Geen briefje."},
    )
    assert zaak.boetes.count() == 2
    assert zaak.voornemens.filter(afgehandeld_op__isnull=True).count() == 0
    assert zaak.brieven.filter(soort="voornemen").count() == 2


def test_sluit_af_beeindigt_open_voornemen(gezin_weert, adviseur_weert):
    zaak = zaak_tot_hoorzitting(gezin_weert, adviseur_weert)
    services.sluit_af(zaak, adviseur_weert, {"toelichting": "Komt weer."})
    assert zaak.voornemens.get().afgehandeld_op == dt.date(2026, 11, 20)


def test_afsluiten_en_daarna_niets_meer(gezin_weert, adviseur_weert):
    zaak = zaak_tot_hoorzitting(gezin_weert, adviseur_weert)
    services.sluit_af(zaak, adviseur_weert, {"toelichting": "Gaat weer naar de les."})
    zaak.refresh_from_db()
    assert zaak.stap == "Afgesloten" and zaak.besluit_op == dt.date(2026, 11, 20)
    with pytest.raises(Weigering, match="afgesloten"):
        services.besluit_boete(
            zaak, adviseur_weert, {"datum": dt.date(2026, 11, 20), "bedrag": 250, "motivering": "x"}
        )


@pytest.mark.parametrize(
    ("data", "veld"),
    [
        ({"verzuim": "fietsen", "datum": dt.date(2026, 11, 1), "omschrijving": "x"}, "verzuim"),
        ({"verzuim": "map", "datum": dt.date(2026, 11, 21), "omschrijving": "x"}, "datum"),
        ({"verzuim": "map", "datum": None, "omschrijving": "x"}, "datum"),
        ({"verzuim": "map", "datum": "gisteren", "omschrijving": "x"}, "datum"),
        ({"verzuim": "map", "datum": dt.date(2026, 11, 1), "omschrijving": " "}, "omschrijving"),
        (
            {"verzuim": "map", "datum": dt.date(2026, 11, 1), "omschrijving": "x" * 2001},
            "omschrijving",
        ),
    ],
)
def test_verzuim_vastleggen_foute_invoer(gezin_weert, adviseur_weert, data, veld):
    with pytest.raises(Weigering) as fout:
        services.open_zaak(gezin_weert, adviseur_weert, data)
    assert veld in fout.value.fouten
    assert not Handhavingszaak.objects.exists()


def test_afgerond_traject_geen_nieuwe_zaak(gezin_weert, adviseur_weert):
    gezin_weert.status = "afgerond"
    gezin_weert.save()
    with pytest.raises(Weigering, match="afgerond"):
        services.open_zaak(
            gezin_weert,
            adviseur_weert,
            {"verzuim": "map", "datum": dt.date(2026, 11, 1), "omschrijving": "x"},
        )


def test_standaardbedrag_uit_beleid_van_de_gemeente(weert, cranendonck):
    assert services.standaard_bedrag(weert) == 250  # Divosa pattern
    Handhavingsbeleid.objects.create(gemeente=weert, standaard_boete=300)
    assert services.standaard_bedrag(weert) == 300
    assert services.standaard_bedrag(cranendonck) == 250


def test_pdf_fout_slaat_niets_op(gezin_weert, adviseur_weert, monkeypatch):
    zaak = services.open_zaak(
        gezin_weert,
        adviseur_weert,
        {"verzuim": "pvt", "datum": dt.date(2026, 11, 1), "omschrijving": "Niet gekomen."},
    )

    def kapot(*args, **kwargs):
        raise PdfFout("kapot")

    monkeypatch.setattr("koers.handhaving.brieven.maak_brief_pdf", kapot)
    with pytest.raises(PdfFout):
        services.stuur_waarschuwing(zaak, adviseur_weert, {"datum": dt.date(2026, 11, 2)})
    zaak.refresh_from_db()
    assert zaak.waarschuwing_datum is None
