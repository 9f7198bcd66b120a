from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.inburgeraars import rules
from koers.organisaties.models import Gemeente

DOELGROEP_CHOICES = [(d.value, d.value) for d in rules.Doelgroep]
STATUS_CHOICES = [
    (rules.Status.AANGEMELD.value, _("Aangemeld")),
    (rules.Status.BREDE_INTAKE.value, _("Brede intake")),
    (rules.Status.PIP_VASTGESTELD.value, _("PIP vastgesteld")),
    (rules.Status.IN_UITVOERING.value, _("In uitvoering")),
    (rules.Status.AFGEROND.value, _("Afgerond")),
]
REDEN_CHOICES = [
    (rules.Afrondingsreden.VOLDAAN.value, _("Voldaan aan de plicht")),
    (rules.Afrondingsreden.VRIJGESTELD.value, _("Vrijgesteld")),
    (rules.Afrondingsreden.ONTHEVEN.value, _("Ontheven")),
    (rules.Afrondingsreden.VERHUISD.value, _("Verhuisd naar een andere gemeente")),
    (rules.Afrondingsreden.VERTROKKEN.value, _("Vertrokken uit Nederland")),
    (rules.Afrondingsreden.OVERLEDEN.value, _("Overleden")),
    (rules.Afrondingsreden.INGETROKKEN.value, _("Plicht ingetrokken")),
]


def _validate_bsn(value):
    if not rules.is_valid_bsn(value):
        raise ValidationError(
            _("Dit is geen geldig BSN. Een BSN heeft 9 cijfers en moet de elfproef doorstaan.")
        )


def _validate_vnummer(value):
    if value and not rules.is_valid_vnummer(value):
        raise ValidationError(_("Een V-nummer heeft 10 cijfers."))


# Where a list loads the doelgroepperioden of its rows (``Prefetch(..., to_attr=...)``): a
# plain list per row. Prefetching into the related manager builds a filtered queryset for
# every row, which cost the API list a tenth of its Python time.
DOELGROEPHISTORIE_GELADEN = "_doelgroephistorie"


