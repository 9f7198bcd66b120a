"""API of the netwerk part: the registers of tolken and ervaringsdeskundigen of
a gemeente, the instroomklas roster, and per case the instroomklas, tolk bookings,
ervaringsdeskundigen and informele taalondersteuning. Thin views: load through the policy,
check the form with a serializer, call one service (a ``Weigering`` becomes a 400)."""

from __future__ import annotations

from django.db.models import Prefetch, Sum
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from koers.bouwstenen import api_schema as schema
from koers.bouwstenen.api import gevalideerd, vereis
from koers.bouwstenen.api_fouten import DETAIL_403, fout_antwoord
from koers.inburgeraars.bereik import traject_voor
from koers.netwerk import rules, services
from koers.netwerk.casus import voorstel_tolken
from koers.netwerk.models import (
    Ervaringsdeskundige,
    ErvaringsdeskundigeKoppeling,
    InstroomklasWeek,
    Taalverwijzing,
    Tolk,
    Tolkboeking,
)
from koers.netwerk.serializers import (
    ErvaringsdeskundigeKoppelenSerializer,
    ErvaringsdeskundigeKoppelingSerializer,
    ErvaringsdeskundigeNieuwSerializer,
    ErvaringsdeskundigeSerializer,
    InstroomklasAanwezigheidSerializer,
    InstroomklasBeeindigSerializer,
    InstroomklasPlaatsenSerializer,
    InstroomklasPlaatsingSerializer,
    InstroomklasSerializer,
    InstroomklasWeekSerializer,
    InstroomklasWorkshopNieuwSerializer,
    InstroomklasWorkshopSerializer,
    TaalverwijzingSerializer,
    TolkBoekenSerializer,
    TolkboekingSerializer,
    TolkboekingWijzigSerializer,
    TolkNieuwSerializer,
    TolkSerializer,
)
from koers.toegang import policy
from koers.toegang.policy import Actie, Sectie
from koers.verwerkingen.services import log_lijst

TAG_REGISTERS = "netwerk: registers"
TAG_CASUS = "netwerk: casus"
TAAL_PARAM = OpenApiParameter("taal", str, description="Alleen wie deze taal spreekt.")
GEMEENTE_PARAM = OpenApiParameter(
    "gemeentecode", str, description="Gemeentecode; standaard uw eigen gemeente."
)


def _netwerk(request) -> list:
    """The gemeenten whose registers the user may read (403 without case access)."""
    if not policy.mag_zien(request.user, Sectie.NETWERK):
        raise PermissionDenied(DETAIL_403)
    return list(policy.zichtbare_gemeenten(request.user))


def _gemeente(request, gemeenten, code):
    """The gemeente with this code within reach (None otherwise); no code: the user's own."""
    if code is None:
        return next((g for g in gemeenten if g.pk == request.user.gemeente.pk), None)
    return next((g for g in gemeenten if g.gemeentecode == code), None)


# --- registers ------------------------------------------------------------------------------


class _RegisterLijst(APIView):
    model: type = Tolk
    serializer = TolkSerializer
    nieuw_serializer = TolkNieuwSerializer
    bewaar = staticmethod(services.bewaar_tolk)

    def get(self, request):
        _netwerk(request)
        items = list(
            policy.binnen_bereik(request.user, self.model.objects)
            .select_related("gemeente")
            .order_by("naam", "id")
        )
        taal = request.query_params.get("taal")
        if taal:
            items = [i for i in items if rules.spreekt(i.talen, taal[:50])]
        return Response(self.serializer(items, many=True).data)

    def post(self, request):
        gemeenten = _netwerk(request)
        vereis(request.user, Actie.NETWERK_REGISTERS_BEHEREN)
        data = gevalideerd(request, self.nieuw_serializer)
        gemeente = _gemeente(request, gemeenten, data.pop("gemeentecode", None))
        if gemeente is None:
            return fout_antwoord({"gemeentecode": ["Kies een gemeente binnen uw bereik."]})
        item = self.bewaar(gemeente, request.user, data)
        return Response(self.serializer(item).data, status=status.HTTP_201_CREATED)


