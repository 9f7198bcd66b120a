"""The REST API, version 1. Thin views: load through :mod:`koers.toegang.policy`, check the
form with a serializer, then call one service. Refusals (``Weigering``) become 400 answers in
:mod:`koers.bouwstenen.api_fouten`; the services run in one transaction, so nothing is half
saved."""

from __future__ import annotations

from django.db import transaction
from django.http import HttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotFound
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from koers.begeleiding.services import ontzorgen_groep
from koers.bouwstenen import api_schema as schema
from koers.bouwstenen.api import (
    Paginering,
    PdfRenderer,
    gevalideerd,
    inburgeraar_voor,
    traject_van,
    vereis,
)
from koers.bouwstenen.api_fouten import fout_antwoord
from koers.inburgeraars import services as inburgeraar_services
from koers.inburgeraars.models import Inburgeraar, Traject
from koers.intake import services as intake_services
from koers.intake.models import BredeIntake, IntakeAfspraak
from koers.organisaties.models import Gemeente
from koers.pip import services as pip_services
from koers.pip.beschikking import pdf_voor
from koers.pip.models import Beschikking, PipVersie
from koers.toegang import policy
from koers.toegang.policy import Actie, Sectie
from koers.verwerkingen.services import LogtLijst

from .serializers import (
    AdviseurToewijzingSerializer,
    BredeIntakeSerializer,
    GemeenteSerializer,
    InburgeraarSerializer,
    IntakeAfspraakSerializer,
    LbtBesluitSerializer,
    LbtOverslaanSerializer,
    PipVersieSerializer,
    StatusWijzigingSerializer,
)

# --- gemeenten -------------------------------------------------------------------------

@extend_schema(tags=["gemeenten"], summary="Gemeenten",
               description="Alle gemeenten in deze installatie, met gemeentecode en OIN. "
                           "Dit zijn geen persoonsgegevens: iedere ingelogde gebruiker mag ze "
                           "zien.", responses=schema.antwoorden(
                               {200: GemeenteSerializer(many=True)}, zaak=False))
class GemeenteLijst(generics.ListAPIView):
    serializer_class = GemeenteSerializer
    pagination_class = None
    queryset = Gemeente.objects.select_related("organisatie").order_by("gemeentecode")


# --- inburgeraars ----------------------------------------------------------------------

class InburgeraarLijst(LogtLijst, generics.ListCreateAPIView):
    serializer_class = InburgeraarSerializer
    pagination_class = Paginering
    # Each person on the page is a read of his personalia and traject (issue 5 §3).
    log_secties = (Sectie.NAAM, Sectie.PERSONALIA, Sectie.TRAJECT)

    def get_queryset(self):
        user = self.request.user
        if not policy.mag_zien(user, Sectie.PERSONALIA):
            return Inburgeraar.objects.none()
        queryset = policy.inburgeraars_voor(user).select_related(
            "gemeente", "huidig_traject__adviseur").prefetch_related("doelgroepperioden")
        bsn = self.request.query_params.get("bsn")
        if bsn is not None:
            # Stored BSNs are 9 digits; anything else cannot match (and a NUL byte would
            # upset PostgreSQL), so answer an empty list instead of querying.
            queryset = queryset.filter(bsn=bsn) if bsn.isdigit() else queryset.none()
        return queryset

    @extend_schema(tags=["inburgeraars"], summary="Inburgeraars zoeken",
                   description="De inburgeraars binnen uw bereik: van uw gemeente en van "
                               "gemeenten die het werk aan de uwe hebben overgedragen. "
                               "Gesorteerd op id, per pagina (cursor). Gebruikers zonder "
                               "toegang tot dossiers krijgen een lege lijst.",
                   parameters=[OpenApiParameter("bsn", str, description="Precies dit BSN.")],
                   responses=schema.antwoorden({200: InburgeraarSerializer(many=True)},
                                               zaak=False))
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(tags=["inburgeraars"], summary="Inburgeraar aanmelden",
                   description="Meldt een nieuwe inburgeraar aan, met een eerste traject "
                               "(status 'aangemeld'). Het BSN moet de elfproef doorstaan en "
                               "mag nog niet bestaan. Wijs een adviseur toe met "
                               "POST …/adviseur.",
                   responses=schema.antwoorden({201: InburgeraarSerializer}, schrijft=True,
                                               zaak=False))
    def post(self, request, *args, **kwargs):
        vereis(request.user, Actie.AANMELDEN)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.service_data()
        gemeente = data.pop("gemeente")
        inburgeraar = inburgeraar_services.meld_aan(gemeente=gemeente, door=request.user,
                                                    **data)
        url = reverse("api:inburgeraar", kwargs={"pk": inburgeraar.pk})
        return Response(self.get_serializer(inburgeraar).data, status=status.HTTP_201_CREATED,
                        headers={"Location": request.build_absolute_uri(url)})


