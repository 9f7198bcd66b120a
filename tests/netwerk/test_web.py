"""The netwerk pages in the browser: case page section, the netwerk page of a case, the
instroomklas roster and the registers. Good input, bad input (Dutch error, nothing saved)
and access."""

import datetime as dt
import re
from decimal import Decimal

import pytest

from koers.netwerk import services
from koers.netwerk.models import (
    ErvaringsdeskundigeKoppeling,
    InstroomklasPlaatsing,
    InstroomklasWeek,
    Taalverwijzing,
    Tolk,
    Tolkboeking,
)
from tests.factories import InburgeraarFactory, TrajectFactory

D = dt.date


def _pad(traject, rest=""):
    return f"/inburgeraars/{traject.inburgeraar_id}/netwerk/{rest}"


def _velden_zonder_label(html: str) -> list[str]:
    ids = re.findall(
        r'<(?:input|select|textarea)(?![^>]*type="(?:hidden|submit)")[^>]*'
        r'\sid="([^"]+)"',
        html,
    )
    return [i for i in ids if f'for="{i}"' not in html]


@pytest.fixture
def met_tolk_nodig(traject_weert):
    inburgeraar = traject_weert.inburgeraar
    inburgeraar.tolk_nodig = True
    inburgeraar.tolk_taal = "Tigrinya"
    inburgeraar.save()
    return traject_weert


def test_case_page_shows_the_section(als, adviseur_weert, met_tolk_nodig, tolk_tigrinya):
    services.plaats_in_instroomklas(
        met_tolk_nodig, adviseur_weert, startdatum=D(2026, 10, 1), geplande_einddatum=D(2026, 11, 1)
    )
    html = (
        als(adviseur_weert)
        .get(f"/inburgeraars/{met_tolk_nodig.inburgeraar_id}/dossier/netwerk/")
        .content.decode()
    )
    assert 'id="netwerk"' in html
    assert "In de instroomklas sinds 1 oktober 2026" in html
    assert 'id="netwerk-te-lang"' in html  # planned end passed
    assert "Filmon Ghebre" in html  # suggested: speaks Tigrinya
    assert "Netwerk en ondersteuning bijwerken" in html


def test_teamleider_reads_but_does_not_edit(als, teamleider_weert, traject_weert):
    client = als(teamleider_weert)
    html = client.get(
        f"/inburgeraars/{traject_weert.inburgeraar_id}/dossier/netwerk/"
    ).content.decode()
    assert 'id="netwerk"' in html
    assert "Netwerk en ondersteuning bijwerken" not in html
    pagina = client.get(_pad(traject_weert))
    assert pagina.status_code == 200
    assert 'id="plaatsingformulier"' not in pagina.content.decode()
    antwoord = client.post(
        _pad(traject_weert, "instroomklas/"),
        {"plaatsing-startdatum": "2026-10-01", "plaatsing-geplande_einddatum": "2026-12-01"},
    )
    assert antwoord.status_code == 403
    assert not InstroomklasPlaatsing.objects.exists()


def test_other_gemeente_is_404_and_beleid_403(
    als, adviseur_weert, beleid, traject_cranendonck, traject_weert
):
    client = als(adviseur_weert)
    assert client.get(_pad(traject_cranendonck)).status_code == 404
    assert (
        client.post(
            _pad(traject_cranendonck, "taalondersteuning/"),
            {
                "verwijzing-soort": "taalmaatje",
                "verwijzing-datum": "2026-10-01",
                "verwijzing-status": "verwezen",
            },
        ).status_code
        == 404
    )
    assert not Taalverwijzing.objects.exists()
    assert als(beleid).get(_pad(traject_weert)).status_code == 403


def test_every_field_has_a_label(als, adviseur_weert, met_tolk_nodig, tolk_tigrinya, ed_weert):
    services.plaats_in_instroomklas(
        met_tolk_nodig, adviseur_weert, startdatum=D(2026, 10, 1), geplande_einddatum=D(2026, 12, 1)
    )
    services.boek_tolk(
        met_tolk_nodig,
        adviseur_weert,
        tolk=tolk_tigrinya,
        gesprek="pip_gesprek",
        datum=D(2026, 11, 2),
        duur_minuten=60,
    )
    services.bewaar_verwijzing(
        met_tolk_nodig, adviseur_weert, {"soort": "taalmaatje", "datum": D(2026, 10, 1)}
    )
    html = als(adviseur_weert).get(_pad(met_tolk_nodig)).content.decode()
    assert _velden_zonder_label(html) == []
    assert "Geef aan of het gesprek geweest is." in html


