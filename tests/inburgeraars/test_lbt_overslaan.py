"""The gemeente decides not to take the leerbaarheidstoets: recorded with ground, reason, date
and who, reported to DUO as DELETE examennummer through the outbox, in one transaction."""

import datetime as dt

import pytest
from django.urls import reverse

from koers.bouwstenen.weigering import Weigering
from koers.duo.models import Bericht
from koers.inburgeraars import rules, services
from koers.intake.models import BredeIntake

GROND = rules.LbtOverslaanGrond.HOOG_OPGELEID.value
VANDAAG = dt.date(2026, 10, 1)


@pytest.fixture(autouse=True)
def _vandaag(time_machine):
    time_machine.move_to(dt.datetime(2026, 10, 1, 10, 0, tzinfo=dt.UTC), tick=False)


@pytest.fixture
def met_examennummer(traject_weert):
    traject_weert.lbt_examennummer = "LBT000000001"
    traject_weert.save(update_fields=["lbt_examennummer"])
    return traject_weert


def _berichten(traject):
    return list(Bericht.objects.filter(traject=traject, soort="lbt_overgeslagen"))


def test_besluit_wordt_vastgelegd_en_aan_duo_gemeld(met_examennummer, adviseur_weert):
    services.sla_lbt_over(
        met_examennummer,
        adviseur_weert,
        grond=GROND,
        toelichting="Heeft een Nederlands mbo-4 diploma.",
    )
    met_examennummer.refresh_from_db()
    assert met_examennummer.lbt_overgeslagen_op == VANDAAG
    assert met_examennummer.lbt_overgeslagen_door == adviseur_weert
    assert met_examennummer.lbt_overgeslagen_grond == GROND
    [bericht] = _berichten(met_examennummer)
    assert (bericht.operation_id, bericht.methode) == ("deleteExamennummerByBsn", "DELETE")
    assert bericht.pad == f"/personen/{met_examennummer.inburgeraar.bsn}/lbt/examennummer"
    regel = met_examennummer.gebeurtenissen.get(soort="intake_opgeslagen")
    assert "niet nodig" in regel.omschrijving and "diploma" not in regel.omschrijving


def test_zonder_examennummer_van_duo_is_er_niets_te_melden(traject_weert, adviseur_weert):
    services.sla_lbt_over(traject_weert, adviseur_weert, grond=GROND, toelichting="Diploma.")
    traject_weert.refresh_from_db()
    assert traject_weert.lbt_overgeslagen_op == VANDAAG
    assert _berichten(traject_weert) == []


@pytest.mark.parametrize(
    ("kwargs", "veld", "tekst"),
    [
        ({"grond": "zomaar", "toelichting": "x"}, "grond", "Kies waarom"),
        ({"grond": GROND, "toelichting": "  "}, "toelichting", "Leg uit waarom"),
        ({"grond": GROND, "toelichting": "x" * 2001}, "toelichting", "hooguit 2000"),
        ({"grond": GROND, "toelichting": "x", "datum": dt.date(2026, 10, 2)}, "datum", "toekomst"),
    ],
)
def test_foute_invoer_slaat_niets_op(met_examennummer, adviseur_weert, kwargs, veld, tekst):
    with pytest.raises(Weigering) as fout:
        services.sla_lbt_over(met_examennummer, adviseur_weert, **kwargs)
    assert tekst in fout.value.fouten[veld]
    met_examennummer.refresh_from_db()
    assert met_examennummer.lbt_overgeslagen_op is None and _berichten(met_examennummer) == []


def test_niet_na_een_uitslag_van_de_toets(met_examennummer, adviseur_weert):
    BredeIntake.objects.create(traject=met_examennummer, lbt_uitslag="B1-route haalbaar")
    with pytest.raises(Weigering) as fout:
        services.sla_lbt_over(met_examennummer, adviseur_weert, grond=GROND, toelichting="x")
    assert "al gemaakt" in fout.value.fouten["__all__"]
    assert _berichten(met_examennummer) == []


def test_onbekende_uitslag_houdt_overslaan_niet_tegen(met_examennummer, adviseur_weert):
    BredeIntake.objects.create(traject=met_examennummer, lbt_uitslag="Onbekend")
    services.sla_lbt_over(met_examennummer, adviseur_weert, grond=GROND, toelichting="x")
    assert len(_berichten(met_examennummer)) == 1


def test_niet_na_het_pip_en_maar_een_keer(met_examennummer, adviseur_weert):
    services.sla_lbt_over(met_examennummer, adviseur_weert, grond=GROND, toelichting="x")
    with pytest.raises(Weigering) as fout:
        services.sla_lbt_over(met_examennummer, adviseur_weert, grond=GROND, toelichting="x")
    assert "al besloten" in fout.value.fouten["__all__"]
    met_examennummer.status = rules.Status.PIP_VASTGESTELD
    met_examennummer.lbt_overgeslagen_op = None
    met_examennummer.save()
    with pytest.raises(Weigering) as fout:
        services.sla_lbt_over(met_examennummer, adviseur_weert, grond=GROND, toelichting="x")
    assert "PIP is al vastgesteld" in fout.value.fouten["__all__"]
    assert len(_berichten(met_examennummer)) == 1


