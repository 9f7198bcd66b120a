"""The register of processing activities (AVG art. 30) per gemeente: default entries as data,
every logged action names one (a log call without one fails), and the beheer page for the
privacy officer and the functioneel beheerder."""

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

import koers
from koers.verwerkingen import keten, rules, services
from koers.verwerkingen.models import Verwerking
from tests.factories import GebruikerFactory, GemeenteFactory

REGISTER = "/verwerkingen/register/"
SRC = Path(koers.__file__).parent


# The rule ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("activiteit", "code"),
    [
        (rules.ACTIVITEIT_INZIEN, rules.REGISTER_UITVOERING),
        (rules.ACTIVITEIT_DUO, rules.REGISTER_DUO),
        (rules.ACTIVITEIT_INZAGE, rules.REGISTER_INZAGE),
        (rules.ACTIVITEIT_LOG_OPSCHONEN, rules.REGISTER_BEWAARTERMIJN),
        ("tweede factor gekoppeld (authenticator-app)", rules.REGISTER_BEVEILIGING),
        ("iets anders", None),
        ("iets anders (met detail)", None),
        ("", None),
    ],
)
def test_register_code_of_an_activity(activiteit, code):
    assert rules.register_code(activiteit) == code


def test_every_entry_has_its_texts_and_a_unique_code():
    assert len(rules.REGISTER_CODES) == len(rules.REGISTER)
    for regel in rules.REGISTER:
        assert regel.activiteiten, regel.code
        for tekst in (regel.naam, regel.doel, regel.grondslag, regel.grondslag_status):
            assert tekst.strip(), regel.code
        assert len(regel.code) <= 50 and len(regel.naam) <= 200
    alle = [a for r in rules.REGISTER for a in r.activiteiten]
    assert len(alle) == len(set(alle)), "an activity belongs to exactly one entry"


def _activiteit_constanten() -> dict[str, str]:
    """Every ``ACTIVITEIT_*`` string constant of every rules module of Koers."""
    uit = {}
    for module in pkgutil.iter_modules([str(SRC)]):
        if not module.ispkg or not (SRC / module.name / "rules.py").exists():
            continue
        rules_module = importlib.import_module(f"koers.{module.name}.rules")
        for naam, waarde in vars(rules_module).items():
            if naam.startswith("ACTIVITEIT_") and isinstance(waarde, str):
                uit[f"koers.{module.name}.rules.{naam}"] = waarde
    return uit


def test_every_activiteit_constant_has_a_register_entry():
    constanten = _activiteit_constanten()
    assert "koers.brp.rules.ACTIVITEIT_BRP" in constanten  # the search reaches other apps
    zonder = {
        naam: waarde for naam, waarde in constanten.items() if not rules.register_code(waarde)
    }
    assert zonder == {}


def _activiteit_literals(bronnen) -> list[tuple[str, str]]:
    """The literal strings passed as ``activiteit=`` in the given (place, source) pairs; of an
    f-string its fixed text up to the first placeholder (none when it starts with one, such as
    ``f"{rules.ACTIVITEIT_TWEEDE_FACTOR} ({soort})"``: the constants have a test of their own)."""
    gevonden = []
    for plek, bron in bronnen:
        for knoop in ast.walk(ast.parse(bron)):
            if not isinstance(knoop, ast.Call):
                continue
            for kw in knoop.keywords:
                if kw.arg != "activiteit":
                    continue
                if isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, str):
                    gevonden.append((f"{plek}:{knoop.lineno}", kw.value.value))
                elif isinstance(kw.value, ast.JoinedStr):
                    vast = ""
                    for deel in kw.value.values:
                        if not isinstance(deel, ast.Constant):
                            break
                        vast += deel.value
                    if vast:
                        gevonden.append((f"{plek}:{knoop.lineno}", vast + "(x)"))
    return gevonden


def _koers_bronnen():
    for pad in SRC.rglob("*.py"):
        if "migrations" not in pad.parts:
            yield str(pad.relative_to(SRC)), pad.read_text(encoding="utf-8")


def test_every_activiteit_string_in_the_code_has_a_register_entry():
    literals = _activiteit_literals(_koers_bronnen())
    zonder = [(plek, tekst) for plek, tekst in literals if not rules.register_code(tekst)]
    assert zonder == []


def test_the_search_finds_a_literal_activity_and_the_fixed_start_of_an_f_string():
    code = (
        'log(activiteit="iets geheims")\n'
        'log(activiteit=f"iets {soort}")\n'
        'log(activiteit=f"{rules.ACTIVITEIT_TWEEDE_FACTOR} ({soort})")\n'
        "log(activiteit=rules.ACTIVITEIT_INZIEN)\n"
    )
    assert _activiteit_literals([("x.py", code)]) == [
        ("x.py:1", "iets geheims"),
        ("x.py:2", "iets (x)"),
    ]


