from django.contrib.auth.views import LoginView
from django.http import HttpResponse
from django.urls import include, path

urlpatterns = [
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
    path("accounts/login/", LoginView.as_view(template_name="registration/login.html")),
    # Browsers ask for it on the login page; a 404 would be a console error in every test.
    path("favicon.ico", lambda request: HttpResponse(status=204)),
]
