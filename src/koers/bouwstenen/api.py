"""Building blocks for the API views of every slice: load through
:mod:`koers.toegang.policy`, check the body with a serializer, page through lists, answer a
PDF. Refusals (``Weigering``) become 400 answers in :mod:`koers.bouwstenen.api_fouten`."""

from __future__ import annotations

from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.pagination import CursorPagination
from rest_framework.renderers import BaseRenderer, JSONRenderer

from koers.inburgeraars import bereik
from koers.inburgeraars.models import Inburgeraar, Traject
from koers.toegang import policy
from koers.toegang.policy import Actie, Sectie
from koers.verwerkingen.context import KANAAL
from koers.verwerkingen.services import log_lezen

from .api_fouten import DETAIL_403


def vereis(user, actie: Actie) -> None:
    if not policy.mag(user, actie):
        raise PermissionDenied(DETAIL_403)


def inburgeraar_voor(
    request, pk, sectie: Sectie | tuple[Sectie, ...] = Sectie.PERSONALIA
) -> Inburgeraar:
    """The inburgeraar within the user's reach (else 404) whose section he may read; of a
    tuple of sections, the first he may read counts (and is logged)."""
    inburgeraar = bereik.get_inburgeraar_voor(request.user, pk)
    secties = sectie if isinstance(sectie, tuple) else (sectie,)
    sectie = next(
        (s for s in secties if policy.mag_zien(request.user, s, inburgeraar.huidig_traject)), None
    )
    if sectie is None:
        raise PermissionDenied(DETAIL_403)
    # A read of personal data: logged with the section asked.
    KANAAL.set("api")
    log_lezen(request.user, inburgeraar, [sectie], kanaal="api")
    return inburgeraar


def traject_van(inburgeraar: Inburgeraar) -> Traject:
    traject = inburgeraar.huidig_traject
    if traject is None:
        raise NotFound("Deze inburgeraar heeft geen traject.")
    traject.inburgeraar = inburgeraar  # the same row: spares a query in the services
    return traject


def traject_voor(request, pk, sectie: Sectie, actie: Actie | None = None) -> Traject:
    """The current traject of the inburgeraar within the user's reach (else 404) whose
    section he may read (else 403); with ``actie`` he must also be allowed to do that (403)."""
    inburgeraar = inburgeraar_voor(request, pk, sectie)
    if actie is not None:
        vereis(request.user, actie)
    return traject_van(inburgeraar)


def gevalideerd(request, serializer_klasse, *args, **kwargs) -> dict:
    """The checked body as a plain dict. Bad input raises DRF's ValidationError, which the
    exception handler turns into a 400 with field errors, so no view repeats that."""
    serializer = serializer_klasse(*args, data=request.data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class Paginering(CursorPagination):
    """Keyset pagination on id: no COUNT and no OFFSET, fast at a million rows."""

    ordering = "id"
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100
    cursor_query_description = "Plek in de lijst: neem de link 'next' of 'previous' over."
    page_size_query_description = "Aantal per pagina (standaard 25, hooguit 100)."
    invalid_cursor_message = "Deze cursor is ongeldig. Gebruik de links 'next' en 'previous'."

    def decode_cursor(self, request):
        cursor = super().decode_cursor(request)
        if (
            cursor is not None
            and cursor.position is not None
            and not (cursor.position.isdigit() and len(cursor.position) <= 18)
        ):
            raise NotFound(self.invalid_cursor_message)
        return cursor


class PdfRenderer(BaseRenderer):
    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data if isinstance(data, bytes) else JSONRenderer().render(data)
