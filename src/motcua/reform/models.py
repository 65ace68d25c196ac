"""The reform office's own records: the yearly plan and its tasks, the PAR index
self-assessment, citizen feedback on administrative regulations, training courses, and the
audit trail of every change to them."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.catalog.models import Procedure
from motcua.dossiers.models import Blob
from motcua.org.models import Agency


class Area(models.TextChoices):
    """The six areas of the state administrative reform programme (Resolution
    76/NQ-CP 2021-2030), plus the leadership of reform work that every plan opens with."""

    LEADERSHIP = "leadership", _("Công tác chỉ đạo, điều hành")
    INSTITUTIONS = "institutions", _("Cải cách thể chế")
    PROCEDURES = "procedures", _("Cải cách thủ tục hành chính")
    ORGANISATION = "organisation", _("Cải cách tổ chức bộ máy")
    CIVIL_SERVICE = "civil_service", _("Cải cách chế độ công vụ")
    PUBLIC_FINANCE = "public_finance", _("Cải cách tài chính công")
    DIGITAL = "digital", _("Xây dựng chính quyền điện tử, chính quyền số")


class Plan(models.Model):
    """Kế hoạch cải cách hành chính năm của một cơ quan."""

    agency = models.ForeignKey(Agency, models.PROTECT, verbose_name=_("cơ quan"))
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.CharField(_("số, ký hiệu"), max_length=60)
    issued_on = models.DateField(_("ngày ban hành"))
    title = models.CharField(_("trích yếu"), max_length=300)

    class Meta:
        verbose_name = _("kế hoạch cải cách hành chính")
        verbose_name_plural = _("kế hoạch cải cách hành chính")
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="reform_one_plan_a_year")
        ]
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.number} · {self.title}"


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Chưa thực hiện")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Hoàn thành")


class Task(models.Model):
    """A task of the plan: who leads, who helps, what it produces and by when. The deadline
    is a number of working days from the start, computed with the lead unit's calendar."""

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="tasks", verbose_name=_("kế hoạch"))
    number = models.PositiveSmallIntegerField(_("số thứ tự"))
    area = models.CharField(_("lĩnh vực cải cách"), max_length=20, choices=Area.choices)
    title = models.CharField(_("nhiệm vụ"), max_length=500)
    lead = models.ForeignKey(
        Agency, models.PROTECT, related_name="reform_tasks", verbose_name=_("đơn vị chủ trì")
    )
    cooperating = models.ManyToManyField(
        Agency, blank=True, related_name="reform_tasks_helped", verbose_name=_("đơn vị phối hợp")
    )
    output = models.CharField(_("sản phẩm"), max_length=300)
    starts_on = models.DateField(_("ngày bắt đầu"))
    working_days = models.PositiveSmallIntegerField(_("thời hạn (ngày làm việc)"))
    due_at = models.DateTimeField(_("hạn hoàn thành"), editable=False)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED
    )
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    completed_at = models.DateTimeField(_("ngày hoàn thành"), null=True, blank=True)

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="reform_task_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def on_time(self) -> bool | None:
        """True when done by the deadline, False when done late, None while open."""
        if self.completed_at is None:
            return None
        return self.completed_at <= self.due_at


