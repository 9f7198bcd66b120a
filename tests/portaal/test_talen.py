"""Languages: the catalogues compile and are complete, the portal follows the switcher and the
browser, Arabic is right-to-left, and the staff screens stay Dutch."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from koers.portaal import rules

LOCALE = Path(__file__).resolve().parents[2] / "src" / "koers" / "portaal" / "locale"
PORTAAL = LOCALE.parent
TALEN = [code for code in rules.TAAL_CODES if code != "nl"]
MSGFMT = shutil.which("msgfmt") or "/usr/bin/msgfmt"


def _entries(po: Path) -> dict[str, list[str]]:
    """msgid → its msgstr(s), read from a .po file (plain format, as committed)."""
    uit: dict[str, list[str]] = {}
    msgid, strs, huidig = None, [], None
    for regel in po.read_text(encoding="utf-8").splitlines() + [""]:
        if not regel.strip():
            if msgid:
                uit[msgid] = strs
            msgid, strs, huidig = None, [], None
            continue
        if regel.startswith("#"):
            continue
        m = re.match(r'(msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$', regel)
        if m:
            huidig = m.group(1)
            if huidig == "msgid":
                msgid = m.group(2)
            elif huidig.startswith("msgstr"):
                strs.append(m.group(2))
        elif regel.startswith('"') and huidig == "msgid":
            msgid = (msgid or "") + regel[1:-1]
        elif regel.startswith('"') and huidig and huidig.startswith("msgstr"):
            strs[-1] += regel[1:-1]
    return uit


@pytest.mark.parametrize("taal", TALEN)
def test_catalogue_compiles_and_the_committed_mo_matches(taal, tmp_path):
    po = LOCALE / taal / "LC_MESSAGES" / "django.po"
    mo = tmp_path / "django.mo"
    subprocess.run(
        [MSGFMT, "--check", "-o", str(mo), str(po)],
        check=True,  # noqa: S603
        capture_output=True,
    )
    assert mo.read_bytes() == (po.parent / "django.mo").read_bytes(), (
        f"{taal}: django.mo is niet opnieuw gecompileerd na een wijziging van django.po"
    )


@pytest.mark.parametrize("taal", TALEN)
def test_every_msgid_is_translated(taal):
    entries = _entries(LOCALE / taal / "LC_MESSAGES" / "django.po")
    leeg = [msgid for msgid, strs in entries.items() if not all(strs)]
    assert not leeg, f"{taal}: onvertaald: {leeg}"


def test_all_languages_have_the_same_msgids():
    sets = {taal: set(_entries(LOCALE / taal / "LC_MESSAGES" / "django.po")) for taal in TALEN}
    assert all(s == sets["en"] for s in sets.values())


def test_every_text_of_the_portal_is_in_the_catalogue():
    """The msgids used in the portal's templates and code are all in the catalogue."""
    bekend = set(_entries(LOCALE / "en" / "LC_MESSAGES" / "django.po"))
    gebruikt = set()
    for pad in (PORTAAL / "templates").rglob("*.html"):
        tekst = pad.read_text(encoding="utf-8")
        gebruikt |= set(re.findall(r'{% translate "([^"]+)"', tekst))
        gebruikt |= set(re.findall(r"{% translate '([^']+)'", tekst))
        gebruikt |= set(re.findall(r"{% blocktranslate[^%]*%}(.*?){%", tekst))
    for pad in PORTAAL.glob("*.py"):
        tekst = pad.read_text(encoding="utf-8")
        gebruikt |= set(re.findall(r'\b_\("([^"]+)"\)', tekst))
    gebruikt = {re.sub(r"{{ (\w+) }}", r"%(\1)s", g) for g in gebruikt}
    assert gebruikt and gebruikt <= bekend, sorted(gebruikt - bekend)


@pytest.mark.django_db
def test_accept_language_chooses_a_supported_language(client):
    html = client.get(
        "/mijn/inloggen/", HTTP_ACCEPT_LANGUAGE="ar-SY,ar;q=0.9,en;q=0.5"
    ).content.decode()
    assert '<html lang="ar" dir="rtl"' in html
    assert "تسجيل الدخول إلى اندماجي" in html
    html = client.get("/mijn/inloggen/", HTTP_ACCEPT_LANGUAGE="fr-FR,uk;q=0.8").content.decode()
    assert '<html lang="uk" dir="ltr"' in html
    html = client.get("/mijn/inloggen/", HTTP_ACCEPT_LANGUAGE="fr-FR,de;q=0.8").content.decode()
    assert '<html lang="nl" dir="ltr"' in html and "Inloggen bij Mijn Inburgering" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("taal", "tekst"),
    [("en", "My plan"), ("ar", "خطتي"), ("ti", "መደበይ"), ("tr", "Planım"), ("uk", "Мій план")],
)
def test_switcher_sets_the_language_of_every_portal_page(ik, taal, tekst):
    antwoord = ik.post("/mijn/taal/", {"taal": taal, "next": "/mijn/plan/"})
    assert antwoord.status_code == 302 and antwoord["Location"] == "/mijn/plan/"
    html = ik.get("/mijn/plan/").content.decode()
    assert f'<html lang="{taal}" dir="{"rtl" if taal == "ar" else "ltr"}"' in html
    assert tekst in html
    # The adviseur's own words stay Dutch, and the page says so.
    assert "Lid worden van een sportclub." in html and 'id="nl-uitleg"' in html
    assert ik.get("/mijn/plan/")["Content-Language"] == taal


@pytest.mark.django_db
def test_switcher_refuses_unknown_languages_and_foreign_next(ik):
    antwoord = ik.post("/mijn/taal/", {"taal": "xx", "next": "https://evil.example/"})
    assert antwoord["Location"] == "/mijn/"
    assert rules.TAAL_COOKIE not in antwoord.cookies


@pytest.mark.django_db
def test_staff_pages_stay_dutch(als, adviseur_weert, traject_weert, client):
    client.cookies[rules.TAAL_COOKIE] = "ar"
    als(adviseur_weert)
    html = client.get(
        f"/inburgeraars/{traject_weert.inburgeraar_id}/", HTTP_ACCEPT_LANGUAGE="ar,en;q=0.9"
    ).content.decode()
    assert '<html lang="nl"' in html and "Uitloggen" in html


def test_kies_taal():
    assert rules.kies_taal("tr", "ar") == "tr"
    assert rules.kies_taal(None, "en-GB;q=0.4, ti;q=0.9") == "ti"
    assert rules.kies_taal("xx", "") == "nl"
    assert rules.kies_taal(None, "en;q=0") == "nl"
