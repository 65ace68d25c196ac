"""The e-office of the demo district (`motcua demo`): issuers, staff, personal demo
certificates for the signers, and a few documents at different steps. Idempotent."""

import tomllib
from datetime import timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.html import format_html
from weasyprint import HTML

from motcua.demo.loader import demo_password
from motcua.org.models import Agency, Role, RoleAssignment, StaffProfile
from motcua.signing import democa
from motcua.signing.conf import demo_ca_dir
from motcua.signing.models import Backend, SignerConfig
from motcua.signing.services import register_signer

from . import incoming, outgoing
from .models import Channel, DocumentType, IncomingDocument, Issuer

DATA = Path(__file__).resolve().parent / "data" / "demo.toml"


def _read() -> dict:
    with DATA.open("rb") as file:
        return tomllib.load(file)


def _users(data: dict, agencies: dict) -> dict:
    users = get_user_model().objects
    password = make_password(demo_password())
    people = {}
    for item in data["users"]:
        user, created = users.get_or_create(username=item["username"])
        if "full_name" in item:
            user.first_name = item["full_name"]
            user.email = item.get("email", "")
            if created:
                user.password = password
            user.save()
            StaffProfile.objects.update_or_create(user=user, defaults={"title": item["title"]})
        for role in item["roles"]:
            RoleAssignment.objects.get_or_create(
                user=user, agency=agencies[role["agency"]], role=role["role"]
            )
        people[user.username] = user
    return people


def _personal_certificates(people: dict) -> None:
    """A demo certificate of each signer (the agency seals come from setup_demo_signing)."""
    root_key, root = democa.ensure_demo_ca()
    signers = RoleAssignment.objects.filter(role=Role.DOC_SIGNER, user__in=people.values())
    for assignment in signers.select_related("user", "agency"):
        user = assignment.user
        if SignerConfig.objects.filter(user=user, active=True).exists():
            continue
        key, cert = democa.issue(
            root_key, root, common_name=user.get_full_name(), organisation=assignment.agency.name
        )
        path = demo_ca_dir() / f"{user.username}.p12"
        path.write_bytes(democa.pkcs12_bytes(key, cert, [root]))
        path.chmod(0o600)
        register_signer(
            name=democa.DEMO_CERTIFICATE_NAME,
            backend=Backend.PKCS12,
            user=user,
            pkcs12_path=str(path),
        )


@transaction.atomic
def load_eoffice_demo() -> int:
    """Load the demo e-office; returns the number of documents it holds."""
    data = _read()
    agencies = {a.code: a for a in Agency.objects.all()}
    for row in data["issuers"]:
        Issuer.objects.update_or_create(agency=agencies[row.pop("agency")], defaults=row)
    people = _users(data, agencies)
    _personal_certificates(people)
    district = agencies["000.00.21.H56"]
    if not IncomingDocument.objects.filter(agency=district).exists():
        _documents(data, agencies, people, district)
    return IncomingDocument.objects.count()


def _documents(data, agencies, people, district) -> None:
    clerk, head = people["vanthu.huyen"], people["chanhvp.huyen"]
    now = timezone.now()
    letter = DocumentType.objects.get(name="Công văn")
    for row in data["incoming"]:
        scan = document_pdf_for(row)
        document = incoming.register_upload(
            agency=district,
            user=clerk,
            pdf=scan,
            channel=Channel.PAPER,
            sender_name=row["sender"],
            symbol=row["symbol"],
            issued_on=(now - timedelta(days=row["issued_days_ago"])).date(),
            title=row["title"],
            document_type=letter,
            urgency=row["urgency"],
        )
        document = incoming.assign(
            document,
            head,
            lead_unit=agencies[row["lead"]],
            cooperating=[agencies[code] for code in row["cooperating"]],
            days=row["days"],
        )
        # the story's dates: registered and assigned some days ago
        moved = now - timedelta(days=row["assigned_days_ago"])
        shift = document.due_at - document.registered_at
        IncomingDocument.objects.filter(pk=document.pk).update(
            received_at=moved, registered_at=moved, due_at=moved + shift
        )
        document.events.update(at=moved)
        if "reply" in row:
            handler = next(
                user
                for user in people.values()
                if RoleAssignment.objects.filter(user=user, agency=agencies[row["lead"]]).exists()
            )
            reply = outgoing.create_draft(
                agency=district,
                user=handler,
                document_type=letter,
                title=row["reply"],
                body="Kính gửi: Ủy ban nhân dân xã Tân Lập.\n\nThực hiện văn bản số "
                f"{row['symbol']} của {row['sender']}, Ủy ban nhân dân huyện đề nghị Ủy ban "
                "nhân dân xã rà soát các thủ tục hành chính lĩnh vực hộ tịch đang thực hiện tại "
                "xã, báo cáo kết quả về Phòng Tư pháp trước ngày 25 hằng tháng.\n\n"
                "Ủy ban nhân dân huyện đề nghị Ủy ban nhân dân xã quan tâm thực hiện./.",
                signer=people["pct.huyen"],
                signer_title="Phó Chủ tịch",
                signature_form="KT.",
                authority="Chủ tịch",
                unit_abbreviation="TP",
                recipients_text="Như trên\nSở Tư pháp tỉnh (b/c)",
                recipient_agencies=[agencies["000.22.21.H56"]],
                replies_to=IncomingDocument.objects.get(pk=document.pk),
            )
            outgoing.submit(reply, handler)
            outgoing.check(reply, head, accept=True)
            outgoing.approve(reply, people["pct.huyen"], accept=True)
            outgoing.release(reply, clerk)


def document_pdf_for(row: dict) -> bytes:
    """A stand-in for the scan of the paper document received."""
    html = format_html(
        "<p><b>{}</b></p><p>Số: {}</p><h1 style='font-size:14pt;text-align:center'>{}</h1>"
        "<p><i>Bản quét minh họa của văn bản giấy nhận được.</i></p>",
        row["sender"].upper(),
        row["symbol"],
        row["title"],
    )
    return HTML(string=html).write_pdf()
