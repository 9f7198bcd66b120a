"""Who reaches which case (koers.toegang.policy): own gemeente, plus a gemeente that delegates
its work; nothing for beleid, financiën and beheer; a case out of reach is not found."""

from datetime import date

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from koers.inburgeraars.bereik import get_inburgeraar_voor, inburgeraars_voor, trajecten_voor
from koers.organisaties.models import Rol
from koers.toegang.policy import (
    ACTIES,
    CASE_ROLES,
    SECTIES,
    Actie,
    Sectie,
    adviseurs_voor,
    heeft_casustoegang,
    is_partner,
    mag,
    mag_zien,
    zichtbare_gemeenten,
)
from tests.factories import DelegatieFactory, GebruikerFactory, OrganisatieFactory

VANDAAG = "2026-10-15 12:00 +02:00"


@pytest.fixture(autouse=True)
def _vandaag():
    with time_machine.travel(VANDAAG, tick=False):
        yield


def ziet(user, traject) -> bool:
    return (
        inburgeraars_voor(user).filter(pk=traject.inburgeraar_id).exists()
        and trajecten_voor(user).filter(pk=traject.pk).exists()
    )


def test_adviseur_ziet_zaken_van_eigen_gemeente(adviseur_weert, traject_weert):
    assert ziet(adviseur_weert, traject_weert)
    assert (
        get_inburgeraar_voor(adviseur_weert, traject_weert.inburgeraar_id)
        == traject_weert.inburgeraar
    )


def test_collega_ziet_zaken_van_eigen_gemeente_ook_zonder_toewijzing(collega_weert, traject_weert):
    assert traject_weert.adviseur != collega_weert
    assert ziet(collega_weert, traject_weert)


def test_adviseur_weert_ziet_cranendonck_niet(adviseur_weert, traject_cranendonck):
    assert not ziet(adviseur_weert, traject_cranendonck)


def test_adviseur_cranendonck_ziet_weert_niet(adviseur_cranendonck, traject_weert):
    assert not ziet(adviseur_cranendonck, traject_weert)


def test_na_delegatie_ziet_adviseur_weert_cranendonck(
    weert, cranendonck, adviseur_weert, traject_weert, traject_cranendonck
):
    DelegatieFactory(van=cranendonck, aan=weert, ingangsdatum=date(2026, 1, 1), einddatum=None)
    assert ziet(adviseur_weert, traject_cranendonck)
    assert ziet(adviseur_weert, traject_weert)
    assert set(zichtbare_gemeenten(adviseur_weert)) == {weert, cranendonck}


def test_delegatie_werkt_maar_een_kant_op(weert, cranendonck, adviseur_cranendonck, traject_weert):
    DelegatieFactory(van=cranendonck, aan=weert, ingangsdatum=date(2026, 1, 1))
    assert not ziet(adviseur_cranendonck, traject_weert)


@pytest.mark.parametrize(
    ("ingangsdatum", "einddatum", "toegang"),
    [
        pytest.param(date(2026, 1, 1), date(2026, 10, 14), False, id="ended-yesterday"),
        pytest.param(date(2026, 1, 1), date(2026, 10, 15), True, id="ends-today"),
        pytest.param(date(2026, 10, 15), None, True, id="starts-today"),
        pytest.param(date(2026, 10, 16), None, False, id="starts-tomorrow"),
    ],
)
def test_delegatie_geldt_alleen_in_haar_looptijd(
    weert, cranendonck, adviseur_weert, traject_cranendonck, ingangsdatum, einddatum, toegang
):
    DelegatieFactory(van=cranendonck, aan=weert, ingangsdatum=ingangsdatum, einddatum=einddatum)
    assert ziet(adviseur_weert, traject_cranendonck) is toegang


def test_delegatie_verlopen_geeft_geen_toegang(
    weert, cranendonck, adviseur_weert, traject_cranendonck
):
    DelegatieFactory(
        van=cranendonck, aan=weert, ingangsdatum=date(2025, 1, 1), einddatum=date(2025, 12, 31)
    )
    assert not ziet(adviseur_weert, traject_cranendonck)
    with pytest.raises(Http404):
        get_inburgeraar_voor(adviseur_weert, traject_cranendonck.inburgeraar_id)


def test_delegatie_aan_een_ander_geeft_weert_geen_toegang(
    nederweert, cranendonck, adviseur_weert, traject_cranendonck
):
    DelegatieFactory(van=cranendonck, aan=nederweert, ingangsdatum=date(2026, 1, 1))
    assert not ziet(adviseur_weert, traject_cranendonck)


@pytest.mark.parametrize("rol", ["beleid", "financien"])
def test_beleid_en_financien_zien_geen_persoonsgegevens(request, rol, traject_weert):
    user = request.getfixturevalue(rol)
    assert user.gemeente is not None  # they work for Weert, yet see no case
    assert not heeft_casustoegang(user)
    assert not inburgeraars_voor(user).exists()
    assert not trajecten_voor(user).exists()
    assert not zichtbare_gemeenten(user).exists()
    assert not any(mag_zien(user, s) for s in Sectie)
    assert not any(mag(user, a) for a in Actie)
    with pytest.raises(Http404):
        get_inburgeraar_voor(user, traject_weert.inburgeraar_id)


def test_beheerder_ziet_geen_persoonsgegevens(beheerder, traject_weert):
    assert beheerder.is_superuser
    assert not heeft_casustoegang(beheerder)
    assert not inburgeraars_voor(beheerder).exists()
    assert not any(mag_zien(beheerder, s) for s in Sectie)
    with pytest.raises(Http404):
        get_inburgeraar_voor(beheerder, traject_weert.inburgeraar_id)