class _RegisterDetail(APIView):
    model: type = Tolk
    serializer = TolkSerializer
    bewaar = staticmethod(services.bewaar_tolk)

    def _item(self, request, pk):
        _netwerk(request)
        item = (
            policy.binnen_bereik(request.user, self.model.objects)
            .filter(pk=pk)
            .select_related("gemeente")
            .first()
        )
        if item is None:
            raise NotFound("Niet gevonden.")
        return item

    def get(self, request, pk):
        return Response(self.serializer(self._item(request, pk)).data)

    def patch(self, request, pk):
        item = self._item(request, pk)
        vereis(request.user, Actie.NETWERK_REGISTERS_BEHEREN)
        data = gevalideerd(request, self.serializer, item, partial=True)
        item = self.bewaar(item.gemeente, request.user, data, item)
        return Response(self.serializer(item).data)


@extend_schema(tags=[TAG_REGISTERS])
class TolkLijst(_RegisterLijst):
    @extend_schema(
        summary="Tolken",
        parameters=[TAAL_PARAM],
        description="De tolken van de gemeenten binnen uw bereik. Geen "
        "persoonsgegevens van inburgeraars.",
        responses=schema.antwoorden({200: TolkSerializer(many=True)}, zaak=False),
    )
    def get(self, request):
        return super().get(request)

    @extend_schema(
        summary="Tolk toevoegen",
        request=TolkNieuwSerializer,
        responses=schema.antwoorden({201: TolkSerializer}, schrijft=True, zaak=False),
    )
    def post(self, request):
        return super().post(request)


@extend_schema(tags=[TAG_REGISTERS])
class TolkDetail(_RegisterDetail):
    @extend_schema(summary="Tolk bekijken", responses=schema.antwoorden({200: TolkSerializer}))
    def get(self, request, pk):
        return super().get(request, pk)

    @extend_schema(
        summary="Tolk wijzigen",
        request=TolkSerializer,
        responses=schema.antwoorden({200: TolkSerializer}, schrijft=True),
    )
    def patch(self, request, pk):
        return super().patch(request, pk)


@extend_schema(tags=[TAG_REGISTERS])
class ErvaringsdeskundigeLijst(_RegisterLijst):
    model = Ervaringsdeskundige
    serializer = ErvaringsdeskundigeSerializer
    nieuw_serializer = ErvaringsdeskundigeNieuwSerializer
    bewaar = staticmethod(services.bewaar_ervaringsdeskundige)

    @extend_schema(
        summary="Ervaringsdeskundigen",
        parameters=[TAAL_PARAM],
        description="Het netwerk van ervaringsdeskundigen van de gemeenten binnen "
        "uw bereik, met hun rollen en talen.",
        responses=schema.antwoorden({200: ErvaringsdeskundigeSerializer(many=True)}, zaak=False),
    )
    def get(self, request):
        return super().get(request)

    @extend_schema(
        summary="Ervaringsdeskundige toevoegen",
        request=ErvaringsdeskundigeNieuwSerializer,
        responses=schema.antwoorden(
            {201: ErvaringsdeskundigeSerializer}, schrijft=True, zaak=False
        ),
    )
    def post(self, request):
        return super().post(request)


@extend_schema(tags=[TAG_REGISTERS])
class ErvaringsdeskundigeDetail(_RegisterDetail):
    model = Ervaringsdeskundige
    serializer = ErvaringsdeskundigeSerializer
    bewaar = staticmethod(services.bewaar_ervaringsdeskundige)

    @extend_schema(
        summary="Ervaringsdeskundige bekijken",
        responses=schema.antwoorden({200: ErvaringsdeskundigeSerializer}),
    )
    def get(self, request, pk):
        return super().get(request, pk)

    @extend_schema(
        summary="Ervaringsdeskundige wijzigen",
        request=ErvaringsdeskundigeSerializer,
        responses=schema.antwoorden({200: ErvaringsdeskundigeSerializer}, schrijft=True),
    )
    def patch(self, request, pk):
        return super().patch(request, pk)


# --- instroomklas roster ----------------------------------------------------------------------


class InstroomklasRoosterRijSerializer(serializers.Serializer):
    inburgeraar = serializers.IntegerField(source="traject.inburgeraar_id")
    naam = serializers.CharField(source="traject.inburgeraar.volledige_naam")
    startdatum = serializers.DateField()
    geplande_einddatum = serializers.DateField()
    einddatum = serializers.DateField(allow_null=True)
    dagdelen_gepland = serializers.IntegerField(source="gepland")
    dagdelen_aanwezig = serializers.IntegerField(source="aanwezig")
    workshops = InstroomklasWorkshopSerializer(many=True)


