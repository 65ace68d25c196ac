"""The work-queue page offers the tracking book (form 06): the user's agencies and this
month so far; the form it posts prints the book."""

import re
import subprocess

from django.urls import reverse
from django.utils import timezone


def test_the_dashboard_prints_the_tracking_book(staff, client_for, tree, tmp_path):
    client = client_for(staff["receiver"])
    html = client.get(reverse("office:dashboard")).content.decode()
    form = re.search(r'<form method="get" action="(/print/book\.pdf)"(.*?)</form>', html, re.S)
    assert form is not None
    fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', form.group(2)))
    today = timezone.localdate()
    assert fields == {"from": f"01/{today:%m/%Y}", "to": f"{today:%d/%m/%Y}"}
    assert f'<option value="{tree["commune_a"].code}">' in form.group(2)

    response = client.get(form.group(1), fields | {"agency": tree["commune_a"].code})
    assert response.status_code == 200
    path = tmp_path / "book.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "SỔ THEO DÕI HỒ SƠ" in text
    assert "Tân Lập, ngày" in text