def test_instroomklas_walkthrough(als, adviseur_weert, traject_weert):
    client = als(adviseur_weert)
    antwoord = client.post(
        _pad(traject_weert, "instroomklas/"),
        {
            "plaatsing-startdatum": "2026-10-05",
            "plaatsing-geplande_einddatum": "2026-12-07",
            "plaatsing-toelichting": "Wacht op de B1-route.",
        },
    )
    assert antwoord.status_code == 302
    assert antwoord["Location"].endswith("/netwerk/#instroomklas")
    antwoord = client.post(
        _pad(traject_weert, "instroomklas/aanwezigheid/"),
        {
            "aanwezigheid-week": "2026-10-14",
            "aanwezigheid-dagdelen_gepland": "4",
            "aanwezigheid-dagdelen_aanwezig": "3",
        },
    )
    assert antwoord.status_code == 302
    antwoord = client.post(
        _pad(traject_weert, "instroomklas/workshop/"),
        {"workshop-workshop": "omgaan_met_geld", "workshop-datum": "2026-10-20"},
    )
    assert antwoord.status_code == 302
    html = client.get(_pad(traject_weert)).content.decode()
    assert "3 van 4 dagdelen (75%)" in html
    assert "Omgaan met geld (20 oktober 2026)" in html
    antwoord = client.post(
        _pad(traject_weert, "instroomklas/beeindigen/"), {"einde-einddatum": "2026-11-02"}
    )
    assert antwoord.status_code == 302
    assert InstroomklasPlaatsing.objects.get().einddatum == D(2026, 11, 2)


@pytest.mark.parametrize(
    ("pad", "data", "tekst"),
    [
        (
            "instroomklas/",
            {"plaatsing-startdatum": "31-02-2026", "plaatsing-geplande_einddatum": "2026-12-07"},
            "geldige datum",
        ),
        (
            "instroomklas/",
            {"plaatsing-startdatum": "2026-10-05", "plaatsing-geplande_einddatum": "2026-10-01"},
            "na de startdatum",
        ),
        (
            "instroomklas/",
            {
                "plaatsing-startdatum": "2026-10-05",
                "plaatsing-geplande_einddatum": "2026-12-01",
                "plaatsing-toelichting": "x" * 1001,
            },
            "te lang",
        ),
    ],
)
def test_instroomklas_bad_input(als, adviseur_weert, traject_weert, pad, data, tekst):
    antwoord = als(adviseur_weert).post(_pad(traject_weert, pad), data)
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert 'id="foutsamenvatting"' in html and tekst in html
    assert not InstroomklasPlaatsing.objects.exists()


@pytest.mark.parametrize(
    ("data", "tekst"),
    [
        (
            {
                "aanwezigheid-week": "2026-10-14",
                "aanwezigheid-dagdelen_gepland": "4",
                "aanwezigheid-dagdelen_aanwezig": "5",
            },
            "niet meer dagdelen aanwezig",
        ),
        (
            {
                "aanwezigheid-week": "2026-10-14",
                "aanwezigheid-dagdelen_gepland": "-1",
                "aanwezigheid-dagdelen_aanwezig": "0",
            },
            "kan niet kleiner zijn dan 0",
        ),
        (
            {
                "aanwezigheid-week": "2026-10-14",
                "aanwezigheid-dagdelen_gepland": "vier",
                "aanwezigheid-dagdelen_aanwezig": "0",
            },
            "heel getal",
        ),
        (
            {
                "aanwezigheid-week": "2027-01-04",
                "aanwezigheid-dagdelen_gepland": "4",
                "aanwezigheid-dagdelen_aanwezig": "4",
            },
            "toekomst",
        ),
    ],
)
def test_aanwezigheid_bad_input(als, adviseur_weert, traject_weert, data, tekst):
    services.plaats_in_instroomklas(
        traject_weert, adviseur_weert, startdatum=D(2026, 10, 1), geplande_einddatum=D(2026, 12, 1)
    )
    antwoord = als(adviseur_weert).post(_pad(traject_weert, "instroomklas/aanwezigheid/"), data)
    assert antwoord.status_code == 400
    assert tekst in antwoord.content.decode()
    assert not InstroomklasWeek.objects.exists()


