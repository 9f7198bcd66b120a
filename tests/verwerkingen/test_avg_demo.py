"""AVG over the demo data (seeded once for the module): the inzage of every demo person covers
every model with data about him, and anonymising after the bewaartermijn wipes every declared
field and keeps the statistics."""

import datetime as dt
import json

import pytest
from django.db import models

from koers.avg import anonimisering, inzage
from koers.avg.anonimisering import te_anonimiseren
from koers.demo.personen import demo_bsns
from koers.inburgeraars.models import Inburgeraar, Traject
from koers.inburgeraars.rules import is_valid_bsn
from koers.verwerkingen import rules
from koers.verwerkingen.models import Geanonimiseerd, Verwerking
from koers.verwerkingen.services import verifieer
from tests.verwerkingen.test_avg import LEEG_IN_DEMO, _afsluiten_in

pytestmark = pytest.mark.slow


@pytest.fixture
def demo(demo_per_module, db, settings):
    settings.DEMO = True
    return list(
        Inburgeraar.objects.filter(bsn__in=demo_bsns()).select_related("gemeente__organisatie")
    )


DEMO_ZONDER_GEGEVENS = {
    # The demo's DUO data arrives through the simulator only once the worker runs.
    "duo.Contactpersoon",
    "duo.Notificatie",
    "duo.NotificatieConflict",
    "handhaving.DuoOpvraging",
    "leerroute.Examenresultaat",
    # Only for a case near or past the end of its termijn without a PVT or MAP.
    "modules.Verwijtbaarheid",
    # Only once an adviseur closes a missed voortgangsgesprek.
    "monitoring.GeslotenGesprek",
    # Only after a bewaartermijn has passed.
    "verwerkingen.Geanonimiseerd",
}


def test_inzage_of_demo_persons_covers_every_model_with_data(demo):
    labels = {g.label for g in inzage.gekoppelde_modellen()}
    met_data = set()
    for persoon in demo:
        data = inzage.gegevens(persoon)
        assert {o["model"] for o in data["onderdelen"]} == labels
        met_data |= {o["model"] for o in data["onderdelen"] if o["rijen"]}
        json.dumps(data)  # serialisable as it is
    ids = [p.pk for p in demo]
    verwacht = {
        g.label
        for g in inzage.gekoppelde_modellen()
        if g.model._default_manager.filter(
            **({f"{g.naar_inburgeraar}__in": ids} if g.naar_inburgeraar else {"pk__in": ids})
        ).exists()
    }
    assert met_data == verwacht
    # The demo fills every model but these: a section empty for everyone would hide a bad
    # lookup, so a new model needs demo data or a place in this list.
    assert labels - met_data <= DEMO_ZONDER_GEGEVENS, sorted(labels - met_data)


def test_inzage_lists_files_by_name_and_size_and_leaves_technical_fields_out(demo):
    persoon = next(p for p in demo if p.huidig_traject_id and inzage.gegevens(p)["bestanden"])
    data = inzage.gegevens(persoon)
    assert all(b["naam"] and b["grootte"] is not None for b in data["bestanden"])
    rij = next(o for o in data["onderdelen"] if o["model"] == "inburgeraars.Inburgeraar")
    assert "zoeknaam" not in rij["rijen"][0] and rij["rijen"][0]["bsn"] == persoon.bsn


def _leeg(waarde) -> bool:
    return waarde in ("", None, b"", [], {}) or (
        isinstance(waarde, memoryview) and not bytes(waarde)
    )


def test_anonymising_wipes_every_declared_field_and_keeps_the_statistics(demo):
    trajecten = list(
        Traject.objects.filter(inburgeraar__in=demo, inburgeraar__huidig_traject_id=models.F("pk"))
    )
    _afsluiten_in(2019, trajecten)
    # Those the demo had closed already (recently) are not yet due: they stay as they are.
    ids = [r[2] for r in te_anonimiseren(dt.date(2026, 11, 29))]
    assert len(ids) >= 30
    blijft = [p.pk for p in demo if p.pk not in ids]
    namen_blijven = dict(Inburgeraar.objects.filter(pk__in=blijft).values_list("pk", "bsn"))
    voor = {
        p.pk: (p.bsn, p.geslachtsnaam, p.doelgroep, p.geboortedatum, p.gemeente_id)
        for p in Inburgeraar.objects.filter(pk__in=ids)
    }
    statussen = dict(Traject.objects.filter(inburgeraar__in=ids).values_list("pk", "status"))
    logregels = Verwerking.objects.filter(inburgeraar_id__in=ids).count()
    assert logregels

    uitkomst = anonimisering.anonimiseer(dt.date(2026, 11, 29), batch=7)
    assert uitkomst.aantal == len(ids) and uitkomst.batches == -(-len(ids) // 7)

    for p in Inburgeraar.objects.filter(pk__in=ids):
        bsn, naam, doelgroep, geboren, gemeente = voor[p.pk]
        assert not is_valid_bsn(p.bsn) and p.bsn != bsn and len(p.bsn) == 9
        assert p.geslachtsnaam == anonimisering.NAAM_GEANONIMISEERD and p.voornamen == ""
        assert (p.telefoon, p.email, p.adres, p.postcode_plaats, p.talen) == ("", "", "", "", [])
        assert (p.doelgroep, p.gemeente_id) == (doelgroep, gemeente)  # statistics stay
        assert p.geboortedatum == (dt.date(geboren.year, 1, 1) if geboren else None)
    assert Geanonimiseerd.objects.filter(inburgeraar_id__in=ids).count() == len(ids)
    assert (
        dict(Traject.objects.filter(inburgeraar__in=ids).values_list("pk", "status")) == statussen
    )

    alle = anonimisering.regels()
    for g in inzage.gekoppelde_modellen():
        regel = alle.get(g.label)
        if regel is None or g.model is Inburgeraar:
            continue
        qs = g.model._default_manager.filter(
            **{f"{g.naar_inburgeraar}__in": ids} if g.naar_inburgeraar else {"pk__in": ids}
        )
        if regel.verwijderen:
            assert not qs.exists(), g.label
            continue
        if not regel.legen:
            continue
        assert qs.exists() or g.label in LEEG_IN_DEMO, g.label  # the check checked something
        for rij in qs.values(*regel.legen):
            assert all(_leeg(w) for w in rij.values()), (g.label, rij)
    from koers.begeleiding.models import Betaling
    from koers.intake.models import BredeIntake

    assert not Betaling.objects.filter(ontzorgen__traject__inburgeraar__in=ids).exists()
    assert (
        not BredeIntake.objects.filter(traject__inburgeraar__in=ids).exclude(gezondheid={}).exists()
    )

    # The log is kept (ids, no names), grows by one record per person, and still verifies.
    assert Verwerking.objects.filter(inburgeraar_id__in=ids).count() == logregels + len(ids)
    v = Verwerking.objects.filter(activiteit=rules.ACTIVITEIT_ANONIMISEREN).first()
    assert (v.kanaal, v.handeling, v.actor_id, v.doel) == (
        "job",
        "wijzigen",
        None,
        rules.DOEL_BEWAARTERMIJN,
    )
    assert verifieer() is None
    assert dict(Inburgeraar.objects.filter(pk__in=blijft).values_list("pk", "bsn")) == namen_blijven
    # Done once: the next run finds nothing.
    assert te_anonimiseren(dt.date(2026, 11, 29)) == []