# Logging ----------------------------------------------------------------------------------------


def test_log_refuses_an_activity_without_register_entry(adviseur_weert, traject_weert):
    with pytest.raises(services.GeenVerwerkingsactiviteit, match="geen verwerkingsactiviteit"):
        services.log(user=adviseur_weert, handeling="lezen", activiteit="even rondkijken")
    with pytest.raises(services.GeenVerwerkingsactiviteit):
        services.log_veel(
            adviseur_weert,
            [(traject_weert.inburgeraar_id, traject_weert.pk)],
            ["naam"],
            handeling="lezen",
            activiteit="even rondkijken",
        )
    with pytest.raises(services.GeenVerwerkingsactiviteit):
        services.log(
            user=adviseur_weert,
            handeling="lezen",
            activiteit=rules.ACTIVITEIT_INZIEN,
            register="bestaat-niet",
        )
    assert not Verwerking.objects.exists()


def test_each_record_names_its_register_entry_and_the_seal_covers_it(adviseur_weert, traject_weert):
    een = services.log_lezen(adviseur_weert, traject_weert.inburgeraar, ["naam"])
    lijst = services.log_lezen_lijst(
        adviseur_weert, [(traject_weert.inburgeraar_id, traject_weert.pk)], ["naam"]
    )
    brp = services.log(
        user=None, handeling="lezen", activiteit=rules.ACTIVITEIT_BRP, inburgeraar_id=1
    )
    assert keten.verzegel() == 3
    rijen = {v.pk: v for v in Verwerking.objects.all()}
    assert rijen[een.pk].verwerkingsactiviteit == rules.REGISTER_UITVOERING
    assert rijen[lijst[0].pk].verwerkingsactiviteit == rules.REGISTER_UITVOERING
    assert rijen[brp.pk].verwerkingsactiviteit == rules.REGISTER_BRP
    assert all(v.hashversie == 4 for v in rijen.values())
    assert keten.verifieer() is None
    # The hash covers the code: another code gives another hash.
    v = rijen[een.pk]
    velden = keten.velden(v)
    assert velden["verwerkingsactiviteit"] == rules.REGISTER_UITVOERING
    anders = dict(velden, verwerkingsactiviteit=rules.REGISTER_DUO)
    assert rules.record_hash(anders, v.vorige_hash) != v.hash


def test_the_privacy_officers_search_is_logged_under_inzage(als, privacy, traject_weert):
    bsn = traject_weert.inburgeraar.bsn
    assert als(privacy).get(f"/verwerkingen/?bsn={bsn}").status_code == 200
    v = Verwerking.objects.get(actor_id=privacy.pk)
    assert (v.activiteit, v.verwerkingsactiviteit) == (
        rules.ACTIVITEIT_ZOEKEN,
        rules.REGISTER_INZAGE,
    )


# The register as data -------------------------------------------------------------------------


def test_a_new_gemeente_gets_the_default_register(db):
    gemeente = GemeenteFactory(naam="Leudal", gemeentecode="1640")
    codes = set(gemeente.verwerkingsactiviteiten.values_list("code", flat=True))
    assert codes == set(rules.REGISTER_CODES)
    regel = gemeente.verwerkingsactiviteiten.get(code=rules.REGISTER_DUO)
    assert "niet geverifieerd" in regel.grondslag_status
    assert regel.actief


def test_completing_the_register_keeps_what_the_gemeente_wrote(weert, monkeypatch):
    import dataclasses

    from koers.verwerkingen import register

    regel = weert.verwerkingsactiviteiten.get(code=rules.REGISTER_BRP)
    assert register.wijzig(regel, dict(_teksten(regel), doel="Eigen tekst van Weert"), "petra")
    # A new version of Koers brings a new entry.
    nieuw = dataclasses.replace(rules.REGISTER[0], code="nieuw-in-deze-versie")
    monkeypatch.setattr(rules, "REGISTER", (*rules.REGISTER, nieuw))
    assert register.aanvullen([weert.pk]) == 1
    assert register.aanvullen([weert.pk]) == 0
    assert weert.verwerkingsactiviteiten.get(code=rules.REGISTER_BRP).doel == (
        "Eigen tekst van Weert"
    )
    assert weert.verwerkingsactiviteiten.count() == len(rules.REGISTER)
    erbij = weert.verwerkingsactiviteiten.get(code="nieuw-in-deze-versie")
    assert list(erbij.versies.values_list("versie", flat=True)) == [1]


