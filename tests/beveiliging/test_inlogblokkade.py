"""Login throttling: 5 failures for a username in 15 minutes block it for 15 minutes; a client
address has a higher limit; wrong second-factor codes count too; a full login clears."""

import logging

import pytest
import time_machine
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from koers.beveiliging import inlogpogingen
from koers.beveiliging.models import Blokkade, InlogSleutel, MisluktePoging, Soort
from koers.bouwstenen.clientadres import client_ip

WACHTWOORD = "geheim-wachtwoord-123"
MELDING = "Te veel mislukte pogingen. Probeer het over 15 minuten opnieuw."
START = "2026-10-01 10:00:00+02:00"


def code(device) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def fout_code(device) -> str:
    return f"{(int(code(device)) + 1) % 1000000:06d}"


def inloggen(client, username, password=WACHTWOORD, ip="10.0.0.1"):
    return client.post("/inloggen/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def mislukt(client, username, keer, ip="10.0.0.1"):
    for _ in range(keer):
        response = inloggen(client, username, "fout-wachtwoord", ip=ip)
    return response


@pytest.fixture
def app_alice(adviseur_weert):
    return TOTPDevice.objects.create(user=adviseur_weert, name="telefoon", confirmed=True)


@pytest.fixture
def klok():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def test_four_failures_still_let_the_right_password_in(client, adviseur_weert, app_alice, klok):
    response = mislukt(client, "alice", 4)
    assert response.status_code == 200
    assert "De gebruikersnaam of het wachtwoord klopt niet" in response.content.decode()
    response = inloggen(client, "alice")
    assert response.status_code == 302 and response.url.startswith("/tweede-factor/")


def test_five_failures_block_even_the_right_password(client, adviseur_weert, app_alice, klok):
    response = mislukt(client, "alice", 5)
    assert response.status_code == 429
    html = response.content.decode()
    assert MELDING in html and 'id="foutsamenvatting"' in html

    response = inloggen(client, "alice")
    assert response.status_code == 429
    assert MELDING in response.content.decode()
    assert client.get("/").status_code == 302  # not logged in
    assert "_auth_user_id" not in client.session


def test_the_block_ends_after_15_minutes(client, adviseur_weert, app_alice, klok):
    mislukt(client, "alice", 5)
    klok.shift(14 * 60)
    assert inloggen(client, "alice").status_code == 429
    klok.shift(61)
    response = inloggen(client, "alice")
    assert response.status_code == 302 and response.url.startswith("/tweede-factor/")


def test_failures_spread_over_more_than_15_minutes_do_not_block(
    client, adviseur_weert, app_alice, klok
):
    mislukt(client, "alice", 4)
    klok.shift(16 * 60)
    assert mislukt(client, "alice", 1).status_code == 200
    assert inloggen(client, "alice").status_code == 302


def test_another_user_is_not_affected(client, adviseur_weert, collega_weert, klok):
    mislukt(client, "alice", 5)
    response = client.post(
        "/inloggen/", {"username": "bob", "password": WACHTWOORD}, REMOTE_ADDR="10.0.0.2"
    )
    assert response.status_code == 302


def test_case_and_spaces_of_the_username_count_together(client, adviseur_weert, klok):
    for naam in ("alice", "Alice", " ALICE", "alice ", "aLiCe"):
        inloggen(client, naam, "fout", ip="10.0.0.9")
    assert inloggen(client, "alice").status_code == 429


def test_unknown_username_gets_the_same_answer(client, adviseur_weert, klok):
    """Whether a username exists is not revealed: unknown ones block the same way."""
    bestaat = mislukt(client, "alice", 5, ip="10.0.0.1")
    bestaat_niet = mislukt(client, "niemand", 5, ip="10.0.0.2")
    assert bestaat.status_code == bestaat_niet.status_code == 429
    assert MELDING in bestaat_niet.content.decode()
    assert "niemand" not in bestaat_niet.content.decode().replace('value="niemand"', "")


def test_one_address_trying_many_usernames_is_blocked_at_20(
    client, adviseur_weert, collega_weert, klok
):
    for nummer in range(20):
        response = inloggen(client, f"raad{nummer}", "fout", ip="192.0.2.7")
    assert response.status_code == 429
    # Bob's own password from that address is refused too; from another address it works.
    assert inloggen(client, "bob", ip="192.0.2.7").status_code == 429
    assert inloggen(client, "bob", ip="192.0.2.8").status_code == 302


def test_wrong_second_factor_codes_count_and_end_the_half_login(
    client, adviseur_weert, app_alice, klok
):
    assert inloggen(client, "alice").status_code == 302
    for _ in range(4):
        response = client.post(
            "/tweede-factor/", {"code": fout_code(app_alice)}, REMOTE_ADDR="10.0.0.1"
        )
        assert response.status_code == 200
        assert "Deze code klopt niet" in response.content.decode()
        klok.shift(31)  # a new TOTP step: django-otp's own throttle is not what blocks
    response = client.post(
        "/tweede-factor/", {"code": fout_code(app_alice)}, REMOTE_ADDR="10.0.0.1"
    )
    assert response.status_code == 429
    assert MELDING in response.content.decode()
    assert "_auth_user_id" not in client.session  # logged out
    # The password alone does not get back in while the block lasts.
    assert inloggen(client, "alice").status_code == 429


def test_password_failures_and_code_failures_add_up(client, adviseur_weert, app_alice, klok):
    mislukt(client, "alice", 3)
    assert inloggen(client, "alice").status_code == 302
    client.post("/tweede-factor/", {"code": fout_code(app_alice)}, REMOTE_ADDR="10.0.0.1")
    klok.shift(31)
    response = client.post(
        "/tweede-factor/", {"code": fout_code(app_alice)}, REMOTE_ADDR="10.0.0.1"
    )
    assert response.status_code == 429


def test_a_full_login_clears_the_failures(client, adviseur_weert, app_alice, klok):
    mislukt(client, "alice", 4)
    inloggen(client, "alice")
    assert client.post("/tweede-factor/", {"code": code(app_alice)}).status_code == 302
    assert not MisluktePoging.objects.filter(soort=Soort.GEBRUIKERSNAAM).exists()
    client.post("/uitloggen/")
    # Four new failures do not block: the count started again.
    assert mislukt(client, "alice", 4).status_code == 200
    assert inloggen(client, "alice").status_code == 302


def test_the_password_step_alone_does_not_clear_the_failures(
    client, adviseur_weert, app_alice, klok
):
    mislukt(client, "alice", 4)
    inloggen(client, "alice")
    assert MisluktePoging.objects.filter(soort=Soort.GEBRUIKERSNAAM, sleutel="alice").count() == 4


def test_demo_skip_login_clears_the_failures(client, settings, adviseur_weert, klok):
    settings.DEMO = True
    adviseur_weert.is_demo_account = True
    adviseur_weert.save()
    mislukt(client, "alice", 4)
    assert inloggen(client, "alice").url == "/"
    assert not MisluktePoging.objects.filter(soort=Soort.GEBRUIKERSNAAM).exists()


def test_a_block_is_stored_in_the_database_and_can_be_lifted(
    client, adviseur_weert, app_alice, klok
):
    """Stateless web processes: the block is a row, which the beheerder may delete."""
    mislukt(client, "alice", 5)
    blokkade = Blokkade.objects.get(soort=Soort.GEBRUIKERSNAAM, sleutel="alice")
    assert blokkade.tot.isoformat() == "2026-10-01T08:15:00+00:00"
    blokkade.delete()
    Blokkade.objects.filter(soort=Soort.IP).delete()
    assert inloggen(client, "alice").status_code == 302


def test_old_failures_are_removed_after_a_day(client, adviseur_weert, klok):
    mislukt(client, "alice", 2)
    klok.shift(25 * 3600)
    mislukt(client, "bob", 1)
    assert set(MisluktePoging.objects.values_list("sleutel", flat=True)) == {"bob", "10.0.0.1"}


def test_the_log_names_no_username_or_address(client, adviseur_weert, klok, caplog):
    with caplog.at_level(logging.WARNING, logger="koers.beveiliging"):
        mislukt(client, "alice", 5)
    assert "Inlogblokkade" in caplog.text
    assert "alice" not in caplog.text and "10.0.0.1" not in caplog.text


def test_beheerder_sees_blocks_in_the_admin(client, beheerder, als, adviseur_weert, klok):
    mislukt(client, "alice", 5)
    als(beheerder)
    html = client.get("/beheer/beveiliging/blokkade/").content.decode()
    assert "alice" in html
    assert client.get("/beheer/beveiliging/blokkade/add/").status_code == 403


@pytest.mark.parametrize(
    ("achter_proxy", "meta", "verwacht"),
    [
        (False, {"REMOTE_ADDR": "10.1.1.1", "HTTP_X_FORWARDED_FOR": "6.6.6.6"}, "10.1.1.1"),
        (
            True,
            {"REMOTE_ADDR": "10.1.1.1", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 203.0.113.5"},
            "203.0.113.5",
        ),
        (True, {"REMOTE_ADDR": "10.1.1.1", "HTTP_X_FORWARDED_FOR": "203.0.113.5"}, "203.0.113.5"),
        (True, {"REMOTE_ADDR": "10.1.1.1"}, "10.1.1.1"),
        (False, {}, ""),
    ],
)
def test_client_address(rf, settings, achter_proxy, meta, verwacht):
    settings.BEVEILIGING_ACHTER_PROXY = achter_proxy
    request = rf.get("/", **meta)
    if "REMOTE_ADDR" not in meta:
        del request.META["REMOTE_ADDR"]
    assert client_ip(request) == verwacht


def test_policy_numbers():
    assert inlogpogingen.MAX_PER_GEBRUIKERSNAAM == 5
    assert inlogpogingen.MAX_PER_IP == 20
    assert (
        inlogpogingen.VENSTER.total_seconds()
        == inlogpogingen.BLOKKADEDUUR.total_seconds()
        == 15 * 60
    )


def test_the_lock_rows_of_old_keys_are_removed_after_a_day(client, adviseur_weert, klok):
    mislukt(client, "alice", 1)
    assert set(InlogSleutel.objects.values_list("sleutel", flat=True)) == {"alice", "10.0.0.1"}
    klok.shift(25 * 3600)
    mislukt(client, "bob", 1, ip="10.0.0.2")
    assert set(InlogSleutel.objects.values_list("sleutel", flat=True)) == {"bob", "10.0.0.2"}
