"""Demo data: the beleid of each gemeente and one gezinsmigrant in Weert with a warning and a
voornemen with a hoorzitting planned; seeding twice changes nothing."""

import pytest

from koers.handhaving import demo
from koers.handhaving.models import Handhavingsbeleid, Handhavingszaak

pytestmark = pytest.mark.django_db


def test_seed_is_idempotent(weert, cranendonck, adviseur_weert, gezin_weert, klok):
    gemeenten = {"0988": weert, "1706": cranendonck}
    accounts = {"adviseur-weert": adviseur_weert}
    assert demo.seed(gemeenten, accounts) == {
        "handhavingsbeleid": 2,
        "handhavingszaken": 1,
        "intake_niet_verschenen": 0,
    }
    zaak = Handhavingszaak.objects.get()
    assert zaak.traject == gezin_weert
    assert zaak.waarschuwing_datum is not None
    voornemen = zaak.open_voornemen
    assert voornemen.hoorzitting_datum > klok and voornemen.zienswijze_op is None
    assert voornemen.voorschrift and voornemen.bedrag == 250
    # A first boete on its own voornemen; the second voornemen waits for the hoorzitting.
    assert zaak.boetes.get().voornemen.niet_gereageerd
    assert [b.soort for b in zaak.brieven.order_by("id")] == [
        "waarschuwing",
        "voornemen",
        "boete",
        "voornemen",
    ]
    assert demo.seed(gemeenten, accounts) == {
        "handhavingsbeleid": 0,
        "handhavingszaken": 0,
        "intake_niet_verschenen": 0,
    }
    assert Handhavingsbeleid.objects.get(gemeente=weert).standaard_boete == 250
