"""Factories with traits: ``TrajectFactory(pip_vastgesteld=True)`` and friends."""

import datetime as dt
import itertools

import factory
from factory.django import DjangoModelFactory

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


def valid_bsn(seed: int) -> str:
    """The ``seed``-th 9-digit number that passes the elfproef, from 100000000 up."""
    return next(itertools.islice(bsns_vanaf(10_000_000), seed, None))


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

    naam = factory.Sequence(lambda n: f"Organisatie {n}")
    soort = Organisatie.Soort.GEMEENTE


class GemeenteFactory(DjangoModelFactory):
    class Meta:
        model = Gemeente
        django_get_or_create = ("gemeentecode",)

    organisatie = factory.SubFactory(OrganisatieFactory, naam=factory.SelfAttribute(
        "..naam"))
    gemeentecode = factory.Sequence(lambda n: f"{9000 + n:04d}")
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
    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or "geheim-wachtwoord-123")
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


class DelegatieFactory(DjangoModelFactory):
    class Meta:
        model = Delegatie

    ingangsdatum = dt.date(2020, 1, 1)
