from django.contrib import admin

from koers.monitoring.models import Engineloop, Gespreksbeleid


@admin.register(Gespreksbeleid)
class GespreksbeleidAdmin(admin.ModelAdmin):
    list_display = ("gemeente", "maanden_jaar1", "maanden_daarna")
    list_select_related = ("gemeente",)


@admin.register(Engineloop)
class EngineloopAdmin(admin.ModelAdmin):
    list_display = ("naam", "laatste_dag", "laatste_duur", "laatste_aantal", "bezig_tot")
    readonly_fields = ("naam", "laatste_dag", "laatste_duur", "laatste_aantal", "bezig_tot")

    def has_add_permission(self, request):
        return False
