"""Financiën (startnotitie chapter 8, the SPUK): rules, the services' refusals, the
dashboard's figures against a hand-computed fixture, its constant query count, and access
(no names for financiën)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from koers.bouwstenen.weigering import Weigering
from koers.organisaties.models import Budget, Organisatie
from koers.sturing import financien, rules, services
from koers.sturing.models import Contract, Kostenpost
from koers.verwerkingen.models import Verwerking
from tests.factories import InburgeraarFactory, OrganisatieFactory, TrajectFactory

D = Decimal
VANDAAG = dt.date(2026, 11, 29)


# --- rules ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tarief", "aantal", "bedrag"),
    [
        ("60.00", "10", "600.00"),
        ("62.35", "1.5", "93.53"),  # 93.525 rounds half up
        ("1250.00", "1", "1250.00"),
        ("0.01", "0.5", "0.01"),
    ],
)
def test_kostenbedrag_is_aantal_times_tarief_to_the_cent(tarief, aantal, bedrag):
    assert rules.kostenbedrag(D(tarief), D(aantal)) == D(bedrag)


@pytest.mark.parametrize(
    ("van", "tot", "datum", "geldig"),
    [
        ("2026-01-01", None, "2026-01-01", True),
        ("2026-01-01", None, "2025-12-31", False),
        ("2026-01-01", "2026-12-31", "2026-12-31", True),
        ("2026-01-01", "2026-12-31", "2027-01-01", False),
    ],
)
def test_contract_geldig(van, tot, datum, geldig):
    iso = dt.date.fromisoformat
    assert rules.contract_geldig(iso(van), tot and iso(tot), iso(datum)) is geldig


@pytest.mark.parametrize(
    ("asiel", "gezin", "verwacht"),
    [
        (0, 0, "0"),
        (1, 0, "4100"),
        (0, 1, "2700"),
        (10, 4, "51800"),
    ],
)
def test_verwachte_middelen_per_doelgroep(asiel, gezin, verwacht):
    assert rules.verwachte_middelen(asiel, gezin) == D(verwacht)


def test_every_voorziening_has_a_budget_stream():
    assert set(rules.VOORZIENING_STROOM) == set(rules.VOORZIENINGEN)
    assert set(rules.VOORZIENING_STROOM.values()) <= set(Budget.Stroom.values)
    assert rules.prognose_kosten(D("875.50"), D("1000")) == D("1875.50")


# --- fixture ------------------------------------------------------------------------------


@pytest.fixture
def contract_weert(weert):
    taal = OrganisatieFactory(naam="Taalschool Weert", soort="taalaanbieder")
    return Contract.objects.create(
        gemeente=weert,
        aanbieder=taal,
        voorziening="leerroute",
        eenheid="uur",
        tarief=D("60.00"),
        geldig_van=dt.date(2026, 1, 1),
        geldig_tot=dt.date(2026, 12, 31),
    )


@pytest.fixture
def boekjaar(weert, adviseur_weert, traject_weert, contract_weert):
    """Weert 2026: budget SPUK €10.000 and uitvoering €5.000 (no invoering). Costs:
    15 Mar leerroute 10 uur × €60 = €600; 20 Mar tolken €75,50 by hand; 5 Jun ontzorgen
    €200; 10 Dec MAP €1.000 (after today: planned)."""
    Budget.objects.create(gemeente=weert, jaar=2026, stroom="spuk", bedrag=D("10000"))
    Budget.objects.create(gemeente=weert, jaar=2026, stroom="uitvoering", bedrag=D("5000"))
    r = services.registreer_kostenpost
    r(
        adviseur_weert,
        traject_weert,
        voorziening="leerroute",
        contract=contract_weert,
        datum=dt.date(2026, 3, 15),
        aantal=D("10"),
    )
    r(
        adviseur_weert,
        traject_weert,
        voorziening="tolken",
        datum=dt.date(2026, 3, 20),
        bedrag=D("75.50"),
    )
    r(
        adviseur_weert,
        traject_weert,
        voorziening="ontzorgen",
        datum=dt.date(2026, 6, 5),
        bedrag=D("200"),
    )
    r(
        adviseur_weert,
        traject_weert,
        voorziening="map",
        datum=dt.date(2026, 12, 10),
        bedrag=D("1000"),
    )
    return weert


def _rij(tabel, label):
    return next(r for r in tabel.rijen if r.label == label)


def _waarden(tabel, label):
    return [c.waarde for c in _rij(tabel, label).cellen]


# --- figures --------------------------------------------------------------------------------


def test_month_totals_cumulative_and_budget_match_the_hand_computation(boekjaar):
    cijfers = financien.bereken(boekjaar.pk, 2026, VANDAAG)
    budget, maanden, _doelgroep, prognose = financien.tabellen(cijfers, onderdrukken=False)
    n = len(rules.VOORZIENINGEN)
    # Columns: 6 voorzieningen, Totaal, Cumulatief, Budget min cumulatief.
    maart = _waarden(maanden, "maart 2026")
    assert maart[list(rules.VOORZIENINGEN).index("leerroute")] == D("600.00")
    assert maart[list(rules.VOORZIENINGEN).index("tolken")] == D("75.50")
    assert maart[n:] == [D("675.50"), D("675.50"), D("14324.50")]
    assert _waarden(maanden, "februari 2026")[n:] == [D("0"), D("0"), D("15000")]
    assert _waarden(maanden, "juni 2026")[n:] == [D("200.00"), D("875.50"), D("14124.50")]
    # December's MAP is planned, not realised.
    assert _waarden(maanden, "december 2026")[n:] == [D("0"), D("875.50"), D("14124.50")]
    assert _waarden(maanden, "Totaal")[n:] == [D("875.50"), D("875.50"), D("14124.50")]

    assert _waarden(budget, "SPUK inburgeringsvoorzieningen") == [
        D("10000"),
        D("675.50"),
        D("9324.50"),
    ]
    assert _waarden(budget, "Uitvoeringskosten") == [D("5000"), D("200.00"), D("4800.00")]
    assert _waarden(budget, "Invoeringskosten") == [None, D("0"), None]

    assert _waarden(prognose, "Asielmigranten dit jaar") == [1]
    assert _waarden(prognose, "Verwachte middelen (aantal keer bedrag per persoon)") == [D("4100")]
    assert _waarden(prognose, "Prognose kosten van het jaar") == [D("1875.50")]


def test_the_page_shows_the_figures_and_hides_small_counts_for_financien(boekjaar, financien, als):
    client = als(financien)
    html = client.get(reverse("sturing:financien") + "?jaar=2026").content.decode()
    assert "€ 675,50" in html and "€ 14.124,50" in html and "€ 1.875,50" in html
    assert "Taalschool Weert" in html  # the contracts list
    # One asielmigrant: shown as <5, and the money derived from it is hidden too.
    assert "&lt;5" in html and "€ 4.100,00" not in html


def test_dashboard_query_count_does_not_grow_with_kostenposten(
    boekjaar, financien, als, adviseur_weert, weert
):
    client = als(financien)
    url = reverse("sturing:financien") + "?jaar=2026"
    client.get(url)
    with CaptureQueriesContext(connection) as eerst:
        client.get(url)
    for i in range(20):
        traject = TrajectFactory(
            inburgeraar=InburgeraarFactory(gemeente=weert), adviseur=adviseur_weert
        )
        services.registreer_kostenpost(
            adviseur_weert,
            traject,
            voorziening="pvt",
            datum=dt.date(2026, 1 + i % 10, 1),
            bedrag=D("10"),
        )
    with CaptureQueriesContext(connection) as daarna:
        antwoord = client.get(url)
    assert len(daarna) == len(eerst)
    assert "€ 1.075,50" in antwoord.content.decode()  # 875,50 + 20 × 10


# --- services -------------------------------------------------------------------------------


def _fouten(functie, *args, **kwargs) -> dict:
    with pytest.raises(Weigering) as fout:
        functie(*args, **kwargs)
    return fout.value.fouten


@pytest.mark.parametrize(
    ("kwargs", "veld"),
    [
        ({"bedrag": D("-5")}, "bedrag"),
        ({"bedrag": D("250000")}, "bedrag"),
        ({"bedrag": None}, "bedrag"),
        ({"bedrag": D("10"), "aantal": D("0")}, "aantal"),
        ({"bedrag": D("10"), "voorziening": "fiets"}, "voorziening"),
    ],
)
def test_absurd_or_missing_amounts_are_refused(kwargs, veld, adviseur_weert, traject_weert):
    args = {"voorziening": "tolken", "datum": dt.date(2026, 5, 1)} | kwargs
    fouten = _fouten(services.registreer_kostenpost, adviseur_weert, traject_weert, **args)
    assert veld in fouten
    assert not Kostenpost.objects.exists()


def test_contract_refusals(adviseur_weert, traject_weert, contract_weert, cranendonck):
    def fouten(**kwargs):
        args = {
            "voorziening": "leerroute",
            "contract": contract_weert,
            "datum": dt.date(2026, 5, 1),
            "aantal": D("2"),
        } | kwargs
        return _fouten(services.registreer_kostenpost, adviseur_weert, traject_weert, **args)

    assert fouten(datum=dt.date(2027, 1, 1))["contract"] == "Dit contract geldt niet op deze datum."
    assert "contract" in fouten(voorziening="map")
    assert "aantal" in fouten(aantal=D("-1"))
    assert "aantal" in fouten(aantal=D("5000"))  # 5000 × €60 is over the €100.000 bound
    ander = Contract.objects.create(
        gemeente=cranendonck,
        aanbieder_naam="Elders",
        voorziening="leerroute",
        eenheid="uur",
        tarief=D("50"),
        geldig_van=dt.date(2026, 1, 1),
    )
    assert fouten(contract=ander)["contract"] == "Dit contract hoort bij een andere gemeente."
    assert not Kostenpost.objects.exists()


def test_the_tariff_is_frozen_at_entry_and_the_write_is_logged(
    adviseur_weert, traject_weert, contract_weert, financien
):
    post = services.registreer_kostenpost(
        adviseur_weert,
        traject_weert,
        voorziening="leerroute",
        contract=contract_weert,
        datum=dt.date(2026, 4, 1),
        aantal=D("3"),
    )
    services.bewaar_contract(
        financien,
        contract=contract_weert,
        aanbieder=contract_weert.aanbieder,
        voorziening="leerroute",
        eenheid="uur",
        tarief=D("70"),
        geldig_van=dt.date(2026, 1, 1),
    )
    post.refresh_from_db()
    assert (post.bedrag, post.tarief) == (D("180.00"), D("60.00"))
    assert Verwerking.objects.filter(
        traject_id=traject_weert.pk, handeling=Verwerking.Handeling.WIJZIGEN
    ).exists()


def test_a_case_out_of_reach_is_not_found_in_the_service(adviseur_cranendonck, traject_weert):
    with pytest.raises(Http404):
        services.registreer_kostenpost(
            adviseur_cranendonck,
            traject_weert,
            voorziening="pvt",
            datum=dt.date(2026, 5, 1),
            bedrag=D("10"),
        )


def test_financien_registers_no_costs_and_adviseur_keeps_no_contracts(
    financien, adviseur_weert, traject_weert
):
    with pytest.raises(PermissionDenied):
        services.registreer_kostenpost(
            financien, traject_weert, voorziening="pvt", datum=dt.date(2026, 5, 1), bedrag=D("10")
        )
    with pytest.raises(PermissionDenied):
        services.bewaar_contract(
            adviseur_weert,
            aanbieder_naam="X",
            voorziening="pvt",
            eenheid="traject",
            tarief=D("10"),
            geldig_van=dt.date(2026, 1, 1),
        )


@pytest.mark.parametrize(
    ("kwargs", "veld"),
    [
        ({"tarief": D("-1")}, "tarief"),
        ({"tarief": D("0")}, "tarief"),
        ({"aanbieder_naam": ""}, "aanbieder_naam"),
        ({"geldig_tot": dt.date(2025, 1, 1)}, "geldig_tot"),
        ({"eenheid": "week"}, "eenheid"),
    ],
)
def test_contract_form_refusals(kwargs, veld, financien):
    args = {
        "aanbieder_naam": "Tolkcentrum",
        "voorziening": "tolken",
        "eenheid": "uur",
        "tarief": D("45"),
        "geldig_van": dt.date(2026, 1, 1),
    } | kwargs
    assert veld in _fouten(services.bewaar_contract, financien, **args)
    assert not Contract.objects.exists()


# --- pages and access ---------------------------------------------------------------------


def test_financien_creates_a_contract_through_the_form(financien, als, weert):
    werkkom = OrganisatieFactory(naam="Werk.Kom", soort=Organisatie.Soort.WERKKOM)
    client = als(financien)
    antwoord = client.post(
        reverse("sturing:contract_nieuw"),
        {
            "aanbieder": werkkom.pk,
            "voorziening": "map",
            "eenheid": "traject",
            "tarief": "1250,00",
            "geldig_van": "2026-01-01",
        },
    )
    assert antwoord.status_code == 302
    contract = Contract.objects.get()
    assert (contract.gemeente, contract.aanbieder, contract.tarief) == (
        weert,
        werkkom,
        D("1250.00"),
    )
    fout = client.post(
        reverse("sturing:contract", args=[contract.pk]),
        {
            "aanbieder_naam": "",
            "voorziening": "map",
            "eenheid": "traject",
            "tarief": "-3",
            "geldig_van": "2026-01-01",
        },
    )
    assert fout.status_code == 200 and "negatief" in fout.content.decode()


def test_financien_sees_no_names_on_the_page_or_in_the_exports(
    boekjaar, financien, als, traject_weert
):
    client = als(financien)
    naam = traject_weert.inburgeraar.volledige_naam
    bsn = traject_weert.inburgeraar.bsn
    for url in (
        reverse("sturing:financien") + "?jaar=2026",
        reverse("sturing:financien_export", args=["csv"]) + "?jaar=2026",
        reverse("sturing:financien_export", args=["xlsx"]) + "?jaar=2026",
    ):
        antwoord = client.get(url)
        assert antwoord.status_code == 200
        inhoud = antwoord.content
        if url.endswith("xlsx?jaar=2026"):
            import io
            import zipfile

            with zipfile.ZipFile(io.BytesIO(inhoud)) as z:
                inhoud = b"".join(z.read(n) for n in z.namelist())
        assert naam.encode() not in inhoud and bsn.encode() not in inhoud
    assert (
        b"675,5"
        in client.get(reverse("sturing:financien_export", args=["csv"]) + "?jaar=2026").content
    )
    # And no cost page of a case.
    assert (
        client.get(reverse("sturing:kosten", args=[traject_weert.inburgeraar.pk])).status_code
        == 404
    )


def test_adviseur_registers_a_cost_on_his_case(adviseur_weert, als, traject_weert, contract_weert):
    client = als(adviseur_weert)
    url = reverse("sturing:kosten", args=[traject_weert.inburgeraar.pk])
    assert client.get(url).status_code == 200
    antwoord = client.post(
        url,
        {
            "voorziening": "leerroute",
            "contract": contract_weert.pk,
            "datum": "2026-05-01",
            "aantal": "4",
        },
    )
    assert antwoord.status_code == 302
    assert Kostenpost.objects.get().bedrag == D("240.00")
    fout = client.post(url, {"voorziening": "tolken", "datum": "2026-05-01", "bedrag": "-10"})
    assert fout.status_code == 200 and "negatief" in fout.content.decode()
    assert Kostenpost.objects.count() == 1


def test_adviseur_of_another_gemeente_gets_404_on_a_weert_case(
    adviseur_cranendonck, als, traject_weert
):
    client = als(adviseur_cranendonck)
    url = reverse("sturing:kosten", args=[traject_weert.inburgeraar.pk])
    assert client.get(url).status_code == 404
    assert (
        client.post(
            url, {"voorziening": "tolken", "datum": "2026-05-01", "bedrag": "10"}
        ).status_code
        == 404
    )
    assert not Kostenpost.objects.exists()


def test_only_financien_keeps_contracts_and_beleid_reads_the_dashboard(beleid, als):
    client = als(beleid)
    assert client.get(reverse("sturing:financien")).status_code == 200
    assert client.get(reverse("sturing:contract_nieuw")).status_code == 403


def test_the_case_page_links_to_the_cost_page_for_the_adviseur_only(
    adviseur_weert, teamleider_weert, als, traject_weert
):
    url = reverse("web:casus_tab", args=[traject_weert.inburgeraar.pk, "kosten"])
    kosten = reverse("sturing:kosten", args=[traject_weert.inburgeraar.pk])
    assert kosten in als(adviseur_weert).get(url).content.decode()
    assert kosten not in als(teamleider_weert).get(url).content.decode()


def test_anonymising_a_case_keeps_the_amounts_but_not_the_description(
    adviseur_weert, traject_weert
):
    from koers.avg.anonimisering import anonimiseer_batch

    post = services.registreer_kostenpost(
        adviseur_weert,
        traject_weert,
        voorziening="tolken",
        datum=dt.date(2026, 5, 1),
        bedrag=D("45"),
        omschrijving="Tolk Arabisch bij huisarts",
    )
    anonimiseer_batch([traject_weert.inburgeraar_id], traject_ids=[traject_weert.pk])
    post.refresh_from_db()
    assert (post.omschrijving, post.bedrag) == ("", D("45.00"))


# --- finance by doelgroep: the SPUK pays only what it pays ----------------------------------


@pytest.mark.parametrize(
    ("voorziening", "indeling", "stroom"),
    [
        ("leerroute", "Asielstatushouder", "spuk"),
        ("leerroute", "Gezinsmigrant en overige migrant", None),  # he pays it himself (DUO loan)
        ("begeleiding", "Asielstatushouder", "spuk"),
        ("begeleiding", "Gezinsmigrant en overige migrant", None),
        ("ontzorgen", "Asielstatushouder", "uitvoering"),
        ("ontzorgen", "Gezinsmigrant en overige migrant", None),
        ("pvt", "Gezinsmigrant en overige migrant", "spuk"),
        ("map", "Gezinsmigrant en overige migrant", "spuk"),
        ("tolken", "Gezinsmigrant en overige migrant", "spuk"),
    ],
)
def test_ten_laste_van_volgt_de_doelgroep(voorziening, indeling, stroom):
    assert rules.ten_laste_van(voorziening, indeling) == stroom
    assert (rules.kostenpost_doelgroep_fout(voorziening, indeling) is None) is (stroom is not None)


@pytest.fixture
def gezinsmigrant_weert(weert, adviseur_weert):
    return TrajectFactory(
        inburgeraar=InburgeraarFactory(gemeente=weert, doelgroep="Gezinsvormer"),
        adviseur=adviseur_weert,
    )


def test_leerroute_van_een_gezinsmigrant_wordt_geweigerd(
    adviseur_weert, gezinsmigrant_weert, contract_weert
):
    with pytest.raises(Weigering) as fout:
        services.registreer_kostenpost(
            adviseur_weert,
            gezinsmigrant_weert,
            voorziening="leerroute",
            contract=contract_weert,
            datum=dt.date(2026, 3, 15),
            aantal=D("10"),
        )
    assert "betaalt zijn leerroute zelf" in fout.value.fouten["voorziening"]
    assert not Kostenpost.objects.exists()
    # His PVT is the gemeente's (SPUK) cost, booked with his doelgroep.
    post = services.registreer_kostenpost(
        adviseur_weert,
        gezinsmigrant_weert,
        voorziening="pvt",
        datum=dt.date(2026, 3, 15),
        bedrag=D("300"),
    )
    assert post.doelgroepindeling == "Gezinsmigrant en overige migrant"


def test_dashboard_splitst_per_doelgroep_en_houdt_de_spuk_zuiver(
    boekjaar, adviseur_weert, gezinsmigrant_weert
):
    services.registreer_kostenpost(
        adviseur_weert,
        gezinsmigrant_weert,
        voorziening="map",
        datum=dt.date(2026, 4, 1),
        bedrag=D("500"),
    )
    # A gezinsmigrant's leerroute booked before Koers refused it (old data).
    Kostenpost.objects.create(
        traject=gezinsmigrant_weert,
        gemeente=boekjaar,
        voorziening="leerroute",
        datum=dt.date(2026, 4, 2),
        bedrag=D("900"),
        doelgroepindeling="Gezinsmigrant en overige migrant",
    )
    cijfers = financien.bereken(boekjaar.pk, 2026, VANDAAG)
    budget, _maanden, doelgroep, _prognose = financien.tabellen(cijfers, onderdrukken=False)
    # SPUK: the asielstatushouder's leerroute 600 + tolken 75.50, the gezinsmigrant's MAP 500;
    # not his own leerroute.
    assert _waarden(budget, "SPUK inburgeringsvoorzieningen")[:2] == [D("10000"), D("1175.50")]
    assert _waarden(budget, "Geen budget: kosten die de gemeente niet hoort te dragen")[1] == D(
        "900"
    )
    assert _waarden(doelgroep, "Leerroute") == [D("600.00"), D("900"), D("1500.00")]
    assert _waarden(doelgroep, "Totaal") == [D("875.50"), D("1400"), D("2275.50")]


# --- API --------------------------------------------------------------------------------------


def test_api_registreert_kosten_en_weigert_de_eigen_leerroute_van_een_gezinsmigrant(
    api, adviseur_weert, traject_weert, gezinsmigrant_weert, contract_weert
):
    client = api(adviseur_weert)
    pad = f"/api/v1/inburgeraars/{traject_weert.inburgeraar_id}/kosten"
    antwoord = client.post(
        pad,
        {
            "voorziening": "leerroute",
            "contract": contract_weert.pk,
            "datum": "2026-05-01",
            "aantal": "4",
        },
        format="json",
    )
    assert antwoord.status_code == 201, antwoord.json()
    assert antwoord.json()["bedrag"] == "240.00" and antwoord.json()["ten_laste_van"] == "spuk"
    assert antwoord.json()["doelgroepindeling"] == "Asielstatushouder"
    assert len(client.get(pad).json()) == 1
    gezin = f"/api/v1/inburgeraars/{gezinsmigrant_weert.inburgeraar_id}/kosten"
    antwoord = client.post(
        gezin, {"voorziening": "leerroute", "datum": "2026-05-01", "bedrag": "480"}, format="json"
    )
    assert antwoord.status_code == 400
    assert "betaalt zijn leerroute zelf" in " ".join(antwoord.json()["fouten"]["voorziening"])
    assert Kostenpost.objects.count() == 1


def test_api_kosten_niet_voor_teamleider_of_andere_gemeente(
    api, teamleider_weert, adviseur_cranendonck, traject_weert
):
    pad = f"/api/v1/inburgeraars/{traject_weert.inburgeraar_id}/kosten"
    assert api(teamleider_weert).get(pad).status_code == 403
    assert (
        api(adviseur_cranendonck)
        .post(pad, {"voorziening": "tolken", "datum": "2026-05-01", "bedrag": "10"}, format="json")
        .status_code
        == 404
    )
    assert not Kostenpost.objects.exists()


def test_kostenpagina_legt_uit_wat_een_gezinsmigrant_zelf_betaalt(
    adviseur_weert, als, gezinsmigrant_weert
):
    client = als(adviseur_weert)
    url = reverse("sturing:kosten", args=[gezinsmigrant_weert.inburgeraar.pk])
    assert 'id="kosten-gezinsmigrant"' in client.get(url).content.decode()
    antwoord = client.post(
        url, {"voorziening": "leerroute", "datum": "2026-05-01", "bedrag": "100"}
    )
    assert antwoord.status_code == 200
    assert "betaalt zijn leerroute zelf" in antwoord.content.decode()
    assert not Kostenpost.objects.exists()
