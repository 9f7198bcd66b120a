"""The Z-route plan follows the PIP and DUO's termijn without the pip and duo apps knowing the
leerroute app (koers.inburgeraars.signals.traject_gewijzigd)."""

from datetime import date

from koers.inburgeraars.models import Traject
from koers.inburgeraars.signals import TERMIJN, traject_gewijzigd
from koers.leerroute.models import Zroute
from tests.uitvoering import met_vastgesteld_pip


def test_vastgesteld_z_pip_maakt_het_zroute_plan(traject_weert, adviseur_weert):
    met_vastgesteld_pip(traject_weert, adviseur_weert, leerroute="Z")
    zroute = Zroute.objects.get(traject=traject_weert)
    assert zroute.termijn_start == traject_weert.termijn_start
    assert zroute.termijn_eind == traject_weert.termijn_eind
    assert zroute.norm_cursus == 800


def test_b1_pip_maakt_geen_zroute(traject_weert, adviseur_weert):
    met_vastgesteld_pip(traject_weert, adviseur_weert, leerroute="B")
    assert not Zroute.objects.filter(traject=traject_weert).exists()


def test_nieuwe_termijn_van_duo_verschuift_het_plan(traject_weert, adviseur_weert):
    met_vastgesteld_pip(traject_weert, adviseur_weert, leerroute="Z")
    Traject.objects.filter(pk=traject_weert.pk).update(termijn_eind=date(2030, 4, 2))
    traject_weert.refresh_from_db()
    traject_gewijzigd.send(sender=Traject, traject=traject_weert, wat=TERMIJN)
    assert Zroute.objects.get(traject=traject_weert).termijn_eind == date(2030, 4, 2)
