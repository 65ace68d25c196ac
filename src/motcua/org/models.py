"""Agencies (a tree of any depth that changes over time) and the roles staff hold in them."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q, Value
from django.db.models.functions import Concat, Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.text import fold


class AgencyKind(models.Model):
    """Province, district, commune, department, service centre...: data, not code."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=200)

    class Meta:
        verbose_name = _("loại cơ quan")
        verbose_name_plural = _("loại cơ quan")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


def in_force(day: date | None = None, via: str = "") -> Q:
    """Agencies in force on `day` (default: today in Vietnam); `via` prefixes the lookups
    for a relation, e.g. `RoleAssignment.objects.filter(in_force(via="agency__"))`."""
    day = day or timezone.localdate()
    return in_force_during(day, day, via)


def in_force_during(first: date, last: date, via: str = "") -> Q:
    """Agencies in force on at least one day from `first` to `last`."""
    return (Q(**{f"{via}valid_from__isnull": True}) | Q(**{f"{via}valid_from__lte": last})) & (
        Q(**{f"{via}valid_to__isnull": True}) | Q(**{f"{via}valid_to__gte": first})
    )


class AgencyQuerySet(models.QuerySet):
    def in_force(self, day: date | None = None) -> "AgencyQuerySet":
        return self.filter(in_force(day))


class Agency(models.Model):
    """An agency in the tree. `path` is the chain of ids from the root, so a subtree is a
    prefix match (`path__startswith`), one indexed query at any depth on any database.

    Agencies change over time (docs/two-tier.md): one is in force from `valid_from` to
    `valid_to` (both days included; empty: open-ended), and one that ceased names its
    `successors`. An ended agency keeps its place in the tree and its dossiers, so the
    reports of its years still add up under it."""

    code = models.CharField(_("mã định danh"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    short_name = models.CharField(_("tên ngắn"), max_length=120, blank=True)
    kind = models.ForeignKey(AgencyKind, models.PROTECT, verbose_name=_("loại"))
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("cơ quan cấp trên"),
    )
    path = models.CharField(max_length=400, editable=False, db_index=True)
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    place_name = models.CharField(
        _("địa danh"),
        max_length=100,
        blank=True,
        help_text=_(
            "Tên đơn vị hành chính nơi cơ quan đóng trụ sở, in ở dòng “…, ngày … tháng … năm …”"
            " (Nghị định 30/2020/NĐ-CP), ví dụ: Tân Biên. Để trống: lấy theo cơ quan cấp trên"
            " hoặc theo tên cơ quan."
        ),
    )
    phone = models.CharField(_("điện thoại"), max_length=40, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    valid_from = models.DateField(_("hoạt động từ ngày"), null=True, blank=True)
    valid_to = models.DateField(
        _("hoạt động đến hết ngày"),
        null=True,
        blank=True,
        help_text=_("Để trống khi cơ quan đang hoạt động."),
    )
    successors = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="predecessors",
        verbose_name=_("cơ quan kế thừa"),
    )
    name_folded = models.CharField(max_length=255, editable=False, db_index=True)

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = _("cơ quan, đơn vị")
        verbose_name_plural = _("cơ quan, đơn vị")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.short_name or self.name

    def save(self, *args, **kwargs) -> None:
        self.name_folded = fold(f"{self.name} {self.short_name}")
        with transaction.atomic():
            super().save(*args, **kwargs)
            old_path = self.path
            new_path = f"{self.parent.path if self.parent else ''}{self.pk:06d}/"
            if new_path == old_path:
                return
            # A new agency gets its path here; a moved one takes its whole subtree along.
            moved = (
                Agency.objects.filter(pk=self.pk)
                if not old_path
                else Agency.objects.filter(path__startswith=old_path)
            )
            moved.update(path=Concat(Value(new_path), Substr("path", len(old_path) + 1)))
            self.path = new_path

    def in_force_on(self, day: date | None = None) -> bool:
        day = day or timezone.localdate()
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    def clean(self) -> None:
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("Ngày kết thúc trước ngày bắt đầu hoạt động.")})
        node = self.parent
        while node is not None:
            if self.pk and node.pk == self.pk:
                raise ValidationError(
                    {
                        "parent": _(
                            "Cơ quan cấp trên không thể là chính nó hoặc cơ quan cấp dưới của nó."
                        )
                    }
                )
            node = node.parent

    def subtree(self):
        """This agency and every agency below it."""
        return Agency.objects.filter(path__startswith=self.path)

    def ancestors(self) -> list["Agency"]:
        """From the root down to this agency's parent."""
        ids = [int(part) for part in self.path.strip("/").split("/")[:-1]]
        by_id = Agency.objects.in_bulk(ids)
        return [by_id[i] for i in ids]


