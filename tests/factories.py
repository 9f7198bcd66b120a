"""Factories with traits, so a test says what state it starts from instead of building it:

- ``GebruikerFactory(gemeente=weert, rollen=["privacy"])``: a user of that gemeente, with
  ``demo_account=True`` a demo account with the demo password (the browser tests);
- ``OrganisatieFactory(soort="taalaanbieder", keurmerk_tot=date(2027, 12, 31))``: a partner
  with a Partnerprofiel and a keurmerk valid up to that day;
- ``TrajectFactory(intake_afgerond=True)``: a case with an afgeronde brede intake;
- ``TrajectFactory(pip_vastgesteld=True)``: a case with intake and a vastgesteld first PIP,
  options as ``pip_vastgesteld__leerroute="Z"`` (see ``tests.uitvoering.met_vastgesteld_pip``).

Both case traits go through the services, by the case's adviseur, as a test would.
"""

import datetime as dt
import itertools

import factory
from factory.django import DjangoModelFactory

from koers.demo.organisaties import DEMO_WACHTWOORD
from koers.inburgeraars.models import Inburgeraar, Traject
from koers.inburgeraars.rules import bsns_vanaf
from koers.organisaties.models import (
    Arbeidsmarktregio,
    Delegatie,
    Gebruiker,
    Gemeente,
    Organisatie,
    Subregio,
)

_BSNS = bsns_vanaf(10_000_000)
_BSNS_GEZIEN: list[str] = []


def valid_bsn(seed: int) -> str:
    """The ``seed``-th 9-digit number that passes the elfproef, from 100000000 up. Remembered:
    a worker makes thousands of people, and counting from the start each time grew with it."""
    if seed >= len(_BSNS_GEZIEN):
        _BSNS_GEZIEN.extend(itertools.islice(_BSNS, seed + 1 - len(_BSNS_GEZIEN)))
    return _BSNS_GEZIEN[seed]


class ArbeidsmarktregioFactory(DjangoModelFactory):
    class Meta:
        model = Arbeidsmarktregio
        django_get_or_create = ("naam",)

    naam = "Midden-Limburg"


class SubregioFactory(DjangoModelFactory):
    class Meta:
        model = Subregio
        django_get_or_create = ("naam",)

    naam = "Cranendonck-Nederweert-Weert"
    arbeidsmarktregio = factory.SubFactory(ArbeidsmarktregioFactory)


class OrganisatieFactory(DjangoModelFactory):
    class Meta:
        model = Organisatie
        skip_postgeneration_save = True

    naam = factory.Sequence(lambda n: f"Organisatie {n}")
    soort = Organisatie.Soort.GEMEENTE

    @factory.post_generation
    def keurmerk_tot(self, create, extracted, **kwargs):
        """``keurmerk_tot=date``: a partner profile with a keurmerk valid up to that day."""
        if create and extracted:
            from koers.partners.models import Partnerprofiel

            Partnerprofiel.objects.create(
                organisatie=self, keurmerk=True, keurmerk_geldig_tot=extracted
            )


class GemeenteFactory(DjangoModelFactory):
    class Meta:
        model = Gemeente
        django_get_or_create = ("gemeentecode",)

    organisatie = factory.SubFactory(OrganisatieFactory, naam=factory.SelfAttribute("..naam"))
    gemeentecode = factory.Sequence(lambda n: f"{9000 + n % 1000:04d}")  # four digits, always
    oin = factory.Sequence(lambda n: f"0000000100{n:010d}")
    subregio = factory.SubFactory(SubregioFactory)
    arbeidsmarktregio = factory.SelfAttribute("subregio.arbeidsmarktregio")
    postadres = "Postbus 1"
    postcode_plaats = "1234 AB Plaats"

    class Params:
        naam = factory.Sequence(lambda n: f"Gemeente {n}")


class GebruikerFactory(DjangoModelFactory):
    class Meta:
        model = Gebruiker
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = "Sam"
    last_name = factory.Sequence(lambda n: f"Adviseur{n}")
    rollen = factory.LazyFunction(lambda: ["adviseur"])
    organisatie = factory.LazyAttribute(lambda o: o.gemeente.organisatie if o.gemeente else None)

    class Params:
        gemeente = None  # a user of this gemeente's organisation
        # A demo account (its password the published demo password): the browser tests log
        # in with it on the login page, as demo mode needs no second factor for it.
        demo_account = factory.Trait(is_demo_account=True)

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        standaard = DEMO_WACHTWOORD if self.is_demo_account else "geheim-wachtwoord-123"
        self.set_password(extracted or standaard)
        if create:
            self.save(update_fields=["password"])


class InburgeraarFactory(DjangoModelFactory):
    class Meta:
        model = Inburgeraar

    bsn = factory.Sequence(lambda n: valid_bsn(n + 500))
    voornamen = "Amina"
    geslachtsnaam = factory.Sequence(lambda n: f"Haddad{n}")
    geboortedatum = dt.date(1990, 5, 17)
    gemeente = factory.SubFactory(GemeenteFactory)
    doelgroep = "Asielstatushouder"
    vestigingsdatum = dt.date(2026, 6, 1)
    talen = factory.LazyFunction(lambda: ["Arabisch"])


class TrajectFactory(DjangoModelFactory):
    """A traject with its inburgeraar; ``huidig_traject`` is linked after creation."""

    class Meta:
        model = Traject
        skip_postgeneration_save = True

    inburgeraar = factory.SubFactory(InburgeraarFactory)
    gemeente = factory.SelfAttribute("inburgeraar.gemeente")
    datum_start_plicht = dt.date(2026, 6, 1)
    datum_start_pip_termijn = dt.date(2026, 9, 1)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        traject = model_class(*args, **kwargs)
        traject.herbereken_deadlines()
        traject.save()
        inburgeraar = traject.inburgeraar
        inburgeraar.huidig_traject = traject
        inburgeraar.save(update_fields=["huidig_traject"])
        return traject

    @factory.post_generation
    def intake_afgerond(self, create, extracted, **gegevens):
        """``intake_afgerond=True``: the complete intake of ``tests.intake.gegevens``, with
        ``intake_afgerond__<veld>=...`` overriding its fields; afgerond by the adviseur."""
        if create and (extracted or gegevens):
            from tests.uitvoering import met_afgeronde_intake

            met_afgeronde_intake(self, self.adviseur, **gegevens)

    @factory.post_generation
    def pip_vastgesteld(self, create, extracted, **pip):
        """``pip_vastgesteld=True``: intake and a vastgesteld first PIP by the adviseur;
        ``pip_vastgesteld__<optie>=...`` as the arguments of ``met_vastgesteld_pip``."""
        if create and (extracted or pip):
            from tests.uitvoering import met_vastgesteld_pip

            met_vastgesteld_pip(self, self.adviseur, **pip)


class DelegatieFactory(DjangoModelFactory):
    class Meta:
        model = Delegatie

    ingangsdatum = dt.date(2020, 1, 1)
