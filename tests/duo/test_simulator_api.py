"""The DUO simulator over real HTTP: answers valid per DUO's files, rules, headers, storingen."""

import time
from datetime import date, timedelta

from koers.duo import spec
from tests.duo.simulator_hulp import (  # noqa: F401  (fixtures)
    AMIRA,
    BOW,
    CRANENDONCK_OIN,
    GET_PERSOON,
    MEHMET,
    NEDERWEERT_OIN,
    ONBEKEND,
    SEMHAR,
    TST,
    duo_fixture,
    duo_sim_server_fixture,
    geldig,
)


def _dag(dagen: int) -> str:
    return (date.today() + timedelta(days=dagen)).isoformat()


def test_every_read_answers_valid_per_duo_file_with_version_and_bericht_id(duo):
    for operation_id in GET_PERSOON:
        antwoord = duo.call(
            operation_id, bericht_id="7d1c7a52-5a4f-4c0e-9b38-7a3c4f8f3a11", bsn=AMIRA
        )
        assert antwoord.status_code in (200, 404), operation_id
        assert geldig(operation_id, antwoord) == [], operation_id
        assert antwoord.headers["API-Version"] == spec.operation(operation_id).api_version
        assert antwoord.headers["berichtId"] == "7d1c7a52-5a4f-4c0e-9b38-7a3c4f8f3a11"
    for operation_id in ("getInstellingen", "getVerlengingsgronden"):
        antwoord = duo.call(operation_id)
        assert antwoord.status_code == 200
        assert geldig(operation_id, antwoord) == []


def test_plicht_doelgroep_and_scenario_data_come_back(duo):
    plicht = duo.call("getInburgeringsplichtByBsn", bsn=AMIRA).json()
    assert plicht["indicatorInburgeringsplicht"] is True
    assert plicht["begindatum"] == _dag(-130)
    doelgroep = duo.call("getDoelgroepByBsn", bsn=AMIRA).json()
    assert doelgroep["indeling"] == "Asielstatushouder"
    assert duo.call("getBoetesByBsn", bsn=AMIRA).json() == [{"bedrag": 250, "datum": _dag(-5)}]
    assert duo.call("getInburgeringstermijnByBsn", bsn=AMIRA).status_code == 404


def test_unknown_person_is_404_and_another_gemeentes_person_is_403(duo):
    onbekend = duo.call("getInburgeringsplichtByBsn", bsn=ONBEKEND)
    assert onbekend.status_code == 404
    assert geldig("getInburgeringsplichtByBsn", onbekend) == []
    vreemd = duo.call("getInburgeringsplichtByBsn", bsn=MEHMET)
    assert vreemd.status_code == 403
    assert vreemd.json() == [{"fouttekst": "Deze persoon hoort niet bij uw gemeente."}]
    assert (
        duo.call("getInburgeringsplichtByBsn", bsn=MEHMET, bron=NEDERWEERT_OIN).status_code == 200
    )


def test_coa_resident_is_seen_by_the_coa_gemeente_only(duo):
    assert duo.call("getDoelgroepByBsn", bsn=SEMHAR, bron=CRANENDONCK_OIN).status_code == 200
    assert duo.call("getDoelgroepByBsn", bsn=SEMHAR).status_code == 403


def test_valid_pip_is_registered_and_returned_with_a_termijn(duo):
    antwoord = duo.call(
        "postPipByBsn",
        bsn=AMIRA,
        body={
            "dagtekeningPip": _dag(-10),
            "leerroute": "B",
            "geschatteIntensiteitB1Route": 1200,
            "indicatorAlfabetiseringsonderwijs": "NVT",
        },
    )
    assert antwoord.status_code == 201, antwoord.text
    assert geldig("postPipByBsn", antwoord) == []

    pip = duo.call("getPipByBsn", bsn=AMIRA)
    assert geldig("getPipByBsn", pip) == []
    assert pip.json() == {
        "gemeentecode": "0988",
        "pip": {
            "dagtekeningPip": _dag(-10),
            "leerroute": "B",
            "niveau": "B1",
            "geschatteIntensiteitB1Route": 1200,
            "indicatorAlfabetiseringsonderwijs": "NVT",
        },
    }
    termijn = duo.call("getInburgeringstermijnByBsn", bsn=AMIRA)
    assert termijn.status_code == 200
    assert termijn.json()["startdatum"] == _dag(-9)
    assert geldig("getInburgeringstermijnByBsn", termijn) == []


