"""CSRF: every POST form in the templates carries the token, and Django enforces it."""

import re
from pathlib import Path

from django.test import Client

SRC = Path(__file__).resolve().parents[2] / "src" / "koers"
FORMULIER = re.compile(r"<form\b(?P<tag>[^>]*)>(?P<inhoud>.*?)</form>", re.S | re.I)


def post_formulieren():
    for pad in sorted(SRC.glob("*/templates/**/*.html")):
        tekst = pad.read_text(encoding="utf-8")
        for nummer, match in enumerate(FORMULIER.finditer(tekst)):
            if re.search(r"method\s*=\s*[\"']?post", match["tag"], re.I):
                yield f"{pad.relative_to(SRC).as_posix()}#{nummer}", match["inhoud"]


def test_every_post_form_has_a_csrf_token():
    formulieren = list(post_formulieren())
    assert len(formulieren) > 10  # the scan finds the forms of all apps
    zonder = [naam for naam, inhoud in formulieren if "{% csrf_token %}" not in inhoud]
    assert zonder == []


def test_forms_are_not_split_over_includes():
    """The scan above only works if a <form> opens and closes in one template."""
    sjablonen = list(SRC.glob("*/templates/**/*.html"))
    assert len(sjablonen) > 50  # the templates of all apps, not an empty glob
    for pad in sjablonen:
        tekst = pad.read_text(encoding="utf-8")
        openen = len(re.findall(r"<form\b", tekst, re.I))
        assert openen == len(re.findall(r"</form>", tekst, re.I)), pad


def test_login_without_token_is_refused(db, adviseur_weert):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/inloggen/", {"username": "alice", "password": "geheim-wachtwoord-123"})
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_login_with_token_works(db, adviseur_weert):
    client = Client(enforce_csrf_checks=True)
    client.get("/inloggen/")
    token = client.cookies["csrftoken"].value
    response = client.post(
        "/inloggen/",
        {"username": "alice", "password": "geheim-wachtwoord-123", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302


def test_logged_in_post_without_token_is_refused(db, adviseur_weert, traject_weert):
    from tests.conftest import inloggen

    client = inloggen(Client(enforce_csrf_checks=True), adviseur_weert)
    response = client.post("/uitloggen/")
    assert response.status_code == 403
