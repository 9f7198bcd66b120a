"""API of the ketenpartners: the referrals a user may see (a partner: those to
his organisation), the partner's answers, reports and closing, the referrals of one case and
referring it (adviseur), and the taakverdeling of the user's gemeente. Thin views: load
through the policy, check the body with a serializer, call one service (a ``Weigering``
becomes a 400 with the fields)."""

from __future__ import annotations

from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from koers.bouwstenen import api_schema as schema
from koers.bouwstenen.api import Paginering, gevalideerd
from koers.bouwstenen.api_fouten import DETAIL_403, fout_antwoord
from koers.inburgeraars.bereik import traject_voor
from koers.organisaties.models import Organisatie
from koers.partners import rules, services
from koers.partners.casus import werk_intake
from koers.partners.models import Taakverdeling, Verwijzing, Voortgang
from koers.partners.serializers import (
    AfsluitSerializer,
    AfwijsSerializer,
    IntrekSerializer,
    PartnerVoortgangNieuwSerializer,
    PartnerVoortgangSerializer,
    TaakverdelingSerializer,
    VerwijsSerializer,
    VerwijzingSerializer,
)
from koers.partners.views import LIJST_SECTIES, gelezen_secties, mag_lijst
from koers.toegang import policy
from koers.toegang.policy import Actie, Sectie
from koers.verwerkingen.context import KANAAL
from koers.verwerkingen.services import log_lezen, log_lezen_lijst

TAG = "ketenpartners"
STATUS_PARAM = OpenApiParameter(
    "status",
    str,
    enum=[s.value for s in rules.Status],
    description="Alleen verwijzingen met deze status.",
)


def _met_alles(qs):
    return qs.select_related(
        "traject__inburgeraar", "traject__gemeente", "organisatie"
    ).prefetch_related(Prefetch("rapportages", queryset=Voortgang.objects.select_related("door")))


def _laad(request, pk) -> Verwijzing:
    """A referral the user may see (404 otherwise)."""
    verwijzing = _met_alles(policy.verwijzingen_voor(request.user).filter(pk=pk)).first()
    if verwijzing is None:
        raise NotFound("Niet gevonden.")
    return verwijzing


def _log(request, verwijzing, secties=LIJST_SECTIES) -> None:
    KANAAL.set("api")
    log_lezen(request.user, verwijzing.traject.inburgeraar, secties, kanaal="api")


def _verwijzing(request, pk) -> Verwijzing:
    """A referral the user may see (404 otherwise); reading it is logged."""
    verwijzing = _laad(request, pk)
    _log(request, verwijzing)
    return verwijzing


