"""The gemeente's begeleidingsbeleid (a setting in the admin) and removing a payment."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from koers.begeleiding import services
from koers.begeleiding.models import Begeleidingsbeleid, Betaling
from koers.bouwstenen.weigering import Weigering
from tests.begeleiding.conftest import START, betaling


def test_gemeente_kiest_eigen_intensiteit_en_maxima(
    weert, traject_weert, ontzorgen_weert, adviseur_weert
):
    assert services.voorgestelde_intensiteit(traject_weert, 1) == 8
    Begeleidingsbeleid.objects.create(gemeente=weert, contacten_1=6, max_huur=Decimal("900.00"))
    assert services.voorgestelde_intensiteit(traject_weert, 1) == 6
    with pytest.raises(Weigering) as fout:
        services.registreer_betalingen(ontzorgen_weert, adviseur_weert, [betaling(bedrag="950.00")])
    assert "hooguit 900.00" in fout.value.fouten["bedrag"]


def test_beleid_moet_afbouwen(weert):
    beleid = Begeleidingsbeleid(gemeente=weert, contacten_1=1, contacten_2=5)
    with pytest.raises(ValidationError):
        beleid.full_clean()


def test_beheer_ziet_het_beleid_in_de_admin(als, beheerder, weert):
    Begeleidingsbeleid.objects.create(gemeente=weert)
    antwoord = als(beheerder).get("/beheer/begeleiding/begeleidingsbeleid/")
    assert antwoord.status_code == 200 and "Weert" in antwoord.content.decode()


def test_betaling_verwijderen_via_het_scherm(als, uitkering_weert, ontzorgen_weert):
    services.registreer_betalingen(
        ontzorgen_weert,
        uitkering_weert,
        [betaling(post=p) for p in ("huur", "energie_water", "zorgverzekering")],
    )
    assert ontzorgen_weert.maanden.get(maand=START).compleet
    huur = Betaling.objects.get(post="huur")
    client = als(uitkering_weert)
    pagina = reverse("begeleiding:ontzorgen", args=[ontzorgen_weert.traject.inburgeraar_id])
    assert f'id="betaling-{huur.pk}-verwijderen"' in client.get(pagina).content.decode()
    antwoord = client.post(
        reverse(
            "begeleiding:betaling_verwijderen",
            args=[ontzorgen_weert.traject.inburgeraar_id, huur.pk],
        )
    )
    assert antwoord.status_code == 302
    assert not Betaling.objects.filter(pk=huur.pk).exists()
    assert not ontzorgen_weert.maanden.get(maand=START).compleet
    assert ontzorgen_weert.traject.gebeurtenissen.filter(
        omschrijving__startswith="Betaling verwijderd: huur van 10-2026"
    ).exists()


def test_betaling_van_andere_zaak_verwijderen_is_404(
    als, adviseur_weert, ontzorgen_weert, ontzorgen_cranendonck, adviseur_cranendonck
):
    services.registreer_betalingen(ontzorgen_cranendonck, adviseur_cranendonck, [betaling()])
    ander = Betaling.objects.get()
    antwoord = als(adviseur_weert).post(
        reverse(
            "begeleiding:betaling_verwijderen",
            args=[ontzorgen_weert.traject.inburgeraar_id, ander.pk],
        )
    )
    assert antwoord.status_code == 404 and Betaling.objects.exists()


def test_betaling_verwijderen_via_api(api, uitkering_weert, teamleider_weert, ontzorgen_weert):
    services.registreer_betalingen(ontzorgen_weert, uitkering_weert, [betaling()])
    b = Betaling.objects.get()
    pad = (
        f"/api/v1/inburgeraars/{ontzorgen_weert.traject.inburgeraar_id}/ontzorgen/betalingen/{b.pk}"
    )
    assert api(teamleider_weert).delete(pad).status_code == 403
    assert api(uitkering_weert).delete(pad).status_code == 204
    assert api(uitkering_weert).delete(pad).status_code == 404


def test_werkvoorraad_van_de_uitkeringsadministratie(als, uitkering_weert, ontzorgen_weert):
    antwoord = als(uitkering_weert).get(reverse("web:werkvoorraad") + "?alle=on")
    assert antwoord.status_code == 302  # to its own overview, see test_toegang


def test_dubbele_import_weigert_alles(als, uitkering_weert, ontzorgen_weert):
    from django.core.files.uploadedfile import SimpleUploadedFile

    bsn = ontzorgen_weert.traject.inburgeraar.bsn
    tekst = (
        "bsn;maand;post;bedrag;betaald_op;begunstigde\n"
        f"{bsn};2026-10;huur;612,50;2026-10-01;Wonen Weert\n"
    ).encode()
    for verwacht in (302, 200):
        antwoord = als(uitkering_weert).post(
            reverse("begeleiding:import"),
            {"bestand": SimpleUploadedFile("b.csv", tekst, content_type="text/csv")},
        )
        assert antwoord.status_code == verwacht
    assert Betaling.objects.count() == 1
    assert dt.date(2026, 10, 1) == Betaling.objects.get().maand
