"""One way to do a thing: the applicant's form, the applicant's kind, the wording of a
moment, the clipping of pauses, the open statuses."""

from support import vn as at

from motcua.catalog import models as catalog_models
from motcua.catalog.services import current_version
from motcua.dossiers import models as dossier_models
from motcua.dossiers.deadlines import clip_pauses
from motcua.dossiers.forms import ApplicantForm
from motcua.office.forms import ReceptionForm
from motcua.org.models import Agency
from motcua.portal.apply.forms import ApplicationForm
from motcua.printing.templatetags import printing
from motcua.ui.templatetags import vn
from motcua.workdays import engine

BAD_APPLICANT = {
    "applicant_kind": "individual",
    "applicant_name": "  Trần   Văn Bình ",
    "applicant_id_number": "12345",
    "applicant_phone": "12 34",
    "applicant_email": "binh@",
    "applicant_birth_date": "31/02/1990",
}


def _forms(procedure, data=None):
    procedure.online_level = catalog_models.OnlineLevel.FULL
    agencies = Agency.objects.filter(code="000.21.21.H56")
    counter = ReceptionForm(
        data, procedure=procedure, version=current_version(procedure), agencies=agencies
    )
    portal = ApplicationForm(data, procedure=procedure, fields=[], agencies=agencies)
    return counter, portal


def test_the_counter_and_the_portal_ask_the_applicant_the_same_way(procedure):
    counter, portal = _forms(procedure)
    assert isinstance(counter, ApplicantForm) and isinstance(portal, ApplicantForm)
    for name in ApplicantForm.base_fields:
        assert counter.fields[name].label == portal.fields[name].label, name
    # The procedure accepts individuals only: neither asks who applies.
    assert counter.fields["applicant_kind"].widget.is_hidden
    assert portal.fields["applicant_kind"].widget.is_hidden


def test_the_counter_and_the_portal_refuse_a_bad_applicant_with_the_same_words(procedure):
    counter, portal = _forms(procedure, BAD_APPLICANT)
    assert not counter.is_valid() and not portal.is_valid()
    for name in ("applicant_id_number", "applicant_phone", "applicant_email"):
        assert counter.errors[name] == portal.errors[name], name
    assert counter.errors["applicant_birth_date"] == portal.errors["applicant_birth_date"]


def test_one_applicant_kind_enum():
    assert dossier_models.ApplicantKind is catalog_models.ApplicantKind
    assert not hasattr(catalog_models, "ApplicantType")


def test_one_wording_of_a_moment():
    assert printing.register.filters["vntime_words"] is vn.vntime_words
    assert vn.vntime_words(at(2025, 3, 6, 9, 5)) == "09 giờ 05 phút, ngày 06/03/2025"
    assert vn.vntime_words(None) == ""


def test_pauses_are_clipped_to_the_time_counted():
    since, until = at(2025, 3, 3, 9), at(2025, 3, 5, 9)
    pauses = [
        (at(2025, 3, 1, 8), at(2025, 3, 2, 8)),  # over before: no effect
        (at(2025, 3, 3, 8), at(2025, 3, 4, 8)),  # began before: cut at `since`
        (at(2025, 3, 4, 9), at(2025, 3, 6, 9)),  # ends after `until`
        (at(2025, 3, 4, 10), None),  # still open
    ]
    assert clip_pauses(pauses, since) == [
        (since, at(2025, 3, 4, 8)),
        (at(2025, 3, 4, 9), at(2025, 3, 6, 9)),
    ]
    assert clip_pauses(pauses, since, until) == [(since, at(2025, 3, 4, 8))]


def test_one_set_of_open_statuses():
    assert not hasattr(engine, "OPEN_STATUSES")
    Status = dossier_models.Status
    assert set(dossier_models.RECEIVED_OPEN_STATUSES) == set(dossier_models.OPEN_STATUSES) - {
        Status.SUBMITTED
    }
    assert set(dossier_models.RUNNING_STATUSES) < set(dossier_models.RECEIVED_OPEN_STATUSES)