class InburgeraarDetail(generics.GenericAPIView):
    serializer_class = InburgeraarSerializer
    def get_queryset(self):
        return policy.inburgeraars_voor(self.request.user)

    @extend_schema(tags=["inburgeraars"], summary="Inburgeraar bekijken",
                   description="Persoonsgegevens en de stand van het huidige traject.",
                   responses=schema.antwoorden({200: InburgeraarSerializer}))
    def get(self, request, pk):
        inburgeraar = inburgeraar_voor(request, pk)
        return Response(self.get_serializer(inburgeraar).data)

    @extend_schema(tags=["inburgeraars"], summary="Gegevens wijzigen",
                   description="Wijzigt alleen de velden die u meestuurt. De gemeente "
                               "verandert hier niet (een verhuizing loopt via DUO).",
                   responses=schema.antwoorden({200: InburgeraarSerializer}, schrijft=True))
    def patch(self, request, pk):
        inburgeraar = inburgeraar_voor(request, pk)
        vereis(request.user, Actie.GEGEVENS_WIJZIGEN)
        serializer = self.get_serializer(inburgeraar, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = serializer.service_data()
        gemeente = data.pop("gemeente", inburgeraar.gemeente)
        if gemeente.pk != inburgeraar.gemeente_id:
            return fout_antwoord({"gemeentecode": [
                "De gemeente kunt u hier niet wijzigen. Bij een verhuizing meldt DUO de "
                "nieuwe gemeente."]})
        inburgeraar_services.wijzig_gegevens(inburgeraar, request.user, **data)
        return Response(self.get_serializer(inburgeraar).data)


@extend_schema(tags=["inburgeraars"], summary="Status van het traject wijzigen",
               description="Zet het huidige traject in een volgende status. Afronden kan "
                           "altijd, met een reden. Een afgerond traject blijft afgerond.",
               request=StatusWijzigingSerializer,
               responses=schema.antwoorden({200: InburgeraarSerializer}, schrijft=True))
class StatusWijziging(APIView):
    def post(self, request, pk):
        inburgeraar = inburgeraar_voor(request, pk)
        vereis(request.user, Actie.STATUS_WIJZIGEN)
        traject = traject_van(inburgeraar)
        data = gevalideerd(request, StatusWijzigingSerializer)
        inburgeraar_services.wijzig_status(traject, data["status"], request.user,
                                           reden=data.get("reden", ""),
                                           toelichting=data.get("toelichting", ""))
        return Response(InburgeraarSerializer(inburgeraar, context={"request": request}).data)


@extend_schema(tags=["inburgeraars"], summary="Adviseur toewijzen",
               description="Wijst het huidige traject toe aan een adviseur van uw eigen "
                           "gemeente (alleen voor teamleiders). Stuur null om de toewijzing "
                           "weg te halen.",
               request=AdviseurToewijzingSerializer,
               responses=schema.antwoorden({200: InburgeraarSerializer}, schrijft=True))
class AdviseurToewijzing(APIView):
    def post(self, request, pk):
        inburgeraar = inburgeraar_voor(request, pk)
        vereis(request.user, Actie.ADVISEUR_TOEWIJZEN)
        traject = traject_van(inburgeraar)
        data = gevalideerd(request, AdviseurToewijzingSerializer)
        username = data["username"]
        adviseur = None
        if username is not None:
            adviseur = next((a for a in policy.adviseurs_voor(request.user)
                             if a.username == username), None)
            if adviseur is None:
                return fout_antwoord({"username": [
                    "Kies een adviseur van uw eigen gemeente."]})
        inburgeraar_services.wijs_adviseur_toe(traject, adviseur, request.user)
        return Response(InburgeraarSerializer(inburgeraar, context={"request": request}).data)


# --- brede intake ----------------------------------------------------------------------

def _intake_antwoord(request, traject: Traject, intake: BredeIntake | None = None) -> Response:
    if intake is None:
        intake = BredeIntake.objects.filter(traject=traject).first() or BredeIntake(
            traject=traject)
    onderwerpen = policy.intake_onderwerpen_voor(request.user, traject)
    return Response(BredeIntakeSerializer(intake, context={"onderwerpen": onderwerpen}).data)


class BredeIntakeView(APIView):
    @extend_schema(tags=["brede intake"], summary="Brede intake bekijken",
                   description="De brede intake van het huidige traject, en wat nog ontbreekt "
                               "om hem af te ronden. Het onderwerp 'gezondheid' en Positieve "
                               "Gezondheid staan er alleen in als u gezondheidsgegevens mag "
                               "zien. Niet voor ketenpartners: zij zien de onderwerpen over "
                               "werk bij hun verwijzing (GET /api/v1/verwijzingen/{id}, veld "
                               "intake_werk).",
                   responses=schema.antwoorden({200: BredeIntakeSerializer}))
    def get(self, request, pk):
        inburgeraar = inburgeraar_voor(request, pk, Sectie.INTAKE)
        return _intake_antwoord(request, traject_van(inburgeraar))

    @extend_schema(tags=["brede intake"], summary="Brede intake opslaan",
                   description="Slaat de intake op als concept. Velden en onderwerpen die u "
                               "weglaat, blijven zoals ze waren; een onderwerp dat u meestuurt, "
                               "vervangt het oude antwoord. Het traject gaat zo nodig naar "
                               "'brede intake'.",
                   request=BredeIntakeSerializer,
                   responses=schema.antwoorden({200: BredeIntakeSerializer}, schrijft=True))
    def put(self, request, pk):
        inburgeraar = inburgeraar_voor(request, pk, Sectie.INTAKE)
        vereis(request.user, Actie.INTAKE_BEWERKEN)
        traject = traject_van(inburgeraar)
        data = gevalideerd(request, BredeIntakeSerializer)
        if not policy.mag_zien(request.user, Sectie.GEZONDHEID):
            verboden = {}
            if "gezondheid" in data.get("onderwerpen", {}):
                verboden["onderwerpen.gezondheid"] = [policy.GEEN_GEZONDHEID]
            if "positieve_gezondheid" in data:
                verboden["positieve_gezondheid"] = [policy.GEEN_GEZONDHEID]
            if verboden:
                return fout_antwoord(verboden)
        intake = intake_services.bewaar(traject, request.user, data)
        return _intake_antwoord(request, traject, intake)


@extend_schema(tags=["brede intake"], summary="Brede intake afronden",
               description="Rondt de intake af. Ontbreekt er nog iets, dan krijgt u 400 met "
                           "per veld wat u nog moet invullen.",
               request=None,
               responses=schema.antwoorden({200: BredeIntakeSerializer}, schrijft=True))
class BredeIntakeAfronden(APIView):
    def post(self, request, pk):
        inburgeraar = inburgeraar_voor(request, pk, Sectie.INTAKE)
        vereis(request.user, Actie.INTAKE_BEWERKEN)
        traject = traject_van(inburgeraar)
        intake = intake_services.rond_af(traject, request.user)
        return _intake_antwoord(request, traject, intake)


class BredeIntakeAfspraken(APIView):
    @extend_schema(tags=["brede intake"], summary="Afspraken voor de brede intake",
                   description="De afspraken voor de brede intake van het huidige traject, "
                               "met of de inburgeraar kwam.",
                   responses=schema.antwoorden({200: IntakeAfspraakSerializer(many=True)}))
    def get(self, request, pk):
        inburgeraar = inburgeraar_voor(request, pk, Sectie.INTAKE)
        afspraken = IntakeAfspraak.objects.filter(traject=traject_van(inburgeraar))
        return Response(IntakeAfspraakSerializer(afspraken, many=True).data)

    @extend_schema(tags=["brede intake"], summary="Afspraak voor de brede intake vastleggen",
                   description="Legt een afspraak vast: gepland, verschenen of niet "
                               "verschenen. 'Niet verschenen' kan pas op of na de dag van de "
                               "afspraak. Daarna kan de intake worden afgerond met wat bekend "
                               "is (ook zonder het wettelijke minimum), en krijgt de adviseur "
                               "een signaal om handhaving te overwegen.",
                   request=IntakeAfspraakSerializer,
                   responses=schema.antwoorden({201: IntakeAfspraakSerializer}, schrijft=True))
    def post(self, request, pk):
        inburgeraar = inburgeraar_voor(request, pk, Sectie.INTAKE)
        vereis(request.user, Actie.INTAKE_BEWERKEN)
        data = gevalideerd(request, IntakeAfspraakSerializer)
        afspraak = intake_services.leg_afspraak_vast(traject_van(inburgeraar), request.user, data)
        return Response(IntakeAfspraakSerializer(afspraak).data,
                        status=status.HTTP_201_CREATED)


class LbtOverslaan(APIView):
    def _antwoord(self, request, traject, status_code=status.HTTP_200_OK) -> Response:
        met_gezondheid = policy.mag_zien(request.user, Sectie.GEZONDHEID, traject)
        return Response(LbtBesluitSerializer(
            traject, context={"met_gezondheid": met_gezondheid}).data, status=status_code)

    @extend_schema(tags=["brede intake"], summary="Besluit: leerbaarheidstoets niet nodig",
                   description="Het besluit van de gemeente dat de leerbaarheidstoets niet "
                               "nodig is, met grond, datum en wie besloot. Zonder besluit zijn "
                               "de velden leeg. De toelichting staat er alleen in als u "
                               "gezondheidsgegevens mag zien.",
                   responses=schema.antwoorden({200: LbtBesluitSerializer}))
    def get(self, request, pk):
        inburgeraar = inburgeraar_voor(request, pk, Sectie.INTAKE)
        return self._antwoord(request, traject_van(inburgeraar))

    @extend_schema(tags=["brede intake"], summary="Leerbaarheidstoets overslaan",
                   description="Legt vast dat de gemeente de leerbaarheidstoets niet afneemt, "
                               "met grond en toelichting, en meldt dat aan DUO (DELETE "
                               "examennummer: DUO trekt het examennummer in). Kan alleen vóór "
                               "het PIP, zonder uitslag van de toets, en één keer.",
                   request=LbtOverslaanSerializer,
                   responses=schema.antwoorden({201: LbtBesluitSerializer}, schrijft=True))
    def post(self, request, pk):
        inburgeraar = inburgeraar_voor(request, pk, Sectie.INTAKE)
        vereis(request.user, Actie.INTAKE_BEWERKEN)
        traject = traject_van(inburgeraar)
        data = gevalideerd(request, LbtOverslaanSerializer)
        traject = inburgeraar_services.sla_lbt_over(traject, request.user, **data)
        return self._antwoord(request, traject, status.HTTP_201_CREATED)


# --- PIP -------------------------------------------------------------------------------

def _pip_van(traject: Traject, versie: int) -> PipVersie:
    pip = traject.pips.filter(versie=versie).first()
    if pip is None:
        raise NotFound(f"PIP versie {versie} bestaat niet.")
    return pip


class PipLijst(APIView):
    @extend_schema(tags=["PIP"], summary="PIP-versies",
                   description="Alle versies van het PIP van het huidige traject, oudste "
                               "eerst. Hooguit een versie is een concept.",
                   responses=schema.antwoorden({200: PipVersieSerializer(many=True)}))
    def get(self, request, pk):
        traject = traject_van(inburgeraar_voor(request, pk, Sectie.PIP))
        pips = traject.pips.order_by("versie")
        return Response(PipVersieSerializer(pips, many=True, context={"request": request}).data)

    @extend_schema(tags=["PIP"], summary="Nieuw PIP-concept",
                   description="Maakt een nieuwe PIP-versie als concept (de eerste, of een "
                               "wijziging van een vastgesteld PIP). Bestaat er al een concept, "
                               "dan krijgt u 400: wijzig dat concept met PATCH "
                               "…/pips/{versie}. Een concept mag nog regels breken; die staan "
                               "in 'fouten' en blokkeren pas het vaststellen.",
                   request=PipVersieSerializer,
                   responses=schema.antwoorden({201: PipVersieSerializer}, schrijft=True))
    def post(self, request, pk):
        inburgeraar = inburgeraar_voor(request, pk, Sectie.PIP)
        vereis(request.user, Actie.PIP_BEWERKEN)
        traject = traject_van(inburgeraar)
        data = gevalideerd(request, PipVersieSerializer, context={"request": request})
        with transaction.atomic():
            # Lock the traject so two POSTs cannot both pass the check below.
            Traject.objects.select_for_update().filter(pk=traject.pk).first()
            concept = traject.pips.filter(status=PipVersie.Status.CONCEPT).first()
            if concept is not None:
                return fout_antwoord({"__all__": [
                    f"Er is al een concept: versie {concept.versie}. Wijzig dat concept met "
                    f"PATCH op versie {concept.versie}."]})
            pip = pip_services.bewaar_concept(traject, request.user, data)
        url = reverse("api:pip", kwargs={"pk": inburgeraar.pk, "versie": pip.versie})
        return Response(PipVersieSerializer(pip, context={"request": request}).data,
                        status=status.HTTP_201_CREATED,
                        headers={"Location": request.build_absolute_uri(url)})


class PipDetail(APIView):
    @extend_schema(tags=["PIP"], summary="PIP-versie bekijken",
                   responses=schema.antwoorden({200: PipVersieSerializer}))
    def get(self, request, pk, versie):
        traject = traject_van(inburgeraar_voor(request, pk, Sectie.PIP))
        pip = _pip_van(traject, versie)
        return Response(PipVersieSerializer(pip, context={"request": request}).data)

    @extend_schema(tags=["PIP"], summary="PIP-concept wijzigen",
                   description="Wijzigt de velden die u meestuurt. Alleen het concept kan "
                               "veranderen; een vastgesteld PIP wijzigt u met een nieuwe "
                               "versie (POST …/pips).",
                   request=PipVersieSerializer,
                   responses=schema.antwoorden({200: PipVersieSerializer}, schrijft=True))
    def patch(self, request, pk, versie):
        inburgeraar = inburgeraar_voor(request, pk, Sectie.PIP)
        vereis(request.user, Actie.PIP_BEWERKEN)
        traject = traject_van(inburgeraar)
        pip = _pip_van(traject, versie)
        data = gevalideerd(request, PipVersieSerializer, pip, partial=True,
                           context={"request": request})
        data.setdefault("leerroute", pip.leerroute)
        pip = pip_services.bewaar_concept(traject, request.user, data, versie=versie)
        return Response(PipVersieSerializer(pip, context={"request": request}).data)


@extend_schema(tags=["PIP"], summary="PIP vaststellen",
               description="Stelt het concept vast: controleert alle regels (ook die van "
                           "DUO), maakt de beschikking en start zo nodig de "
                           "inburgeringstermijn. Breekt het PIP een regel, dan krijgt u 400 "
                           "met per veld de reden, en verandert er niets.",
               request=None,
               responses=schema.antwoorden({200: PipVersieSerializer}, schrijft=True))
class PipVaststellen(APIView):
    def post(self, request, pk, versie):
        inburgeraar = inburgeraar_voor(request, pk, Sectie.PIP)
        vereis(request.user, Actie.PIP_VASTSTELLEN)
        traject = traject_van(inburgeraar)
        _pip_van(traject, versie)
        pip = pip_services.stel_vast(traject, versie, request.user,
                                     ontzorgen_groep=ontzorgen_groep(traject))
        return Response(PipVersieSerializer(pip, context={"request": request}).data)


@extend_schema(tags=["PIP"], summary="Beschikking downloaden",
               description="De beschikking van een vastgesteld PIP, als PDF.",
               responses=schema.antwoorden({(200, "application/pdf"): OpenApiResponse(
                   OpenApiTypes.BINARY, description="De beschikking (PDF).")}))
class PipBeschikking(APIView):
    renderer_classes = [JSONRenderer, PdfRenderer]

    def get(self, request, pk, versie):
        traject = traject_van(inburgeraar_voor(request, pk, Sectie.PIP))
        pip = _pip_van(traject, versie)
        beschikking = Beschikking.objects.filter(pip=pip).first()
        if beschikking is None:
            raise NotFound("Dit PIP is nog niet vastgesteld: er is nog geen beschikking.")
        pdf = pdf_voor(beschikking, met_gezondheid=policy.mag_zien(
            request.user, Sectie.GEZONDHEID, traject))
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{beschikking.kenmerk}.pdf"'
        return response