def test_pip_breaking_duo_rules_is_refused_in_dutch(duo):
    a2_o = duo.call(
        "postPipByBsn",
        bsn=AMIRA,
        body={"dagtekeningPip": _dag(-10), "leerroute": "O", "niveau": "A2"},
    )
    assert a2_o.status_code == 400
    assert a2_o.json() == [{"fouttekst": "Niveau A2 kan niet bij de onderwijsroute."}]
    assert geldig("postPipByBsn", a2_o) == []

    te_vroeg = duo.call(
        "postPipByBsn", bsn=AMIRA, body={"dagtekeningPip": _dag(-200), "leerroute": "Z"}
    )
    assert te_vroeg.status_code == 400
    assert "voor de start van de inburgeringsplicht" in te_vroeg.json()[0]["fouttekst"]

    intensiteit = duo.call(
        "postPipByBsn",
        bsn=MEHMET,
        bron=NEDERWEERT_OIN,
        body={"dagtekeningPip": _dag(-10), "leerroute": "B", "geschatteIntensiteitB1Route": 800},
    )
    assert intensiteit.json() == [
        {"fouttekst": "De geschatte intensiteit geldt alleen voor asielstatushouders."}
    ]
    assert duo.call("getPipByBsn", bsn=AMIRA).status_code == 404


def test_changed_pip_not_before_the_current_one_and_delete_rules(duo):
    assert (
        duo.call(
            "postPipByBsn", bsn=AMIRA, body={"dagtekeningPip": _dag(-10), "leerroute": "Z"}
        ).status_code
        == 201
    )
    eerder = duo.call(
        "postPipByBsn", bsn=AMIRA, body={"dagtekeningPip": _dag(-11), "leerroute": "Z"}
    )
    assert eerder.status_code == 400
    assert "niet eerder gedagtekend" in eerder.json()[0]["fouttekst"]
    # DUO set the termijn with the first PIP: the PIP can no longer be deleted.
    weg = duo.call("deletePipByBsn", bsn=AMIRA)
    assert weg.status_code == 400
    assert "inburgeringstermijn is al vastgesteld" in weg.json()[0]["fouttekst"]
    assert geldig("deletePipByBsn", weg) == []


def test_pip_can_be_deleted_while_no_termijn_is_set(duo):
    duo.sim.state["termijnBijEerstePip"] = False
    assert (
        duo.call(
            "postPipByBsn", bsn=AMIRA, body={"dagtekeningPip": _dag(-10), "leerroute": "Z"}
        ).status_code
        == 201
    )
    assert duo.call("deletePipByBsn", bsn=MEHMET, bron=NEDERWEERT_OIN).status_code == 404
    assert duo.call("deletePipByBsn", bsn=AMIRA).status_code == 200
    assert duo.call("getPipByBsn", bsn=AMIRA).status_code == 404


def test_bad_headers_and_bodies_are_400_with_foutmeldingen(duo):
    zonder_id = duo.call(
        "getDoelgroepByBsn",
        bsn=AMIRA,
        headers={"bron": "00000001001234567890", "doel": duo.sim.duo_oin},
    )
    assert zonder_id.status_code == 400
    assert any("berichtId" in f["fouttekst"] for f in zonder_id.json())
    assert geldig("getDoelgroepByBsn", zonder_id) == []

    verkeerd_doel = duo.call("getDoelgroepByBsn", bsn=AMIRA, doel="00000009999999999999")
    assert verkeerd_doel.status_code == 400
    assert verkeerd_doel.json() == [{"fouttekst": "De header doel is niet het OIN van DUO."}]

    onbekende_bron = duo.call("getDoelgroepByBsn", bsn=AMIRA, bron="00000009999999999999")
    assert onbekende_bron.json() == [
        {"fouttekst": "De header bron is niet het OIN van een aangesloten gemeente."}
    ]

    schema = duo.call("postPipByBsn", bsn=AMIRA, body={"leerroute": "X"})
    assert schema.status_code == 400
    assert len(schema.json()) == 2  # dagtekeningPip missing, leerroute not in B/O/Z

    kapot = duo.http.post(
        duo.base_url + f"/personen/{AMIRA}/PIP",
        content=b"{kapot",
        headers={
            "bron": "00000001001234567890",
            "doel": duo.sim.duo_oin,
            "berichtId": "7d1c7a52-5a4f-4c0e-9b38-7a3c4f8f3a11",
            "Content-Type": "application/json",
        },
    )
    assert kapot.status_code == 400
    assert kapot.json() == [{"fouttekst": "De inhoud van het bericht is geen geldige JSON."}]


