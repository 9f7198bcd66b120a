"""``koers verwerkingen-bewaartermijn``: the retention rules. With ``--dry-run`` (also the
default) a report per gemeente of which closed cases have passed their bewaartermijn and
would be anonymised, and which records of the verwerkingenlogging have passed theirs and
would be removed; it changes nothing (koers.avg.bewaarrapport). With
``--uitvoeren`` those cases are anonymised (koers.avg.anonimisering), one
transaction per batch, and the log records removed with the chain kept verifiable
(koers.verwerkingen.logbewaring). Meant to run daily (cron or systemd timer)."""

from django.core.management.base import BaseCommand, CommandError

from koers.avg import anonimisering, bewaarrapport
from koers.inburgeraars.services import vandaag
from koers.verwerkingen import logbewaring


class Command(BaseCommand):
    help = (
        "Proefrapport per gemeente: welke afgeronde zaken en welke verwerkingen zijn over hun "
        "bewaartermijn (wijzigt niets). Met --uitvoeren worden ze geanonimiseerd en "
        "weggehaald."
    )

    def add_arguments(self, parser):
        keuze = parser.add_mutually_exclusive_group()
        keuze.add_argument(
            "--dry-run",
            action="store_true",
            help="Alleen het proefrapport per gemeente; er verandert niets (standaard).",
        )
        keuze.add_argument(
            "--uitvoeren",
            action="store_true",
            help="Anonimiseer de zaken uit het rapport en haal de oude verwerkingen weg "
            "(niet terug te draaien).",
        )
        parser.add_argument(
            "--batch",
            type=int,
            default=anonimisering.BATCH,
            help=f"Personen per transactie (standaard {anonimisering.BATCH}).",
        )

    def handle(self, *args, uitvoeren=False, batch=anonimisering.BATCH, **options):
        dag = vandaag()
        if not uitvoeren:
            self._proefrapport(dag)
            return
        uitkomst = anonimisering.anonimiseer(dag, batch=max(batch, 1))
        self.stdout.write(f"Anonimiseren op {dag.isoformat()}.")
        for gemeente, traject_id, inburgeraar_id, afgerond, vanaf in uitkomst.zaken:
            self.stdout.write(self._zaak(gemeente, traject_id, inburgeraar_id, afgerond, vanaf))
        self.stdout.write(
            self.style.SUCCESS(
                f"Geanonimiseerd: {uitkomst.aantal} personen in {uitkomst.batches} transacties."
            )
        )
        try:
            opschoning = logbewaring.opschonen(dag)
        except logbewaring.KetenVerbroken as fout:
            raise CommandError(str(fout)) from fout
        self.stdout.write(
            self.style.SUCCESS(
                f"Verwerkingenlogging: {opschoning.aantal} verwerkingen weggehaald in "
                f"{len(opschoning.reeksen)} reeksen; de keten blijft controleerbaar."
            )
        )

    @staticmethod
    def _zaak(gemeente, traject_id, inburgeraar_id, afgerond, vanaf) -> str:
        return (
            f"- {gemeente}: traject {traject_id} (inburgeraar "
            f"{inburgeraar_id}), afgerond {afgerond.isoformat()}, "
            f"anonimiseren vanaf {vanaf.isoformat()}"
        )

    def _proefrapport(self, dag):
        rapport = bewaarrapport.rapport(dag)
        self.stdout.write(
            f"Proefrapport bewaartermijn op {dag.isoformat()} (er wordt niets gewijzigd)."
        )
        for g in rapport.gemeenten:
            self.stdout.write("")
            self.stdout.write(
                f"Gemeente {g.naam}:" if g.naam else "Verwerkingen over niemand in het bijzonder:"
            )
            if g.naam:
                self.stdout.write(f"  Te anonimiseren: {len(g.zaken)} zaken.")
            for traject_id, inburgeraar_id, afgerond, vanaf in g.zaken:
                self.stdout.write(
                    "  " + self._zaak(g.naam, traject_id, inburgeraar_id, afgerond, vanaf)
                )
            periode = (
                f" (geschreven van {g.log.oudste.isoformat()} tot en met "
                f"{g.log.nieuwste.isoformat()})"
                if g.log.aantal
                else ""
            )
            self.stdout.write(f"  Weg te halen verwerkingen: {g.log.aantal}{periode}.")
        self.stdout.write("")
        self.stdout.write(f"Totaal: {rapport.zaken} zaken.")
        self.stdout.write(
            f"Verwerkingenlogging: {rapport.verwerkingen} verwerkingen over hun "
            f"bewaartermijn ({rapport.reeksen} reeksen)."
        )
