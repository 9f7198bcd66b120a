"""``koers check-config``: every configuration problem, in Dutch, with how to fix it.

Runs Django's system checks (Koers' own ``koers.E0xx``/``W0xx`` from koers.config.checks
included) and, outside demo mode or with ``--deploy``, Django's deployment checks. Exit
status 1 when there is at least one error, so scripts and containers can stop on it.
"""

from django.conf import settings
from django.core import checks
from django.core.management.base import BaseCommand, CommandError

# Django's own deployment checks, said in Dutch (message, hint). Unknown ids print as Django
# wrote them.
NEDERLANDS: dict[str, tuple[str, str]] = {
    "security.W001": (
        "SecurityMiddleware staat niet aan.",
        "Zet django.middleware.security.SecurityMiddleware terug in MIDDLEWARE.",
    ),
    "security.W002": (
        "Bescherming tegen clickjacking (XFrameOptionsMiddleware) staat niet aan.",
        "Zet XFrameOptionsMiddleware terug in MIDDLEWARE.",
    ),
    "security.W003": (
        "CSRF-bescherming staat niet aan.",
        "Zet CsrfViewMiddleware terug in MIDDLEWARE.",
    ),
    "security.W004": (
        "HSTS staat niet aan in Koers.",
        "Laat de reverse proxy de header Strict-Transport-Security meesturen "
        "(zie docs/beheer/operator.md).",
    ),
    "security.W005": (
        "HSTS geldt niet voor subdomeinen.",
        "Regel HSTS met includeSubDomains in de reverse proxy.",
    ),
    "security.W008": (
        "Koers stuurt HTTP-verkeer niet door naar HTTPS.",
        "Laat de reverse proxy alle HTTP-verzoeken doorsturen naar HTTPS.",
    ),
    "security.W009": (
        "De geheime sleutel is te kort of te eenvoudig.",
        "Zet KOERS_SECRET_KEY op een willekeurige waarde van minstens 50 tekens.",
    ),
    "security.W012": (
        "Sessiecookies worden ook zonder HTTPS verstuurd.",
        "Zet KOERS_SECURE_COOKIES=true achter HTTPS.",
    ),
    "security.W016": (
        "Het CSRF-cookie wordt ook zonder HTTPS verstuurd.",
        "Zet KOERS_SECURE_COOKIES=true achter HTTPS.",
    ),
    "security.W018": (
        "De debugmodus staat aan.",
        "Zet KOERS_DEBUG=false. Debugmodus toont interne gegevens bij fouten.",
    ),
    "security.W019": ("X-Frame-Options staat niet op DENY.", "Zet X_FRAME_OPTIONS terug op DENY."),
    "security.W020": (
        "KOERS_ALLOWED_HOSTS is leeg.",
        "Zet de hostnaam van deze installatie in KOERS_ALLOWED_HOSTS, bijv. koers.gemeente.nl.",
    ),
    "security.W021": (
        "HSTS-preload staat niet aan.",
        "Regel HSTS met preload in de reverse proxy als uw domein dat toestaat.",
    ),
    "security.W022": (
        "Er is geen Referrer-Policy ingesteld.",
        "Zet SECURE_REFERRER_POLICY terug op same-origin.",
    ),
}
NIVEAUS = (
    (checks.CRITICAL, "FOUT"),
    (checks.ERROR, "FOUT"),
    (checks.WARNING, "WAARSCHUWING"),
    (checks.INFO, "INFO"),
    (checks.DEBUG, "INFO"),
)


def _niveau(level: int) -> str:
    return next(label for grens, label in NIVEAUS if level >= grens)


class Command(BaseCommand):
    help = (
        "Controleert de configuratie en legt in het Nederlands uit wat er mis is en hoe u "
        "het oplost. Buiten demomodus (of met --deploy) ook de controles voor productie. "
        "Stopt met code 1 bij fouten."
    )
    requires_system_checks: list = []  # this command reports them itself

    def add_arguments(self, parser):
        parser.add_argument(
            "--deploy",
            action="store_true",
            help="Ook de productiecontroles uitvoeren in demomodus.",
        )

    def handle(self, *args, deploy, **options):
        problemen = [
            p
            for p in checks.run_checks(include_deployment_checks=deploy or not settings.DEMO)
            if not p.is_silenced()
        ]
        problemen.sort(key=lambda p: (-p.level, p.id or ""))
        for p in problemen:
            bericht, hint = NEDERLANDS.get(p.id, (p.msg, p.hint))
            self.stdout.write(f"{_niveau(p.level)} {p.id}: {bericht}")
            if hint:
                self.stdout.write(f"    Oplossing: {hint}")
        fouten = sum(1 for p in problemen if p.level >= checks.ERROR)
        waarschuwingen = sum(1 for p in problemen if checks.WARNING <= p.level < checks.ERROR)
        modus = "demomodus" if settings.DEMO else "productiemodus"
        if not problemen:
            self.stdout.write(f"Geen problemen gevonden ({modus}).")
            return
        self.stdout.write(f"{fouten} fout(en), {waarschuwingen} waarschuwing(en) ({modus}).")
        if fouten:
            raise CommandError("De configuratie heeft fouten; Koers start zo niet.", returncode=1)
