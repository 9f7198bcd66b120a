"""Budgets entered by financiën (a budget per stream; the SPUK amounts are "entered when
known", startnotitie chapter 8): created, then changed without a duplicate; bad input
refused in Dutch with nothing saved; other roles refused; the dashboard shows the budget."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from koers.bouwstenen.weigering import Weigering
from koers.organisaties.models import Budget
from koers.sturing import rules, services

D = Decimal
URL = reverse("sturing:budget")


def test_financien_creates_then_changes_a_budget_through_the_form(financien, als, weert):
    client = als(financien)
    pagina = client.get(URL + "?jaar=2026")
    assert pagina.status_code == 200
    assert 'for="id_bedrag"' in pagina.content.decode()
    antwoord = client.post(URL, {"jaar": "2026", "stroom": "spuk", "bedrag": "125.000,50"})
    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("sturing:financien") + "?jaar=2026"
    budget = Budget.objects.get()
    assert (budget.gemeente, budget.jaar, budget.stroom, budget.bedrag) == (
        weert,
        2026,
        "spuk",
        D("125000.50"),
    )
    client.post(URL, {"jaar": "2026", "stroom": "spuk", "bedrag": "130000"})
    assert Budget.objects.count() == 1
    assert Budget.objects.get().bedrag == D("130000")
    client.post(URL, {"jaar": "2026", "stroom": "invoering", "bedrag": "0"})
    assert set(Budget.objects.values_list("stroom", "bedrag")) == {
        ("spuk", D("130000")),
        ("invoering", D("0")),
    }


@pytest.mark.parametrize(
    ("bedrag", "tekst"),
    [
        ("-1", "negatief"),
        ("100000000,01", "hoogstens"),
        ("veel", "getal"),
        ("", "Vul &#x27;Budget in euro&#x27; in."),
    ],
)
def test_bad_amounts_are_refused_in_dutch_and_nothing_is_saved(financien, als, bedrag, tekst):
    antwoord = als(financien).post(URL, {"jaar": "2026", "stroom": "uitvoering", "bedrag": bedrag})
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert tekst in html
    assert 'href="#id_bedrag"' in html  # the error summary points at the field
    assert not Budget.objects.exists()


@pytest.mark.parametrize(
    ("args", "veld"),
    [
        ({"bedrag": D("-0.01")}, "bedrag"),
        ({"bedrag": rules.BUDGET_MAX + D("0.01")}, "bedrag"),
        ({"bedrag": None}, "bedrag"),
        ({"jaar": 2014}, "jaar"),
        ({"jaar": 2101}, "jaar"),
        ({"stroom": "extra"}, "stroom"),
    ],
)
def test_service_refusals(financien, args, veld):
    with pytest.raises(Weigering) as weigering:
        services.bewaar_budget(
            financien, **({"jaar": 2026, "stroom": "spuk", "bedrag": D("10")} | args)
        )
    assert veld in weigering.value.fouten
    assert not Budget.objects.exists()


def test_service_refuses_other_roles(adviseur_weert):
    with pytest.raises(PermissionDenied):
        services.bewaar_budget(adviseur_weert, jaar=2026, stroom="spuk", bedrag=D("10"))
    assert not Budget.objects.exists()


@pytest.mark.parametrize("wie", ["beleid", "teamleider_weert", "adviseur_weert"])
def test_other_roles_get_403(wie, als, request):
    client = als(request.getfixturevalue(wie))
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"jaar": "2026", "stroom": "spuk", "bedrag": "10"}).status_code == 403
    assert not Budget.objects.exists()


def test_dashboard_links_for_financien_only_and_shows_the_new_budget(financien, beleid, als):
    client = als(financien)
    html = client.get(reverse("sturing:financien") + "?jaar=2026").content.decode()
    assert 'id="budget-invullen"' in html
    assert "/sturing/budget/?jaar=2026" in html
    client.post(URL, {"jaar": "2026", "stroom": "uitvoering", "bedrag": "87654,32"})
    html = client.get(reverse("sturing:financien") + "?jaar=2026").content.decode()
    assert "87.654,32" in html
    html = als(beleid).get(reverse("sturing:financien") + "?jaar=2026").content.decode()
    assert 'id="budget-invullen"' not in html
    assert "87.654,32" in html


@pytest.mark.parametrize(
    ("invoer", "bedrag"),
    [
        ("125.000", "125000"),
        ("1.250.000,5", "1250000.5"),
        ("125000,50", "125000.50"),
        ("87,5", "87.5"),
        ("0", "0"),
    ],
)
def test_amount_reads_dutch_notation(financien, als, invoer, bedrag):
    antwoord = als(financien).post(URL, {"jaar": "2026", "stroom": "spuk", "bedrag": invoer})
    assert antwoord.status_code == 302
    assert Budget.objects.get().bedrag == D(bedrag)


def test_without_a_budget_nothing_is_negative_and_the_page_invites_to_enter_it(
    financien, beleid, als, weert
):
    import datetime as dt

    from koers.sturing import financien as financien_cijfers
    from koers.sturing.models import Kostenpost
    from tests.factories import InburgeraarFactory, TrajectFactory

    traject = TrajectFactory(inburgeraar=InburgeraarFactory(gemeente=weert))
    Kostenpost.objects.create(
        traject=traject,
        gemeente=weert,
        voorziening="tolken",
        doelgroepindeling="Asielstatushouder",
        datum=dt.date(2025, 3, 1),
        bedrag=D("85084"),
    )
    cijfers = financien_cijfers.bereken(weert.pk, 2025, dt.date(2025, 12, 31))
    budget, maanden, _doelgroep, _prognose = financien_cijfers.tabellen(cijfers, False)
    totaal = next(r for r in budget.rijen if r.totaal)
    assert [c.tekst for c in totaal.cellen] == ["–", "€ 85.084,00", "–"]
    for tabel in (budget, maanden):
        for rij in tabel.rijen:
            assert all(c.waarde is None or c.waarde >= 0 for c in rij.cellen), rij.label

    html = als(financien).get(reverse("sturing:financien") + "?jaar=2025").content.decode()
    assert 'id="geen-budget"' in html
    assert f'href="{URL}?jaar=2025" id="budget-invullen"' in html
    assert "€ -" not in html
    # Beleid cannot enter it: the empty state says who can.
    html = als(beleid).get(reverse("sturing:financien") + "?jaar=2025").content.decode()
    assert 'id="geen-budget"' in html and 'id="budget-invullen"' not in html
    # With a budget the empty state is gone and what is left may be negative: overspent.
    Budget.objects.create(gemeente=weert, jaar=2025, stroom="spuk", bedrag=D("1000"))
    cijfers = financien_cijfers.bereken(weert.pk, 2025, dt.date(2025, 12, 31))
    budget = financien_cijfers.tabellen(cijfers, False)[0]
    assert [c.waarde for c in budget.rijen[-1].cellen] == [D("1000"), D("85084"), D("-84084")]
    html = als(financien).get(reverse("sturing:financien") + "?jaar=2025").content.decode()
    assert 'id="geen-budget"' not in html
