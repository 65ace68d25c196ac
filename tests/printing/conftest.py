"""Dossiers made through the lifecycle, one per form, and a place to print them."""

import re
import subprocess
from dataclasses import dataclass

import pytest
from support import vn

from motcua.dossiers import lifecycle


@pytest.fixture
def received(receive):
    """Received Monday 03/03/2025 09:00 with a fee; due Thursday 06/03/2025 09:00."""
    return receive(fee_amount=75_000)


@pytest.fixture
def returned(received, staff):
    """Handed on through every step and returned early, on Wednesday 05/03/2025 08:00.

    Steps: desk 1 h, handler 20 h, approver 2 h, desk 1 h. The approver is late: 2 working
    hours from 10:00 across the lunch break end at 14:00, the approval comes at 15:00.
    """
    at = vn(2025, 3, 3, 9, 30)
    dossier = lifecycle.forward(received, actor=staff["receiver"], at=at)
    dossier = lifecycle.forward(dossier, actor=staff["handler"], at=vn(2025, 3, 4, 10))
    dossier = lifecycle.approve(dossier, actor=staff["approver"], at=vn(2025, 3, 4, 15))
    dossier = lifecycle.mark_result_ready(
        dossier, actor=staff["handler"], at=vn(2025, 3, 4, 15, 30)
    )
    return lifecycle.return_result(dossier, actor=staff["returner"], at=vn(2025, 3, 5, 8))


@pytest.fixture
def refused_at_desk(tree, staff, procedure, applicant):
    """A dossier refused at the desk as not admissible: never received."""
    return lifecycle.refuse_at_reception(
        actor=staff["receiver"],
        procedure=procedure,
        agency=tree["commune_a"],
        applicant=applicant,
        reason="Hai bên chưa đủ tuổi kết hôn theo quy định.",
        at=vn(2025, 3, 3, 9),
    )


@dataclass
class Printed:
    """A PDF as poppler reads it."""

    text: str  # pdftotext -layout
    info: str  # pdfinfo

    @property
    def words(self) -> str:
        """The text with every run of spaces and line breaks made one space."""
        return " ".join(self.text.split())

    def missing(self, *texts: str) -> list[str]:
        """Those of `texts` the PDF does not say (spacing and line breaks aside)."""
        words = self.words
        return [text for text in texts if text not in words]

    @property
    def page_size(self) -> str:
        return re.search(r"Page size:\s+(.+?) pts", self.info).group(1)

    @property
    def pages(self) -> int:
        return int(re.search(r"Pages:\s+(\d+)", self.info).group(1))


@pytest.fixture
def read_pdf(tmp_path):
    """Write PDF bytes to a file and read it back with pdftotext and pdfinfo."""

    def read(data: bytes, name: str = "form.pdf") -> Printed:
        assert data.startswith(b"%PDF-")
        path = tmp_path / name
        path.write_bytes(data)
        return Printed(_run("pdftotext", "-layout", str(path), "-"), _run("pdfinfo", str(path)))

    return read


def _run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, check=True, text=True).stdout
