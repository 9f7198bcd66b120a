app_name = "api"
urlpatterns: list = []  # filled by the API slice
