"""The reform office's pages (under /office/reform/): dashboard, plan and tasks, the PAR
index self-assessment and its review, feedback, training, and the year-end review."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from motcua.dossiers.errors import InvalidInput
from motcua.dossiers.files import read_blob

from . import access, assessment, feedback, plan, training
from .criteria import import_criteria_xlsx
from .documents import plan_pdf, plan_xlsx
from .errors import ReformError
from .forms import (
    AnswerForm,
    AssignForm,
    CriteriaImportForm,
    DeskFeedbackForm,
    ProgressForm,
    RateForm,
)
from .models import (
    Assessment,
    AssessmentStatus,
    Channel,
    Course,
    Criterion,
    Feedback,
    FeedbackStatus,
    Plan,
    ProgressReport,
    Score,
    Task,
)
from .review import year_review

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _errors(form) -> list[tuple[str, str]]:
    return [
        (f"#id_{name}" if name != "__all__" else "#main", message)
        for name, errors in form.errors.items()
        for message in errors
    ]


def _failure(error: Exception) -> list[tuple[str, str]]:
    if isinstance(error, InvalidInput):
        return [(f"#id_{k}", v) for k, v in error.errors.items()]
    return [("#main", str(error))]


def _managed(request, agency):
    if not access.may_manage(request.user, agency):
        raise Http404("Không có quyền.")


@login_required
def dashboard(request):
    home = access.home_agency(request.user)
    now = timezone.now()
    plans = Plan.objects.filter(agency__path__startswith=home.path).select_related("agency")
    return render(
        request,
        "reform/dashboard.html",
        {
            "home": home,
            "now": now,
            "plans": [(p, plan.task_figures(p)) for p in plans],
            "overdue": plan.overdue_tasks(home, now),
            "assessments": Assessment.objects.filter(agency__path__startswith=home.path)
            .select_related("agency")
            .order_by("-year", "agency__path"),
            "waiting_feedback": Feedback.objects.filter(
                agency__path__startswith=home.path,
                status__in=[FeedbackStatus.RECEIVED, FeedbackStatus.ASSIGNED],
            ).count(),
            "courses": Course.objects.filter(agency__path__startswith=home.path)[:5],
        },
    )


@login_required
def plan_page(request, pk: int):
    the_plan = get_object_or_404(Plan.objects.select_related("agency"), pk=pk)
    _managed(request, the_plan.agency)
    return render(
        request,
        "reform/plan.html",
        {
            "plan": the_plan,
            "tasks": plan.plan_tasks(the_plan),
            "figures": plan.task_figures(the_plan),
            "now": timezone.now(),
        },
    )


@login_required
def plan_export(request, pk: int, kind: str):
    the_plan = get_object_or_404(Plan.objects.select_related("agency"), pk=pk)
    _managed(request, the_plan.agency)
    now = timezone.now()
    if kind == "pdf":
        response = HttpResponse(plan_pdf(the_plan, now), content_type="application/pdf")
    else:
        response = HttpResponse(plan_xlsx(the_plan, now), content_type=XLSX)
    filename = f"ke-hoach-cchc-{the_plan.year}.{kind}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def task_page(request, pk: int):
    task = get_object_or_404(Task.objects.select_related("plan__agency", "lead"), pk=pk)
    _managed(request, task.plan.agency)
    form, errors = ProgressForm(), []
    if request.method == "POST":
        form = ProgressForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["evidence"]
            try:
                plan.report_progress(
                    task,
                    actor=request.user,
                    at=timezone.now(),
                    progress=form.cleaned_data["progress"],
                    note=form.cleaned_data["note"],
                    evidence=upload.read() if upload else None,
                    evidence_name=upload.name if upload else "",
                )
            except (ReformError, InvalidInput) as error:
                errors = _failure(error)
            else:
                messages.success(request, "Đã ghi báo cáo tiến độ.")
                return redirect("reform:task", pk=task.pk)
        else:
            errors = _errors(form)
    return render(
        request,
        "reform/task.html",
        {
            "task": task,
            "reports": task.reports.select_related("reported_by", "evidence"),
            "form": form,
            "errors": errors,
            "now": timezone.now(),
        },
        status=400 if errors else 200,
    )


@login_required
def evidence(request, kind: str, pk: int):
    """An evidence file, to those who manage the task's plan or see the assessment."""
    if kind == "task":
        report = get_object_or_404(ProgressReport.objects.select_related("task__plan"), pk=pk)
        _managed(request, report.task.plan.agency)
        blob, name = report.evidence, report.evidence_name
    else:
        score = get_object_or_404(Score.objects.select_related("assessment__agency"), pk=pk)
        agency = score.assessment.agency
        if not (
            access.may_self_assess(request.user, agency) or access.may_review(request.user, agency)
        ):
            raise Http404
        blob, name = score.evidence_file, f"minh-chung-{score.criterion.code}"
    if blob is None:
        raise Http404
    response = HttpResponse(read_blob(blob), content_type=blob.content_type)
    response["Content-Disposition"] = f'attachment; filename="{name or blob.sha256}"'
    return response