def test_storing_answers_503_n_times_then_recovers_and_ontvangen_shows_every_try(duo):
    assert (
        duo.http.post(duo.beheer + "/storing", json={"status": 503, "aantal": 2}).status_code == 200
    )
    bericht_id = "0b9a3c1e-3d7e-4d5a-9a43-1c2b3d4e5f60"
    statussen = [
        duo.call("getPipByBsn", bsn=AMIRA, bericht_id=bericht_id).status_code for _ in range(3)
    ]
    assert statussen == [503, 503, 404]
    ontvangen = duo.http.get(duo.beheer + "/ontvangen").json()
    assert [(o["operationId"], o["berichtId"], o["status"]) for o in ontvangen] == [
        ("getPipByBsn", bericht_id, 503)
    ] * 2 + [("getPipByBsn", bericht_id, 404)]
    assert ontvangen[0]["bron"] == "00000001001234567890"


def test_storing_for_one_operation_and_vertraging(duo):
    duo.http.post(
        duo.beheer + "/storing", json={"status": 500, "aantal": 1, "operationId": "postPipByBsn"}
    )
    assert duo.call("getDoelgroepByBsn", bsn=AMIRA).status_code == 200
    fout = duo.call("postPipByBsn", bsn=AMIRA, body={"dagtekeningPip": _dag(-10), "leerroute": "Z"})
    assert fout.status_code == 500
    assert geldig("postPipByBsn", fout) == []
    duo.http.post(duo.beheer + "/storing", json={"vertraging_ms": 300})
    begin = time.monotonic()
    assert duo.call("getDoelgroepByBsn", bsn=AMIRA).status_code == 200
    assert time.monotonic() - begin >= 0.3
    duo.http.post(duo.beheer + "/reset")
    assert duo.sim.storing == {}
    assert duo.sim.ontvangen == []


def test_map_pvt_zroute_and_uren_are_stored_after_the_rules(duo):
    # MAP without a PIP of this gemeente: refused.
    zonder_pip = duo.call("updateMapByBsn", bsn=AMIRA, body={"datumEindgesprekMap": _dag(-1)})
    assert zonder_pip.status_code == 400
    assert "huidige PIP" in zonder_pip.json()[0]["fouttekst"]
    assert geldig("updateMapByBsn", zonder_pip) == []

    duo.call("postPipByBsn", bsn=AMIRA, body={"dagtekeningPip": _dag(-30), "leerroute": "Z"})
    assert (
        duo.call("updateMapByBsn", bsn=AMIRA, body={"datumEindgesprekMap": _dag(-2)}).status_code
        == 200
    )
    kaart = duo.call("getMapByBsn", bsn=AMIRA)
    assert kaart.json() == {"datumEindgesprekMap": _dag(-2)}
    assert geldig("getMapByBsn", kaart) == []
    toekomst = duo.call("updatePvtByBsn", bsn=AMIRA, body={"datumOndertekeningPvt": _dag(3)})
    assert toekomst.json() == [{"fouttekst": "De datum mag niet in de toekomst liggen."}]
    assert (
        duo.call("updatePvtByBsn", bsn=AMIRA, body={"datumOndertekeningPvt": _dag(-1)}).status_code
        == 200
    )
    assert duo.call("getPvtByBsn", bsn=AMIRA).json() == {"datumOndertekeningPvt": _dag(-1)}

    voor_eindgesprek = duo.call(
        "updateZrouteByBsn", bsn=AMIRA, body={"datumAfrondingZroute": _dag(-3)}
    )
    assert voor_eindgesprek.status_code == 400
    assert (
        duo.call(
            "updateZrouteByBsn", bsn=AMIRA, body={"datumAfrondingZroute": _dag(-1)}
        ).status_code
        == 200
    )

    assert duo.call("updateUrenTaallesEnKnmByBSN", bsn=AMIRA, body={"uren": 120}).status_code == 200
    assert (
        duo.call("updateUrenParticipatieactiviteiten", bsn=AMIRA, body={"uren": 40}).status_code
        == 200
    )
    uren = duo.call("getGevolgdeUrenByBsn", bsn=AMIRA)
    assert geldig("getGevolgdeUrenByBsn", uren) == []
    assert uren.json() == [
        {
            "gemeentecode": "0988",
            "bekendTot": _dag(0),
            "TaallesEnKnmBredeIntake": {"uren": 120},
            "ParticipatieactiviteitenBredeIntake": {"uren": 40},
        }
    ]
    gezin = duo.call(
        "updateUrenParticipatieactiviteiten", bsn=MEHMET, bron=NEDERWEERT_OIN, body={"uren": 40}
    )
    assert gezin.json() == [
        {"fouttekst": "Uren participatieactiviteiten gelden alleen voor asielstatushouders."}
    ]