def _teksten(regel):
    return {veld: getattr(regel, veld) for veld in regel.TEKSTVELDEN}


# The beheer page ------------------------------------------------------------------------------


@pytest.fixture
def functioneel_beheer(weert):
    return GebruikerFactory(username="fabian", gemeente=weert, rollen=["beheerder"])


@pytest.mark.parametrize("wie", ["privacy", "functioneel_beheer"])
def test_privacy_officer_and_beheer_see_their_own_register(als, request, wie, weert, nederweert):
    user = request.getfixturevalue(wie)
    antwoord = als(user).get(REGISTER)
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "Register van verwerkingsactiviteiten" in html
    for regel in rules.REGISTER:
        assert f'id="register-{regel.code}"' in html
    eigen = set(weert.verwerkingsactiviteiten.values_list("pk", flat=True))
    for regel in nederweert.verwerkingsactiviteiten.all():
        assert f"/verwerkingen/register/{regel.pk}/" not in html
    assert all(f"/verwerkingen/register/{pk}/" in html for pk in eigen)


@pytest.mark.parametrize("wie", ["adviseur_weert", "beleid", "teamleider_weert"])
def test_others_may_not_see_the_register(als, request, wie, weert):
    user = request.getfixturevalue(wie)
    regel = weert.verwerkingsactiviteiten.first()
    assert als(user).get(REGISTER).status_code == 403
    assert als(user).get(f"{REGISTER}{regel.pk}/").status_code == 403
    assert als(user).post(f"{REGISTER}{regel.pk}/", {"naam": "x"}).status_code == 403


def _formulier(regel, **anders):
    gegevens = {
        "naam": regel.naam,
        "doel": regel.doel,
        "grondslag": regel.grondslag,
        "grondslag_status": regel.grondslag_status,
        "categorieen_betrokkenen": regel.categorieen_betrokkenen,
        "categorieen_gegevens": regel.categorieen_gegevens,
        "ontvangers": regel.ontvangers,
        "bewaartermijn": regel.bewaartermijn,
        "actief": "on",
    }
    gegevens.update(anders)
    return {k: v for k, v in gegevens.items() if v is not None}


def test_the_privacy_officer_edits_an_entry(als, privacy, weert):
    regel = weert.verwerkingsactiviteiten.get(code=rules.REGISTER_DUO)
    client = als(privacy)
    assert client.get(f"{REGISTER}{regel.pk}/").status_code == 200
    antwoord = client.post(
        f"{REGISTER}{regel.pk}/",
        _formulier(
            regel, grondslag="Wi2021 art. 40 (nagekeken)", grondslag_status="wet ", actief=None
        ),
    )
    assert antwoord.status_code == 302
    regel.refresh_from_db()
    assert (regel.grondslag, regel.grondslag_status, regel.actief) == (
        "Wi2021 art. 40 (nagekeken)",
        "wet",
        False,
    )
    assert regel.code == rules.REGISTER_DUO and regel.gewijzigd_door == privacy.username
    assert "niet in gebruik" in client.get(REGISTER).content.decode()


@pytest.mark.parametrize(
    "anders",
    [{"naam": ""}, {"doel": "   "}, {"naam": "x" * 201}, {"grondslag": "a\x00b"}],
)
def test_bad_input_gives_dutch_field_errors_not_a_500(als, privacy, weert, anders):
    regel = weert.verwerkingsactiviteiten.get(code=rules.REGISTER_BRP)
    antwoord = als(privacy).post(f"{REGISTER}{regel.pk}/", _formulier(regel, **anders))
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert "koers-foutsamenvatting" in html and "utrecht-form-field-error-message" in html
    regel.refresh_from_db()
    assert regel.naam == next(r.naam for r in rules.REGISTER if r.code == rules.REGISTER_BRP)


def test_another_gemeentes_entry_is_not_found(als, privacy, nederweert):
    regel = nederweert.verwerkingsactiviteiten.first()
    client = als(privacy)
    assert client.get(f"{REGISTER}{regel.pk}/").status_code == 404
    assert client.post(f"{REGISTER}{regel.pk}/", _formulier(regel, naam="x")).status_code == 404
    regel.refresh_from_db()
    assert regel.naam != "x"


def test_menu_shows_the_register_to_privacy_and_beheer(privacy, functioneel_beheer, adviseur_weert):
    from koers.web.secties import menu_items

    assert "menu-register" in [m.id for m in menu_items(privacy)]
    assert "menu-register" in [m.id for m in menu_items(functioneel_beheer)]
    assert "menu-register" not in [m.id for m in menu_items(adviseur_weert)]
