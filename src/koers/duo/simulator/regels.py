"""The simulator's bridge to DUO's business rules: each check is one call into a rules module.

The rules themselves live in koers.pip.rules (PIP), koers.duo.rules (MAP, PVT, Z-route, uren,
inburgeringsaanbod, contactpersoon) and koers.duo.simulator.rules (which persons DUO shows a
gemeente, a rule only DUO applies). This module
only reads the person's state into the values those functions take and turns their
``{field: text}`` answers into DUO's list of foutteksten.
"""

from __future__ import annotations

from datetime import date

from koers.duo import rules as duo_rules
from koers.duo.simulator import rules as sim_rules
from koers.inburgeraars.rules import Doelgroep
from koers.pip import rules as pip_rules

_UREN_SOORT = {
    "TaallesEnKnmBredeIntake": duo_rules.UrenSoort.TAALLES_KNM_BREDE_INTAKE,
    "ParticipatieactiviteitenBredeIntake": duo_rules.UrenSoort.PARTICIPATIEACTIVITEITEN,
    "ParticipatieAlsTaalles": duo_rules.UrenSoort.PARTICIPATIE_ALS_TAALLES,
}
_DATUMVELD = {"map": "datumEindgesprekMap", "pvt": "datumOndertekeningPvt",
              "zroute": "datumAfrondingZroute"}


def _d(waarde: str | None) -> date | None:
    return date.fromisoformat(waarde) if waarde else None


def _teksten(fouten: dict[str, str]) -> list[str]:
    return list(dict.fromkeys(fouten.values()))


def _doelgroep(persoon: dict) -> str:
    return (persoon.get("doelgroep") or {}).get("gedetailleerdeDoelgroep") or Doelgroep.OVERIG


def _termijn(persoon: dict) -> tuple[date | None, date | None]:
    termijn = persoon.get("termijn") or {}
    return _d(termijn.get("startdatum")), _d(termijn.get("einddatum"))


def _huidig(persoon: dict, gemeentecode: str) -> tuple[dict | None, bool]:
    huidig = sim_rules.huidige_pip(persoon)
    return (huidig["pip"] if huidig else None,
            bool(huidig and huidig["gemeentecode"] == gemeentecode))


def pip_fouten(persoon: dict, body: dict, vandaag: date) -> list[str]:
    """DUO's PIP rules (koers.pip.rules.pip_fouten) with the person's context."""
    pips = persoon.get("pips") or []
    termijn_start, _ = _termijn(persoon)
    voorstel = pip_rules.PipVoorstel(
        dagtekening=date.fromisoformat(body["dagtekeningPip"]), leerroute=body["leerroute"],
        niveau=body.get("niveau"),
        geschatte_intensiteit_b1_route=body.get("geschatteIntensiteitB1Route"),
        alfabetisering=body.get("indicatorAlfabetiseringsonderwijs"),
        mag_opleiding_afmaken=body.get("indicatorMagOpleidingAfmaken"))
    context = pip_rules.PipContext(
        doelgroep=_doelgroep(persoon),
        datum_start_plicht=_d((persoon.get("plicht") or {}).get("begindatum")),
        vestigingsdatum=_d(persoon.get("vestigingsdatum")),
        eerste_pip_dagtekening=_d(pips[0]["pip"]["dagtekeningPip"]) if pips else None,
        huidige_pip_dagtekening=_d(pips[-1]["pip"]["dagtekeningPip"]) if pips else None,
        huidige_leerroute=pips[-1]["pip"]["leerroute"] if pips else None,
        termijn_start=termijn_start, vandaag=vandaag)
    return _teksten(pip_rules.pip_fouten(voorstel, context))


def pip_zoals_duo(body: dict) -> dict:
    """The PIP as DUO records it: no niveau with B or O means B1 (koers.pip.rules)."""
    pip = dict(body)
    niveau = pip_rules.niveau_voor_duo(pip["leerroute"], pip.get("niveau"))
    if niveau:
        pip["niveau"] = niveau
    return pip


def termijn_na_eerste_pip(pip: dict, vandaag: date) -> dict:
    """The inburgeringstermijn DUO sets from the first PIP (koers.pip.rules.termijn)."""
    start, eind = pip_rules.termijn(date.fromisoformat(pip["dagtekeningPip"]))
    return {"startdatum": start.isoformat(), "einddatum": eind.isoformat(),
            "wijzigingsdatum": vandaag.isoformat()}