@extend_schema(
    tags=[TAG_CASUS],
    summary="Rooster van de instroomklas",
    description="Wie nu in de instroomklas van een gemeente zit: sinds wanneer, "
    "tot wanneer (verwachte start van de leerroute), aanwezigheid en "
    "workshops.",
    parameters=[GEMEENTE_PARAM],
    responses=schema.antwoorden({200: InstroomklasRoosterRijSerializer(many=True)}),
)
class Rooster(APIView):
    def get(self, request):
        gemeenten = _netwerk(request)
        gemeente = _gemeente(request, gemeenten, request.query_params.get("gemeentecode"))
        if gemeente is None:
            raise NotFound("Niet gevonden.")
        plaatsingen = (
            services.rooster_plaatsingen(gemeente)
            .annotate(
                gepland=Sum("weken__dagdelen_gepland", default=0),
                aanwezig=Sum("weken__dagdelen_aanwezig", default=0),
            )
            .prefetch_related("workshops")
        )
        log_lijst(request.user, plaatsingen, [Sectie.NAAM, Sectie.NETWERK], pad="traject")
        return Response(InstroomklasRoosterRijSerializer(plaatsingen, many=True).data)


# --- instroomklas of a case -------------------------------------------------------------------


def _casus(request, pk, schrijft=False):
    return traject_voor(request, pk, Sectie.NETWERK, Actie.NETWERK_BEWERKEN if schrijft else None)


def _stap(request, pk, invoer, service, uitvoer, status_code=status.HTTP_200_OK):
    """One step on the case: check the body with ``invoer``, call ``service(traject, user,
    **velden)`` and answer with what it made, shown through ``uitvoer``."""
    traject = _casus(request, pk, schrijft=True)
    data = gevalideerd(request, invoer)
    resultaat = service(traject, request.user, **data)
    return Response(uitvoer(resultaat).data, status=status_code)


def _van_casus(queryset, traject, pk):
    """The row of ``queryset`` with this pk on this case (404 otherwise)."""
    rij = queryset.filter(traject=traject, pk=pk).first()
    if rij is None:
        raise NotFound("Niet gevonden.")
    rij.traject = traject
    return rij


def _instroomklas_antwoord(traject, status_code=status.HTTP_200_OK):
    plaatsingen = list(
        traject.instroomklas_plaatsingen.order_by("-startdatum")
        .select_related("gemeente")
        .prefetch_related(
            Prefetch("weken", queryset=InstroomklasWeek.objects.order_by("week")), "workshops"
        )
    )
    huidig = next((p for p in plaatsingen if p.is_open), None)
    return Response(
        InstroomklasSerializer({"huidig": huidig, "plaatsingen": plaatsingen}).data,
        status=status_code,
    )


class InstroomklasView(APIView):
    @extend_schema(
        tags=[TAG_CASUS],
        summary="Instroomklas van een inburgeraar",
        responses=schema.antwoorden({200: InstroomklasSerializer}),
    )
    def get(self, request, pk):
        traject = _casus(request, pk)
        return _instroomklas_antwoord(traject)

    @extend_schema(
        tags=[TAG_CASUS],
        summary="Plaatsen in de instroomklas",
        description="Plaatst de inburgeraar in de instroomklas van zijn gemeente, "
        "of wijzigt de open plaatsing.",
        request=InstroomklasPlaatsenSerializer,
        responses=schema.antwoorden({200: InstroomklasSerializer}, schrijft=True),
    )
    def post(self, request, pk):
        traject = _casus(request, pk, schrijft=True)
        data = gevalideerd(request, InstroomklasPlaatsenSerializer)
        plaatsing = services.open_plaatsing(traject)
        if plaatsing is None:
            services.plaats_in_instroomklas(traject, request.user, **data)
        else:
            plaatsing.traject = traject
            services.wijzig_plaatsing(plaatsing, request.user, **data)
        return _instroomklas_antwoord(traject)


@extend_schema(
    tags=[TAG_CASUS],
    summary="Instroomklas beëindigen",
    description="Zet de laatste dag in de klas, meestal omdat de leerroute begint.",
    request=InstroomklasBeeindigSerializer,
    responses=schema.antwoorden({200: InstroomklasPlaatsingSerializer}, schrijft=True),
)
class InstroomklasBeeindigen(APIView):
    def post(self, request, pk):
        return _stap(
            request,
            pk,
            InstroomklasBeeindigSerializer,
            services.beeindig_plaatsing,
            InstroomklasPlaatsingSerializer,
        )


