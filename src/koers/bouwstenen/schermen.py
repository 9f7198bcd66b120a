"""Helpers shared by the views: permission checks, the links into a case's dossier, safe
redirects and error summaries. Loading a case is the slice's (koers.inburgeraars.bereik)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from koers.toegang import policy


def vereis(user, actie: policy.Actie) -> None:
    """403 when the user's role does not allow this action at all."""
    if not policy.mag(user, actie):
        raise PermissionDenied


def casus_url(pk: int, tab: str = "overzicht", anker: str = "") -> str:
    """The URL of a tab of a case's dossier (koers.bouwstenen.secties), with an optional
    anchor inside it: where an action on the case returns to."""
    if tab == "overzicht":
        url = reverse("web:inburgeraar", args=[pk])
    else:
        url = reverse("web:casus_tab", args=[pk, tab])
    return f"{url}#{anker}" if anker else url


def veilige_volgende(request, standaard: str = "web:werkvoorraad") -> str:
    """The ``next`` parameter when it points into this site, else the default page."""
    volgende = request.POST.get("next") or request.GET.get("next") or ""
    if volgende and url_has_allowed_host_and_scheme(
        volgende, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return volgende
    return reverse(standaard)


def fout_items(
    fouten: dict[str, str], form=None, links: dict[str, str] | None = None
) -> list[dict]:
    """Messages of a ``Weigering`` (or warnings) as error-summary entries with a link to the
    field when the form has it (``a.b`` → field ``a-b``), or to a page given in ``links``."""
    links = links or {}
    items = []
    for sleutel, tekst in fouten.items():
        naam = sleutel.replace(".", "-")
        href = None
        if form is not None and naam in form.fields:
            href = f"#{form[naam].auto_id}"
        elif sleutel in links:
            href = links[sleutel]
        items.append({"href": href, "tekst": tekst})
    return items
