"""An online submission must be accepted or refused within the set's working hours, counted
from the next working session; left past that, dashboards show it overdue."""

from support import vn

from motcua.dossiers import lifecycle
from motcua.reports.dashboard import UNACCEPTED, dashboard
from motcua.reports.periods import period
from motcua.rules.online import acceptance_due


def submit(tree, procedure, applicant, at):
    return lifecycle.submit(
        applicant_user=None,
        procedure=procedure,
        agency=tree["commune_a"],
        applicant=applicant,
        documents_received=[1, 2],
        at=at,
    )


def test_a_saturday_evening_submission_is_due_for_acceptance_monday_at_the_close(
    tree, make_procedure, applicant
):
    procedure = make_procedure(online_level="full")
    dossier = submit(tree, procedure, applicant, vn(2025, 3, 1, 20))

    assert acceptance_due(dossier) == vn(2025, 3, 3, 17)


def test_unaccepted_submissions_show_overdue_on_the_dashboard(
    tree, staff, make_procedure, applicant
):
    procedure = make_procedure(online_level="full")
    submit(tree, procedure, applicant, vn(2025, 3, 3, 9))  # due for acceptance 04/03 09:00
    submit(tree, procedure, applicant, vn(2025, 3, 4, 9))  # due 05/03 09:00

    board = dashboard(tree["commune_a"], period("month", 2025, 3), vn(2025, 3, 4, 10))

    (row,) = [load for load in board.workload if load.label == UNACCEPTED]
    assert (row.open, row.overdue) == (2, 1)
