"""Functioneel beheer manages organisations and users in the admin, behind the same login with
second factor; inburgeraars are not in it."""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from koers.organisaties.models import Gebruiker


def _met_tweede_factor(client, user):
    client.force_login(user)
    device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def test_beheerder_beheert_gemeenten_en_gebruikers(client, beheerder, weert, adviseur_weert):
    _met_tweede_factor(client, beheerder)
    assert client.get("/beheer/organisaties/gemeente/").status_code == 200
    pagina = client.get(f"/beheer/organisaties/gebruiker/{adviseur_weert.pk}/change/")
    assert pagina.status_code == 200
    assert b"rollen" in pagina.content


def test_beheer_zonder_tweede_factor_gaat_naar_de_code(client, beheerder):
    client.force_login(beheerder)
    antwoord = client.get("/beheer/")
    assert antwoord.status_code == 302
    assert antwoord["Location"] == "/tweede-factor/"


def test_beheer_inloggen_loopt_via_koers_met_tweede_factor(client, db):
    antwoord = client.get("/beheer/login/?next=/beheer/")
    assert antwoord.status_code == 302
    assert antwoord["Location"].startswith("/inloggen/?next=/beheer/")


def test_persoonsgegevens_van_inburgeraars_staan_niet_in_beheer(client, beheerder):
    _met_tweede_factor(client, beheerder)
    assert client.get("/beheer/inburgeraars/inburgeraar/").status_code == 404
    assert Gebruiker.objects.filter(username="beheer").exists()


def test_beheerder_vindt_de_duo_berichten_in_het_menu(client, beheerder, adviseur_weert):
    _met_tweede_factor(client, beheerder)
    assert 'id="naar-duo-berichten"' in client.get("/beheer-duo/").content.decode()
    _met_tweede_factor(client, adviseur_weert)
    assert 'id="naar-duo-berichten"' not in client.get("/").content.decode()
