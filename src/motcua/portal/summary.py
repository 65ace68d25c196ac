"""The error summary at the top of a form: each message linked to its field."""

from django import forms


def anchor(form: forms.Form, name: str, fallback: str) -> str:
    """`#id_x` for a field; the first button of a radio group; `fallback` for the form."""
    if name == "__all__" or name not in form.fields:
        return fallback
    field = form[name]
    if isinstance(field.field.widget, forms.RadioSelect):
        return f"#{field.auto_id}_0"
    return f"#{field.auto_id}"


def error_summary(form: forms.Form, fallback: str = "#main") -> list[tuple[str, str]]:
    """(anchor, message) for every error of a bound form, form-wide ones first."""
    if not form.is_bound:
        return []
    errors = [(fallback, message) for message in form.non_field_errors()]
    for name, messages in form.errors.items():
        if name != "__all__":
            errors += [(anchor(form, name, fallback), message) for message in messages]
    return errors
