"""Helpers for tests and benchmarks: sign a test client in past both steps, and compute a device's current code."""

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User
from .twofactor import TOTP_DEVICE_NAME


def totp_device(user: User) -> TOTPDevice:
    """The user's confirmed authenticator, made if there is none: tests sign in as an officer who enrolled."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=True)


def mark_verified(client: Client, user: User) -> TOTPDevice:
    """Mark a signed-in client's session as past the TOTP step, as django_otp.login does after a right code."""
    device = totp_device(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


def verified_login(client: Client, user: User) -> TOTPDevice:
    """Like Client.force_login, plus the TOTP step: without it every officer page redirects to the code step."""
    client.force_login(user)
    return mark_verified(client, user)


def current_code(device: TOTPDevice) -> str:
    """The code the user's authenticator app shows now."""
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift)
    return f"{code:0{device.digits}d}"
