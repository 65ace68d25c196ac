import pytest

from motcua.dossiers import lifecycle
from motcua.dossiers.errors import InvalidInput, NotAllowed
from motcua.dossiers.models import Rating

SCORES = {"reception": "3", "handling": "2", "result": "3", "comment": "Cán bộ hướng dẫn tận tình."}


@pytest.fixture
def dossier(submit):
    return submit()


def test_the_applicant_rates_once_after_the_result_is_returned(client, citizen, dossier, walk):
    dossier = walk(dossier, "returned")
    client.force_login(citizen)
    page = client.get(f"/track/{dossier.code}/").content.decode()
    assert "Đánh giá việc giải quyết hồ sơ" in page
    response = client.post(f"/track/{dossier.code}/rate/", SCORES)
    assert response["Location"] == f"/track/{dossier.code}/"
    rating = Rating.objects.get()
    assert (rating.reception, rating.handling, rating.result) == (3, 2, 3)
    assert rating.comment == "Cán bộ hướng dẫn tận tình."
    assert dossier.events.filter(kind="rate").count() == 1
    again = client.post(f"/track/{dossier.code}/rate/", SCORES)
    assert again.status_code == 409
    assert "Hồ sơ này đã được đánh giá." in again.content.decode()
    assert Rating.objects.count() == 1


def test_there_is_nothing_to_rate_before_the_result(client, citizen, dossier, walk):
    dossier = walk(dossier, "result_ready")
    client.force_login(citizen)
    response = client.post(f"/track/{dossier.code}/rate/", SCORES)
    assert response.status_code == 409
    assert "Chỉ đánh giá được sau khi đã nhận kết quả." in response.content.decode()
    assert not Rating.objects.exists()


def test_only_the_applicant_rates(client, other_citizen, dossier, walk, staff):
    dossier = walk(dossier, "returned")
    client.force_login(other_citizen)
    assert client.post(f"/track/{dossier.code}/rate/", SCORES).status_code == 404
    with pytest.raises(NotAllowed):
        lifecycle.rate(dossier, actor=staff["receiver"], reception=3, handling=3, result=3)
    assert not Rating.objects.exists()


def test_every_score_is_needed(client, citizen, dossier, walk):
    dossier = walk(dossier, "returned")
    client.force_login(citizen)
    response = client.post(f"/track/{dossier.code}/rate/", {"reception": "3"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Chọn mức độ hài lòng với việc giải quyết hồ sơ." in page
    assert 'href="#id_handling_0"' in page
    with pytest.raises(InvalidInput):
        lifecycle.rate(dossier, actor=citizen, reception=5, handling=3, result=3)
