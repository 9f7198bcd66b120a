"""``koers verwerkingen-bewaartermijn``: the dry-run report of the retention rule — which
closed cases have passed their bewaartermijn and would be anonymised. Changes nothing."""

from django.core.management.base import BaseCommand

from koers.inburgeraars.services import vandaag
from koers.verwerkingen.services import te_anonimiseren


class Command(BaseCommand):
    help = "Proefrapport: welke afgeronde zaken zijn over hun bewaartermijn (wijzigt niets)."

    def handle(self, *args, **options):
        dag = vandaag()
        rijen = te_anonimiseren(dag)
        self.stdout.write(f"Proefrapport bewaartermijn op {dag.isoformat()} (er wordt niets "
                          f"gewijzigd).")
        for gemeente, traject_id, inburgeraar_id, afgerond, vanaf in rijen:
            self.stdout.write(f"- {gemeente}: traject {traject_id} (inburgeraar "
                              f"{inburgeraar_id}), afgerond {afgerond.isoformat()}, "
                              f"anonimiseren vanaf {vanaf.isoformat()}")
        self.stdout.write(f"Totaal: {len(rijen)} zaken.")
