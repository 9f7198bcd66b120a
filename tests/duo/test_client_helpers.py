"""Every DUO operation Koers calls has a named helper on DuoClient: raadplegingen return the
parsed body, meldingen return None for an empty bevestiging (createContactpersoon: the new id).
Table-driven; the last test fails when DUO adds an operation without a helper."""

import json

import httpx
import pytest

from koers.duo import spec
from koers.duo.client import DuoFout
from tests.duo.duo_host import DuoHost
from tests.duo.voorbeelden import BSN, GEMEENTE_OIN, voorbeeld

INSTELLING = "0123456789"
CONTACT = {
    "naam": "Fatima el-Amrani",
    "email": "f.elamrani@weert.nl",
    "telefoonnummer": "0495 575 000",
}

HELPERS = [
    # helper, positional arguments, operationId, body sent
    ("get_pip", (BSN,), "getPipByBsn", None),
    ("get_inburgeringsplicht", (BSN,), "getInburgeringsplichtByBsn", None),
    ("get_inburgeringsplicht_historie", (BSN,), "getInburgeringsplichthistorieByBsn", None),
    ("get_doelgroep", (BSN,), "getDoelgroepByBsn", None),
    ("get_doelgroep_historie", (BSN,), "getDoelgroephistorieByBsn", None),
    ("get_inburgeringstermijn", (BSN,), "getInburgeringstermijnByBsn", None),
    ("get_inburgeringstermijn_historie", (BSN,), "getInburgeringstermijnhistorieByBsn", None),
    ("get_verlengingsgronden", (), "getVerlengingsgronden", None),
    ("get_examennummer", (BSN,), "getExamennummerByBsn", None),
    ("get_lbt_resultaten", (BSN,), "getLbtResultatenByBsn", None),
    ("get_examenresultaten", (BSN,), "getExamenresultatenByBsn", None),
    ("get_gratis_pogingen", (BSN,), "getGratisPogingenTegoedByBsn", None),
    ("get_gevolgde_uren", (BSN,), "getGevolgdeUrenByBsn", None),
    ("get_instellingen", (), "getInstellingen", None),
    ("get_map", (BSN,), "getMapByBsn", None),
    ("get_pvt", (BSN,), "getPvtByBsn", None),
    ("get_ontheffingen", (BSN,), "getOntheffingenByBsn", None),
    ("get_vrijstellingen", (BSN,), "getVrijstellingenByBsn", None),
    ("get_boetes", (BSN,), "getBoetesByBsn", None),
    ("get_verlengingen", (BSN,), "getVerlengingenByBsn", None),
    (
        "post_pip",
        (BSN, {"dagtekeningPip": "2026-03-01", "leerroute": "Z"}),
        "postPipByBsn",
        {"dagtekeningPip": "2026-03-01", "leerroute": "Z"},
    ),
    ("delete_pip", (BSN,), "deletePipByBsn", None),
    (
        "post_inburgeringsaanbod",
        (BSN, INSTELLING, {"indicatorAlfabetiseringsonderwijs": "NVT"}),
        "postInburgeringsaanbodByBsnAndInstellingsnummer",
        {"indicatorAlfabetiseringsonderwijs": "NVT"},
    ),
    (
        "delete_inburgeringsaanbod",
        (BSN, INSTELLING),
        "deleteInburgeringsaanbodByBsnAndInstellingsnumer",
        None,
    ),
    (
        "update_map",
        (BSN, {"datumEindgesprekMap": "2026-05-01"}),
        "updateMapByBsn",
        {"datumEindgesprekMap": "2026-05-01"},
    ),
    ("update_pvt", (BSN, {}), "updatePvtByBsn", {}),  # empty: withdraws the date
    (
        "update_zroute",
        (BSN, {"datumAfrondingZroute": "2026-05-01"}),
        "updateZrouteByBsn",
        {"datumAfrondingZroute": "2026-05-01"},
    ),
    ("update_uren_taalles_en_knm", (BSN, 12), "updateUrenTaallesEnKnmByBSN", {"uren": 12}),
    (
        "update_uren_participatieactiviteiten",
        (BSN, 0),
        "updateUrenParticipatieactiviteiten",
        {"uren": 0},
    ),
    (
        "update_uren_participatie_als_taalles",
        (BSN, 40),
        "updateUrenParticipatieAlsTaallesByBsn",
        {"uren": 40},
    ),
    ("create_contactpersoon", (CONTACT,), "createContactpersoon", CONTACT),
    ("update_contactpersoon", (17, CONTACT), "updateContactpersoonById", CONTACT),
    ("delete_contactpersoon", (17,), "deleteContactpersoonById", None),
    ("link_contactpersoon", (17, BSN), "postContactpersoonByBsn", None),
    ("unlink_contactpersoon", (17, BSN), "deleteContactpersoonByBsn", None),
    ("delete_examennummer", (BSN,), "deleteExamennummerByBsn", None),
]


def _bevestiging(operation_id):
    op = spec.operation(operation_id)
    status = next(s for s in sorted(op.responses) if 200 <= s < 300)
    schema = op.responses[status].schema
    return status, (voorbeeld(schema) if schema else None)


@pytest.mark.parametrize(
    ("helper", "args", "operation_id", "body"), HELPERS, ids=[h[0] for h in HELPERS]
)
def test_helper_roept_de_juiste_operatie_aan_en_geeft_de_body_terug(
    helper, args, operation_id, body
):
    status, antwoord = _bevestiging(operation_id)
    duo = DuoHost(status=status, body=antwoord)

    resultaat = getattr(duo.client(), helper)(*args, bron=GEMEENTE_OIN)

    verzoek = duo.laatste
    gevonden, _ = spec.find_operation(verzoek.method, verzoek.url.path.removeprefix("/v1"))
    assert gevonden.operation_id == operation_id
    assert verzoek.headers["bron"] == GEMEENTE_OIN
    assert (json.loads(verzoek.content) if verzoek.content else None) == body
    assert resultaat == antwoord
    if spec.operation(operation_id).method != "GET" and operation_id != "createContactpersoon":
        assert resultaat is None


MELDINGEN = [h for h in HELPERS if spec.operation(h[2]).method != "GET"]


@pytest.mark.parametrize(
    ("helper", "args", "operation_id", "body"), MELDINGEN, ids=[h[0] for h in MELDINGEN]
)
def test_meldingen_nemen_een_bericht_id_mee(helper, args, operation_id, body):
    status, antwoord = _bevestiging(operation_id)
    duo = DuoHost(status=status, body=antwoord)
    bericht_id = "2b9a2f0e-8c43-4b8e-b1c6-6a8f0b7e2d11"
    getattr(duo.client(), helper)(*args, bron=GEMEENTE_OIN, bericht_id=bericht_id)
    assert duo.laatste.headers["berichtId"] == bericht_id


def test_een_helper_geeft_fouten_door_en_nooit_none():
    duo = DuoHost(antwoord=lambda request: httpx.Response(503))
    with pytest.raises(DuoFout, match="tijdelijk niet beschikbaar"):
        duo.client().get_inburgeringsplicht(BSN, bron=GEMEENTE_OIN)


def test_elke_operatie_van_duo_heeft_een_helper():
    gedekt = {h[2] for h in HELPERS}
    # opvoerenNotificatie is the gemeente's own API: DUO calls Koers, not the other way round
    verwacht = set(spec.operations()) - {"opvoerenNotificatie"}
    assert gedekt == verwacht