def _latest_year(model, **filters) -> int:
    """The latest year `model` has rows for, else this year."""
    years = model.objects.filter(**filters).order_by("-year").values_list("year", flat=True)
    return years.first() or timezone.localdate().year


@login_required
def latest_index(request):
    access.home_agency(request.user)
    return redirect("reform:index", year=_latest_year(Criterion))


@login_required
def latest_review(request):
    home = access.home_agency(request.user)
    return redirect("reform:review", year=_latest_year(Plan, agency=home))


@login_required
def index_page(request, year: int):
    home = access.home_agency(request.user)
    form, errors = CriteriaImportForm(initial={"year": year}), []
    if request.method == "POST" and not request.POST.get("start"):
        form = CriteriaImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                count = import_criteria_xlsx(
                    form.cleaned_data["file"].read(), year=form.cleaned_data["year"]
                )
            except ReformError as error:
                errors = _failure(error)
            else:
                messages.success(request, f"Đã nhập {count} tiêu chí thành phần.")
                return redirect("reform:index", year=form.cleaned_data["year"])
        else:
            errors = _errors(form)
    if request.method == "POST" and request.POST.get("start"):
        agency = get_object_or_404(access.reform_agencies(request.user), code=request.POST["start"])
        try:
            record = assessment.start_assessment(
                agency, year, actor=request.user, at=timezone.now()
            )
        except ReformError as error:
            messages.error(request, str(error))
        else:
            return redirect("reform:assessment", pk=record.pk)
    criteria = Criterion.objects.filter(year=year).select_related("parent")
    assessments = Assessment.objects.filter(
        agency__path__startswith=home.path, year=year
    ).select_related("agency")
    return render(
        request,
        "reform/index.html",
        {
            "year": year,
            "home": home,
            "criteria": criteria,
            "assessments": [(a, *assessment.total(a)) for a in assessments],
            "form": form,
            "errors": errors,
            "units": access.reform_agencies(request.user)
            .exclude(pk__in=assessments.values("agency"))
            .filter(kind__code__in=["district", "commune", "department"]),
        },
        status=400 if errors else 200,
    )


def _entries(post, scores, files=None) -> tuple[dict, list]:
    entries, errors = {}, []
    for score in scores:
        key = score.criterion_id
        raw = post.get(f"points-{key}", "").strip().replace(",", ".")
        try:
            points = Decimal(raw) if raw else None
        except InvalidOperation:
            errors.append(
                (f"#points-{key}", f"Tiêu chí {score.criterion.code}: điểm “{raw}” không phải số.")
            )
            continue
        upload = files.get(f"file-{key}") if files else None
        entries[key] = assessment.Entry(
            points, post.get(f"note-{key}", ""), upload.read() if upload else None
        )
    return entries, errors


@login_required
def assessment_page(request, pk: int):
    record = get_object_or_404(Assessment.objects.select_related("agency__parent"), pk=pk)
    may_edit = access.may_self_assess(request.user, record.agency)
    may_review = access.may_review(request.user, record.agency)
    if not (may_edit or may_review):
        raise Http404
    errors = []
    if request.method == "POST":
        action, now = request.POST.get("action"), timezone.now()
        scores = list(record.scores.select_related("criterion"))
        entries, errors = _entries(request.POST, scores, request.FILES)
        try:
            if errors:
                pass
            elif action in ("save", "submit", "measure") and may_edit:
                if action == "measure":
                    count = assessment.fill_measured(record, actor=request.user, at=now)
                    messages.success(request, f"Đã lấy số liệu hệ thống cho {count} tiêu chí.")
                else:
                    assessment.save_self_scores(record, entries, actor=request.user, at=now)
                    if action == "submit":
                        assessment.submit(record, actor=request.user, at=now)
                        messages.success(request, "Đã gửi bản tự đánh giá để thẩm định.")
                    else:
                        messages.success(request, "Đã lưu điểm tự đánh giá.")
            elif action == "review" and may_review:
                assessment.review(record, entries, actor=request.user, at=now)
                messages.success(request, "Đã thẩm định bản tự đánh giá.")
            else:
                raise Http404
        except (ReformError, InvalidInput) as error:
            errors = _failure(error)
        if not errors:
            return redirect("reform:assessment", pk=record.pk)
    record.refresh_from_db()
    points, maximum = assessment.total(record)
    return render(
        request,
        "reform/assessment.html",
        {
            "record": record,
            "components": assessment.components(record),
            "points": points,
            "maximum": maximum,
            "editing": may_edit and record.status == AssessmentStatus.DRAFT,
            "reviewing": may_review and record.status == AssessmentStatus.SUBMITTED,
            "errors": errors,
        },
        status=400 if errors else 200,
    )


