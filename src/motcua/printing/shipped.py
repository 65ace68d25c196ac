"""The forms shipped with motcua and loading them into the database: the six of Circular
01/2018/TT-VPCP (codes "01"-"06") and the seven of Circular 03/2025/TT-VPCP, appendix I
(codes "2025-01"-"2025-07"), and for the 2018 set a notice of stopping handling ("TB")
that Circular 01/2018 lacks. Which one a dossier prints is its rule set's (`motcua.rules`).

The files in `templates/printing/forms/<code>.html` are the originals; the `FormTemplate`
rows are what renders. A 2025 form whose fields read as the 2018 form's (appendix I could
not be read verbatim for them: UNCONFIRMED) is seeded from the 2018 file (`source`), as its
own row, so that an administrator can change one set without the other. Data migrations seed the rows; the admin's "khôi phục mẫu gốc"
action puts an edited row back to its file.
"""

from dataclasses import dataclass
from pathlib import Path

FORMS_DIR = Path(__file__).resolve().parent / "templates" / "printing" / "forms"
CIRCULAR = "01/2018/TT-VPCP"
CIRCULAR_2025 = "03/2025/TT-VPCP"


@dataclass(frozen=True)
class ShippedForm:
    code: str
    name: str
    paper: str
    circular: str = CIRCULAR
    source: str = ""  # the file it is seeded from, when not its own code's

    @property
    def body(self) -> str:
        return (FORMS_DIR / f"{self.source or self.code}.html").read_text(encoding="utf-8")


SHIPPED = {
    form.code: form
    for form in [
        ShippedForm("01", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", "A5"),
        ShippedForm("02", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ", "A5"),
        ShippedForm("03", "Phiếu từ chối tiếp nhận giải quyết hồ sơ", "A5"),
        ShippedForm("04", "Phiếu xin lỗi và hẹn lại ngày trả kết quả", "A5"),
        ShippedForm("05", "Phiếu kiểm soát quá trình giải quyết hồ sơ", "A5"),
        ShippedForm("06", "Sổ theo dõi hồ sơ", "A4 landscape"),
        # Circular 01/2018 has no notice for a refusal after review; this one is ours.
        ShippedForm("TB", "Thông báo dừng giải quyết hồ sơ", "A4"),
        ShippedForm(
            "2025-01", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", "A5", CIRCULAR_2025, "01"
        ),
        ShippedForm(
            "2025-02", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ", "A5", CIRCULAR_2025, "02"
        ),
        ShippedForm(
            "2025-03", "Phiếu từ chối tiếp nhận giải quyết hồ sơ", "A5", CIRCULAR_2025, "03"
        ),
        ShippedForm(
            "2025-04",
            "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết",
            "A4",
            CIRCULAR_2025,
        ),
        # The 2018 set's own notice of stopping (TB) became the circular's form 05.
        ShippedForm("2025-05", "Thông báo dừng giải quyết hồ sơ", "A4", CIRCULAR_2025, "TB"),
        ShippedForm(
            "2025-06", "Phiếu kiểm soát quá trình giải quyết hồ sơ", "A5", CIRCULAR_2025, "05"
        ),
        ShippedForm("2025-07", "Sổ theo dõi hồ sơ", "A4 landscape", CIRCULAR_2025, "06"),
    ]
}


def number(code: str) -> str:
    """The form's number in its circular: "04" for "04" and for "2025-04"."""
    return code.rsplit("-", 1)[-1]


def seed_templates(model=None) -> int:
    """Create the shipped templates that are not in the database yet; return how many.

    Idempotent and never overwrites an administrator's edit. `model` is the historical
    model when called from a migration.
    """
    if model is None:
        from .models import FormTemplate as model
    existing = set(model.objects.values_list("code", flat=True))
    missing = [form for code, form in SHIPPED.items() if code not in existing]
    model.objects.bulk_create(
        model(code=f.code, name=f.name, paper=f.paper, circular=f.circular, body=f.body)
        for f in missing
    )
    return len(missing)


def restore(template) -> bool:
    """Put a template back to its shipped file; False when its code was not shipped."""
    form = SHIPPED.get(template.code)
    if form is None:
        return False
    template.name, template.paper, template.circular = form.name, form.paper, form.circular
    template.body = form.body
    template.save()
    return True
