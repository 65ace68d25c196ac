"""The lifecycle as a Mermaid state diagram, drawn from `lifecycle.TRANSITIONS`.

docs/lifecycle.md embeds this output; a test keeps the two equal.
"""

from .lifecycle import TRANSITIONS
from .models import OPEN_STATUSES, EventKind, Status


def mermaid() -> str:
    lines = ["stateDiagram-v2"]
    for status in Status:
        lines.append(f"    {status.value}: {status.label}")
    for transition in TRANSITIONS.values():
        sources = transition.sources or ("[*]",)
        if transition.name == EventKind.RECEIVE_SUPPLEMENT:
            targets = [Status.SUBMITTED, Status.RECEIVED, Status.IN_PROGRESS]
        elif transition.target is None:
            targets = None  # keeps the status
        else:
            targets = [transition.target]
        for source in sources:
            for target in targets or [source]:
                lines.append(f"    {source} --> {target}: {transition.name}")
    for status in Status:
        if status not in OPEN_STATUSES:
            lines.append(f"    {status.value} --> [*]")
    return "\n".join(lines) + "\n"