@login_required
def feedback_list(request):
    home = access.home_agency(request.user)
    status = request.GET.get("status", "")
    items = Feedback.objects.filter(agency__path__startswith=home.path).select_related("handler")
    if status in FeedbackStatus.values:
        items = items.filter(status=status)
    form, errors = DeskFeedbackForm(), []
    if request.method == "POST":
        form = DeskFeedbackForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            item = feedback.receive(
                agency=home,
                channel=data["channel"],
                kind=data["kind"],
                name=data["name"],
                phone=data["phone"],
                email=data["email"],
                address=data["address"],
                subject=data["subject"],
                content=data["content"],
                publish_consent=data["publish_consent"],
                at=timezone.now(),
                actor=request.user,
            )
            messages.success(request, f"Đã tiếp nhận phản ánh, kiến nghị {item.code}.")
            return redirect("reform:feedback", pk=item.pk)
        errors = _errors(form)
    return render(
        request,
        "reform/feedback_list.html",
        {
            "items": items[:200],
            "status": status,
            "statuses": FeedbackStatus.choices,
            "form": form,
            "errors": errors,
            "now": timezone.now(),
        },
        status=400 if errors else 200,
    )


@login_required
def feedback_page(request, pk: int):
    item = get_object_or_404(Feedback.objects.select_related("agency", "handler"), pk=pk)
    _managed(request, item.agency)
    agencies = item.agency.subtree().in_force()
    forms = {
        "assign": AssignForm(
            agencies=agencies, initial={"handler": item.handler_id, "topic": item.topic}
        ),
        "answer": AnswerForm(),
        "rate": RateForm(),
    }
    errors = []
    if request.method == "POST":
        action, now = request.POST.get("action"), timezone.now()
        if action not in forms:
            raise Http404
        form = (
            AssignForm(request.POST, agencies=agencies)
            if action == "assign"
            else {"answer": AnswerForm, "rate": RateForm}[action](request.POST)
        )
        forms[action] = form
        if form.is_valid():
            data = form.cleaned_data
            try:
                if action == "assign":
                    feedback.assign(
                        item,
                        handler=data["handler"],
                        topic=data["topic"],
                        actor=request.user,
                        at=now,
                    )
                elif action == "answer":
                    feedback.answer(item, text=data["answer"], actor=request.user, at=now)
                else:
                    feedback.rate(
                        item, satisfaction=data["satisfaction"], actor=request.user, at=now
                    )
            except ReformError as error:
                errors = _failure(error)
            else:
                messages.success(request, "Đã cập nhật phản ánh, kiến nghị.")
                return redirect("reform:feedback", pk=item.pk)
        else:
            errors = _errors(form)
    return render(
        request,
        "reform/feedback.html",
        {
            "item": item,
            "forms": forms,
            "errors": errors,
            "now": timezone.now(),
            "portal": Channel.PORTAL,
        },
        status=400 if errors else 200,
    )


@login_required
def course_list(request):
    home = access.home_agency(request.user)
    courses = Course.objects.filter(agency__path__startswith=home.path)
    return render(
        request,
        "reform/courses.html",
        {"courses": courses, "figures": training.trained(home, date(1900, 1, 1), date(2999, 1, 1))},
    )


@login_required
def course_page(request, pk: int):
    course = get_object_or_404(Course.objects.select_related("agency"), pk=pk)
    _managed(request, course.agency)
    if request.method == "POST":
        now = timezone.now()
        if request.POST.get("action") == "enrol":
            users = training.staff_of(course.agency).filter(pk__in=request.POST.getlist("user"))
            training.enrol(course, list(users), actor=request.user, at=now)
        else:
            attended = {
                int(pk): request.POST.get(f"certificate-{pk}", "")
                for pk in request.POST.getlist("attended")
            }
            training.record_attendance(course, attended, actor=request.user, at=now)
        messages.success(request, "Đã cập nhật lớp tập huấn.")
        return redirect("reform:course", pk=course.pk)
    participants = course.participants.select_related("user__staff_profile").order_by(
        "user__first_name"
    )
    return render(
        request,
        "reform/course.html",
        {
            "course": course,
            "participants": participants,
            "candidates": training.staff_of(course.agency).exclude(
                pk__in=participants.values("user")
            ),
        },
    )


@login_required
def review_page(request, year: int):
    home = access.home_agency(request.user)
    text = year_review(home, year, timezone.now())
    return render(
        request,
        "reform/review.html",
        {"home": home, "year": year, "paragraphs": text.split("\n\n")},
    )