class Inburgeraar(models.Model):
    bsn = models.CharField("BSN", max_length=9, unique=True, validators=[_validate_bsn])
    vnummer = models.CharField(
        "V-nummer", max_length=10, blank=True, validators=[_validate_vnummer]
    )
    voornamen = models.CharField(max_length=200)
    geslachtsnaam = models.CharField(max_length=200)
    # Empty only for a person whom DUO announced before Koers knew him: DUO's answers carry
    # neither name nor date of birth (see persoonsgegevens_aanvullen).
    geboortedatum = models.DateField(null=True, blank=True)
    # Lower-case "geslachtsnaam voornamen": an indexed prefix search for the werkvoorraad.
    zoeknaam = models.CharField(max_length=401, editable=False, db_index=True)
    telefoon = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    adres = models.CharField(max_length=200, blank=True)
    postcode_plaats = models.CharField(max_length=100, blank=True)
    talen = models.JSONField(
        default=list, blank=True, help_text="Gesproken talen, bijv. ['Arabisch', 'Engels']"
    )
    tolk_nodig = models.BooleanField(default=False)
    tolk_taal = models.CharField(max_length=50, blank=True)
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="inburgeraars")
    doelgroep = models.CharField(max_length=50, choices=DOELGROEP_CHOICES)
    # The indeling that drives aanbod, ontzorgen, hours and handhaving. DUO's own answer (API
    # Inburgeringsplicht, Doelgroep.indeling) wins: DUO may keep asylum rights for a gezinsvormer
    # or grant them to someone else. Until DUO answers, save() derives it from the detailed
    # doelgroep and doelgroepindeling_van_duo stays False (provisional). Stored, so that
    # set-based counts and filters use an index instead of a list of detailed doelgroepen.
    doelgroepindeling = models.CharField(
        max_length=40,
        blank=True,
        db_index=True,
        choices=[(d.value, d.value) for d in rules.Doelgroepindeling],
    )
    doelgroepindeling_van_duo = models.BooleanField(
        default=False, help_text="De indeling komt van DUO (anders afgeleid en voorlopig)"
    )
    # DUO's AsielrechtenWijzigingVerblijfsdoel: which rights DUO applies after a change of
    # verblijfsdoel (four values, not a yes/no). Empty: DUO gave none.
    asielrechten_wijziging_verblijfsdoel = models.CharField(
        max_length=70,
        blank=True,
        choices=[(a.value, a.value) for a in rules.AsielrechtenWijziging],
        help_text="DUO: welke rechten gelden na een wijziging van het verblijfsdoel",
    )
    # DUO's GedeeltelijkeOntheffing.urenBelastbaarheidParticipatieactiviteit: the most hours of
    # participatieactiviteiten the person can manage in the termijn (0 = none). Empty: no partial
    # ontheffing with hours.
    uren_belastbaarheid_participatie = models.PositiveSmallIntegerField(
        "uren belastbaarheid participatie",
        null=True,
        blank=True,
        help_text="Gedeeltelijke ontheffing (DUO): maximaal aantal uren participatie, 0 = geen",
    )
    # DUO's GratisPogingTegoed list (API Examen): [{"onderdeel": "LE", "gratisPogingenTegoed": 2}]
    # as DUO reported it on gratis_examenpogingen_op; empty until DUO answered.
    gratis_examenpogingen = models.JSONField(default=list, blank=True)
    gratis_examenpogingen_op = models.DateTimeField(null=True, blank=True)
    turkse_nieuwkomer = models.BooleanField(default=False)
    vestigingsdatum = models.DateField(null=True, blank=True)
    persoonsgegevens_aanvullen = models.BooleanField(
        default=False,
        help_text="Aangemaakt door een bericht van DUO: naam en geboortedatum staan nog niet "
        "in Koers. Vul ze aan uit de BRP.",
    )
    geen_contact = models.BooleanField(
        default=False, help_text="Geen contact en geen brieven meer (bijv. overleden, SS111)"
    )
    # The BRP's geheimhoudingPersoonsgegevens (kept up to date by koers.brp): the person asked
    # that his data go to no third party, so nothing Koers sends to a ketenpartner carries his
    # address (koers.toegang.policy.adres_voor_derden).
    geheimhouding_persoonsgegevens = models.BooleanField(
        default=False, help_text="Geheimhouding volgens de BRP: geen adres naar derden"
    )
    huidig_traject = models.OneToOneField(
        "Traject", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "inburgeraars"
        indexes = [models.Index(fields=["gemeente", "id"], name="inburgeraar_gemeente_id")]

    def __str__(self):
        return self.volledige_naam

    def save(self, *args, **kwargs):
        self.zoeknaam = f"{self.geslachtsnaam} {self.voornamen}".lower()[:401]
        if not self.doelgroepindeling_van_duo and self.doelgroep:
            self.doelgroepindeling = rules.doelgroepindeling(self.doelgroep).value
        super().save(*args, **kwargs)

    NAAM_ONBEKEND = "Naam nog onbekend"

    @property
    def lijstnaam(self):
        """ "Geslachtsnaam, voornamen" for lists sorted by surname."""
        if not self.geslachtsnaam:
            return self.volledige_naam
        return f"{self.geslachtsnaam}, {self.voornamen}" if self.voornamen else self.geslachtsnaam

    @property
    def volledige_naam(self):
        naam = f"{self.voornamen} {self.geslachtsnaam}".strip()
        return naam or self.NAAM_ONBEKEND

    @property
    def gratis_examenpogingen_weergave(self):
        """DUO's free attempts per exam part, with the part's name instead of DUO's code."""
        return [
            (
                rules.EXAMENONDERDEEL_NAMEN.get(p.get("onderdeel"), p.get("onderdeel")),
                p.get("gratisPogingenTegoed"),
            )
            for p in self.gratis_examenpogingen
        ]

    @property
    def doelgroephistorie(self) -> list:
        """DUO's Doelgroephistorie, oldest first: the list a list page loaded for all its
        rows at once (:data:`DOELGROEPHISTORIE_GELADEN`), else one query."""
        geladen = self.__dict__.get(DOELGROEPHISTORIE_GELADEN)
        return geladen if geladen is not None else list(self.doelgroepperioden.all())

    @property
    def is_asielmigrant(self):
        return self.doelgroepindeling == rules.Doelgroepindeling.ASIELSTATUSHOUDER

    @property
    def doelgroepindeling_voorlopig(self):
        """True while the indeling is Koers' own derivation: DUO has not answered yet."""
        return not self.doelgroepindeling_van_duo


class Doelgroepperiode(models.Model):
    """One period of DUO's Doelgroephistorie (API Inburgeringsplicht, schema
    Doelgroephistorie; both dates inclusive). Replaced by DUO's whole list on each fetch."""

    inburgeraar = models.ForeignKey(
        Inburgeraar, on_delete=models.CASCADE, related_name="doelgroepperioden"
    )
    indeling = models.CharField(
        max_length=40, choices=[(d.value, d.value) for d in rules.Doelgroepindeling]
    )
    begindatum = models.DateField(null=True, blank=True)
    einddatum = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = "doelgroepperiode"
        verbose_name_plural = "doelgroepperioden"
        ordering = ["inburgeraar", "begindatum", "id"]

    def __str__(self):
        return f"{self.indeling} vanaf {self.begindatum}"


class Traject(models.Model):
    """One case: the whole path under one inburgeringsplicht."""

    inburgeraar = models.ForeignKey(Inburgeraar, on_delete=models.PROTECT, related_name="trajecten")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="trajecten")
    status = models.CharField(
        max_length=20, choices=STATUS_CHOICES, default=rules.Status.AANGEMELD.value
    )
    afrondingsreden = models.CharField(max_length=20, choices=REDEN_CHOICES, blank=True)
    adviseur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="trajecten",
    )
    datum_start_plicht = models.DateField(null=True, blank=True)
    datum_start_pip_termijn = models.DateField(
        null=True, blank=True, help_text="Start van de 10-wekenklok voor het PIP (SS139)"
    )
    derde_informatie_ontvangen = models.DateField(
        null=True,
        blank=True,
        help_text="Datum waarop nodige informatie van derden binnenkwam (+2 weken, Bi 5.3)",
    )
    pip_uiterlijk = models.DateField(null=True, blank=True, editable=False)
    # Sort key of the werkvoorraad; derived by koers.inburgeraars.rules.volgende_deadline and
    # stored so that 1,000,000 cases sort on an index.
    volgende_deadline = models.DateField(null=True, blank=True, editable=False)
    termijn_start = models.DateField(null=True, blank=True)
    termijn_eind = models.DateField(null=True, blank=True)
    termijn_bron = models.CharField(
        max_length=10, blank=True, choices=[("afgeleid", "Afgeleid uit PIP"), ("duo", "DUO")]
    )
    # Set by DUO's notifications (koers.duo.handlers): SS109 pauses, SS129/SS130 resume.
    gepauzeerd_sinds = models.DateField(
        null=True, blank=True, help_text="Tijdelijke vrijstelling door DUO (SS109)"
    )
    # Leerbaarheidstoets (API Leerbaarheidstoets): DUO's examennummer to plan it with, and a
    # decision of the gemeente not to take the LBT (koers.inburgeraars.rules.lbt_overslaan).
    lbt_examennummer = models.CharField(max_length=12, blank=True)
    lbt_overgeslagen_grond = models.CharField(
        max_length=30,
        blank=True,
        choices=[(g.value, label) for g, label in rules.LBT_OVERSLAAN_GRONDEN.items()],
    )
    # Free text that may name a medical reason: shown only with Sectie.GEZONDHEID.
    lbt_overgeslagen_toelichting = models.TextField(blank=True)
    lbt_overgeslagen_op = models.DateField(null=True, blank=True)
    lbt_overgeslagen_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    aow_binnen_6_maanden = models.BooleanField(
        default=False, help_text="DUO meldt: bereikt binnen 6 maanden de AOW-leeftijd (SS128)"
    )
    duo_gecontroleerd_op = models.DateTimeField(
        null=True, blank=True, help_text="Laatste controle van plicht en termijn bij DUO"
    )
    aangemeld_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "trajecten"
        indexes = [
            # Herstel (koers.duo.herstel): open cases, longest unchecked first.
            models.Index(
                fields=["duo_gecontroleerd_op", "id"],
                condition=~models.Q(status="afgerond"),
                name="traject_duo_herstel",
            ),
            models.Index(
                fields=["adviseur", "volgende_deadline", "id"], name="traject_adviseur_deadline"
            ),
            models.Index(
                fields=["gemeente", "volgende_deadline", "id"], name="traject_gemeente_deadline"
            ),
            models.Index(fields=["gemeente", "status"], name="traject_gemeente_status"),
            # Signals on the termijn's end (verwijtbaar window, PVT/MAP not done) at 1M cases.
            models.Index(
                fields=["termijn_eind"],
                condition=~models.Q(status="afgerond"),
                name="traject_termijn_eind_open",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["inburgeraar"],
                condition=~models.Q(status="afgerond"),
                name="een_open_traject_per_inburgeraar",
            ),
        ]

    def __str__(self):
        return f"Traject {self.pk} ({self.get_status_display()})"

    @property
    def is_open(self):
        return self.status != rules.Status.AFGEROND

    @property
    def termijn_laatste_dag(self):
        """The last day of the termijn; ``termijn_eind`` is DUO's exclusive end date."""
        return rules.termijn_laatste_dag(self.termijn_eind)

    def urgentie(self, vandaag):
        return rules.deadline_urgentie(self.volgende_deadline, vandaag).value

    def herbereken_deadlines(self):
        self.pip_uiterlijk = rules.pip_uiterlijk(
            self.datum_start_pip_termijn, self.derde_informatie_ontvangen
        )
        self.volgende_deadline = rules.volgende_deadline(self.status, self.pip_uiterlijk)


