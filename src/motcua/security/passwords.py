"""The staff password policy; the common-password and not-like-the-username checks are
Django's own validators, for everyone (settings.AUTH_PASSWORD_VALIDATORS)."""

from django.core.exceptions import ValidationError

from .staff import is_staff_member


class StaffPasswordLengthValidator:
    """Staff passwords have at least `min_length` characters (citizens' follow Django's 8)."""

    def __init__(self, min_length: int = 12):
        self.min_length = min_length

    def validate(self, password: str, user=None) -> None:
        short = len(password) < self.min_length
        if short and user is not None and user.pk and is_staff_member(user):
            raise ValidationError(
                f"Mật khẩu của cán bộ phải có ít nhất {self.min_length} ký tự.",
                code="staff_password_too_short",
            )

    def get_help_text(self) -> str:
        return f"Mật khẩu của cán bộ có ít nhất {self.min_length} ký tự."
