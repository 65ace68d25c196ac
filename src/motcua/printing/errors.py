"""Why a form could not be printed. Each carries a message for the user (Vietnamese)."""


class PrintingError(Exception):
    """Base: nothing was printed."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class FormNotApplicable(PrintingError):
    """The form does not apply to this dossier (e.g. form 03 for a dossier not refused)."""


class TemplateMissing(PrintingError):
    """No template with this code is stored (migrations not run, or a code not shipped)."""
