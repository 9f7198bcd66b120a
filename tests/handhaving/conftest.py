"""The cases of the handhaving tests: a gezinsmigrant (boete possible) and an
asielstatushouder (no boete unless uitzonderlijke onwil), both in Weert, on a fixed day."""

import datetime as dt

import pytest
import time_machine

from tests.factories import InburgeraarFactory, TrajectFactory

VANDAAG = dt.date(2026, 11, 20)


@pytest.fixture(autouse=True)
def klok():
    with time_machine.travel(dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC), tick=False):
        yield VANDAAG


def _demo_bsn(voornaam, achternaam):
    from koers.demo.personen import PERSONEN, demo_bsns

    index = next(
        i for i, p in enumerate(PERSONEN) if (p.voornamen, p.achternaam) == (voornaam, achternaam)
    )
    return demo_bsns()[index]


@pytest.fixture
def gezin_weert(weert, adviseur_weert):
    return TrajectFactory(
        # The demo person's own BSN: the demo seed adds data to demo persons only.
        inburgeraar=InburgeraarFactory(
            gemeente=weert,
            doelgroep="Gezinsvormer",
            bsn=_demo_bsn("Yusuf", "Öztürk"),
            voornamen="Yusuf",
            geslachtsnaam="Öztürk",
            adres="Markt 1",
            postcode_plaats="6001 AA Weert",
        ),
        adviseur=adviseur_weert,
        status="in_uitvoering",
        termijn_start=dt.date(2026, 1, 15),
        termijn_eind=dt.date(2029, 1, 15),
    )


@pytest.fixture
def asiel_weert(weert, adviseur_weert):
    return TrajectFactory(
        inburgeraar=InburgeraarFactory(
            gemeente=weert,
            doelgroep="Asielstatushouder",
            voornamen="Samir",
            geslachtsnaam="Haidari",
        ),
        adviseur=adviseur_weert,
        status="in_uitvoering",
    )


def zaak_tot_hoorzitting(
    traject, door, *, hoorzitting=dt.date(2026, 11, 18), voornemen=dt.date(2026, 11, 2), bedrag=250
):
    """A zaak with verzuim, warning and a voornemen with a hoorzitting, through the
    services."""
    from koers.handhaving import services

    zaak = services.open_zaak(
        traject,
        door,
        {
            "verzuim": "lessen",
            "datum": dt.date(2026, 10, 1),
            "omschrijving": "Drie weken niet naar de les.",
        },
    )
    services.stuur_waarschuwing(zaak, door, {"datum": dt.date(2026, 10, 5)})
    services.maak_voornemen(
        zaak,
        door,
        {
            "datum": voornemen,
            "voorschrift": "Wet inburgering 2021, artikel 16",
            "bedrag": bedrag,
            "route": "hoorzitting",
            "hoorzitting_datum": hoorzitting,
            "hoorzitting_plaats": "Stadhuis",
        },
    )
    zaak.refresh_from_db()
    return zaak


def hoor(zaak, door, *, datum=dt.date(2026, 11, 18), cautie=True):
    from koers.handhaving import services

    return services.leg_zienswijze_vast(
        zaak,
        door,
        {
            "datum": datum,
            "cautie_gegeven": cautie,
            "aanwezig": "Yusuf Öztürk, adviseur",
            "zienswijze": "Had geen oppas.",
        },
    )