def pip_verwijder_fouten(persoon: dict) -> list[str]:
    """DUO's rule for deleting the current PIP (koers.pip.rules)."""
    return _teksten(pip_rules.pip_verwijderen_fouten(
        termijn_vastgesteld=bool(persoon.get("termijn")),
        uren_geregistreerd=any(uren.get(soort, {}).get("uren")
                               for uren in (persoon.get("uren") or {}).values()
                               for soort in _UREN_SOORT)))


def melding_fouten(soort: str, persoon: dict, gemeentecode: str, body: dict,
                   vandaag: date) -> list[str]:
    """MAP/PVT (koers.duo.rules.map_pvt_fouten) or Z-route (koers.duo.rules.zroute_fouten)."""
    huidig, eigen_pip = _huidig(persoon, gemeentecode)
    datum = _d(body.get(_DATUMVELD[soort]))
    zroute = _d((persoon.get("zroute") or {}).get("datumAfrondingZroute"))
    if soort == "zroute":
        return _teksten(duo_rules.zroute_fouten(
            datum, vandaag=vandaag, leerroute=huidig["leerroute"] if huidig else None,
            gemeente_heeft_huidig_pip=eigen_pip,
            eindgesprek_op=_d((persoon.get("map") or {}).get("datumEindgesprekMap"))))
    eerder = persoon.get(soort)
    termijn_start, termijn_eind = _termijn(persoon)
    plicht = persoon.get("plicht") or {}
    return _teksten(duo_rules.map_pvt_fouten(
        datum, body.get("verwijtbaar"), vandaag=vandaag, termijn_start=termijn_start,
        termijn_eind=termijn_eind, zroute_afgerond_op=zroute,
        gemeente_heeft_huidig_pip=eigen_pip,
        eerdere_datum_door_deze_gemeente=(None if not eerder
                                          else eerder.get("gemeentecode") == gemeentecode),
        plicht_voldaan_via_zroute=bool(
            zroute and plicht.get("redenGeenInburgeringsplicht") == "Inburgeringsplicht voldaan")))


def uren_fouten(soort: str, persoon: dict, gemeentecode: str, body: dict,
                vandaag: date) -> list[str]:
    """koers.duo.rules.uren_fouten for one of the three running totals."""
    return _teksten(duo_rules.uren_fouten(_UREN_SOORT[soort], body.get("uren"),
                                          doelgroep=_doelgroep(persoon)))


def aanbod_fouten(persoon: dict, gemeentecode: str, instellingsnummer: str,
                  instelling: dict | None, body: dict, vandaag: date) -> list[str]:
    """koers.duo.rules.inburgeringsaanbod_fouten with the person's PIP and termijn."""
    huidig, _ = _huidig(persoon, gemeentecode)
    termijn_start, termijn_eind = _termijn(persoon)
    return _teksten(duo_rules.inburgeringsaanbod_fouten(
        duo_rules.Aanbod(
            instellingsnummer=instellingsnummer,
            indicator_alfabetiseringsonderwijs=body.get("indicatorAlfabetiseringsonderwijs"),
            datum_inburgeringsaanbod=_d(body.get("datumInburgeringsaanbod")),
            verwachte_startdatum_opleiding=_d(body.get("verwachteStartdatumOpleiding")),
            verwachte_einddatum_opleiding=_d(body.get("verwachteEinddatumOpleiding"))),
        doelgroep=_doelgroep(persoon), leerroute=huidig["leerroute"] if huidig else None,
        huidige_pip_dagtekening=_d(huidig["dagtekeningPip"]) if huidig else None,
        instelling=duo_rules.Instelling(
            instellingsnummer=instelling["instellingsnummer"],
            bow_keurmerk=bool(instelling.get("indicatieBowKeurmerk")),
            tst_keurmerk=bool(instelling.get("indicatieTstKeurmerk"))) if instelling else None,
        termijn_start=termijn_start, termijn_eind=termijn_eind))


def contactpersoon_fouten(body: dict) -> list[str]:
    """koers.duo.rules.contactpersoon_fouten."""
    return _teksten(duo_rules.contactpersoon_fouten(body.get("naam"), body.get("email"),
                                                    body.get("telefoonnummer")))
