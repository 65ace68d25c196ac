"""Citizen pages of the national connections: filling an application from the national
population database, and the electronic receipt of a paid fee."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from motcua.dossiers.errors import InvalidInput
from motcua.portal.access import may_see
from motcua.portal.accounts.views import profile_of
from motcua.portal.apply.views import _procedure
from motcua.portal.models import ApplicationDraft
from motcua.portal.payments import get_provider
from motcua.portal.summary import error_summary

from . import population, receipts
from .models import Receipt

DATE_TYPED = "%d/%m/%Y"  # as the application form takes dates


class ConsentForm(forms.Form):
    id_number = forms.CharField(
        label="Số định danh cá nhân (số thẻ căn cước)",
        max_length=12,
        error_messages={"required": "Nhập số định danh cá nhân (12 chữ số)."},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    consent = forms.BooleanField(
        label="Tôi đồng ý cho cơ quan giải quyết khai thác thông tin của tôi trong Cơ sở dữ "
        "liệu quốc gia về dân cư để giải quyết thủ tục này.",
        error_messages={"required": "Cần ông/bà đồng ý cho khai thác thông tin."},
    )


@login_required
def prefill_from_population(request, code: str):
    """With consent, look the person up and put their registered data into the draft."""
    procedure = _procedure(code)
    if not population.enabled():
        messages.error(request, "Chưa kết nối Cơ sở dữ liệu quốc gia về dân cư.")
        return redirect("portal:apply", code=code)
    if request.method == "POST":
        form = ConsentForm(request.POST)
        if form.is_valid():
            try:
                person = population.lookup(
                    request.user,
                    form.cleaned_data["id_number"],
                    procedure=procedure,
                    consent=form.cleaned_data["consent"],
                )
            except InvalidInput as error:
                for field, message in error.errors.items():
                    form.add_error(field if field in form.fields else None, message)
            else:
                _fill_draft(request.user, procedure, person)
                messages.success(
                    request,
                    "Đã điền thông tin từ Cơ sở dữ liệu quốc gia về dân cư; giấy tờ nhà nước "
                    "đã có không cần tải lên.",
                )
                return redirect("portal:apply", code=code)
    else:
        form = ConsentForm(initial={"id_number": profile_of(request.user).id_number})
    context = {"procedure": procedure, "form": form, "errors": error_summary(form, "#consent")}
    return render(request, "interop/population.html", context, status=400 if form.errors else 200)


def _fill_draft(user, procedure, person: population.Person) -> None:
    draft, _ = ApplicationDraft.objects.get_or_create(user=user, procedure=procedure)
    profile = profile_of(user)
    draft.applicant = {
        "applicant_kind": "individual",
        "applicant_phone": profile.phone,
        "applicant_email": user.email,
        **draft.applicant,
        "applicant_name": person.name,
        "applicant_id_number": person.id_number,
        "applicant_birth_date": person.birth_date.strftime(DATE_TYPED) if person.birth_date else "",
        "applicant_address": person.address,
    }
    draft.save()


@login_required
def receipt_pdf(request, reference: str):
    """The electronic receipt of a paid fee as PDF, for the applicant and the agency."""
    receipt = get_object_or_404(
        Receipt.objects.select_related(
            "series", "payment__dossier__procedure", "payment__dossier__receiving_agency"
        ),
        payment__reference=reference,
    )
    if not may_see(request.user, receipt.payment.dossier):
        raise Http404("Không có biên lai này.")
    gateway = get_provider(receipt.payment.provider)
    content = receipts.receipt_pdf(receipt, gateway.label if gateway else receipt.payment.provider)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="bien-lai-{receipt.series.symbol}-{receipt.number:07d}.pdf"'
    )
    return response
