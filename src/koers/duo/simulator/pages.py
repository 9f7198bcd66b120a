"""The simulator's own endpoints under ``/_sim/``: never part of DUO's interface.

- ``GET  /_sim/``            page with the scenario persons and a form to send a notification
- ``POST /_sim/notificeer``  ``{"gebeurtenisId", "bsn"?, "gemeentecode"? | "doel"?}`` (JSON, or
                             the page's form) → sends the notification to Koers
- ``POST /_sim/storing``     ``{"status": 503, "aantal": N, "operationId"?, "vertraging_ms"?}``
                             → the next N DUO requests get that status; every DUO request
                             waits vertraging_ms; ``{}`` ends the storing
- ``POST /_sim/reset``       back to the scenario; forgets received requests and storingen
- ``GET  /_sim/verwerkt``    per berichtId the report DUO applied and how often it came again
- ``GET  /_sim/ontvangen``   the DUO requests received: operationId, berichtId, bron, body,
                             status
- ``GET  /_sim/personen/{bsn}`` what the simulator holds about one person
"""

from __future__ import annotations

import json
from html import escape
from urllib.parse import parse_qs, urlencode

from koers.duo.simulator.contract import lees_body
from koers.duo.simulator.notificatie import NotificatieFout
from koers.duo.simulator.rules import huidige_pip

# RULES.md "Event catalogue", in short Dutch for the form.
GEBEURTENISSEN = {
    "SS101": "Inburgeringsplichtig (nieuw)",
    "SS128": "Inburgeringsplichtig, bijna AOW-leeftijd",
    "SS139": "Inburgeringsplichtig, termijn van 10 weken voor de leerroute gestart",
    "SS129": "Tijdelijke vrijstelling ingetrokken, nog geen leerroute",
    "SS120": "Gevestigd in de gemeente, geen PIP",
    "SS121": "Gevestigd in de gemeente, met PIP van een vorige gemeente",
    "SS124": "Doelgroep gewijzigd: asiel naar gezin/overig",
    "SS125": "Doelgroep gewijzigd: gezin/overig naar asiel",
    "SS109": "Tijdelijke vrijstelling toegekend",
    "SS110": "Inburgeringsplicht vervallen",
    "SS111": "Overleden",
    "SS106": "Plicht voldaan: diploma",
    "SS107": "Plicht voldaan: volledige vrijstelling",
    "SS108": "Plicht voldaan: volledige ontheffing",
    "SS137": "Aangemeld voor de leerbaarheidstoets",
    "SS131": "Uitslag leerbaarheidstoets bekend",
    "SS102": "Inburgeringstermijn gestart",
    "SS103": "Termijn ambtshalve verlengd",
    "SS104": "Termijn verlengd op verzoek",
    "SS130": "Tijdelijke vrijstelling ingetrokken, PIP bekend",
    "SS199": "Examenuitslag bekend",
    "SS113": "Verzoek verlenging afgewezen",
}


def _json(status: int, body) -> tuple[int, list, bytes]:
    return (
        status,
        [("Content-Type", "application/json")],
        json.dumps(body, ensure_ascii=False).encode("utf-8"),
    )


def _html(status: int, inhoud: str) -> tuple[int, list, bytes]:
    return status, [("Content-Type", "text/html; charset=utf-8")], inhoud.encode("utf-8")


def _body(environ) -> tuple[dict, bool]:
    """(fields, came from an HTML form)."""
    ruw = lees_body(environ)
    if environ.get("CONTENT_TYPE", "").startswith("application/x-www-form-urlencoded"):
        return {k: v[0] for k, v in parse_qs(ruw.decode("utf-8")).items()}, True
    waarde = json.loads(ruw) if ruw.strip() else {}
    if not isinstance(waarde, dict):
        raise ValueError("verwacht een JSON-object")
    return waarde, False


