"""Feedback on administrative regulations: deadline, publication with consent, figures fed
to Decision 766's satisfaction group and to the year-end review."""

from datetime import date

import pytest
from support import vn

from motcua.reform import feedback
from motcua.reform.errors import ReformError
from motcua.reform.models import Channel, FeedbackKind, Topic
from motcua.reports.index import service_index


def _receive(tree, consent=True, at=None):
    return feedback.receive(
        agency=tree["district"],
        channel=Channel.PORTAL,
        kind=FeedbackKind.REPORT,
        name="Lê Văn Tám",
        phone="02760999001",
        subject="Yêu cầu giấy tờ không có trong danh mục",
        content="Cán bộ yêu cầu nộp thêm giấy xác nhận cư trú.",
        publish_consent=consent,
        at=at or vn(2022, 3, 1, 9),
    )


def test_feedback_without_a_way_to_answer_is_refused(tree):
    with pytest.raises(ReformError, match="điện thoại, thư điện tử hoặc địa chỉ"):
        feedback.receive(
            agency=tree["district"],
            channel=Channel.DESK,
            kind=FeedbackKind.REPORT,
            name="A",
            subject="B",
            content="C",
            at=vn(2022, 3, 1),
        )


def test_assigned_feedback_is_due_in_the_working_days_of_the_rules(tree, officer):
    item = _receive(tree)
    assert item.code == "PAKN-220301-0001"
    feedback.assign(
        item, handler=tree["department"], topic=Topic.CONDUCT, actor=officer, at=vn(2022, 3, 1, 10)
    )
    item.refresh_from_db()
    # 15 working days from Tuesday 01/03/2022 09:00 (no holiday in between).
    assert item.due_at == vn(2022, 3, 22, 9)


def test_the_answer_is_published_only_when_the_citizen_agreed(tree, officer):
    public, private = _receive(tree), _receive(tree, consent=False)
    for item in (public, private):
        feedback.assign(
            item,
            handler=tree["department"],
            topic=Topic.PROCEDURE,
            actor=officer,
            at=vn(2022, 3, 1, 10),
        )
        feedback.answer(item, text="Đã chấn chỉnh.", actor=officer, at=vn(2022, 3, 10, 9))
    assert [i.pk for i in feedback.published()] == [public.pk]


def test_feedback_figures_feed_the_766_satisfaction_group(tree, officer):
    # November 2022: the index applies from 23/06/2022 (Decision 766/QĐ-TTg).
    received = vn(2022, 11, 1, 9)
    on_time, late = _receive(tree, at=received), _receive(tree, at=received)
    for item, answered in ((on_time, vn(2022, 11, 10, 9)), (late, vn(2022, 11, 30, 9))):
        feedback.assign(
            item,
            handler=tree["department"],
            topic=Topic.PROCEDURE,
            actor=officer,
            at=vn(2022, 11, 1, 10),
        )
        feedback.answer(item, text="Trả lời.", actor=officer, at=answered)
    feedback.rate(on_time, satisfaction=3, at=vn(2022, 11, 11))
    feedback.rate(late, satisfaction=1, at=vn(2022, 11, 30))
    figures = feedback.feedback_figures(tree["district"], date(2022, 11, 1), date(2022, 11, 30))
    assert figures["on_time"] == (1, 2) and figures["satisfied"] == (1, 2)

    scores = {s.metric.code: s for s in service_index(tree["district"], date(2022, 11, 1)).scores}
    assert (scores["5.1"].numerator, scores["5.1"].denominator) == (1, 2)
    assert scores["5.1"].points == 3 and scores["5.2"].points == 3
