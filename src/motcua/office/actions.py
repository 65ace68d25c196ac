"""The lifecycle actions staff take on a dossier: one row each, with its form and its call.

The workspace shows the actions `lifecycle.allowed_actions` returns, in that order; posting
one runs its `run`, which calls the lifecycle function and nothing else.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from motcua.dossiers import lifecycle
from motcua.dossiers.models import Dossier, EventKind

from . import forms

PRIMARY, SECONDARY, DANGER = "primary", "secondary", "danger"
# The paper originals' hand-over: shown in its own panel of the workspace.
HANDOVER = "handover"


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    form: type[forms.ActionForm]
    run: Callable[[Dossier, object, dict], Dossier]
    done: str
    group: str = PRIMARY
    accesskey: str = ""
    # Lifecycle error keys that belong to a differently named field of the form.
    aliases: dict[str, str] = field(default_factory=dict)


def _version(data: dict) -> dict:
    return {"expected_version": data["expected_version"]}


ACTIONS = {
    action.name: action
    for action in [
        Action(
            EventKind.ACCEPT,
            "Tiếp nhận hồ sơ",
            forms.AcceptForm,
            lambda d, user, data: lifecycle.accept(
                d, actor=user, handling_agency=data["handling_agency"], **_version(data)
            ),
            "Đã tiếp nhận hồ sơ nộp trực tuyến.",
            accesskey="a",
        ),
        Action(
            EventKind.ASSIGN,
            "Phân công",
            forms.AssignForm,
            lambda d, user, data: lifecycle.assign(
                d, actor=user, assignee=data["assignee"], **_version(data)
            ),
            "Đã phân công người xử lý.",
            SECONDARY,
        ),
        Action(
            EventKind.FORWARD,
            "Chuyển bước tiếp theo",
            forms.ForwardForm,
            lambda d, user, data: lifecycle.forward(
                d, actor=user, note=data["note"], assignee=data["assignee"], **_version(data)
            ),
            "Đã chuyển hồ sơ sang bước tiếp theo.",
            accesskey="c",
        ),
        Action(
            EventKind.SEND_BACK,
            "Chuyển lại bước trước",
            forms.SendBackForm,
            lambda d, user, data: lifecycle.send_back(
                d, actor=user, note=data["note"], **_version(data)
            ),
            "Đã chuyển lại hồ sơ về bước trước.",
            SECONDARY,
        ),
        Action(
            EventKind.REQUEST_SUPPLEMENT,
            "Yêu cầu bổ sung",
            forms.SupplementRequestForm,
            lambda d, user, data: lifecycle.request_supplement(
                d, actor=user, items=data["items"], note=data["note"], **_version(data)
            ),
            "Đã yêu cầu bổ sung hồ sơ; thời hạn tạm dừng.",
            SECONDARY,
        ),
        Action(
            EventKind.RECEIVE_SUPPLEMENT,
            "Nhận hồ sơ bổ sung",
            forms.SupplementReceivedForm,
            lambda d, user, data: lifecycle.receive_supplement(
                d, actor=user, note=data["note"], **_version(data)
            ),
            "Đã nhận hồ sơ bổ sung; thời hạn tiếp tục.",
            accesskey="b",
        ),
        Action(
            EventKind.APPROVE,
            "Phê duyệt",
            forms.ApproveForm,
            lambda d, user, data: lifecycle.approve(
                d,
                actor=user,
                note=data["note"],
                signing_password=data["signing_password"] or None,
                **_version(data),
            ),
            "Đã phê duyệt hồ sơ.",
            accesskey="d",
        ),
        Action(
            EventKind.MARK_RESULT_READY,
            "Xác nhận đã có kết quả",
            forms.NoteForm,
            lambda d, user, data: lifecycle.mark_result_ready(
                d, actor=user, note=data["note"], **_version(data)
            ),
            "Kết quả đã sẵn sàng để trả.",
            accesskey="r",
        ),
        Action(
            EventKind.RETURN_RESULT,
            "Trả kết quả",
            forms.NoteForm,
            lambda d, user, data: lifecycle.return_result(
                d, actor=user, note=data["note"], **_version(data)
            ),
            "Đã trả kết quả cho người nộp.",
            accesskey="t",
        ),
        Action(
            EventKind.SEND_ORIGINALS,
            "Gửi bản giấy đến cơ quan giải quyết",
            forms.NoteForm,
            lambda d, user, data: lifecycle.send_originals(
                d, actor=user, note=data["note"], **_version(data)
            ),
            "Đã ghi nhận gửi bản giấy hồ sơ.",
            HANDOVER,
        ),
        Action(
            EventKind.RECEIVE_ORIGINALS,
            "Xác nhận đã nhận bản giấy",
            forms.NoteForm,
            lambda d, user, data: lifecycle.receive_originals(
                d, actor=user, note=data["note"], **_version(data)
            ),
            "Đã ghi nhận nhận bản giấy hồ sơ.",
            HANDOVER,
        ),
        Action(
            EventKind.REFUSE,
            "Từ chối giải quyết",
            forms.ReasonForm,
            lambda d, user, data: lifecycle.refuse(
                d, actor=user, reason=data["reason"], **_version(data)
            ),
            "Đã từ chối giải quyết hồ sơ.",
            DANGER,
            aliases={"note": "reason"},
        ),
        Action(
            EventKind.WITHDRAW,
            "Rút hồ sơ",
            forms.ReasonForm,
            lambda d, user, data: lifecycle.withdraw(
                d, actor=user, reason=data["reason"], **_version(data)
            ),
            "Đã ghi nhận việc rút hồ sơ.",
            DANGER,
            aliases={"note": "reason"},
        ),
        Action(
            EventKind.APOLOGISE_AND_RESCHEDULE,
            "Xin lỗi và hẹn lại",
            forms.RescheduleForm,
            lambda d, user, data: lifecycle.apologise_and_reschedule(
                d,
                actor=user,
                reason=data["reason"],
                new_appointment=data["new_appointment"],
                **_version(data),
            ),
            "Đã ghi nhận thư xin lỗi và ngày hẹn mới.",
            SECONDARY,
            aliases={"note": "reason"},
        ),
    ]
}
