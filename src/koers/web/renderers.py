"""The form renderer: Django's widget templates in their Jinja2 version, which render several
times faster than with the Django engine; any template Jinja2 lacks (the admin's own widgets)
falls back to the Django engine."""

from django.forms.renderers import DjangoTemplates, Jinja2
from django.template import TemplateDoesNotExist


class KoersRenderer(Jinja2):
    def __init__(self):
        super().__init__()
        self.django = DjangoTemplates()

    def get_template(self, template_name):
        try:
            return super().get_template(template_name)
        except TemplateDoesNotExist:
            return self.django.get_template(template_name)
