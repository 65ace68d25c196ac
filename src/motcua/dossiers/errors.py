"""Why a lifecycle call was refused. Each carries a message for the user (Vietnamese)."""


class LifecycleError(Exception):
    """Base: nothing was changed."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotAllowed(LifecycleError):
    """The actor does not hold the role this action needs at this agency."""


class DossierStateError(LifecycleError):
    """The action does not apply to the dossier in its current status or step."""


class ConflictError(LifecycleError):
    """Someone else changed the dossier since the actor loaded it."""


class InvalidInput(LifecycleError):
    """Some input is wrong; `errors` maps each field to its message."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(" ".join(errors.values()))
        self.errors = errors
