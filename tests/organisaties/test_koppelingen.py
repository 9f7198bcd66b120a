"""The Koers apps plug into the case page, menu, URLs, API, demo, signal engine and
anonymisation through flags on their AppConfig (koers.organisaties.koppelingen). The expected
lists are those of the former hand-kept list of uitvoering apps, in its order."""

import sys

import pytest
from django.apps import apps
from django.conf import settings
from django.core.checks import run_checks
from django.urls import URLResolver

from koers.avg import anonimisering
from koers.organisaties import koppelingen
from koers.organisaties.koppelingen import KoersAppConfig, check_koers_apps, koers_modules

UITVOERING = [
    "koers.monitoring",
    "koers.leerroute",
    "koers.modules",
    "koers.begeleiding",
    "koers.netwerk",
    "koers.handhaving",
    "koers.verwerkingen",
    "koers.sturing",
    "koers.portaal",
    "koers.partners",
]
# The BRP chain adapter plugs in pages and API routes before them (INSTALLED_APPS order).
KETEN_EN_UITVOERING = ["koers.brp", *UITVOERING]


def namen(naam):
    return [module.__name__ for module in koers_modules(naam)]


def test_every_koers_app_is_a_koers_app_config():
    koers = [naam for naam in settings.INSTALLED_APPS if naam.startswith("koers.")]
    assert set(UITVOERING) < set(koers)
    configs = [apps.get_app_config(naam.rsplit(".", 1)[1]) for naam in koers]
    # Each app's own class, not the base class Django falls back to when apps.py is ambiguous.
    assert all(
        isinstance(c, KoersAppConfig)
        and type(c) is not KoersAppConfig
        and type(c).__module__ == f"{c.name}.apps"
        for c in configs
    )


def test_the_core_tabs_filled_by_their_own_slices():
    # The case page (koers.inburgeraars) imports neither slice: it finds their tabs here.
    assert namen("dossier") == ["koers.intake.dossier", "koers.pip.dossier"]
    assert [m.TAB for m in koers_modules("dossier")] == ["intake", "pip"]


def test_the_case_page_sections_in_their_order():
    secties = [(m.__name__, m.PLAATS, m.TEMPLATE) for m in koers_modules("casus")]
    assert secties == [
        ("koers.brp.casus", "boven", "brp/casus_sectie.html"),
        ("koers.monitoring.casus", "boven", "monitoring/casus_sectie.html"),
        ("koers.leerroute.casus", "onder", "leerroute/casus_sectie.html"),
        ("koers.modules.casus", "onder", "modules/casus_sectie.html"),
        ("koers.begeleiding.casus", "onder", "begeleiding/casus_sectie.html"),
        ("koers.netwerk.casus", "onder", "netwerk/casus_sectie.html"),
        ("koers.handhaving.casus", "onder", "handhaving/casus_sectie.html"),
        ("koers.sturing.casus", "onder", "sturing/casus_sectie.html"),
        ("koers.portaal.casus", "onder", "portaal/casus_sectie.html"),
        ("koers.partners.casus", "onder", "partners/casus_sectie.html"),
    ]


def test_the_dossier_tabs_of_the_apps():
    """Each app's section is a tab of its own, except the BRP's state, which belongs with the
    personalia on the overview."""
    tabs = [(m.__name__, m.TAB) for m in koers_modules("casus")]
    assert tabs == [
        ("koers.brp.casus", None),
        ("koers.monitoring.casus", "gesprekken"),
        ("koers.leerroute.casus", "leerroute"),
        ("koers.modules.casus", "modules"),
        ("koers.begeleiding.casus", "begeleiding"),
        ("koers.netwerk.casus", "netwerk"),
        ("koers.handhaving.casus", "handhaving"),
        ("koers.sturing.casus", "kosten"),
        ("koers.portaal.casus", "berichten"),
        ("koers.partners.casus", "verwijzingen"),
    ]
    assert all(m.SECTIES and str(m.TITEL) for m in koers_modules("casus"))


def test_the_menu_entries_in_their_order():
    assert [item.id for module in koers_modules("menu") for item in module.MENU] == [
        "menu-signalen",
        "menu-ontzorgen",
        "naar-instroomklas",
        "naar-tolken",
        "naar-ervaringsdeskundigen",
        "menu-verwerkingen",
        "menu-register",
        "menu-sturing",
        "menu-financien",
        "menu-portaal",
        "menu-verwijzingen",
        "menu-taakverdeling",
        "menu-caseload",
    ]