def test_inburgeringsaanbod_per_instelling(duo):
    body = {
        "datumInburgeringsaanbod": _dag(-5),
        "verwachteStartdatumOpleiding": _dag(10),
        "verwachteEinddatumOpleiding": _dag(300),
        "indicatorAlfabetiseringsonderwijs": "NVT",
    }
    zonder_pip = duo.call(
        "postInburgeringsaanbodByBsnAndInstellingsnummer",
        bsn=AMIRA,
        instellingsnummer=BOW,
        body=body,
    )
    assert zonder_pip.status_code == 400
    duo.call("postPipByBsn", bsn=AMIRA, body={"dagtekeningPip": _dag(-30), "leerroute": "B"})
    goed = duo.call(
        "postInburgeringsaanbodByBsnAndInstellingsnummer",
        bsn=AMIRA,
        instellingsnummer=BOW,
        body=body,
    )
    assert goed.status_code == 201, goed.text
    assert geldig("postInburgeringsaanbodByBsnAndInstellingsnummer", goed) == []
    tst = duo.call(
        "postInburgeringsaanbodByBsnAndInstellingsnummer",
        bsn=AMIRA,
        instellingsnummer=TST,
        body=body,
    )
    assert tst.status_code == 400  # a TST only counts for the onderwijsroute
    assert duo.sim.state["personen"][AMIRA]["aanbod"][BOW]["gemeentecode"] == "0988"
    weg = duo.call(
        "deleteInburgeringsaanbodByBsnAndInstellingsnumer", bsn=AMIRA, instellingsnummer=BOW
    )
    assert weg.status_code == 204
    assert geldig("deleteInburgeringsaanbodByBsnAndInstellingsnumer", weg) == []
    assert (
        duo.call(
            "deleteInburgeringsaanbodByBsnAndInstellingsnumer", bsn=AMIRA, instellingsnummer=BOW
        ).status_code
        == 404
    )


def test_contactpersoon_register_link_relink_and_delete(duo):
    gegevens = {
        "naam": "Fleur van Dijk",
        "email": "fleur@weert.example",
        "telefoonnummer": "0495 575 000",
    }
    nieuw = duo.call("createContactpersoon", body=gegevens)
    assert nieuw.status_code == 201
    assert geldig("createContactpersoon", nieuw) == []
    eerste = nieuw.json()["id"]
    tweede = duo.call("createContactpersoon", body={**gegevens, "naam": "Ruud Smeets"}).json()["id"]
    assert duo.call("postContactpersoonByBsn", id=eerste, bsn=AMIRA).status_code == 201
    assert duo.call("postContactpersoonByBsn", id=tweede, bsn=AMIRA).status_code == 201
    contactpersonen = duo.sim.state["contactpersonen"]
    assert contactpersonen[str(eerste)]["personen"] == []  # linking replaced the earlier link
    assert contactpersonen[str(tweede)]["personen"] == [AMIRA]
    assert (
        duo.call(
            "updateContactpersoonById", id=tweede, body={**gegevens, "naam": "Ruud Smeets-Jansen"}
        ).status_code
        == 200
    )
    vreemd = duo.call("deleteContactpersoonById", id=tweede, bron=NEDERWEERT_OIN)
    assert vreemd.status_code == 403
    assert duo.call("deleteContactpersoonById", id=tweede).status_code == 200
    assert str(tweede) not in contactpersonen
    assert duo.call("deleteContactpersoonByBsn", id=tweede, bsn=AMIRA).status_code == 404
    fout = duo.call("createContactpersoon", body={**gegevens, "telefoonnummer": "bel mij"})
    assert fout.status_code == 400


def test_lbt_examennummer_delete_means_test_skipped(duo):
    assert duo.call("getExamennummerByBsn", bsn=AMIRA).json() == {"examennummer": "LBT000000001"}
    assert duo.call("deleteExamennummerByBsn", bsn=AMIRA).status_code == 200
    assert duo.call("getExamennummerByBsn", bsn=AMIRA).status_code == 404
