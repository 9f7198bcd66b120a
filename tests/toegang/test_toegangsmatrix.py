"""The access matrix of the one policy (koers.toegang): for every role and every section of
a case, whether the role may read it — in the policy, on the case page and through the API.
The expectation is written ONCE, in :data:`MATRIX`; every test below is generated from it,
so the policy, the screens and the API cannot drift apart without a test failing. Changing
who may see what means changing this table, on purpose, in review.

A role without reach gets *not found* (404) for the case everywhere; a role with reach but
without a section gets no trace of it on the case page and 403 from its API endpoint.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from types import SimpleNamespace

import pypdf
import pytest
import time_machine

from koers.begeleiding import services as begeleiding
from koers.inburgeraars import bereik
from koers.intake import rules as intake_rules
from koers.monitoring import services as gesprekken
from koers.partners import services as partners
from koers.toegang import policy
from koers.toegang.policy import Sectie
from tests import cast
from tests.conftest import een_transactie_per_module, inloggen
from tests.dossier import ALLE_TABS, dossier, tab_url, tabs
from tests.factories import GebruikerFactory, OrganisatieFactory
from tests.uitvoering import met_vastgesteld_pip

S = Sectie
ALLES = frozenset(Sectie)

# role → the sections of a Weert case it may read; None: the case is out of its reach.
# A partner's row names the task the case was referred to it for: the gemeente keeps regie
# and shares only what the task needs (AVG art. 5 lid 1c, dataminimalisatie), and only while
# that referral runs.
PARTNER_CONTACT = frozenset({S.NAAM, S.PERSONALIA, S.TRAJECT, S.VERWIJZINGEN})
MATRIX: dict[str, frozenset[Sectie] | None] = {
    "adviseur": ALLES,
    "adviseur_andere_gemeente": None,
    "teamleider": ALLES
    - {S.GEZONDHEID, S.ONTZORGEN, S.BERICHTEN, S.DOCUMENTEN, S.KOSTEN, S.VERBLIJF},
    "uitkeringsadministratie": frozenset({S.NAAM, S.ONTZORGEN}),
    "beleid": None,
    "financien": None,
    "beheerder": None,
    "privacy_officer": None,
    # No partner row holds INTAKE or INTAKE_WERK: the brede intake is never a partner's; the
    # topics about work come with the referral itself (tests/partners/test_need_to_know.py).
    "werkkom_map": frozenset({S.NAAM, S.MODULES, S.VERWIJZINGEN}),
    "werkkom_begeleiding_naar_werk": PARTNER_CONTACT | {S.MODULES, S.BEGELEIDING},
    "taalaanbieder_b1_route": PARTNER_CONTACT | {S.LEERROUTE},
    "vluchtelingenwerk_maatschappelijke_begeleiding": PARTNER_CONTACT | {S.BEGELEIDING},
    "amw_maatschappelijke_begeleiding": PARTNER_CONTACT | {S.BEGELEIDING},
    "coa_maatschappelijke_begeleiding": PARTNER_CONTACT | {S.BEGELEIDING},
    "bibliotheek_pvt": frozenset({S.NAAM, S.MODULES, S.VERWIJZINGEN}),
    "overig_z_route": PARTNER_CONTACT | {S.LEERROUTE},
    "werkkom_verwijzing_aangeboden": None,  # not yet accepted: the name in his list only
    "werkkom_verwijzing_afgesloten": None,
    "werkkom_zonder_verwijzing": None,
    "werkkom_zonder_partnerrol": None,
}
# Who may read the verwerkingenlogging (the audit trail) of the gemeente.
AUDIT = frozenset({"privacy_officer"})


@dataclass(frozen=True)
class Toets:
    """How a section shows itself: a fragment of the case page, and an API read."""

    ui: str | None
    api: str | None  # path below /api/v1/inburgeraars/{id}; "" is the person itself


# A section without its own read endpoint (naam, tijdlijn, duo, …) has api None; its data
# comes along with another answer that is checked on its own.
TOETSEN: dict[Sectie, Toets] = {
    S.NAAM: Toets('id="casus-titel"', None),
    S.PERSONALIA: Toets("Geboortedatum", ""),
    S.TRAJECT: Toets('id="traject"', None),
    S.TIJDLIJN: Toets('id="tijdlijn"', None),
    # The full intake shows the topics that are not about work; the API: see the intake test.
    S.INTAKE: Toets('id="onderwerp-gezinssituatie"', None),
    S.INTAKE_WERK: Toets('id="onderwerp-werkervaring"', "/brede-intake"),
    S.GEZONDHEID: Toets('id="onderwerp-gezondheid"', None),  # API: see the intake test
    S.PIP: Toets('id="pip"', "/pips"),
    S.DUO: Toets('id="duo"', None),
    S.LEERROUTE: Toets('id="leerroute"', "/aanbod"),
    S.MODULES: Toets('id="modules"', "/pvt"),
    S.BEGELEIDING: Toets('id="begeleiding"', "/begeleiding"),
    S.ONTZORGEN: Toets('id="ontzorgen"', "/ontzorgen"),
    S.NETWERK: Toets('id="netwerk"', "/tolkboekingen"),
    S.GESPREKKEN: Toets('id="gesprekken"', "/gesprekken"),
    S.SIGNALEN: Toets('id="signalen"', "/signalen"),
    S.HANDHAVING: Toets('id="handhaving"', "/handhaving"),
    S.BERICHTEN: Toets('id="berichten"', None),
    S.DOCUMENTEN: Toets('id="documenten"', None),
    S.KOSTEN: Toets('id="kosten"', None),
    S.VERWIJZINGEN: Toets('id="verwijzingen"', "/verwijzingen"),
    # Residence data from the BRP (koers.brp): its block in the BRP section, and its endpoint.
    S.VERBLIJF: Toets('id="brp-verblijf"', "/brp/verblijf"),
}


# Health reaches a reader through text too (AVG art. 9): what is written under a health
# dimension of Positieve Gezondheid, or is an intervention of soort gezondheid, belongs to
# the GEZONDHEID section in every channel. Each row: the section that carries the text, the
# channel ("api", "pdf" or "ui": the case page), the path below the case, and the text.
@dataclass(frozen=True)
class Tekst:
    sectie: Sectie
    kanaal: str
    pad: str
    tekst: str
    gezondheid: bool = True  # False: a control row, the same kind of text but not health


DOELEN = {
    "mentaal_welbevinden": "Minder piekeren over familie",
    "lichaamsfuncties": "Rugpijn laten behandelen",
    "meedoen": "Lid worden van de buurtvereniging",
}
GESPREK = {
    "gehouden_op": dt.date(2026, 11, 10),
    "voortgang": {
        "mentaal_welbevinden": {
            "voortgang": "achter",
            "toelichting": "Slaapt slecht door nachtmerries",
        },
        "meedoen": {"voortgang": "op_schema", "toelichting": "Ging twee keer mee"},
    },
    "subdoelen": {"mentaal_welbevinden": "Afspraak maken bij de POH-GGZ"},
    "interventies": [
        {"soort": "gezondheid", "omschrijving": "Verwijzing naar het AMW"},
        {"soort": "taal", "omschrijving": "Extra lesuur op vrijdag"},
    ],
}
GEZONDHEIDSTEKSTEN: dict[str, Tekst] = {
    "pip.doelen.mentaal_welbevinden": Tekst(S.PIP, "api", "/pips", "Minder piekeren"),
    "pip.doelen.lichaamsfuncties": Tekst(S.PIP, "api", "/pips", "Rugpijn"),
    "pip.doelen.meedoen": Tekst(S.PIP, "api", "/pips", "buurtvereniging", gezondheid=False),
    "beschikking.doelen.mentaal_welbevinden": Tekst(
        S.PIP, "pdf", "/pips/1/beschikking", "Minder piekeren"
    ),
    "beschikking.doelen.meedoen": Tekst(
        S.PIP, "pdf", "/pips/1/beschikking", "buurtvereniging", gezondheid=False
    ),
    "gesprek.voortgang.mentaal_welbevinden": Tekst(
        S.GESPREKKEN, "api", "/gesprekken", "nachtmerries"
    ),
    "gesprek.voortgang.meedoen": Tekst(
        S.GESPREKKEN, "api", "/gesprekken", "Ging twee keer mee", gezondheid=False
    ),
    "gesprek.subdoelen.mentaal_welbevinden": Tekst(S.GESPREKKEN, "api", "/gesprekken", "POH-GGZ"),
    "gesprek.interventies.gezondheid": Tekst(
        S.GESPREKKEN, "api", "/gesprekken", "Verwijzing naar het AMW"
    ),
    "gesprek.interventies.taal": Tekst(
        S.GESPREKKEN, "api", "/gesprekken", "Extra lesuur op vrijdag", gezondheid=False
    ),
    "casuspagina.interventies.gezondheid": Tekst(
        S.GESPREKKEN, "ui", "/dossier/gesprekken/", "Zorg: huisarts, GGZ of AMW"
    ),
}

VANDAAG = dt.date(2026, 11, 15)


@pytest.fixture(autouse=True)
def _vandaag(time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 15, 10, 0, tzinfo=dt.UTC), tick=False)


@pytest.fixture(scope="module")
def wereld(django_db_setup, django_db_blocker):
    """The cast this module needs and one Weert case with data in its sections: intake with
    health answers, a vastgesteld PIP with goals under health dimensions, a voortgangsgesprek
    with health notes, and a running financieel ontzorgen (so the uitkeringsadministratie
    reaches it). Built once for the module's several hundred tests, each of which runs in a
    savepoint (tests/conftest.py ``een_transactie_per_module``)."""
    with (
        een_transactie_per_module(django_db_blocker),
        time_machine.travel(dt.datetime(2026, 11, 15, 10, 0, tzinfo=dt.UTC), tick=False),
    ):
        w = SimpleNamespace(weert=cast.weert(), cranendonck=cast.cranendonck())
        w.adviseur_weert = cast.adviseur_weert(w.weert)
        w.adviseur_cranendonck = cast.adviseur_cranendonck(w.cranendonck)
        w.teamleider_weert = cast.teamleider_weert(w.weert)
        w.beleid = cast.beleid(w.weert)
        w.financien = cast.financien(w.weert)
        w.beheerder = cast.beheerder()
        w.traject_weert = traject = cast.traject(w.weert, w.adviseur_weert)
        met_vastgesteld_pip(traject, w.adviseur_weert, doelen=DOELEN)
        gesprekken.leg_gesprek_vast(traject, w.adviseur_weert, GESPREK, met_gezondheid=True)
        begeleiding.bewaar_ontzorgen(
            traject,
            w.adviseur_weert,
            {
                "start_bijstand": dt.date(2026, 10, 1),
                "machtiging_datum": dt.date(2026, 10, 1),
                "machtiging_posten": ["huur"],
            },
        )
        yield w


def _vers(wereld, naam: str):
    """A fresh copy from the database: nothing a test changes in memory reaches the next."""
    object_ = getattr(wereld, naam)
    return type(object_).objects.get(pk=object_.pk)


def _uit_de_wereld(naam: str):
    @pytest.fixture(name=naam)
    def uit_de_wereld(wereld, db):
        return _vers(wereld, naam)

    return uit_de_wereld


# The cast of tests/conftest.py, taken from this module's world instead of made per test.
weert = _uit_de_wereld("weert")
cranendonck = _uit_de_wereld("cranendonck")
adviseur_weert = _uit_de_wereld("adviseur_weert")
adviseur_cranendonck = _uit_de_wereld("adviseur_cranendonck")
teamleider_weert = _uit_de_wereld("teamleider_weert")
beleid = _uit_de_wereld("beleid")
financien = _uit_de_wereld("financien")
beheerder = _uit_de_wereld("beheerder")
traject_weert = _uit_de_wereld("traject_weert")


@pytest.fixture
def zaak(traject_weert):
    return traject_weert.inburgeraar


def _partner(soort: str, naam: str, rol: str = "partner"):
    organisatie = OrganisatieFactory(
        naam=f"{soort} {naam}", soort=soort, keurmerk_tot=dt.date(2030, 1, 1)
    )
    return GebruikerFactory(username=naam, organisatie=organisatie, rollen=[rol])


def _verwezen(traject, adviseur, partner, taak: str, *, tot: str = "lopend"):
    verwijzing = partners.verwijs(traject, adviseur, taak=taak, organisatie=partner.organisatie)
    if tot in ("lopend", "afgesloten"):
        partners.accepteer(verwijzing, partner)
    if tot == "afgesloten":
        partners.sluit_af(verwijzing, partner, resultaat="behaald")
    return partner


@pytest.fixture
def als_rol(
    weert,
    cranendonck,
    adviseur_weert,
    adviseur_cranendonck,
    teamleider_weert,
    beleid,
    financien,
    beheerder,
    zaak,
):
    """``als_rol(rol)``: the user of that row of the MATRIX, with what the row names (a
    referral in the state it says). One row per test: a case has one open referral per task."""
    traject = zaak.huidig_traject

    def gebruiker(naam, gemeente, rol):
        return GebruikerFactory(username=naam, gemeente=gemeente, rollen=[rol])

    def maak(rol: str):
        vast = {
            "adviseur": lambda: adviseur_weert,
            "adviseur_andere_gemeente": lambda: adviseur_cranendonck,
            "teamleider": lambda: teamleider_weert,
            "uitkeringsadministratie": lambda: gebruiker(
                "ursula", weert, "uitkeringsadministratie"
            ),
            "beleid": lambda: beleid,
            "financien": lambda: financien,
            "beheerder": lambda: beheerder,
            "privacy_officer": lambda: gebruiker("pim", weert, "privacy"),
            "werkkom_zonder_verwijzing": lambda: _partner("werkkom", "wanda"),
            "werkkom_verwijzing_aangeboden": lambda: _verwezen(
                traject, adviseur_weert, _partner("werkkom", "wouter"), "map", tot="aangeboden"
            ),
            "werkkom_verwijzing_afgesloten": lambda: _verwezen(
                traject, adviseur_weert, _partner("werkkom", "willem"), "map", tot="afgesloten"
            ),
        }
        if rol in vast:
            return vast[rol]()
        soort, _, taak = rol.partition("_")
        if taak == "zonder_partnerrol":  # a colleague at a partner, but with a gemeente role
            collega = _verwezen(traject, adviseur_weert, _partner(soort, "wies"), "map")
            return GebruikerFactory(
                username="wessel", organisatie=collega.organisatie, rollen=["adviseur"]
            )
        return _verwezen(traject, adviseur_weert, _partner(soort, soort), taak)

    return maak


def test_de_tabel_noemt_elke_sectie():
    assert set(TOETSEN) == set(Sectie), "elke sectie heeft een toets op scherm en API"


PARTNER_ROWS = [
    rol
    for rol in MATRIX
    if rol.partition("_")[0]
    in {"werkkom", "taalaanbieder", "vluchtelingenwerk", "amw", "coa", "bibliotheek", "overig"}
]


def test_geen_partnerrij_heeft_de_brede_intake():
    assert len(PARTNER_ROWS) == 12
    assert not [rol for rol in PARTNER_ROWS if (MATRIX[rol] or set()) & {S.INTAKE, S.INTAKE_WERK}]


@pytest.mark.parametrize("rol", sorted(MATRIX))
def test_policy_volgt_de_tabel(rol, als_rol, zaak):
    user = als_rol(rol)
    verwacht = MATRIX[rol]
    bereikt = bereik.inburgeraars_voor(user).filter(pk=zaak.pk).exists()
    assert bereikt is (verwacht is not None)
    if verwacht is not None:
        assert set(policy.zichtbare_secties(user, zaak.huidig_traject)) == set(verwacht)
    assert policy.mag_verwerkingen_zien(user) is (rol in AUDIT)


@pytest.mark.parametrize("rol", sorted(MATRIX))
def test_casuspagina_volgt_de_tabel(rol, als_rol, zaak, client):
    inloggen(client, als_rol(rol))
    antwoord = client.get(f"/inburgeraars/{zaak.pk}/")
    verwacht = MATRIX[rol]
    if verwacht is None:
        assert antwoord.status_code == 404
        assert zaak.bsn not in antwoord.content.decode()
        for sleutel in ALLE_TABS:
            assert client.get(tab_url(zaak.pk, sleutel)).status_code == 404
        return
    assert antwoord.status_code == 200
    # The whole dossier: the overview and every tab it offers; a tab it does not offer
    # cannot be opened by its URL either.
    html = dossier(client, zaak.pk)
    for sleutel in set(ALLE_TABS) - set(tabs(antwoord.content.decode())):
        assert client.get(tab_url(zaak.pk, sleutel)).status_code == 404, sleutel
    zichtbaar = {s for s, toets in TOETSEN.items() if toets.ui and toets.ui in html}
    fout_getoond = zichtbaar - verwacht
    fout_verborgen = {s for s in verwacht if TOETSEN[s].ui} - zichtbaar
    assert not fout_getoond, f"{rol} ziet {sorted(fout_getoond)} op de casuspagina"
    assert not fout_verborgen, f"{rol} mist {sorted(fout_verborgen)} op de casuspagina"


API_SECTIES = [s for s, toets in TOETSEN.items() if toets.api is not None]


@pytest.mark.parametrize("sectie", API_SECTIES)
@pytest.mark.parametrize("rol", sorted(MATRIX))
def test_api_volgt_de_tabel(rol, sectie, als_rol, zaak, api):
    antwoord = api(als_rol(rol)).get(f"/api/v1/inburgeraars/{zaak.pk}{TOETSEN[sectie].api}")
    verwacht = MATRIX[rol]
    if verwacht is None:
        assert antwoord.status_code == 404
    elif sectie in verwacht:
        assert antwoord.status_code == 200, antwoord.content
    else:
        assert antwoord.status_code == 403
    assert zaak.bsn not in antwoord.content.decode() or (
        verwacht is not None and sectie in verwacht
    )


@pytest.mark.parametrize("rol", sorted(r for r, v in MATRIX.items() if v and S.INTAKE_WERK in v))
def test_intake_onderwerpen_in_de_api_volgen_de_tabel(rol, als_rol, zaak, api):
    """The intake API answers with the topics of the role's row: all with INTAKE (health
    only with GEZONDHEID), those about work with INTAKE_WERK alone."""
    intake = api(als_rol(rol)).get(f"/api/v1/inburgeraars/{zaak.pk}/brede-intake").json()
    verwacht = MATRIX[rol]
    if S.INTAKE in verwacht:
        onderwerpen = set(intake_rules.ONDERWERP_SLEUTELS)
        if S.GEZONDHEID not in verwacht:
            onderwerpen.discard("gezondheid")
    else:
        onderwerpen = set(intake_rules.WERK_ONDERWERPEN)
    assert set(intake["onderwerpen"]) == onderwerpen
    assert ("positieve_gezondheid" in intake) is (S.GEZONDHEID in verwacht)


GEZONDHEID_GEVALLEN = [
    (rol, veld)
    for rol, rij in sorted(MATRIX.items())
    if rij
    for veld, tekst in GEZONDHEIDSTEKSTEN.items()
    if tekst.sectie in rij
]


@pytest.mark.parametrize(("rol", "veld"), GEZONDHEID_GEVALLEN)
def test_gezondheidsteksten_volgen_de_tabel(rol, veld, als_rol, zaak, api, client):
    """A text under a health dimension or of a care intervention reaches the role only with
    GEZONDHEID in its row, in every channel; the control rows reach it with the section."""
    tekst = GEZONDHEIDSTEKSTEN[veld]
    user = als_rol(rol)
    if tekst.kanaal == "ui":
        inloggen(client, user)
        antwoord = client.get(f"/inburgeraars/{zaak.pk}{tekst.pad}")
    else:
        antwoord = api(user).get(f"/api/v1/inburgeraars/{zaak.pk}{tekst.pad}")
    assert antwoord.status_code == 200, antwoord.content
    if tekst.kanaal == "pdf":
        lezer = pypdf.PdfReader(io.BytesIO(antwoord.content))
        inhoud = " ".join(" ".join(p.extract_text().split()) for p in lezer.pages)
    else:
        inhoud = antwoord.content.decode()
    verwacht = not tekst.gezondheid or S.GEZONDHEID in MATRIX[rol]
    assert (tekst.tekst in inhoud) is verwacht, f"{rol}: {veld}"


@pytest.mark.parametrize("rol", sorted(MATRIX))
def test_verwerkingenlogging_volgt_de_tabel(rol, als_rol, zaak, client):
    inloggen(client, als_rol(rol))
    antwoord = client.get("/verwerkingen/")
    assert (antwoord.status_code == 200) is (rol in AUDIT)
    if rol not in AUDIT:
        assert antwoord.status_code in (302, 403, 404)


# The inburgeraar himself: no staff screen or API, his own case in Mijn Inburgering only
# (DigiD login, so only his own BSN). The portal pages and what each shows are tested in
# tests/portaal.
PORTAAL_PAGINAS = (
    "/mijn/",
    "/mijn/plan/",
    "/mijn/afspraken/",
    "/mijn/voortgang/",
    "/mijn/documenten/",
    "/mijn/berichten/",
    "/mijn/wie-bekeek-mijn-dossier/",
)


def test_inburgeraar_ziet_alleen_zijn_eigen_dossier_in_mijn_inburgering(
    zaak, client, traject_cranendonck
):
    from koers.portaal.sessie import SESSIE_SLEUTEL

    sessie = client.session
    sessie[SESSIE_SLEUTEL] = zaak.pk
    sessie.save()
    ander = traject_cranendonck.inburgeraar
    for pagina in PORTAAL_PAGINAS:
        antwoord = client.get(pagina)
        assert antwoord.status_code == 200, pagina
        assert ander.bsn not in antwoord.content.decode()
        assert ander.geslachtsnaam not in antwoord.content.decode()
    for staff in (
        f"/inburgeraars/{zaak.pk}/",
        f"/inburgeraars/{ander.pk}/",
        "/",
        "/verwerkingen/",
        "/verwijzingen/",
    ):
        antwoord = client.get(staff)
        assert antwoord.status_code == 302 and "/inloggen/" in antwoord["Location"], staff
    assert client.get(f"/api/v1/inburgeraars/{zaak.pk}").status_code in (401, 403)
