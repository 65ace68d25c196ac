"""With consent, the simulated population database pre-fills the application and the
documents whose data the state holds are not asked for."""

import pytest
from django.contrib.auth import get_user_model

from motcua.catalog.models import RequiredDocument
from motcua.catalog.services import publish
from motcua.dossiers.models import Dossier
from motcua.interop.models import PopulationLookup
from motcua.interop.platform import forget_tokens
from motcua.portal.models import CitizenProfile

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture
def registry(simulator, settings):
    running = simulator("population", "--client-id", "tinh", "--client-secret", "bi-mat")
    settings.MOTCUA_POPULATION_URL = running.url
    settings.MOTCUA_POPULATION_CLIENT_ID = "tinh"
    settings.MOTCUA_POPULATION_CLIENT_SECRET = "bi-mat"
    forget_tokens()
    return running


@pytest.fixture
def residence_procedure(make_procedure):
    """Birth registration whose second document (residence) is data the state holds."""
    procedure = make_procedure("1.001193", "Đăng ký khai sinh", online_level="full")
    RequiredDocument.objects.filter(procedure=procedure, order=2).update(
        name="Giấy tờ chứng minh nơi cư trú", mandatory=True, state_data="residence"
    )
    publish(procedure)
    return procedure


@pytest.fixture
def citizen(client, db):
    user = get_user_model().objects.create_user("binh@example.vn", email="binh@example.vn")
    CitizenProfile.objects.create(user=user, phone="0912345678", id_number="072095001234")
    client.force_login(user)
    return user


def test_consent_fills_the_application_and_spares_state_held_documents(
    client, registry, residence_procedure, citizen, tree
):
    url = "/interop/apply/1.001193/population/"
    assert "Lấy thông tin từ Cơ sở dữ liệu" in client.get("/apply/1.001193/").content.decode()
    refused = client.post(url, {"id_number": "072095001234"})
    assert refused.status_code == 400
    assert "Cần ông/bà đồng ý" in refused.content.decode()
    assert registry.get("/_sim/state")["lookups"] == []  # nothing asked without consent
    done = client.post(url, {"id_number": "072095001234", "consent": "on"})
    assert done.status_code == 302
    form = client.get("/apply/1.001193/").context["form"]
    assert form.initial["applicant_name"] == "Trần Văn Bình"
    assert form.initial["applicant_birth_date"] == "12/08/1995"
    assert form.initial["applicant_address"].startswith("Ấp Thạnh Hiệp, xã Tân Lập")
    asked = registry.get("/_sim/state")["lookups"]
    assert [(a["SoDinhDanh"], a["DongYCuaCongDan"]) for a in asked] == [("072095001234", True)]
    details = {**form.initial, "agency": str(tree["commune_a"].pk), "delivery": "online"}
    details["applicant_kind"] = "individual"
    client.post("/apply/1.001193/", {k: v for k, v in details.items() if v is not None})
    page = client.get("/apply/1.001193/documents/").content.decode()
    assert "Không cần tải lên" in page
    uploaded = client.post("/apply/1.001193/documents/", {"doc-1": _file("to-khai.pdf")})
    assert uploaded.status_code == 302 and uploaded["Location"].endswith("/review/")
    review = client.get("/apply/1.001193/review/")
    assert "khai thác từ Cơ sở dữ liệu quốc gia về dân cư" in review.content.decode()
    client.post("/apply/1.001193/review/")
    dossier = Dossier.objects.get()
    assert [d.received for d in dossier.documents.order_by("order")] == [True, True]
    assert dossier.files.count() == 1
    assert PopulationLookup.objects.get().found is True


def test_an_unknown_person_is_a_clear_error(client, registry, residence_procedure, citizen):
    response = client.post(
        "/interop/apply/1.001193/population/", {"id_number": "079999999999", "consent": "on"}
    )
    assert response.status_code == 400
    assert "Không lấy được thông tin" in response.content.decode()
    page = client.get("/apply/1.001193/documents/")
    assert page.status_code == 302  # no draft was made: back to step 1


def _file(name):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, PDF, content_type="application/pdf")
