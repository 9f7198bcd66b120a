"""The beheer page of the register of processing activities (AVG art. 30) of the user's own
gemeente: the privacy officer or functioneel beheerder reads it and completes the texts.
The codes are fixed (the verwerkingenlogging names them); everything else is the gemeente's.
An edit is a new version of the entry; the old versions stay readable (``register_versies``),
because log records name the version they were written under."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.bouwstenen.schermen import fout_items
from koers.toegang import policy
from koers.verwerkingen import register
from koers.verwerkingen.models import Verwerkingsactiviteit, VerwerkingsactiviteitVersie

TEKSTVAK = forms.Textarea(attrs={"rows": 3, "class": "utrecht-textarea"})


class VerwerkingsactiviteitForm(forms.ModelForm):
    class Meta:
        model = Verwerkingsactiviteit
        fields = list(Verwerkingsactiviteit.TEKSTVELDEN)
        labels = {
            "naam": gettext_lazy("Naam"),
            "doel": gettext_lazy("Doel van de verwerking"),
            "grondslag": gettext_lazy("Wettelijke grondslag"),
            "grondslag_status": gettext_lazy("Status van de grondslag"),
            "categorieen_betrokkenen": gettext_lazy("Over wie gaat het (betrokkenen)"),
            "categorieen_gegevens": gettext_lazy("Welke gegevens"),
            "ontvangers": gettext_lazy("Aan wie worden de gegevens gegeven (ontvangers)"),
            "bewaartermijn": gettext_lazy("Hoe lang bewaard (bewaartermijn)"),
            "actief": gettext_lazy("In gebruik"),
        }
        help_texts = {
            "grondslag_status": gettext_lazy(
                "Bijvoorbeeld: wet, niet geverifieerd of lokaal beleid."
            ),
        }
        widgets = {
            naam: TEKSTVAK
            for naam in (
                "doel",
                "grondslag",
                "categorieen_betrokkenen",
                "categorieen_gegevens",
                "ontvangers",
                "bewaartermijn",
            )
        }

    def clean(self):
        gegevens = super().clean()
        for naam, waarde in gegevens.items():
            if isinstance(waarde, str):
                gegevens[naam] = waarde.strip()
        return gegevens


def _vereis(user) -> None:
    if not policy.mag_register_beheren(user):
        raise PermissionDenied


@login_required
def register_lijst(request):
    user = request.user
    _vereis(user)
    register.aanvullen([user.gemeente.pk])  # a new entry of this version of Koers
    regels = list(policy.van_eigen_gemeente(user, Verwerkingsactiviteit.objects).order_by("code"))
    return render(
        request,
        "verwerkingen/register.html",
        {"regels": regels, "gemeente": user.gemeente},
    )


@login_required
def register_wijzigen(request, pk: int):
    user = request.user
    _vereis(user)
    regel = get_object_or_404(policy.van_eigen_gemeente(user, Verwerkingsactiviteit.objects), pk=pk)
    form = VerwerkingsactiviteitForm(request.POST or None, instance=regel)
    fouten: dict[str, str] = {}
    if request.method == "POST":
        if form.is_valid():
            if register.wijzig(regel, form.cleaned_data, user.get_username()):
                messages.success(
                    request, _("De verwerkingsactiviteit is bewaard als nieuwe versie.")
                )
            else:
                messages.info(request, _("U heeft niets veranderd. Er is geen nieuwe versie."))
            return redirect("verwerkingen:register")
        fouten = {veld: " ".join(lijst) for veld, lijst in form.errors.items()}
    return render(
        request,
        "verwerkingen/register_wijzigen.html",
        {"form": form, "regel": regel, "fout_items": fout_items(fouten, form)},
        status=400 if fouten else 200,
    )


@login_required
def register_versies(request, pk: int):
    """Every version of one entry, newest first: what log records of earlier days refer to."""
    user = request.user
    _vereis(user)
    regel = get_object_or_404(policy.van_eigen_gemeente(user, Verwerkingsactiviteit.objects), pk=pk)
    versies = list(VerwerkingsactiviteitVersie.objects.filter(activiteit=regel).order_by("-versie"))
    return render(
        request,
        "verwerkingen/register_versies.html",
        {"regel": regel, "versies": versies},
    )