def beheer(sim, environ, pad: str):
    methode = environ["REQUEST_METHOD"].upper()
    deel = pad[len("/_sim") :].strip("/")
    try:
        velden, uit_formulier = _body(environ) if methode == "POST" else ({}, False)
    except ValueError:
        return _json(400, {"fout": "De inhoud is geen geldig JSON-object."})
    if deel == "" and methode == "GET":
        melding = parse_qs(environ.get("QUERY_STRING", "")).get("melding", [""])[0]
        return _html(200, pagina(sim, melding))
    if deel == "ontvangen" and methode == "GET":
        with sim.lock:
            return _json(200, list(sim.ontvangen))
    if deel == "verwerkt" and methode == "GET":
        with sim.lock:
            return _json(
                200,
                {
                    k: {
                        "operationId": v["operationId"],
                        "status": v["status"],
                        "herhaald": v["herhaald"],
                    }
                    for k, v in sim.verwerkt.items()
                },
            )
    if deel.startswith("personen/") and methode == "GET":
        with sim.lock:
            persoon = sim.state["personen"].get(deel.split("/", 1)[1])
            return _json(200, persoon) if persoon else _json(404, {"fout": "Onbekende persoon."})
    if deel == "reset" and methode == "POST":
        sim.reset()
        return _json(200, {"reset": True})
    if deel == "storing" and methode == "POST":
        return _storing(sim, velden)
    if deel == "notificeer" and methode == "POST":
        return _notificeer(sim, velden, uit_formulier)
    return _json(404, {"fout": "Onbekend beheerpad."})


def _storing(sim, velden: dict):
    status = velden.get("status")
    if status is not None and not (isinstance(status, int) and 100 <= status <= 599):
        return _json(400, {"fout": "status is een HTTP-statuscode (100-599)."})
    try:
        aantal = int(velden.get("aantal", 1 if status else 0))
        vertraging = int(velden.get("vertraging_ms") or 0)
    except (TypeError, ValueError):
        return _json(400, {"fout": "aantal en vertraging_ms zijn hele getallen."})
    with sim.lock:
        sim.storing = {
            "status": status or 503,
            "aantal": aantal,
            "operationId": velden.get("operationId"),
            "vertraging_ms": vertraging,
        }
        return _json(200, sim.storing)


def _notificeer(sim, velden: dict, uit_formulier: bool):
    gebeurtenis = velden.get("gebeurtenisId_anders") or velden.get("gebeurtenisId") or ""
    gebeurtenis = gebeurtenis.strip().upper()
    try:
        resultaat = sim.notificeer(
            gebeurtenis,
            bsn=velden.get("bsn") or None,
            gemeentecode=velden.get("gemeentecode") or None,
            doel=velden.get("doel") or None,
        )
    except NotificatieFout as exc:
        if uit_formulier:
            return 303, [("Location", "/_sim/?" + urlencode({"melding": str(exc)}))], b""
        return _json(400, {"fout": str(exc)})
    if uit_formulier:
        tekst = (
            f"Notificatie {gebeurtenis} verstuurd. Koers antwoordde met status {resultaat.status}."
        )
        return 303, [("Location", "/_sim/?" + urlencode({"melding": tekst}))], b""
    return _json(
        200,
        {
            "status": resultaat.status,
            "berichtId": resultaat.bericht_id,
            "antwoord": resultaat.antwoord,
        },
    )


