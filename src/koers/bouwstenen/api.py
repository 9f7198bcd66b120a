"""Building blocks for the API views of every slice: check a permission and the body with a
serializer, page through lists, answer a PDF (loading a case: koers.inburgeraars.bereik).
Refusals (``Weigering``) become 400 answers in :mod:`koers.bouwstenen.api_fouten`."""

from __future__ import annotations

from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.pagination import CursorPagination
from rest_framework.renderers import BaseRenderer, JSONRenderer

from koers.toegang import policy
from koers.toegang.policy import Actie

from .api_fouten import DETAIL_403


def vereis(user, actie: Actie) -> None:
    if not policy.mag(user, actie):
        raise PermissionDenied(DETAIL_403)


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