def test_tolk_boeken_en_bevestigen(
    als, adviseur_weert, met_tolk_nodig, tolk_weert, tolk_tigrinya, tolk_cranendonck
):
    client = als(adviseur_weert)
    html = client.get(_pad(met_tolk_nodig)).content.decode()
    assert 'id="tolk-voorstel"' in html
    # The suggested tolk is chosen already; a tolk of another gemeente is not offered.
    assert f'<option value="{tolk_tigrinya.pk}" selected>' in html
    assert "Semere Tesfay" not in html
    antwoord = client.post(
        _pad(met_tolk_nodig, "tolkboekingen/"),
        {
            "boeking-tolk": str(tolk_cranendonck.pk),
            "boeking-gesprek": "pip_gesprek",
            "boeking-datum": "2026-11-02",
            "boeking-duur_minuten": "60",
        },
    )
    assert antwoord.status_code == 400
    assert "Kies bij &#x27;Tolk&#x27; een van de mogelijkheden." in antwoord.content.decode()
    antwoord = client.post(
        _pad(met_tolk_nodig, "tolkboekingen/"),
        {
            "boeking-tolk": str(tolk_tigrinya.pk),
            "boeking-gesprek": "pip_gesprek",
            "boeking-datum": "2026-11-02",
            "boeking-duur_minuten": "80",
        },
    )
    assert antwoord.status_code == 302
    boeking = Tolkboeking.objects.get()
    assert boeking.kosten == Decimal("60.00")
    antwoord = client.post(
        _pad(met_tolk_nodig, f"tolkboekingen/{boeking.pk}/"),
        {f"boeking-{boeking.pk}-status": "geweest", f"boeking-{boeking.pk}-duur_minuten": "100"},
    )
    assert antwoord.status_code == 302
    boeking.refresh_from_db()
    assert (boeking.status, boeking.kosten) == ("geweest", Decimal("75.00"))


@pytest.mark.parametrize(
    ("data", "tekst"),
    [
        (
            {
                "boeking-gesprek": "overig",
                "boeking-datum": "2026-11-10",
                "boeking-duur_minuten": "60",
            },
            "Beschrijf kort",
        ),
        (
            {
                "boeking-gesprek": "pip_gesprek",
                "boeking-datum": "2026-11-10",
                "boeking-duur_minuten": "-30",
            },
            "kan niet kleiner zijn dan 1",
        ),
        (
            {
                "boeking-gesprek": "pip_gesprek",
                "boeking-datum": "2026-11-10",
                "boeking-duur_minuten": "1000",
            },
            "kan niet groter zijn dan 480",
        ),
        (
            {
                "boeking-gesprek": "koffie",
                "boeking-datum": "2026-11-10",
                "boeking-duur_minuten": "60",
            },
            "een van de mogelijkheden",
        ),
    ],
)
def test_boeken_bad_input(als, adviseur_weert, traject_weert, tolk_weert, data, tekst):
    data = {"boeking-tolk": str(tolk_weert.pk), **data}
    antwoord = als(adviseur_weert).post(_pad(traject_weert, "tolkboekingen/"), data)
    assert antwoord.status_code == 400
    assert tekst in antwoord.content.decode()
    assert not Tolkboeking.objects.exists()


def test_booking_of_another_case_is_404(als, adviseur_weert, traject_weert, tolk_weert, weert):
    ander = TrajectFactory(inburgeraar=InburgeraarFactory(gemeente=weert))
    boeking = services.boek_tolk(
        ander,
        adviseur_weert,
        tolk=tolk_weert,
        gesprek="pip_gesprek",
        datum=D(2026, 11, 2),
        duur_minuten=60,
    )
    antwoord = als(adviseur_weert).post(
        _pad(traject_weert, f"tolkboekingen/{boeking.pk}/"),
        {f"boeking-{boeking.pk}-status": "geannuleerd"},
    )
    assert antwoord.status_code == 404


