"""Why signing or verification failed, with a message for the user (Vietnamese)."""


class SigningError(Exception):
    """Nothing was signed: wrong password, missing token, unreadable file..."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class UnreadablePdf(SigningError):
    """The bytes are not a PDF that can be read."""
