"""A bounded schemathesis pass over the committed API schema (src/koers/api/openapi.yaml).

Every operation gets a few generated requests (fixed seed) from a user with broad rights,
against the demo data, with the path ids pointing at real objects where the demo has them.
The pass fails on a server error and on an answer that does not match the schema, so the
schema a partner codes against keeps telling the truth.
"""

import datetime as dt
import io
import itertools
import traceback
from pathlib import Path

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import response_schema_conformance
from werkzeug.test import EnvironBuilder, TestResponse

from koers.begeleiding.models import Betaling, DuaalTraject
from koers.handhaving.models import Brief, Handhavingszaak
from koers.inburgeraars.models import Traject
from koers.leerroute.models import Afschalingsvoorstel
from koers.modules.models import Activiteit
from koers.monitoring.models import Signaal, Voortgangsgesprek
from koers.netwerk.models import (
    Ervaringsdeskundige,
    ErvaringsdeskundigeKoppeling,
    Taalverwijzing,
    Tolk,
    Tolkboeking,
)
from koers.organisaties.models import Gebruiker, Rol
from koers.partners.models import Verwijzing
from koers.pip.models import PipVersie

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

SCHEMA = Path(__file__).resolve().parents[2] / "src" / "koers" / "api" / "openapi.yaml"
VOORBEELDEN = 4
# Valid requests, and requests that break the schema on purpose: both must get an answer
# the schema describes (a 400 with field errors for the second).
MODI = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
# The first and last day Python's calendar holds: date arithmetic on them overflows.
KALENDERGRENZEN = ("0001-01-01", "9999-12-31")
DEMO_DAG = dt.datetime(2026, 11, 16, 9, 0, tzinfo=dt.UTC)

# DUO's outage, where the operation documents it, is an answer; any other 5xx is a bug.
DUO_STORING = {502, 503}


def schemafouten(methode: str, pad: str, response) -> list[str]:
    """How a Django test response breaks the committed schema of operation ``methode pad``
    (``pad`` as in the schema, e.g. ``/api/v1/inburgeraars/{id}``); empty when it holds."""
    operatie = schemathesis.openapi.from_path(str(SCHEMA))[pad][methode.upper()]
    verzoek = EnvironBuilder(method=methode.upper(), path=pad).get_request()
    antwoord = TestResponse(
        [response.content],
        status=response.status_code,
        headers=[("Content-Type", response["Content-Type"])],
        request=verzoek,
    )
    try:
        operatie.validate_response(antwoord)
    except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001
        return [
            str(fout).splitlines()[0] + " " + " ".join(str(fout).split())[:400]
            for fout in getattr(exc, "exceptions", [exc])
        ]
    return []


@pytest.fixture
def wsgi_app():
    # As Django's test client does: a request must not close the test's connection, which
    # holds the transaction the test runs in.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def demo(settings, time_machine):
    # The demo data is laid out around today; a fixed day keeps the pass the same every run.
    time_machine.move_to(DEMO_DAG, tick=True)
    settings.DEMO = True
    settings.DEBUG_PROPAGATE_EXCEPTIONS = True
    call_command("seed", stdout=io.StringIO())
    user = Gebruiker.objects.get(username="adviseur-weert")
    user.rollen = [
        Rol.ADVISEUR,
        Rol.TEAMLEIDER,
        Rol.BELEID,
        Rol.FINANCIEN,
        Rol.UITKERINGSADMINISTRATIE,
    ]
    user.save(update_fields=["rollen"])
    token, _ = Token.objects.get_or_create(user=user)
    return user, token.key