def test_koppelen_en_verwijzen(als, adviseur_weert, traject_weert, ed_weert):
    client = als(adviseur_weert)
    antwoord = client.post(
        _pad(traject_weert, "ervaringsdeskundigen/"),
        {
            "koppeling-ervaringsdeskundige": str(ed_weert.pk),
            "koppeling-rol": "adviseur",
            "koppeling-sinds": "2026-10-01",
        },
    )
    assert antwoord.status_code == 400
    assert "heeft die rol niet" in antwoord.content.decode()
    antwoord = client.post(
        _pad(traject_weert, "ervaringsdeskundigen/"),
        {
            "koppeling-ervaringsdeskundige": str(ed_weert.pk),
            "koppeling-rol": "voorlichter",
            "koppeling-sinds": "2026-10-01",
        },
    )
    assert antwoord.status_code == 302
    koppeling = ErvaringsdeskundigeKoppeling.objects.get()
    antwoord = client.post(
        _pad(traject_weert, f"ervaringsdeskundigen/{koppeling.pk}/einde/"),
        {f"koppeling-{koppeling.pk}-tot": "2026-11-04"},
    )
    assert antwoord.status_code == 302

    def verwijs(uren_per_week):
        return client.post(
            _pad(traject_weert, "taalondersteuning/"),
            {
                "verwijzing-soort": "bibliotheek",
                "verwijzing-organisatie": "Taalhuis Weert",
                "verwijzing-datum": "2026-10-01",
                "verwijzing-status": "verwezen",
                "verwijzing-uren_per_week": uren_per_week,
            },
        )

    for uren, fout in (
        ("-2", "kan niet kleiner zijn dan 0"),
        ("anderhalf", "een getal in, bijvoorbeeld 1,5"),
    ):
        antwoord = verwijs(uren)
        assert antwoord.status_code == 400
        assert fout in antwoord.content.decode()
        assert not Taalverwijzing.objects.exists()
    assert verwijs("1,5").status_code == 302
    verwijzing = Taalverwijzing.objects.get()
    assert verwijzing.uren_per_week == Decimal("1.5")
    antwoord = client.post(
        _pad(traject_weert, f"taalondersteuning/{verwijzing.pk}/"),
        {
            f"verwijzing-{verwijzing.pk}-status": "gestart",
            f"verwijzing-{verwijzing.pk}-uren_totaal": "6",
        },
    )
    assert antwoord.status_code == 302
    verwijzing.refresh_from_db()
    assert (verwijzing.status, verwijzing.uren_totaal) == ("gestart", Decimal("6"))
    html = client.get(
        f"/inburgeraars/{traject_weert.inburgeraar_id}/dossier/netwerk/"
    ).content.decode()
    assert "Taalhuis Weert" in html and "Yohannes Mehari" in html


# --- roster -----------------------------------------------------------------------------------


def _klas(weert, adviseur, aantal):
    for _ in range(aantal):
        traject = TrajectFactory(inburgeraar=InburgeraarFactory(gemeente=weert))
        services.plaats_in_instroomklas(
            traject, adviseur, startdatum=D(2026, 10, 1), geplande_einddatum=D(2026, 12, 1)
        )
        services.registreer_aanwezigheid(
            traject, adviseur, week=D(2026, 10, 28), dagdelen_gepland=4, dagdelen_aanwezig=2
        )
        services.registreer_workshop(
            traject, adviseur, workshop="leren_fietsen", datum=D(2026, 10, 20)
        )


def test_roster(als, adviseur_weert, weert, cranendonck):
    _klas(weert, adviseur_weert, 2)
    client = als(adviseur_weert)
    antwoord = client.get("/netwerk/instroomklas/")
    html = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "2 inburgeraars" in html and "Leren fietsen" in html and "2/4" in html
    assert 'id="naar-instroomklas"' in html  # menu item
    assert client.get(f"/netwerk/instroomklas/{cranendonck.pk}/").status_code == 404
    assert client.get(f"/netwerk/instroomklas/{weert.pk}/").status_code == 200


def test_roster_access(als, beleid, teamleider_weert, weert):
    assert als(beleid).get("/netwerk/instroomklas/").status_code == 403
    assert als(teamleider_weert).get("/netwerk/instroomklas/").status_code == 200


def test_roster_query_count_is_constant(als, adviseur_weert, weert, django_assert_max_num_queries):
    _klas(weert, adviseur_weert, 1)
    client = als(adviseur_weert)
    client.get("/netwerk/instroomklas/")  # warm the session
    with django_assert_max_num_queries(12) as een:
        client.get("/netwerk/instroomklas/")
    _klas(weert, adviseur_weert, 6)
    with django_assert_max_num_queries(len(een.captured_queries)):
        assert "7 inburgeraars" in client.get("/netwerk/instroomklas/").content.decode()