class ProgressReport(models.Model):
    """Báo cáo tiến độ: what was done, how far, and the evidence (a stored file)."""

    task = models.ForeignKey(Task, models.CASCADE, related_name="reports")
    reported_at = models.DateTimeField(_("thời điểm báo cáo"))
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True)
    progress = models.PositiveSmallIntegerField(
        _("tiến độ (%)"), validators=[MaxValueValidator(100)]
    )
    note = models.TextField(_("kết quả thực hiện"))
    evidence = models.ForeignKey(Blob, models.PROTECT, null=True, blank=True)
    evidence_name = models.CharField(_("tên tệp minh chứng"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("báo cáo tiến độ")
        verbose_name_plural = _("báo cáo tiến độ")
        ordering = ["task", "reported_at"]

    def __str__(self) -> str:
        return f"{self.task_id} · {self.progress}%"


class Measure(models.TextChoices):
    """Figures the system computes for a sub-criterion from its own data."""

    ON_TIME = "on_time", _("Tỷ lệ hồ sơ giải quyết trước hạn, đúng hạn")
    PUBLISHED = "published", _("Tỷ lệ thủ tục hành chính được công khai")
    ONLINE = "online", _("Tỷ lệ hồ sơ tiếp nhận trực tuyến")
    INDEX_766 = "index_766", _("Chỉ số phục vụ (Quyết định 766/QĐ-TTg)")
    FEEDBACK = "feedback", _("Tỷ lệ phản ánh, kiến nghị xử lý đúng hạn")
    DOCUMENTS = "documents", _("Tỷ lệ văn bản xử lý đúng hạn (văn phòng điện tử)")


class Criterion(models.Model):
    """A criterion (no parent) or a sub-criterion of the province's PAR index for a year.
    Sub-criteria carry the points; a criterion's maximum is the sum of its own."""

    year = models.PositiveSmallIntegerField(_("năm"))
    code = models.CharField(_("mã"), max_length=20)
    name = models.CharField(_("tiêu chí"), max_length=500)
    parent = models.ForeignKey(
        "self", models.CASCADE, null=True, blank=True, related_name="children"
    )
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=5, decimal_places=2)
    measure = models.CharField(
        _("số liệu hệ thống"), max_length=20, choices=Measure.choices, blank=True
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("tiêu chí chỉ số CCHC")
        verbose_name_plural = _("tiêu chí chỉ số CCHC")
        ordering = ["year", "order"]
        constraints = [
            models.UniqueConstraint(fields=["year", "code"], name="reform_criterion_code")
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Đang tự đánh giá")
    SUBMITTED = "submitted", _("Đã gửi thẩm định")
    REVIEWED = "reviewed", _("Đã thẩm định")


class Assessment(models.Model):
    """Một cơ quan tự đánh giá, chấm điểm chỉ số CCHC năm; the reform office above reviews it."""

    agency = models.ForeignKey(Agency, models.PROTECT, verbose_name=_("cơ quan"))
    year = models.PositiveSmallIntegerField(_("năm"))
    status = models.CharField(
        _("trạng thái"),
        max_length=20,
        choices=AssessmentStatus.choices,
        default=AssessmentStatus.DRAFT,
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True)

    class Meta:
        verbose_name = _("tự đánh giá chỉ số CCHC")
        verbose_name_plural = _("tự đánh giá chỉ số CCHC")
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="reform_one_assessment")
        ]

    def __str__(self) -> str:
        return f"{self.agency} · {self.year}"


class Score(models.Model):
    """The score of one sub-criterion: the agency's own, with evidence, and the reviewed one.
    `measured` marks a score the system filled from its own data."""

    assessment = models.ForeignKey(Assessment, models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, models.PROTECT)
    self_points = models.DecimalField(
        _("điểm tự đánh giá"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    evidence = models.TextField(_("tài liệu kiểm chứng"), blank=True)
    evidence_file = models.ForeignKey(Blob, models.PROTECT, null=True, blank=True)
    measured = models.BooleanField(_("số liệu hệ thống"), default=False)
    measured_note = models.CharField(max_length=300, blank=True)
    reviewed_points = models.DecimalField(
        _("điểm thẩm định"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    review_note = models.CharField(_("ý kiến thẩm định"), max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="reform_one_score")
        ]

    def __str__(self) -> str:
        return f"{self.criterion} · {self.points}"

    @property
    def points(self):
        """The reviewed score once there is one, else the agency's own."""
        return self.reviewed_points if self.reviewed_points is not None else self.self_points


class Channel(models.TextChoices):
    PORTAL = "portal", _("Cổng dịch vụ công")
    PHONE = "phone", _("Điện thoại, đường dây nóng")
    DESK = "desk", _("Trực tiếp tại Bộ phận Một cửa")


class FeedbackKind(models.TextChoices):
    REPORT = "report", _("Phản ánh")
    PROPOSAL = "proposal", _("Kiến nghị")


class Topic(models.TextChoices):
    """What the feedback is about (Decree 20/2008/NĐ-CP Art. 4, as amended: UNCONFIRMED
    wording of the categories)."""

    REGULATION = "regulation", _("Quy định hành chính không hợp lý, không khả thi")
    PROCEDURE = "procedure", _("Thủ tục hành chính phiền hà, chưa công khai")
    CONDUCT = "conduct", _("Hành vi chậm trễ, gây phiền hà của cán bộ, công chức")
    PROPOSAL = "proposal", _("Phương án xử lý, sáng kiến ban hành mới")


class FeedbackStatus(models.TextChoices):
    RECEIVED = "received", _("Đã tiếp nhận")
    ASSIGNED = "assigned", _("Đang xử lý")
    ANSWERED = "answered", _("Đã trả lời")
    REJECTED = "rejected", _("Không thuộc phạm vi xử lý")


class Feedback(models.Model):
    """Phản ánh, kiến nghị của cá nhân, tổ chức về quy định hành chính (Decree 20/2008/NĐ-CP
    as amended by Decree 92/2017/NĐ-CP)."""

    code = models.CharField(_("mã"), max_length=30, unique=True)
    agency = models.ForeignKey(
        Agency, models.PROTECT, related_name="feedback", verbose_name=_("cơ quan tiếp nhận")
    )
    channel = models.CharField(_("hình thức"), max_length=10, choices=Channel.choices)
    kind = models.CharField(_("loại"), max_length=10, choices=FeedbackKind.choices)
    topic = models.CharField(_("phân loại"), max_length=20, choices=Topic.choices, blank=True)
    procedure = models.ForeignKey(
        Procedure, models.SET_NULL, null=True, blank=True, verbose_name=_("thủ tục liên quan")
    )
    name = models.CharField(_("họ và tên"), max_length=200)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    subject = models.CharField(_("tiêu đề"), max_length=300)
    content = models.TextField(_("nội dung"))
    publish_consent = models.BooleanField(_("đồng ý công khai"), default=False)
    received_at = models.DateTimeField(_("ngày tiếp nhận"))
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=FeedbackStatus.choices,
        default=FeedbackStatus.RECEIVED,
    )
    handler = models.ForeignKey(
        Agency,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="feedback_handled",
        verbose_name=_("đơn vị xử lý"),
    )
    due_at = models.DateTimeField(_("hạn xử lý"), null=True, blank=True)
    answer = models.TextField(_("kết quả xử lý"), blank=True)
    answered_at = models.DateTimeField(_("ngày trả lời"), null=True, blank=True)
    published_at = models.DateTimeField(_("ngày công khai"), null=True, blank=True)
    satisfaction = models.PositiveSmallIntegerField(
        _("mức độ hài lòng"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(3)],
        help_text=_("1 không hài lòng, 2 hài lòng, 3 rất hài lòng"),
    )

    class Meta:
        verbose_name = _("phản ánh, kiến nghị")
        verbose_name_plural = _("phản ánh, kiến nghị")
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"{self.code} · {self.subject}"

    def on_time(self) -> bool | None:
        if self.answered_at is None or self.due_at is None:
            return None
        return self.answered_at <= self.due_at


SATISFIED = 2  # "Hài lòng" or better


class Course(models.Model):
    """Lớp tập huấn, bồi dưỡng (e.g. digital transformation for commune staff)."""

    agency = models.ForeignKey(Agency, models.PROTECT, verbose_name=_("đơn vị tổ chức"))
    title = models.CharField(_("tên lớp"), max_length=300)
    area = models.CharField(_("lĩnh vực cải cách"), max_length=20, choices=Area.choices)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    place = models.CharField(_("địa điểm"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("lớp tập huấn")
        verbose_name_plural = _("lớp tập huấn")
        ordering = ["-starts_on"]

    def __str__(self) -> str:
        return self.title


class Participant(models.Model):
    course = models.ForeignKey(Course, models.CASCADE, related_name="participants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, verbose_name=_("cán bộ"))
    attended = models.BooleanField(_("có tham dự"), default=False)
    certificate = models.CharField(_("số giấy chứng nhận"), max_length=40, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["course", "user"], name="reform_one_participant")
        ]

    def __str__(self) -> str:
        return f"{self.course} · {self.user}"


class Event(models.Model):
    """The audit trail: one row per change, written in the same transaction."""

    at = models.DateTimeField(_("thời điểm"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True)
    kind = models.CharField(_("việc"), max_length=40)
    subject = models.CharField(_("đối tượng"), max_length=60)
    detail = models.TextField(_("chi tiết"), blank=True)

    class Meta:
        verbose_name = _("nhật ký cải cách hành chính")
        verbose_name_plural = _("nhật ký cải cách hành chính")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["subject"])]

    def __str__(self) -> str:
        return f"{self.kind} · {self.subject}"