# Which object a path id names: the model, and how to reach the inburgeraar (None: the id
# is the object itself, not under /inburgeraars/{id}).
SUBOBJECTEN = {
    "betaling_id": (Betaling, "ontzorgen__traject__inburgeraar"),
    "duaal_id": (DuaalTraject, "traject__inburgeraar"),
    "zaak_id": (Handhavingszaak, "traject__inburgeraar"),
    "brief_id": (Brief, "zaak__traject__inburgeraar"),
    "voorstel": (Afschalingsvoorstel, "traject__inburgeraar"),
    "activiteit_id": (Activiteit, "traject__inburgeraar"),
    "signaal_id": (Signaal, "traject__inburgeraar"),
    "gesprek_id": (Voortgangsgesprek, "traject__inburgeraar"),
    "boeking_pk": (Tolkboeking, "traject__inburgeraar"),
    "koppeling_pk": (ErvaringsdeskundigeKoppeling, "traject__inburgeraar"),
    "verwijzing_pk": (Taalverwijzing, "traject__inburgeraar"),
    "versie": (PipVersie, "traject__inburgeraar"),
}
LOSSE_OBJECTEN = {
    "/api/v1/tolken/": Tolk,
    "/api/v1/ervaringsdeskundigen/": Ervaringsdeskundige,
    "/api/v1/verwijzingen/": Verwijzing,
}


def _padwaarden(operatie, user) -> dict:
    """Path values that name real demo objects of the user's gemeente, where there are any."""
    namen = {p.name for p in operatie.path_parameters}
    if operatie.path.startswith("/api/v1/verwerkingsactiviteiten/"):
        regel = user.gemeente.verwerkingsactiviteiten.order_by("code").first()
        return {"gemeentecode": user.gemeente.gemeentecode, "code": regel.code, "versie": 1}
    for begin, model in LOSSE_OBJECTEN.items():
        if operatie.path.startswith(begin):
            obj = model.objects.order_by("pk").first()
            return {"id": obj.pk} if obj else {}
    sub = next((n for n in namen if n in SUBOBJECTEN), None)
    if sub is None:
        traject = (
            Traject.objects.filter(gemeente=user.gemeente, status="in_uitvoering")
            .order_by("pk")
            .first()
        )
        return {"id": traject.inburgeraar_id} if "id" in namen else {}
    model, naar_inburgeraar = SUBOBJECTEN[sub]
    filters = {naar_inburgeraar + "__gemeente": user.gemeente}
    if model is Activiteit:
        filters["module"] = operatie.path.split("/")[5]
    if model is Signaal:
        filters["actief"] = True
    obj = model.objects.filter(**filters).order_by("pk").first()
    if obj is None:
        return {}
    inburgeraar_id = model.objects.filter(pk=obj.pk).values_list(naar_inburgeraar, flat=True).get()
    return {"id": inburgeraar_id, sub: obj.versie if model is PipVersie else obj.pk}


