"""Functioneel beheer gives roles with one checkbox per role; nobody types a JSON list, and a
role that does not exist cannot be stored."""

import re

from koers.organisaties.models import Rol
from tests.organisaties.test_beheer_scherm import _met_tweede_factor


def _wijzigformulier(gebruiker, rollen):
    return {
        "username": gebruiker.username,
        "first_name": "Ada",
        "last_name": "Adviseur",
        "email": "",
        "is_active": "on",
        "organisatie": str(gebruiker.organisatie_id),
        "date_joined_0": "2026-01-05",
        "date_joined_1": "09:00:00",
        "rollen": rollen,
    }


def test_de_rollen_zijn_vinkjes_met_hun_naam(client, beheerder, adviseur_weert):
    _met_tweede_factor(client, beheerder)
    html = client.get(
        f"/beheer/organisaties/gebruiker/{adviseur_weert.pk}/change/"
    ).content.decode()
    vinkjes = re.findall(r'<input type="checkbox" name="rollen" value="([a-z]+)"[^>]*>', html)
    assert vinkjes == list(Rol.values)
    aangevinkt = re.findall(
        r'<input type="checkbox" name="rollen" value="([a-z]+)"[^>]*checked', html
    )
    assert aangevinkt == ["adviseur"]
    assert str(Rol.PRIVACY_OFFICER.label) in html
    assert "[&quot;adviseur&quot;]" not in html  # no JSON text box any more


def test_beheer_geeft_en_neemt_rollen(client, beheerder, adviseur_weert):
    _met_tweede_factor(client, beheerder)
    url = f"/beheer/organisaties/gebruiker/{adviseur_weert.pk}/change/"
    antwoord = client.post(url, _wijzigformulier(adviseur_weert, ["adviseur", "teamleider"]))
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    adviseur_weert.refresh_from_db()
    assert adviseur_weert.rollen == ["adviseur", "teamleider"]
    assert adviseur_weert.heeft_rol(Rol.TEAMLEIDER)

    antwoord = client.post(url, _wijzigformulier(adviseur_weert, []))
    assert antwoord.status_code == 302
    adviseur_weert.refresh_from_db()
    assert adviseur_weert.rollen == []


def test_een_onbekende_rol_wordt_geweigerd(client, beheerder, adviseur_weert):
    _met_tweede_factor(client, beheerder)
    url = f"/beheer/organisaties/gebruiker/{adviseur_weert.pk}/change/"
    antwoord = client.post(url, _wijzigformulier(adviseur_weert, ["adviseur", "koning"]))
    assert antwoord.status_code == 200
    assert "koning" in antwoord.context["adminform"].form.errors["rollen"][0]
    adviseur_weert.refresh_from_db()
    assert adviseur_weert.rollen == ["adviseur"]


def test_de_lijst_toont_rolnamen(client, beheerder, adviseur_weert):
    _met_tweede_factor(client, beheerder)
    html = client.get("/beheer/organisaties/gebruiker/").content.decode()
    assert str(Rol.ADVISEUR.label) in html
