"""``koers verwerkingen-bewaartermijn``: the dry-run report of the retention rules — which
closed cases have passed their bewaartermijn and would be anonymised, and which records of
the verwerkingenlogging have passed theirs and would be removed. Changes nothing unless
``--uitvoeren`` is given: then those cases are anonymised (koers.avg.anonimisering),
one transaction per batch, and the log records removed with the chain kept verifiable
(koers.verwerkingen.logbewaring). Meant to run daily (cron or systemd timer)."""

from django.core.management.base import BaseCommand, CommandError

from koers.avg import anonimisering
from koers.avg.anonimisering import te_anonimiseren
from koers.inburgeraars.services import vandaag
from koers.verwerkingen import logbewaring


class Command(BaseCommand):
    help = (
        "Proefrapport: welke afgeronde zaken zijn over hun bewaartermijn (wijzigt niets). "
        "Met --uitvoeren worden ze geanonimiseerd."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--uitvoeren",
            action="store_true",
            help="Anonimiseer de zaken uit het rapport (niet terug te draaien).",
        )
        parser.add_argument(
            "--batch",
            type=int,
            default=anonimisering.BATCH,
            help=f"Personen per transactie (standaard {anonimisering.BATCH}).",
        )

    def handle(self, *args, uitvoeren=False, batch=anonimisering.BATCH, **options):
        dag = vandaag()
        if uitvoeren:
            uitkomst = anonimisering.anonimiseer(dag, batch=max(batch, 1))
            rijen = uitkomst.zaken
            self.stdout.write(f"Anonimiseren op {dag.isoformat()}.")
        else:
            rijen = te_anonimiseren(dag)
            self.stdout.write(
                f"Proefrapport bewaartermijn op {dag.isoformat()} (er wordt niets gewijzigd)."
            )
        for gemeente, traject_id, inburgeraar_id, afgerond, vanaf in rijen:
            self.stdout.write(
                f"- {gemeente}: traject {traject_id} (inburgeraar "
                f"{inburgeraar_id}), afgerond {afgerond.isoformat()}, "
                f"anonimiseren vanaf {vanaf.isoformat()}"
            )
        if uitvoeren:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Geanonimiseerd: {uitkomst.aantal} personen in {uitkomst.batches} transacties."
                )
            )
        else:
            self.stdout.write(f"Totaal: {len(rijen)} zaken.")
        self._logging(dag, uitvoeren)

    def _logging(self, dag, uitvoeren):
        if uitvoeren:
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
        else:
            opschoning = logbewaring.te_verwijderen(dag)
            self.stdout.write(
                f"Verwerkingenlogging: {opschoning.aantal} verwerkingen over hun "
                f"bewaartermijn ({len(opschoning.reeksen)} reeksen)."
            )
