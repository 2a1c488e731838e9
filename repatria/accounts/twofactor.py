"""Two-factor sign-in: TOTP authenticator apps, with single-use recovery codes for when the phone is lost.

Officers (every role but the partner contact point, who works through API tokens) and superusers must
pass a TOTP code after their password before any page opens; `TwoFactorMiddleware` enforces it.
"""

import base64
import re

import django_otp
import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import Role, User

TOTP_DEVICE_NAME = "authenticator"
RECOVERY_DEVICE_NAME = "recovery"


def requires_two_factor(user: User) -> bool:
    """Every officer and every superuser needs a second factor; partner contact points use API tokens only."""
    return user.is_authenticated and (user.is_superuser or user.role != Role.PARTNER)


def is_verified(request: HttpRequest) -> bool:
    """Whether this session passed the second step (django-otp's middleware keeps the device on the user)."""
    return bool(getattr(request.user, "is_verified", lambda: False)())


def confirmed_totp_devices(user: User) -> list[TOTPDevice]:
    return list(TOTPDevice.objects.devices_for_user(user, confirmed=True))


def has_totp(user: User) -> bool:
    """Whether the user enrolled an authenticator; one who did not is sent to enrolment, not to the code step."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def pending_totp_device(user: User) -> TOTPDevice:
    """The unconfirmed device being enrolled: the same secret on every reload until the user confirms it."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)


def secret_text(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing into an app that cannot scan."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_data_uri(text: str) -> str:
    """A QR code as an SVG data URI, drawn here: no outside service sees the secret, and CSP allows data: images."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    svg = image.to_string(encoding="unicode")
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def normalise(code: str) -> str:
    """Codes are typed with spaces or hyphens now and then, recovery codes in any case."""
    return re.sub(r"[\s-]", "", code or "").lower()


def is_totp_code(code: str) -> bool:
    return bool(re.fullmatch(r"\d{6}", code))


def verify_code(user: User, code: str) -> Device | None:
    """The device that accepts the code: six digits go to the authenticator, anything else to the recovery codes.

    Routing by shape keeps a mistyped TOTP code from throttling the recovery codes, and the reverse.
    A recovery code is deleted when used, so it works once.
    """
    code = normalise(code)
    devices: list[Device] = (
        confirmed_totp_devices(user)
        if is_totp_code(code)
        else list(StaticDevice.objects.devices_for_user(user, confirmed=True))
    )
    for device in devices:
        verified = django_otp.verify_token(user, device.persistent_id, code)
        if verified is not None:
            return verified
    return None


def is_throttled(user: User, code: str) -> bool:
    """Whether the devices the code would go to are waiting after wrong codes (django-otp's back-off)."""
    code = normalise(code)
    model = TOTPDevice if is_totp_code(code) else StaticDevice
    devices = list(model.objects.devices_for_user(user, confirmed=True))
    return bool(devices) and all(not device.verify_is_allowed()[0] for device in devices)


def new_recovery_code() -> str:
    """Eight base32 characters; never all digits, so a recovery code is never taken for a TOTP code."""
    while True:
        token = StaticToken.random_token()
        if not token.isdigit():
            return token


@transaction.atomic
def regenerate_recovery_codes(user: User) -> list[str]:
    """Replace the user's recovery codes with a new batch; the old ones stop working at once."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [new_recovery_code() for _ in range(settings.RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def confirm_enrolment(request: HttpRequest, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm a new authenticator with its first code and verify this session; returns fresh recovery codes.

    Returns None when the code is wrong (or the device is throttled after wrong codes).
    """
    if not is_totp_code(normalise(code)) or not device.verify_token(normalise(code)):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.devices_for_user(device.user, confirmed=False).delete()
    django_otp.login(request, device)
    return regenerate_recovery_codes(device.user)


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