# --- registers --------------------------------------------------------------------------------


def test_register_list_and_add(als, adviseur_weert, tolk_weert, tolk_cranendonck):
    client = als(adviseur_weert)
    html = client.get("/netwerk/tolken/").content.decode()
    assert "Samira Haddou" in html and "Semere Tesfay" not in html
    assert 'id="registerformulier"' in html
    antwoord = client.post(
        "/netwerk/tolken/",
        {
            "naam": "Oksana Melnyk",
            "talen": "Oekraïens, Russisch",
            "soort": "ter_plaatse",
            "tarief_per_uur": "55.00",
            "actief": "on",
        },
    )
    assert antwoord.status_code == 302
    tolk = Tolk.objects.get(naam="Oksana Melnyk")
    assert tolk.gemeente_id == adviseur_weert.gemeente.pk
    assert tolk.talen == ["Oekraïens", "Russisch"]
    html = client.get("/netwerk/tolken/?taal=oekraïens").content.decode()
    assert "Oksana Melnyk" in html and "Samira Haddou" not in html


@pytest.mark.parametrize(
    ("data", "tekst"),
    [
        ({"naam": "", "talen": "Arabisch", "soort": "video", "tarief_per_uur": "50"}, "Vul"),
        ({"naam": "X", "talen": "", "soort": "video", "tarief_per_uur": "50"}, "Talen"),
        (
            {"naam": "X", "talen": "Arabisch", "soort": "video", "tarief_per_uur": "-5"},
            "kan niet kleiner zijn dan 0",
        ),
        (
            {"naam": "X", "talen": "Arabisch", "soort": "video", "tarief_per_uur": "0"},
            "meer dan 0 euro",
        ),
        (
            {"naam": "X", "talen": "Arabisch", "soort": "fax", "tarief_per_uur": "50"},
            "een van de mogelijkheden",
        ),
        (
            {"naam": "X", "talen": "Arabisch", "soort": "video", "tarief_per_uur": "veel"},
            "een getal in, bijvoorbeeld",
        ),
    ],
)
def test_register_bad_input(als, adviseur_weert, weert, data, tekst):
    antwoord = als(adviseur_weert).post("/netwerk/tolken/", data)
    assert antwoord.status_code == 400
    assert tekst in antwoord.content.decode()
    assert not Tolk.objects.exists()


def test_register_item_access(
    als,
    adviseur_weert,
    beleid,
    teamleider_weert,
    tolk_weert,
    tolk_cranendonck,
    ed_weert,
    ed_cranendonck,
):
    client = als(adviseur_weert)
    assert client.get(f"/netwerk/tolken/{tolk_cranendonck.pk}/").status_code == 404
    assert (
        client.post(
            f"/netwerk/tolken/{tolk_cranendonck.pk}/",
            {"naam": "Weg", "talen": "Arabisch", "soort": "video", "tarief_per_uur": "1"},
        ).status_code
        == 404
    )
    assert client.get(f"/netwerk/ervaringsdeskundigen/{ed_cranendonck.pk}/").status_code == 404
    assert client.get(f"/netwerk/tolken/{tolk_weert.pk}/").status_code == 200
    assert als(beleid).get("/netwerk/tolken/").status_code == 403
    # The teamleider maintains the registers too.
    antwoord = als(teamleider_weert).post(
        f"/netwerk/tolken/{tolk_weert.pk}/",
        {
            "naam": "Samira Haddou",
            "talen": "Arabisch, Frans",
            "soort": "ter_plaatse",
            "tarief_per_uur": "65.00",
        },
    )
    assert antwoord.status_code == 302
    tolk_weert.refresh_from_db()
    assert (tolk_weert.tarief_per_uur, tolk_weert.actief) == (Decimal("65.00"), False)


def test_ervaringsdeskundigen_register(als, adviseur_weert, weert):
    client = als(adviseur_weert)
    antwoord = client.post(
        "/netwerk/ervaringsdeskundigen/",
        {
            "naam": "Rasha Al-Omari",
            "rollen": ["adviseur", "verkenner"],
            "talen": "Arabisch, Engels",
            "actief": "on",
        },
    )
    assert antwoord.status_code == 302
    html = client.get("/netwerk/ervaringsdeskundigen/").content.decode()
    assert "Rasha Al-Omari" in html and "Adviseur, Verkenner" in html
    antwoord = client.post("/netwerk/ervaringsdeskundigen/", {"naam": "Zonder rol"})
    assert antwoord.status_code == 400
    assert "Rollen" in antwoord.content.decode()


