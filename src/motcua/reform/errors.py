"""The errors of reform work; their message is shown to the user as it is (Vietnamese)."""


class ReformError(Exception):
    """A change that is not allowed now, or input that makes no sense."""