@extend_schema(
    tags=[TAG_CASUS],
    summary="Aanwezigheid van een week",
    description="Dagdelen gepland en aanwezig in een week. Een tweede keer voor "
    "dezelfde week vervangt de oude telling.",
    request=InstroomklasAanwezigheidSerializer,
    responses=schema.antwoorden({200: InstroomklasWeekSerializer}, schrijft=True),
)
class InstroomklasAanwezigheid(APIView):
    def post(self, request, pk):
        return _stap(
            request,
            pk,
            InstroomklasAanwezigheidSerializer,
            services.registreer_aanwezigheid,
            InstroomklasWeekSerializer,
        )


@extend_schema(
    tags=[TAG_CASUS],
    summary="Gevolgde workshop",
    request=InstroomklasWorkshopNieuwSerializer,
    responses=schema.antwoorden({201: InstroomklasWorkshopSerializer}, schrijft=True),
)
class InstroomklasWorkshop(APIView):
    def post(self, request, pk):
        return _stap(
            request,
            pk,
            InstroomklasWorkshopNieuwSerializer,
            services.registreer_workshop,
            InstroomklasWorkshopSerializer,
            status.HTTP_201_CREATED,
        )


# --- tolkboekingen --------------------------------------------------------------------------


class Tolkboekingen(APIView):
    @extend_schema(
        tags=[TAG_CASUS],
        summary="Tolkboekingen",
        description="De tolkboekingen van het huidige traject, de nieuwste eerst.",
        responses=schema.antwoorden({200: TolkboekingSerializer(many=True)}),
    )
    def get(self, request, pk):
        traject = _casus(request, pk)
        boekingen = traject.tolkboekingen.select_related("tolk")
        return Response(TolkboekingSerializer(boekingen, many=True).data)

    @extend_schema(
        tags=[TAG_CASUS],
        summary="Tolk boeken",
        description="Boekt een tolk uit het register van de gemeente voor een "
        "gesprek. De kosten zijn het tarief per uur maal de duur.",
        request=TolkBoekenSerializer,
        responses=schema.antwoorden({201: TolkboekingSerializer}, schrijft=True),
    )
    def post(self, request, pk):
        traject = _casus(request, pk, schrijft=True)
        data = gevalideerd(request, TolkBoekenSerializer)
        data["tolk"] = Tolk.objects.filter(pk=data["tolk"]).first()
        boeking = services.boek_tolk(traject, request.user, **data)
        return Response(TolkboekingSerializer(boeking).data, status=status.HTTP_201_CREATED)


@extend_schema(
    tags=[TAG_CASUS],
    summary="Tolkboeking bijwerken",
    description="Geef aan dat het gesprek geweest is (met de werkelijke duur) of "
    "annuleer de boeking. Een geannuleerde boeking kost niets.",
    request=TolkboekingWijzigSerializer,
    responses=schema.antwoorden({200: TolkboekingSerializer}, schrijft=True),
)
class TolkboekingDetail(APIView):
    def patch(self, request, pk, boeking_pk):
        traject = _casus(request, pk, schrijft=True)
        boeking = _van_casus(Tolkboeking.objects.select_related("tolk"), traject, boeking_pk)
        data = gevalideerd(request, TolkboekingWijzigSerializer)
        boeking = services.wijzig_boeking(boeking, request.user, **data)
        return Response(TolkboekingSerializer(boeking).data)


@extend_schema(
    tags=[TAG_CASUS],
    summary="Voorgestelde tolken",
    description="De actieve tolken van de gemeente die de taal spreken die bij de "
    "inburgeraar als 'taal van de tolk' staat.",
    responses=schema.antwoorden({200: TolkSerializer(many=True)}),
)
class Tolkvoorstel(APIView):
    def get(self, request, pk):
        inburgeraar = _casus(request, pk).inburgeraar
        return Response(TolkSerializer(voorstel_tolken(inburgeraar), many=True).data)


# --- ervaringsdeskundigen bij een casus -----------------------------------------------------


