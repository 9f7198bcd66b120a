"""The demo seed: the startnotitie's table for the subregio, partner profiles, partner
accounts and referrals of demo cases; a second run changes nothing."""

import pytest

from koers.demo import organisaties as demo
from koers.inburgeraars import bereik
from koers.organisaties.models import Gebruiker, Organisatie
from koers.partners import demo as partners_demo
from koers.partners.models import Partnerprofiel, Taakverdeling, Verwijzing
from koers.toegang import policy

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture
def geseed(demo_per_module, db):
    """The demo as `koers seed` makes it, once for this module (each test in a savepoint)."""


def test_demo_vult_de_tabel_van_de_startnotitie(geseed):
    weert = Taakverdeling.objects.filter(gemeente__gemeentecode="0988").select_related("uitvoerder")
    rijen = {r.taak: r for r in weert}
    assert len(rijen) == 12
    assert (rijen["map"].schaal, rijen["map"].uitvoerder.naam) == ("subregionaal", "Werk.Kom")
    assert rijen["begeleiding_naar_werk"].uitvoerder.naam == "Werk.Kom"
    assert rijen["maatschappelijke_begeleiding"].schaal == "lokaal"
    for taak in ("brede_intake", "pip", "monitoring"):
        assert (rijen[taak].schaal, rijen[taak].uitvoerder.naam) == ("lokaal", "Weert")
    assert Taakverdeling.objects.values("gemeente").distinct().count() == 3


def test_demo_partners_en_accounts(geseed):
    taalaanbieder = Organisatie.objects.get(soort="taalaanbieder")
    assert Partnerprofiel.objects.get(organisatie=taalaanbieder).keurmerk
    for username, soort in (("werkkom", "werkkom"), ("taalaanbieder", "taalaanbieder")):
        user = Gebruiker.objects.get(username=username)
        assert user.organisatie.soort == soort and user.rollen == ["partner"]
        assert user.is_demo_account and user.check_password(demo.DEMO_WACHTWOORD)
        assert policy.is_partner(user)


def test_demo_verwijzingen_en_bereik(geseed):
    werkkom = Gebruiker.objects.get(username="werkkom")
    assert Verwijzing.objects.filter(organisatie=werkkom.organisatie, status="lopend").exists()
    bereikt = list(bereik.inburgeraars_voor(werkkom))
    assert bereikt and all(i.bsn for i in bereikt)
    taal = Gebruiker.objects.get(username="taalaanbieder")
    assert Verwijzing.objects.filter(organisatie=taal.organisatie, status="aangeboden").exists()
    assert not bereik.inburgeraars_voor(taal).exists()  # offered only: no case yet


def test_tweede_keer_verandert_niets(geseed):
    aantallen = (
        Taakverdeling.objects.count(),
        Verwijzing.objects.count(),
        Gebruiker.objects.count(),
        Partnerprofiel.objects.count(),
    )
    gemeenten = {g.gemeentecode: g for g in demo.seed_organisaties().values()}
    accounts = {u.username: u for u in Gebruiker.objects.all()}
    nieuw = partners_demo.seed(gemeenten, accounts)
    assert set(nieuw.values()) == {0}
    assert aantallen == (
        Taakverdeling.objects.count(),
        Verwijzing.objects.count(),
        Gebruiker.objects.count(),
        Partnerprofiel.objects.count(),
    )