def _los(raw: dict, schema: dict) -> dict:
    """The schema behind a ``$ref`` (or a single-item ``allOf``) of the committed schema."""
    while True:
        if "$ref" in schema:
            schema = raw["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
        elif len(schema.get("allOf", ())) == 1:
            schema = schema["allOf"][0]
        else:
            return schema


def _datumvelden(raw: dict, operatie) -> tuple[dict[str, str], dict[str, str]]:
    """The body fields and query parameters of an operation that hold a date: name -> format."""
    inhoud = operatie.definition.raw.get("requestBody", {}).get("content", {})
    body = _los(raw, inhoud.get("application/json", {}).get("schema", {}))
    velden = {
        naam: _los(raw, veld).get("format") for naam, veld in body.get("properties", {}).items()
    }
    query = {
        p["name"]: p.get("schema", {}).get("format")
        for p in operatie.definition.raw.get("parameters", [])
        if p.get("in") == "query"
    }
    datum = ("date", "date-time")
    return (
        {n: f for n, f in velden.items() if f in datum},
        {n: f for n, f in query.items() if f in datum},
    )


def _grenswaarde(dag: str, formaat: str) -> str:
    return dag if formaat == "date" else f"{dag}T00:00:00Z"


def _verzoeken(case, body_datums: dict, query_datums: dict):
    """The generated request, and for a valid one also the same request with every date at
    the calendar's first and last day (where date arithmetic overflows)."""
    yield "gegenereerd"
    if not (body_datums and isinstance(case.body, dict)) and not query_datums:
        return
    for dag in KALENDERGRENZEN:
        if isinstance(case.body, dict):
            case.body = {**case.body, **{n: _grenswaarde(dag, f) for n, f in body_datums.items()}}
        case.query = {
            **(case.query or {}),
            **{n: _grenswaarde(dag, f) for n, f in query_datums.items()},
        }
        yield dag


def test_elke_operatie_houdt_zich_aan_het_schema(demo, wsgi_app):
    user, token = demo
    schema = schemathesis.openapi.from_path(str(SCHEMA))
    headers = {"Authorization": f"Token {token}"}
    fouten: list[str] = []
    statussen: dict[str, list[int]] = {}
    zonder_object: list[str] = []

    for resultaat, modus in itertools.product(schema.get_all_operations(), MODI):
        operatie = resultaat.ok()
        naam = operatie.definition.raw.get("operationId", operatie.label)
        pad = _padwaarden(operatie, user)
        if len(pad) < len(operatie.path_parameters):
            zonder_object.append(naam)
        if modus is GenerationMode.NEGATIVE and not len(operatie.query) and not list(operatie.body):
            # Nothing a negative case could break: the path values are fixed above and the
            # token is ours. Hypothesis would draw about 460 times to find no case at all
            # (two thirds of this test's time went there).
            continue
        body_datums, query_datums = (
            _datumvelden(schema.raw_schema, operatie)
            if modus is GenerationMode.POSITIVE
            else ({}, {})
        )

        @settings(
            max_examples=VOORBEELDEN,
            derandomize=True,
            database=None,
            deadline=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operatie.as_strategy(modus, path_parameters=pad))
        def probeer(case):
            for variant in _verzoeken(case, body_datums, query_datums):  # noqa: B023
                fout = _probeer_een(case, wsgi_app, headers, naam)  # noqa: B023
                statussen.setdefault(f"{naam} {modus}", []).append(  # noqa: B023
                    fout[0] if isinstance(fout[0], int) else 0
                )
                if fout[1]:
                    fouten.append(
                        f"{naam} ({modus}, {variant}) -> {fout[0]}: {fout[1]} | "  # noqa: B023
                        f"{case.method} {case.formatted_path} query={case.query} "
                        f"body={str(case.body)[:300]}"
                    )

        try:
            probeer()
        except Unsatisfiable:
            # Nothing to break in an operation without parameters or body: no negative case.
            assert modus is GenerationMode.NEGATIVE, naam

    assert len(statussen) >= 100, "het schema heeft minder operaties dan verwacht"
    # The pass must reach real objects, not only 404s: most operations answer 2xx at least once.
    geslaagd = {
        naam.split()[0] for naam, codes in statussen.items() if any(200 <= c < 300 for c in codes)
    }
    assert len(geslaagd) >= 60, sorted(statussen.items())
    assert not zonder_object, f"geen demo-object voor {zonder_object}"
    assert not fouten, "\n".join(sorted(set(fouten)))


def _probeer_een(case, app, headers, naam) -> tuple[int | str, str]:
    """Send one request; (status code or "crash", what is wrong or "")."""
    try:
        with transaction.atomic():
            response = case.call(app=app, headers=headers)
            transaction.set_rollback(True)
    except Exception as exc:  # noqa: BLE001 - each crash is reported with its request
        oorsprong = traceback.extract_tb(exc.__traceback__)[-1]
        return "crash", (
            f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]} "
            f"({oorsprong.filename}:{oorsprong.lineno})"
        )
    checks = [not_a_server_error, response_schema_conformance]
    gedocumenteerd = str(response.status_code) in case.operation.definition.raw["responses"]
    if response.status_code in DUO_STORING and gedocumenteerd:
        checks = [response_schema_conformance]
    try:
        case.validate_response(response, checks=checks)
    except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001
        meldingen = []
        for fout in getattr(exc, "exceptions", [exc]):
            regels = [r.strip() for r in str(fout).splitlines() if r.strip()]
            waar = next((r for r in regels if r.startswith("Schema at")), "")
            meldingen.append(f"{regels[0]} | {' '.join(regels[1:2])} | {waar}")
        return response.status_code, "; ".join(meldingen)
    return response.status_code, ""
