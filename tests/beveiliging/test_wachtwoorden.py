"""Password rules (NCSC): at least 12 characters, no common or numeric-only passwords, not like
the user's own data; with Dutch messages, in the admin and in validate_password."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from koers.organisaties.models import Gebruiker


@pytest.mark.parametrize(
    ("wachtwoord", "melding"),
    [
        ("kort-ww1", "Dit wachtwoord is te kort. Gebruik minstens 12 tekens."),
        ("password1234", "Dit wachtwoord is te algemeen."),
        ("738291046512", "Dit wachtwoord bevat alleen cijfers."),
        ("alice.adviseur", "Het wachtwoord lijkt te veel op de"),
    ],
)
def test_weak_passwords_are_refused_in_dutch(adviseur_weert, wachtwoord, melding):
    with pytest.raises(ValidationError) as fout:
        validate_password(wachtwoord, user=adviseur_weert)
    assert any(tekst.startswith(melding) for tekst in fout.value.messages), fout.value.messages


def test_a_long_uncommon_password_is_accepted(adviseur_weert):
    validate_password("paard-batterij-nietje-koers", user=adviseur_weert)


def test_admin_refuses_a_weak_password_for_a_new_user(client, als, beheerder, weert):
    als(beheerder)
    response = client.post(
        "/beheer/organisaties/gebruiker/add/",
        {
            "username": "nieuw",
            "password1": "kort",
            "password2": "kort",
            "usable_password": "true",
            "organisatie": weert.organisatie.pk,
            "rollen": ["adviseur"],
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dit wachtwoord is te kort" in html
    assert not Gebruiker.objects.filter(username="nieuw").exists()


def test_admin_accepts_a_strong_password(client, als, beheerder, weert):
    als(beheerder)
    response = client.post(
        "/beheer/organisaties/gebruiker/add/",
        {
            "username": "nieuw",
            "password1": "paard-batterij-nietje-koers",
            "password2": "paard-batterij-nietje-koers",
            "usable_password": "true",
            "organisatie": weert.organisatie.pk,
            "rollen": ["adviseur"],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Gebruiker.objects.get(username="nieuw").check_password("paard-batterij-nietje-koers")


def test_all_four_rules_are_on(settings):
    namen = [v["NAME"].rsplit(".", 1)[1] for v in settings.AUTH_PASSWORD_VALIDATORS]
    assert namen == [
        "UserAttributeSimilarityValidator",
        "MinimaleLengte",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    ]
    assert settings.AUTH_PASSWORD_VALIDATORS[1]["OPTIONS"]["min_length"] >= 12


def test_help_text_is_dutch():
    from django.contrib.auth.password_validation import password_validators_help_texts

    teksten = " ".join(password_validators_help_texts())
    assert "minstens 12 tekens" in teksten
