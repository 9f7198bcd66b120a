"""The second factor for staff: TOTP (django-otp), with the demo skip in one place."""

from django.conf import settings
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

DEMO_SKIP_SESSION_KEY = "koers_demo_zonder_tweede_factor"
# Set by the SSO login (koers.beveiliging.oidc_views) to the user's pk when the organisation's
# identity provider asserted it checked a second factor itself.
SSO_MFA_SESSION_KEY = "koers_sso_tweede_factor"


def mag_tweede_factor_overslaan(user) -> bool:
    """Only demo accounts, and only while the installation runs in demo mode."""
    return bool(settings.DEMO and getattr(user, "is_demo_account", False))


def heeft_tweede_factor_nodig(request) -> bool:
    if request.session.get(DEMO_SKIP_SESSION_KEY) and mag_tweede_factor_overslaan(request.user):
        return False
    sso_mfa = request.session.get(SSO_MFA_SESSION_KEY)
    if sso_mfa is not None and sso_mfa == request.user.pk:
        return False
    return not request.user.is_verified()


def totp_device(user, *, confirmed: bool | None = None):
    devices = TOTPDevice.objects.devices_for_user(user, confirmed=confirmed)
    return devices.first()


def heeft_bevestigd_apparaat(user) -> bool:
    return user_has_device(user, confirmed=True)
