"""``koers verwerkingen-bewaartermijn``: the dry-run report of the retention rule — which
closed cases have passed their bewaartermijn and would be anonymised. Changes nothing unless
``--uitvoeren`` is given: then those cases are anonymised (koers.verwerkingen.anonimiseren),
one transaction per batch."""

from django.core.management.base import BaseCommand

from koers.inburgeraars.services import vandaag
from koers.verwerkingen import anonimiseren
from koers.verwerkingen.services import te_anonimiseren


class Command(BaseCommand):
    help = ("Proefrapport: welke afgeronde zaken zijn over hun bewaartermijn (wijzigt niets). "
            "Met --uitvoeren worden ze geanonimiseerd.")

    def add_arguments(self, parser):
        parser.add_argument("--uitvoeren", action="store_true",
                            help="Anonimiseer de zaken uit het rapport (niet terug te draaien).")
        parser.add_argument("--batch", type=int, default=anonimiseren.BATCH,
                            help=f"Personen per transactie (standaard {anonimiseren.BATCH}).")

    def handle(self, *args, uitvoeren=False, batch=anonimiseren.BATCH, **options):
        dag = vandaag()
        if uitvoeren:
            uitkomst = anonimiseren.anonimiseer(dag, batch=max(batch, 1))
            rijen = uitkomst.zaken
            self.stdout.write(f"Anonimiseren op {dag.isoformat()}.")
        else:
            rijen = te_anonimiseren(dag)
            self.stdout.write(f"Proefrapport bewaartermijn op {dag.isoformat()} (er wordt "
                              f"niets gewijzigd).")
        for gemeente, traject_id, inburgeraar_id, afgerond, vanaf in rijen:
            self.stdout.write(f"- {gemeente}: traject {traject_id} (inburgeraar "
                              f"{inburgeraar_id}), afgerond {afgerond.isoformat()}, "
                              f"anonimiseren vanaf {vanaf.isoformat()}")
        if uitvoeren:
            self.stdout.write(self.style.SUCCESS(
                f"Geanonimiseerd: {uitkomst.aantal} personen in {uitkomst.batches} "
                f"transacties."))
        else:
            self.stdout.write(f"Totaal: {len(rijen)} zaken.")