class Role(models.TextChoices):
    RECEIVER = "receiver", _("Tiếp nhận (Bộ phận Một cửa)")
    HANDLER = "handler", _("Thụ lý (chuyên viên)")
    APPROVER = "approver", _("Phê duyệt (lãnh đạo)")
    RETURNER = "returner", _("Trả kết quả")
    AGENCY_ADMIN = "agency_admin", _("Quản trị đơn vị")
    REPORTER = "reporter", _("Xem báo cáo thống kê")
    REFORM_OFFICER = "reform_officer", _("Cải cách hành chính (kế hoạch, chỉ số, phản ánh)")
    # Văn phòng điện tử (motcua.eoffice)
    CLERK = "clerk", _("Văn thư (vào sổ, phát hành văn bản)")
    OFFICE_HEAD = "office_head", _("Chánh Văn phòng (phân công văn bản đến)")
    DOC_HANDLER = "doc_handler", _("Xử lý văn bản (chuyên viên)")
    DOC_SIGNER = "doc_signer", _("Ký văn bản đi (lãnh đạo)")
    DATA_PROTECTION_OFFICER = "dpo", _("Bảo vệ dữ liệu cá nhân")


class RoleAssignment(models.Model):
    """A role a user holds at an agency. Its holder reads the agency's whole subtree and acts
    at the agency itself; at the units below only when `acts_on_subordinates` is set."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="role_assignments",
        verbose_name=_("người dùng"),
    )
    agency = models.ForeignKey(
        Agency, models.CASCADE, related_name="role_assignments", verbose_name=_("cơ quan")
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    acts_on_subordinates = models.BooleanField(
        _("xử lý hồ sơ của đơn vị cấp dưới"),
        default=False,
        help_text=_(
            "Khi bật, vai trò này được thao tác trên hồ sơ của mọi đơn vị trực thuộc; "
            "khi tắt, chỉ được xem."
        ),
    )

    class Meta:
        verbose_name = _("phân quyền")
        verbose_name_plural = _("phân quyền")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "agency", "role"], name="unique_role_assignment"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.agency}"


class StaffProfile(models.Model):
    """What a staff member's documents print under their name."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="staff_profile"
    )
    title = models.CharField(_("chức vụ"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("hồ sơ cán bộ")
        verbose_name_plural = _("hồ sơ cán bộ")

    def __str__(self) -> str:
        return self.title


class Reorganisation(models.Model):
    """A plan that re-organises agencies on one day (merging, splitting, renaming,
    re-parenting, creating), as recorded and carried out by `motcua agencies reorganise`
    (`motcua.org.reorganise`)."""

    name = models.CharField(_("tên"), max_length=300)
    basis = models.CharField(_("căn cứ"), max_length=500, blank=True)
    effective_on = models.DateField(_("có hiệu lực từ ngày"))
    plan = models.JSONField(_("phương án"))
    source = models.CharField(_("tệp phương án"), max_length=300, blank=True)
    recorded_at = models.DateTimeField(_("ghi nhận lúc"), auto_now_add=True)
    applied_at = models.DateTimeField(_("thực hiện lúc"), null=True, blank=True)
    outcome = models.JSONField(_("kết quả thực hiện"), default=dict, blank=True)

    class Meta:
        verbose_name = _("sắp xếp tổ chức")
        verbose_name_plural = _("sắp xếp tổ chức")
        ordering = ["-effective_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.effective_on:%d/%m/%Y})"


class AddressChange(models.Model):
    """Addresses written under a former unit now read under its successor, e.g. "xã Hòa
    Hiệp, huyện Tân Biên" → "xã Tân Lập, tỉnh Tây Ninh". `old` lists the parts (comma
    separated) an address must hold, accents aside; `agency` is the unit now in charge."""

    reorganisation = models.ForeignKey(
        Reorganisation,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="address_changes",
        verbose_name=_("theo phương án"),
    )
    old = models.CharField(_("địa danh cũ"), max_length=300)
    new = models.CharField(_("địa danh mới"), max_length=300)
    agency = models.ForeignKey(
        Agency, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("cơ quan")
    )
    effective_on = models.DateField(_("từ ngày"))
    old_folded = models.CharField(max_length=300, editable=False)

    class Meta:
        verbose_name = _("thay đổi địa danh")
        verbose_name_plural = _("thay đổi địa danh")
        ordering = ["old"]

    def __str__(self) -> str:
        return f"{self.old} → {self.new}"

    def save(self, *args, **kwargs) -> None:
        self.old_folded = fold(self.old)
        super().save(*args, **kwargs)