class Gebeurtenis(models.Model):
    """The case's history: every status change and every step, with who, when and why."""

    class Soort(models.TextChoices):
        AANGEMELD = "aangemeld", _("Aangemeld")
        STATUS = "status", _("Status gewijzigd")
        ADVISEUR = "adviseur", _("Adviseur toegewezen")
        INTAKE_OPGESLAGEN = "intake_opgeslagen", _("Brede intake opgeslagen")
        INTAKE_AFGEROND = "intake_afgerond", _("Brede intake afgerond")
        PIP_CONCEPT = "pip_concept", _("PIP-concept opgeslagen")
        PIP_VASTGESTELD = "pip_vastgesteld", _("PIP vastgesteld")
        GEGEVENS = "gegevens", _("Gegevens gewijzigd")
        DUO = "duo", _("Bericht van DUO")
        LEERROUTE = "leerroute", _("Leerroute")
        MODULE = "module", _("PVT of MAP")
        BEGELEIDING = "begeleiding", _("Begeleiding")
        ONTZORGEN = "ontzorgen", _("Financieel ontzorgen")
        NETWERK = "netwerk", _("Netwerk en ondersteuning")
        GESPREK = "gesprek", _("Voortgangsgesprek")
        SIGNAAL = "signaal", _("Signaal afgehandeld")
        HANDHAVING = "handhaving", _("Handhaving")
        VERWIJZING = "verwijzing", _("Verwijzing naar ketenpartner")
        PORTAAL = "portaal", _("Mijn Inburgering")
        BRP = "brp", _("Gegevens uit de BRP")

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="gebeurtenissen")
    soort = models.CharField(max_length=30, choices=Soort.choices)
    omschrijving = models.CharField(max_length=500)
    van_status = models.CharField(max_length=20, blank=True)
    naar_status = models.CharField(max_length=20, blank=True)
    toelichting = models.TextField(blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "gebeurtenissen"
        ordering = ["-op", "-id"]
        indexes = [models.Index(fields=["traject", "-op"], name="gebeurtenis_traject_op")]

    def __str__(self):
        return self.omschrijving