def _ingesloten(urlconf) -> list[str]:
    return [
        getattr(p.urlconf_name, "__name__", str(p.pattern))
        for p in urlconf.urlpatterns
        if isinstance(p, URLResolver)
    ]


def test_the_pages_and_api_routes_of_the_apps():
    from koers.api import urls as api_urls
    from koers.config import urls

    assert _ingesloten(urls) == [
        "koers.duo.beheer_urls",
        "beheer/",
        "koers.api.urls",
        "koers.duo.urls",
        "koers.web.urls",
        "koers.beveiliging.urls",
        *[
            "koers.avg.urls" if app == "koers.verwerkingen" else f"{app}.urls"
            for app in KETEN_EN_UITVOERING
        ],
    ]
    # The register's read-only API is the privacy pages' (koers.avg), like its beheer page.
    assert _ingesloten(api_urls) == [
        "koers.avg.api_urls" if app == "koers.verwerkingen" else f"{app}.api_urls"
        for app in KETEN_EN_UITVOERING
    ]


def test_the_demo_seeders_and_signal_sources():
    assert namen("demo") == [f"{app}.demo" for app in UITVOERING if app != "koers.verwerkingen"]
    assert namen("signalen") == [
        "koers.brp.signalen",
        "koers.leerroute.signalen",
        "koers.modules.signalen",
        "koers.begeleiding.signalen",
        "koers.netwerk.signalen",
        "koers.handhaving.signalen",
        "koers.portaal.signalen",
    ]


def test_the_anonymisation_rules_of_the_apps():
    assert namen("anonimiseren") == [
        "koers.intake.anonimiseren",
        "koers.pip.anonimiseren",
        "koers.brp.anonimiseren",
        "koers.modules.anonimiseren",
        "koers.begeleiding.anonimiseren",
        "koers.handhaving.anonimiseren",
        "koers.verwerkingen.anonimiseren",
        "koers.sturing.anonimiseren",
    ]
    regels = anonimisering.regels()
    assert {
        "intake.IntakeAfspraak",
        "pip.DuoPip",
        "modules.Verwijtbaarheid",
        "begeleiding.Bijstand",
        "handhaving.Boetevoornemen",
        "sturing.Kostenpost",
    } <= set(regels)


def test_the_registry_is_clean_at_start_up():
    assert check_koers_apps() == []
    assert not [fout for fout in run_checks() if fout.id.startswith("koers.E06")]


@pytest.fixture
def kapotte_module(tmp_path, monkeypatch):
    """The sturing app as if it had only an anonimiseren module, with a broken import."""
    pakket = tmp_path / "kapot_sturing"
    pakket.mkdir()
    (pakket / "__init__.py").write_text("")
    (pakket / "anonimiseren.py").write_text("from koers.bestaat_niet import REGELS  # noqa\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    sturing = apps.get_app_config("sturing")
    monkeypatch.setattr(sturing, "name", "kapot_sturing")
    for naam in koppelingen.KOPPELINGEN:
        monkeypatch.setattr(sturing, naam, naam == "anonimiseren")
    yield
    for naam in ("kapot_sturing", "kapot_sturing.anonimiseren"):
        sys.modules.pop(naam, None)


def test_a_broken_anonimiseren_module_fails_loudly(kapotte_module):
    with pytest.raises(ImportError, match="koers.bestaat_niet"):
        anonimisering.regels()
    fouten = [fout for fout in run_checks() if fout.id.startswith("koers.E06")]
    assert [(f.id, f.obj) for f in fouten] == [("koers.E060", "kapot_sturing")]
    assert "kapot_sturing.anonimiseren kan niet worden geladen" in fouten[0].msg


def test_a_missing_declared_module_is_an_error(monkeypatch):
    # A declared module that is gone fails the check instead of dropping out quietly.
    monkeypatch.setitem(sys.modules, "koers.handhaving.anonimiseren", None)
    fouten = check_koers_apps()
    assert [(f.id, f.obj) for f in fouten] == [("koers.E060", "koers.handhaving")]
    with pytest.raises(ImportError):
        anonimisering.regels()


def test_an_undeclared_anonimiseren_module_is_an_error(monkeypatch):
    monkeypatch.setattr(apps.get_app_config("sturing"), "anonimiseren", False)
    fouten = check_koers_apps()
    assert [(f.id, f.obj) for f in fouten] == [("koers.E061", "koers.sturing")]
    assert "anonimiseren = True" in fouten[0].hint
    assert "sturing.Kostenpost" not in anonimisering.regels()


def test_each_flag_is_a_module_name():
    assert all(getattr(KoersAppConfig, naam) is False for naam in koppelingen.KOPPELINGEN)
