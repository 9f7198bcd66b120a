"""Demo data of Mijn Inburgering: a short conversation and one document for a few demo
persons. Idempotent: a person who already has portal messages is left alone."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F

from koers.demo.personen import demo_trajecten
from koers.portaal.models import Bericht, Document

ADVISEURS = {
    "0988": "adviseur-weert",
    "0946": "adviseur-nederweert",
    "1706": "adviseur-cranendonck",
}
AANTAL_PERSONEN = 4

GESPREK = (
    (
        Bericht.Richting.VAN_INBURGERAAR,
        "Goedemiddag. Mijn taalles is op dinsdag, maar dan moet ik werken. Kan het op een andere "
        "dag?",
    ),
    (
        Bericht.Richting.VAN_GEMEENTE,
        "Dag, dank voor uw bericht. Ik vraag de school of u op donderdag kunt komen. Ik laat het "
        "deze week weten.",
    ),
    (
        Bericht.Richting.VAN_GEMEENTE,
        "De school heeft plek op donderdag. U begint volgende week. Succes!",
    ),
)

# A minimal valid one-page PDF: the demo document.
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def seed(gemeenten, accounts) -> dict[str, int]:
    codes = {g.pk: code for code, g in gemeenten.items()}
    aantallen = {"portaalberichten": 0, "portaaldocumenten": 0}
    trajecten = (
        demo_trajecten(gemeenten)
        .filter(inburgeraar__huidig_traject_id=F("pk"))
        .select_related("inburgeraar", "adviseur")
        .order_by("pk")[:AANTAL_PERSONEN]
    )
    for traject in trajecten:
        inburgeraar = traject.inburgeraar
        if Bericht.objects.filter(inburgeraar=inburgeraar).exists():
            continue
        adviseur = traject.adviseur or accounts.get(
            ADVISEURS.get(codes.get(traject.gemeente_id), "")
        )
        with transaction.atomic():
            for i, (richting, tekst) in enumerate(GESPREK):
                van_gemeente = richting == Bericht.Richting.VAN_GEMEENTE
                Bericht.objects.create(
                    inburgeraar=inburgeraar,
                    traject=traject,
                    richting=richting,
                    tekst=tekst,
                    door=adviseur if van_gemeente else None,
                )
                aantallen["portaalberichten"] += 1
                if i == 0:
                    Bericht.objects.filter(inburgeraar=inburgeraar).update(
                        gelezen_op=traject.gewijzigd_op
                    )
            if not Document.objects.filter(inburgeraar=inburgeraar).exists():
                document = Document(
                    inburgeraar=inburgeraar,
                    traject=traject,
                    soort="certificaat",
                    naam="certificaat-taalcafe.pdf",
                    toelichting="Bewijs dat ik naar het taalcafé ga.",
                    grootte=len(DEMO_PDF),
                    extensie="pdf",
                )
                document.bestand.save("certificaat-taalcafe.pdf", ContentFile(DEMO_PDF), save=False)
                document.save()
                aantallen["portaaldocumenten"] += 1
    return aantallen