class VerwijzingLijst(generics.ListAPIView):
    serializer_class = VerwijzingSerializer
    pagination_class = Paginering

    def get_queryset(self):
        user = self.request.user
        if not mag_lijst(user):
            raise PermissionDenied(DETAIL_403)
        qs = policy.verwijzingen_voor(user)
        gevraagd = self.request.query_params.get("status")
        if gevraagd is not None:
            qs = (
                qs.filter(status=gevraagd)
                if gevraagd in {s.value for s in rules.Status}
                else qs.none()
            )
        return _met_alles(qs)

    def paginate_queryset(self, queryset):
        pagina = super().paginate_queryset(queryset)
        if pagina is not None:
            KANAAL.set("api")
            log_lezen_lijst(
                self.request.user,
                [(v.traject.inburgeraar_id, v.traject_id) for v in pagina],
                LIJST_SECTIES,
                kanaal="api",
            )
        return pagina

    @extend_schema(
        tags=[TAG],
        summary="Verwijzingen",
        description="Voor een ketenpartner: de open verwijzingen naar uw "
        "organisatie (aangeboden, geaccepteerd, lopend). Voor de "
        "gemeente: alle verwijzingen van de dossiers binnen uw bereik. "
        "Gesorteerd op id, per pagina (cursor).",
        parameters=[STATUS_PARAM],
        responses=schema.antwoorden({200: VerwijzingSerializer(many=True)}, zaak=False),
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


@extend_schema(
    tags=[TAG],
    summary="Verwijzing bekijken",
    description="Een verwijzing met de voortgang. Loopt de verwijzing en gaat de "
    "taak over werk, dan ziet de ketenpartner hier ook de onderwerpen "
    "over werk uit de brede intake. De brede intake zelf is niet voor "
    "ketenpartners.",
    responses=schema.antwoorden({200: VerwijzingSerializer}),
)
class VerwijzingDetail(APIView):
    def get(self, request, pk):
        verwijzing = _laad(request, pk)
        intake, onderwerpen = werk_intake(request.user, verwijzing)
        _log(request, verwijzing, gelezen_secties(onderwerpen))
        context = {
            "intake_werk": {k: v for k, v in intake.onderwerpen.items() if k in onderwerpen}
            if onderwerpen
            else None
        }
        return Response(VerwijzingSerializer(verwijzing, context=context).data)


def _stap(request, pk, invoer, doe, uitvoer=VerwijzingSerializer, code=status.HTTP_200_OK):
    verwijzing = _verwijzing(request, pk)
    data = {}
    if invoer is not None:
        data = gevalideerd(request, invoer)
    resultaat = doe(verwijzing, request.user, data)
    if isinstance(resultaat, Verwijzing):
        resultaat = _met_alles(Verwijzing.objects.filter(pk=resultaat.pk)).get()
    return Response(uitvoer(resultaat).data, status=code)


@extend_schema(
    tags=[TAG],
    summary="Verwijzing accepteren",
    description="Voor de ketenpartner. Daarna ziet u de delen van het dossier "
    "die u voor de taak nodig heeft.",
    request=None,
    responses=schema.antwoorden({200: VerwijzingSerializer}, schrijft=True),
)
class Accepteren(APIView):
    def post(self, request, pk):
        return _stap(request, pk, None, lambda v, u, d: services.accepteer(v, u))


@extend_schema(
    tags=[TAG],
    summary="Verwijzing afwijzen",
    request=AfwijsSerializer,
    responses=schema.antwoorden({200: VerwijzingSerializer}, schrijft=True),
)
class Afwijzen(APIView):
    def post(self, request, pk):
        return _stap(request, pk, AfwijsSerializer, lambda v, u, d: services.wijs_af(v, u, **d))


@extend_schema(
    tags=[TAG],
    summary="Voortgang melden",
    description="Uren, aanwezigheid en wat er bereikt is. De eerste melding zet "
    "een geaccepteerde verwijzing op 'lopend'.",
    request=PartnerVoortgangNieuwSerializer,
    responses=schema.antwoorden({201: PartnerVoortgangSerializer}, schrijft=True),
)
class VoortgangMelden(APIView):
    def post(self, request, pk):
        return _stap(
            request,
            pk,
            PartnerVoortgangNieuwSerializer,
            lambda v, u, d: services.rapporteer(v, u, **d),
            PartnerVoortgangSerializer,
            status.HTTP_201_CREATED,
        )


@extend_schema(
    tags=[TAG],
    summary="Verwijzing afsluiten",
    description="Voor de ketenpartner, met het resultaat. Daarna ziet u het dossier niet meer.",
    request=AfsluitSerializer,
    responses=schema.antwoorden({200: VerwijzingSerializer}, schrijft=True),
)
class Afsluiten(APIView):
    def post(self, request, pk):
        return _stap(request, pk, AfsluitSerializer, lambda v, u, d: services.sluit_af(v, u, **d))


@extend_schema(
    tags=[TAG],
    summary="Verwijzing intrekken",
    description="Voor de adviseur: de gemeente trekt een open verwijzing in.",
    request=IntrekSerializer,
    responses=schema.antwoorden({200: VerwijzingSerializer}, schrijft=True),
)
class Intrekken(APIView):
    def post(self, request, pk):
        return _stap(request, pk, IntrekSerializer, lambda v, u, d: services.trek_in(v, u, **d))


class CasusVerwijzingen(APIView):
    @extend_schema(
        tags=[TAG],
        summary="Verwijzingen van een inburgeraar",
        description="De verwijzingen van het huidige traject naar ketenpartners, "
        "met hun voortgang. Een ketenpartner ziet alleen de lopende "
        "verwijzingen naar zijn eigen organisatie.",
        responses=schema.antwoorden({200: VerwijzingSerializer(many=True)}),
    )
    def get(self, request, pk):
        traject = traject_voor(request, pk, Sectie.VERWIJZINGEN)
        qs = policy.verwijzingen_van_traject(request.user, traject)
        return Response(VerwijzingSerializer(_met_alles(qs), many=True).data)

    @extend_schema(
        tags=[TAG],
        summary="Verwijzen naar een ketenpartner",
        description="Verwijst het huidige traject naar een ketenpartner voor een "
        "taak (status 'aangeboden'). De brede intake, het PIP, "
        "monitoring, ontzorgen en handhaving doet de gemeente zelf.",
        request=VerwijsSerializer,
        responses=schema.antwoorden({201: VerwijzingSerializer}, schrijft=True),
    )
    def post(self, request, pk):
        traject = traject_voor(request, pk, Sectie.VERWIJZINGEN, Actie.VERWIJZEN)
        data = gevalideerd(request, VerwijsSerializer)
        organisatie = Organisatie.objects.filter(pk=data.pop("organisatie_id")).first()
        if organisatie is None:
            return fout_antwoord({"organisatie_id": ["Deze organisatie bestaat niet."]})
        verwijzing = services.verwijs(traject, request.user, organisatie=organisatie, **data)
        verwijzing = _met_alles(Verwijzing.objects.filter(pk=verwijzing.pk)).get()
        return Response(VerwijzingSerializer(verwijzing).data, status=status.HTTP_201_CREATED)


@extend_schema(
    tags=[TAG],
    summary="Taakverdeling van uw gemeente",
    description="Wie voert welke taak uit, en op welke schaal (startnotitie, "
    "'Overzicht schaal van samenwerking'). Geen persoonsgegevens.",
    responses=schema.antwoorden({200: TaakverdelingSerializer(many=True)}, zaak=False),
)
class TaakverdelingLijst(APIView):
    def get(self, request):
        if not policy.mag_taakverdeling_zien(request.user):
            raise PermissionDenied(DETAIL_403)
        volgorde = {t.value: i for i, t in enumerate(rules.Taak)}
        rijen = sorted(
            policy.van_eigen_gemeente(request.user, Taakverdeling.objects).select_related(
                "uitvoerder"
            ),
            key=lambda r: volgorde.get(r.taak, 99),
        )
        return Response(TaakverdelingSerializer(rijen, many=True).data)
