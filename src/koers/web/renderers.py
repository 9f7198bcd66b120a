"""The form renderer: Django's widget templates in their Jinja2 version, which render several
times faster than with the Django engine; any template Jinja2 lacks (the admin's own widgets)
falls back to the Django engine. The same engine renders the shell's few hot components (a
form field, the werkvoorraad's rows) from the apps' ``jinja2/`` folders."""

from django.forms.renderers import DjangoTemplates, Jinja2, get_default_renderer
from django.forms.utils import RenderableMixin
from django.template import TemplateDoesNotExist
from django.utils.safestring import SafeString


class KoersRenderer(Jinja2):
    def __init__(self):
        super().__init__()
        self.django = DjangoTemplates()

    def get_template(self, template_name):
        try:
            return super().get_template(template_name)
        except TemplateDoesNotExist:
            return self.django.get_template(template_name)

    def render(self, template_name, context, request=None):
        """Quotes escaped as Django escapes them: markupsafe writes ``&#34;`` and ``&#39;``,
        Django ``&quot;`` and ``&#x27;``. The same HTML, but a page then speaks one dialect
        whichever engine printed a part of it. Only escaped quotes carry these entities (a
        typed "&#34;" becomes "&amp;#34;"), so the replacement changes nothing else."""
        html = super().render(template_name, context, request)
        return html.replace("&#34;", "&quot;").replace("&#39;", "&#x27;")


class _Onderdeel(RenderableMixin):
    """A component template rendered the way Django renders a widget or a form: through the
    form renderer, whose Jinja2 engine escapes everything it prints."""

    def __init__(self, template_name: str, context: dict):
        self.template_name = template_name
        self.context = context
        self.renderer = get_default_renderer()

    def get_context(self):
        return self.context


def jinja(naam: str, context: dict) -> SafeString:
    """A component rendered by Jinja2 (autoescape on), ready to place in a Django template."""
    return _Onderdeel(naam, context).render()
