from decimal import Decimal

from motcua.catalog.services import current_version, publish


def test_first_publication_is_version_one_with_the_full_terms(make_procedure):
    procedure = make_procedure(days=3)
    version = current_version(procedure)
    assert version.number == 1
    assert version.data["time_quantity"] == 3
    assert [d["name"] for d in version.data["documents"]] == ["Tờ khai", "Giấy tờ tùy thân"]
    assert sum(s["hours"] for s in version.data["steps"]) == 24


def test_publishing_without_a_change_keeps_the_version(make_procedure):
    procedure = make_procedure()
    assert publish(procedure).number == 1
    assert procedure.versions.count() == 1


def test_a_change_creates_a_new_version_and_the_old_one_is_kept(make_procedure):
    procedure = make_procedure(days=3)
    old = current_version(procedure)
    procedure.time_quantity = Decimal(5)
    procedure.save()
    step = procedure.steps.get(order=2)
    step.hours += 16
    step.save()
    new = publish(procedure)
    assert new.number == 2
    assert current_version(procedure) == new
    old.refresh_from_db()
    assert old.data["time_quantity"] == 3
    assert new.data["time_quantity"] == 5


def test_a_changed_document_list_is_a_new_version(make_procedure):
    procedure = make_procedure()
    procedure.documents.filter(order=2).delete()
    assert publish(procedure).number == 2
    assert len(current_version(procedure).data["documents"]) == 1