def pagina(sim, melding: str = "") -> str:
    with sim.lock:
        personen = list(sim.state["personen"].values())
        gemeenten = dict(sim.state["gemeenten"])
        ontvangen = list(sim.ontvangen[-15:])
        storing = dict(sim.storing)
    rijen = []
    for p in personen:
        pip = huidige_pip(p)
        termijn = p.get("termijn") or {}
        rijen.append(
            "<tr><td>{naam}</td><td>{bsn}</td><td>{gemeente}</td><td>{doelgroep}</td>"
            "<td>{plicht}</td><td>{pip}</td><td>{termijn}</td></tr>".format(
                naam=escape(p.get("naam", "")),
                bsn=escape(p["bsn"]),
                gemeente=escape(gemeenten.get(p["gemeente"], {}).get("naam", p["gemeente"])),
                doelgroep=escape(
                    " / ".join(
                        filter(
                            None,
                            (
                                (p.get("doelgroep") or {}).get("gedetailleerdeDoelgroep"),
                                (p.get("doelgroep") or {}).get("indeling"),
                            ),
                        )
                    )
                ),
                plicht=escape((p.get("plicht") or {}).get("begindatum", "")),
                pip=escape(
                    f"{pip['pip']['leerroute']} ({pip['pip']['dagtekeningPip']}, "
                    f"{pip['gemeentecode']})"
                    if pip
                    else "-"
                ),
                termijn=escape(
                    f"{termijn.get('startdatum', '')} t/m {termijn.get('einddatum', '')}"
                    if termijn
                    else "-"
                ),
            )
        )
    personen_opties = "".join(
        f'<option value="{escape(p["bsn"])}">{escape(p.get("naam", ""))} '
        f"({escape(p['bsn'])})</option>"
        for p in personen
    )
    gebeurtenis_opties = "".join(
        f'<option value="{k}">{k}: {escape(v)}</option>' for k, v in GEBEURTENISSEN.items()
    )
    gemeente_opties = '<option value="">Woongemeente van de persoon</option>' + "".join(
        f'<option value="{escape(code)}">{escape(g["naam"])} ({escape(code)})</option>'
        for code, g in sorted(gemeenten.items())
    )
    laatste = (
        "".join(
            f"<li>{escape(o['operationId'])}: status {o['status']} (bron {escape(o['bron'])})</li>"
            for o in reversed(ontvangen)
        )
        or "<li>Nog niets.</li>"
    )
    storing_tekst = (
        f"<p><strong>Storing actief:</strong> nog {storing['aantal']} keer "
        f"status {storing['status']}.</p>"
        if storing.get("aantal")
        else ""
    )
    melding_html = f'<p class="melding">{escape(melding)}</p>' if melding else ""
    koers = escape(sim.koers_url) if sim.koers_url else "niet ingesteld (start met --koers-url)"
    return f"""<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>DUO-simulator</title>
<style>
body{{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem;color:#1a1a1a}}
table{{border-collapse:collapse;width:100%}}td,th{{border:1px solid #ccc;padding:.3rem .5rem;
text-align:left}}th{{background:#eee}}.melding{{background:#e6f3e6;padding:.5rem;
border-left:4px solid #2a7a2a}}form{{background:#f6f6f6;padding:1rem;margin:1rem 0}}
label{{display:block;margin:.4rem 0}}
</style></head><body><main>
<h1>DUO-simulator</h1>
<p>Dit is een nagemaakte DUO voor de demo en de tests. Alle personen zijn verzonnen.
De API's staan onder <code>/v1</code>. Koers: {koers}.</p>
{melding_html}{storing_tekst}
<h2>Notificatie sturen naar Koers</h2>
<form method="post" action="/_sim/notificeer">
<label>Persoon <select name="bsn">{personen_opties}</select></label>
<label>Gebeurtenis <select name="gebeurtenisId">{gebeurtenis_opties}</select></label>
<label>Of een andere code (bijvoorbeeld SS126) <input name="gebeurtenisId_anders" size="8"
 pattern="[0-9A-Za-z]{{1,6}}"></label>
<label>Naar gemeente <select name="gemeentecode">{gemeente_opties}</select></label>
<button type="submit">Versturen</button>
</form>
<h2>Personen in het scenario</h2>
<table><thead><tr><th>Naam</th><th>BSN</th><th>Gemeente</th><th>Doelgroep / indeling</th>
<th>Start plicht</th><th>Huidig PIP</th><th>Termijn</th></tr></thead>
<tbody>{"".join(rijen)}</tbody></table>
<h2>Laatst ontvangen berichten</h2><ul>{laatste}</ul>
</main></body></html>"""