def test_register_query_count_is_constant(
    als, adviseur_weert, weert, django_assert_max_num_queries
):
    def tolk(i):
        Tolk.objects.create(
            gemeente=weert,
            naam=f"Tolk {i}",
            talen=["Arabisch"],
            soort="video",
            tarief_per_uur=Decimal("50"),
        )

    tolk(0)
    client = als(adviseur_weert)
    client.get("/netwerk/tolken/")
    with django_assert_max_num_queries(12) as een:
        client.get("/netwerk/tolken/")
    for i in range(1, 8):
        tolk(i)
    with django_assert_max_num_queries(len(een.captured_queries)):
        assert "Tolk 7" in client.get("/netwerk/tolken/").content.decode()


def test_case_page_section_query_count(
    als, adviseur_weert, traject_weert, tolk_weert, django_assert_max_num_queries
):
    client = als(adviseur_weert)
    pad = _pad(traject_weert)
    services.plaats_in_instroomklas(
        traject_weert, adviseur_weert, startdatum=D(2026, 10, 1), geplande_einddatum=D(2026, 12, 1)
    )
    client.get(pad)
    with django_assert_max_num_queries(40) as een:
        client.get(pad)
    for dag in range(5):
        services.boek_tolk(
            traject_weert,
            adviseur_weert,
            tolk=tolk_weert,
            gesprek="pip_gesprek",
            datum=D(2026, 11, 1 + dag),
            duur_minuten=60,
        )
        services.bewaar_verwijzing(
            traject_weert, adviseur_weert, {"soort": "taalmaatje", "datum": D(2026, 10, 1 + dag)}
        )
    with django_assert_max_num_queries(len(een.captured_queries)):
        client.get(pad)


def test_no_duplicate_ids(als, adviseur_weert, met_tolk_nodig, tolk_tigrinya, ed_weert):
    services.plaats_in_instroomklas(
        met_tolk_nodig, adviseur_weert, startdatum=D(2026, 10, 1), geplande_einddatum=D(2026, 12, 1)
    )
    for dag in (2, 3):
        services.boek_tolk(
            met_tolk_nodig,
            adviseur_weert,
            tolk=tolk_tigrinya,
            gesprek="pip_gesprek",
            datum=D(2026, 11, dag),
            duur_minuten=60,
        )
        services.bewaar_verwijzing(
            met_tolk_nodig, adviseur_weert, {"soort": "taalmaatje", "datum": D(2026, 10, dag)}
        )
    services.koppel_ervaringsdeskundige(
        met_tolk_nodig,
        adviseur_weert,
        ervaringsdeskundige=ed_weert,
        rol="voorlichter",
        sinds=D(2026, 10, 1),
    )
    client = als(adviseur_weert)
    for pad in (
        _pad(met_tolk_nodig),
        f"/inburgeraars/{met_tolk_nodig.inburgeraar_id}/dossier/netwerk/",
        "/netwerk/instroomklas/",
        "/netwerk/tolken/",
        "/netwerk/ervaringsdeskundigen/",
    ):
        html = client.get(pad).content.decode()
        ids = re.findall(r'\sid="([^"]+)"', html)
        assert len(ids) == len(set(ids)), (pad, sorted(i for i in ids if ids.count(i) > 1))
        assert _velden_zonder_label(html) == [], pad


def test_amounts_are_shown_in_a_box_that_holds_a_decimal_comma(als, adviseur_weert, traject_weert):
    # A browser empties a number box whose value reads "2,5"; saving the row again would then
    # store no hours. The amounts are text boxes with a decimal keyboard instead.
    verwijzing = services.bewaar_verwijzing(
        traject_weert,
        adviseur_weert,
        {"soort": "bibliotheek", "datum": dt.date(2026, 10, 1), "uren_per_week": Decimal("2.5")},
    )
    html = als(adviseur_weert).get(_pad(traject_weert)).content.decode()
    veld = re.search(rf'<input[^>]*id="id_verwijzing-{verwijzing.pk}-uren_per_week"[^>]*>', html)
    assert veld is not None
    assert 'type="text"' in veld.group(0) and 'inputmode="decimal"' in veld.group(0)
    assert 'value="2,5"' in veld.group(0)