class Koppelingen(APIView):
    @extend_schema(
        tags=[TAG_CASUS],
        summary="Ervaringsdeskundigen bij een inburgeraar",
        responses=schema.antwoorden({200: ErvaringsdeskundigeKoppelingSerializer(many=True)}),
    )
    def get(self, request, pk):
        traject = _casus(request, pk)
        koppelingen = traject.ervaringsdeskundigen.select_related("ervaringsdeskundige")
        return Response(ErvaringsdeskundigeKoppelingSerializer(koppelingen, many=True).data)

    @extend_schema(
        tags=[TAG_CASUS],
        summary="Ervaringsdeskundige koppelen",
        description="Koppelt een ervaringsdeskundige van de gemeente in een van zijn rollen.",
        request=ErvaringsdeskundigeKoppelenSerializer,
        responses=schema.antwoorden({201: ErvaringsdeskundigeKoppelingSerializer}, schrijft=True),
    )
    def post(self, request, pk):
        traject = _casus(request, pk, schrijft=True)
        data = gevalideerd(request, ErvaringsdeskundigeKoppelenSerializer)
        data["ervaringsdeskundige"] = Ervaringsdeskundige.objects.filter(
            pk=data["ervaringsdeskundige"]
        ).first()
        koppeling = services.koppel_ervaringsdeskundige(traject, request.user, **data)
        return Response(
            ErvaringsdeskundigeKoppelingSerializer(koppeling).data, status=status.HTTP_201_CREATED
        )


class ErvaringsdeskundigeKoppelingEindeSerializer(serializers.Serializer):
    tot = serializers.DateField()


@extend_schema(
    tags=[TAG_CASUS],
    summary="Koppeling beëindigen",
    request=ErvaringsdeskundigeKoppelingEindeSerializer,
    responses=schema.antwoorden({200: ErvaringsdeskundigeKoppelingSerializer}, schrijft=True),
)
class KoppelingBeeindigen(APIView):
    def post(self, request, pk, koppeling_pk):
        traject = _casus(request, pk, schrijft=True)
        koppeling = _van_casus(
            ErvaringsdeskundigeKoppeling.objects.select_related("ervaringsdeskundige"),
            traject,
            koppeling_pk,
        )
        data = gevalideerd(request, ErvaringsdeskundigeKoppelingEindeSerializer)
        koppeling = services.beeindig_koppeling(koppeling, request.user, **data)
        return Response(ErvaringsdeskundigeKoppelingSerializer(koppeling).data)


# --- informele taalondersteuning ------------------------------------------------------------


class Taalondersteuning(APIView):
    @extend_schema(
        tags=[TAG_CASUS],
        summary="Informele taalondersteuning",
        description="Verwijzingen naar bibliotheek of Taalhuis, taalmaatje, "
        "VluchtelingenWerk en andere organisaties, met de uren.",
        responses=schema.antwoorden({200: TaalverwijzingSerializer(many=True)}),
    )
    def get(self, request, pk):
        traject = _casus(request, pk)
        return Response(TaalverwijzingSerializer(traject.taalverwijzingen.all(), many=True).data)

    @extend_schema(
        tags=[TAG_CASUS],
        summary="Verwijzen naar informele taalondersteuning",
        request=TaalverwijzingSerializer,
        responses=schema.antwoorden({201: TaalverwijzingSerializer}, schrijft=True),
    )
    def post(self, request, pk):
        traject = _casus(request, pk, schrijft=True)
        data = gevalideerd(request, TaalverwijzingSerializer)
        verwijzing = services.bewaar_verwijzing(traject, request.user, data)
        return Response(TaalverwijzingSerializer(verwijzing).data, status=status.HTTP_201_CREATED)


@extend_schema(
    tags=[TAG_CASUS],
    summary="Verwijzing bijwerken",
    description="Wijzigt de velden die u meestuurt, bijvoorbeeld de status of de uren.",
    request=TaalverwijzingSerializer,
    responses=schema.antwoorden({200: TaalverwijzingSerializer}, schrijft=True),
)
class TaalverwijzingDetail(APIView):
    def patch(self, request, pk, verwijzing_pk):
        traject = _casus(request, pk, schrijft=True)
        verwijzing = _van_casus(Taalverwijzing.objects, traject, verwijzing_pk)
        data = gevalideerd(request, TaalverwijzingSerializer, verwijzing, partial=True)
        verwijzing = services.bewaar_verwijzing(traject, request.user, data, verwijzing)
        return Response(TaalverwijzingSerializer(verwijzing).data)