def test_teamleider_ziet_geen_gezondheid(teamleider_weert, traject_weert):
    assert ziet(teamleider_weert, traject_weert)
    assert not mag_zien(teamleider_weert, Sectie.GEZONDHEID)
    for sectie in (Sectie.PERSONALIA, Sectie.TIJDLIJN, Sectie.INTAKE, Sectie.PIP):
        assert mag_zien(teamleider_weert, sectie)


def test_adviseur_ziet_gezondheid(adviseur_weert):
    assert all(mag_zien(adviseur_weert, s) for s in Sectie)


def test_teamleider_wijst_toe_en_stelt_geen_pip_vast(teamleider_weert, adviseur_weert):
    assert mag(teamleider_weert, Actie.ADVISEUR_TOEWIJZEN)
    assert not mag(teamleider_weert, Actie.PIP_VASTSTELLEN)
    assert not mag(teamleider_weert, Actie.INTAKE_BEWERKEN)
    assert mag(adviseur_weert, Actie.PIP_VASTSTELLEN)
    assert not mag(adviseur_weert, Actie.ADVISEUR_TOEWIJZEN)


def test_teamleider_wijst_alleen_adviseurs_van_eigen_gemeente_toe(
    teamleider_weert, adviseur_weert, collega_weert, adviseur_cranendonck, beleid
):
    assert adviseurs_voor(teamleider_weert) == [adviseur_weert, collega_weert]
    assert list(adviseurs_voor(adviseur_weert)) == []


@pytest.mark.parametrize(
    "pk",
    [
        pytest.param("other-gemeente", id="other-gemeente"),
        pytest.param(999999, id="does-not-exist"),
        pytest.param("abc", id="not-a-number"),
        pytest.param(None, id="none"),
    ],
)
def test_get_inburgeraar_voor_geeft_404(adviseur_weert, traject_cranendonck, pk):
    if pk == "other-gemeente":
        pk = traject_cranendonck.inburgeraar_id
    with pytest.raises(Http404):
        get_inburgeraar_voor(adviseur_weert, pk)


def test_inactieve_gebruiker_ziet_niets(adviseur_weert, traject_weert):
    adviseur_weert.is_active = False
    adviseur_weert.save()
    assert not heeft_casustoegang(adviseur_weert)
    assert not inburgeraars_voor(adviseur_weert).exists()


def test_anonieme_gebruiker_ziet_niets(traject_weert):
    assert not heeft_casustoegang(AnonymousUser())
    assert not inburgeraars_voor(AnonymousUser()).exists()
    assert not mag_zien(AnonymousUser(), Sectie.PERSONALIA)


def test_adviseur_van_ketenpartner_ziet_geen_zaken(traject_weert):
    werkkom = OrganisatieFactory(naam="Werk.Kom", soort="werkkom")
    user = GebruikerFactory(username="wouter", organisatie=werkkom, rollen=["adviseur"])
    assert not heeft_casustoegang(user)
    assert not inburgeraars_voor(user).exists()


def test_bereik_is_een_query(adviseur_weert, traject_weert, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert len(list(inburgeraars_voor(adviseur_weert))) == 1


@pytest.mark.parametrize("rol", list(Rol.values))
def test_elke_rol_heeft_geen_zaaktoegang_of_staat_in_de_tabellen(weert, rol):
    user = GebruikerFactory(username=f"rol-{rol}", organisatie=weert.organisatie, rollen=[rol])
    if heeft_casustoegang(user):
        assert rol in CASE_ROLES
        assert rol in SECTIES and SECTIES[rol]
        assert rol in ACTIES and ACTIES[rol]
    else:
        assert rol not in SECTIES and rol not in ACTIES
        assert not any(mag_zien(user, s) for s in Sectie)
        assert not any(mag(user, a) for a in Actie)


def test_tabellen_noemen_alleen_bestaande_rollen():
    assert set(SECTIES) == set(CASE_ROLES) == set(ACTIES)
    assert set(CASE_ROLES) <= set(Rol.values)
    assert all(s in set(Sectie) for secties in SECTIES.values() for s in secties)
    assert all(a in set(Actie) for acties in ACTIES.values() for a in acties)


def test_the_policy_follows_a_change_of_roles_or_organisation_on_the_same_user_object(
    adviseur_weert, werkkom
):
    """The policy keeps its answer per user object; a change of the roles, the active flag or
    the organisation on that object must still change the answer at once."""
    from django.utils.functional import SimpleLazyObject

    # As request.user after django-otp's middleware: a lazy object around Django's lazy user.
    lui = SimpleLazyObject(lambda: SimpleLazyObject(lambda: adviseur_weert))
    assert mag_zien(lui, Sectie.TRAJECT) and mag(lui, Actie.AANMELDEN)
    adviseur_weert.rollen = [Rol.BELEID]
    assert not mag_zien(lui, Sectie.TRAJECT) and not heeft_casustoegang(adviseur_weert)
    adviseur_weert.rollen = [Rol.ADVISEUR]
    assert mag_zien(adviseur_weert, Sectie.TRAJECT)
    adviseur_weert.is_active = False
    assert not mag_zien(adviseur_weert, Sectie.TRAJECT)
    adviseur_weert.is_active = True
    adviseur_weert.organisatie = werkkom
    adviseur_weert.rollen = [Rol.PARTNER]
    assert is_partner(lui) and heeft_casustoegang(lui)
    assert not mag_zien(lui, Sectie.TRAJECT)  # a partner: only a case referred to him
    assert not heeft_casustoegang(AnonymousUser())