# -- the case page ---------------------------------------------------------------------------


def test_adviseur_slaat_de_toets_over_op_de_casuspagina(met_examennummer, adviseur_weert, als):
    client = als(adviseur_weert)
    url = reverse("web:casus_tab", args=[met_examennummer.inburgeraar_id, "intake"])
    assert 'id="lbt-overslaan-formulier"' in client.get(url).content.decode()
    antwoord = client.post(
        reverse("web:lbt_overslaan", args=[met_examennummer.inburgeraar_id]),
        {"lbt-grond": GROND, "lbt-toelichting": "Mbo-4 diploma.", "lbt-datum": "2026-09-30"},
        follow=True,
    )
    html = antwoord.content.decode()
    assert 'id="lbt-overgeslagen"' in html and 'id="lbt-overslaan-formulier"' not in html
    assert "Mbo-4 diploma." in html  # the adviseur may see health data
    met_examennummer.refresh_from_db()
    assert met_examennummer.lbt_overgeslagen_op == dt.date(2026, 9, 30)
    assert len(_berichten(met_examennummer)) == 1


def test_fout_op_de_casuspagina_in_het_nederlands(met_examennummer, adviseur_weert, als):
    antwoord = als(adviseur_weert).post(
        reverse("web:lbt_overslaan", args=[met_examennummer.inburgeraar_id]),
        {"lbt-grond": GROND, "lbt-toelichting": "", "lbt-datum": "2026-09-30"},
    )
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "Leg uit waarom" in html or "Vul" in html or "verplicht" in html
    assert 'id="id_lbt-toelichting"' in html
    met_examennummer.refresh_from_db()
    assert met_examennummer.lbt_overgeslagen_op is None


def test_teamleider_mag_niet_overslaan_en_ziet_de_uitleg_niet(
    met_examennummer, adviseur_weert, teamleider_weert, als
):
    services.sla_lbt_over(
        met_examennummer,
        adviseur_weert,
        grond=GROND,
        toelichting="Medische beperking: kan niet lezen.",
    )
    client = als(teamleider_weert)
    antwoord = client.post(
        reverse("web:lbt_overslaan", args=[met_examennummer.inburgeraar_id]),
        {"lbt-grond": GROND, "lbt-toelichting": "x", "lbt-datum": "2026-09-30"},
    )
    assert antwoord.status_code == 403
    html = client.get(
        reverse("web:casus_tab", args=[met_examennummer.inburgeraar_id, "intake"])
    ).content.decode()
    assert 'id="lbt-overgeslagen"' in html and "Medische beperking" not in html


# -- the API ---------------------------------------------------------------------------------


def _url(traject):
    return reverse("api:lbt-overslaan", kwargs={"pk": traject.inburgeraar_id})


def test_api_overslaan(met_examennummer, adviseur_weert, api):
    leeg = api(adviseur_weert).get(_url(met_examennummer)).json()
    assert leeg == {"grond": None, "datum": None, "door": None, "examennummer_ingetrokken": False}
    antwoord = api(adviseur_weert).post(
        _url(met_examennummer),
        {"grond": GROND, "toelichting": "Mbo-4 diploma.", "datum": "2026-09-30"},
        format="json",
    )
    assert antwoord.status_code == 201, antwoord.content
    assert antwoord.json() == {
        "grond": GROND,
        "datum": "2026-09-30",
        "door": adviseur_weert.username,
        "toelichting": "Mbo-4 diploma.",
        "examennummer_ingetrokken": True,
    }
    assert len(_berichten(met_examennummer)) == 1
    assert (
        api(adviseur_weert)
        .get(reverse("api:inburgeraar", kwargs={"pk": met_examennummer.inburgeraar_id}))
        .json()["lbt_overgeslagen_op"]
        == "2026-09-30"
    )


@pytest.mark.parametrize(
    ("body", "veld"),
    [
        ({"grond": "zomaar", "toelichting": "x"}, "grond"),
        ({"grond": GROND, "toelichting": ""}, "toelichting"),
        ({"grond": GROND, "toelichting": "x", "datum": "morgen"}, "datum"),
        ({"grond": GROND, "toelichting": "x", "datum": "2026-10-05"}, "datum"),
    ],
)
def test_api_400_met_veldfouten(met_examennummer, adviseur_weert, api, body, veld):
    antwoord = api(adviseur_weert).post(_url(met_examennummer), body, format="json")
    assert antwoord.status_code == 400
    assert veld in antwoord.json()["fouten"]
    assert _berichten(met_examennummer) == []


def test_api_teamleider_403_en_geen_toelichting(
    met_examennummer, adviseur_weert, teamleider_weert, api
):
    antwoord = api(teamleider_weert).post(
        _url(met_examennummer), {"grond": GROND, "toelichting": "x"}, format="json"
    )
    assert antwoord.status_code == 403
    services.sla_lbt_over(met_examennummer, adviseur_weert, grond=GROND, toelichting="Medisch.")
    data = api(teamleider_weert).get(_url(met_examennummer)).json()
    assert data["grond"] == GROND and "toelichting" not in data
