"""Errors of the e-office: each carries the Vietnamese sentence the page shows."""


class EofficeError(Exception):
    status = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotAllowed(EofficeError):
    status = 403


class StateError(EofficeError):
    """The document is not in a state where this step can be taken (or someone else just
    took it)."""

    status = 409


class InvalidInput(EofficeError):
    pass
