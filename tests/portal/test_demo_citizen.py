"""The demo has a citizen account, documented in the README like the staff accounts, that
logs in and applies at once."""

from pathlib import Path

from motcua.demo import loader

README = (Path(__file__).resolve().parents[2] / "README.md").read_text()


def test_the_demo_citizen_logs_in_and_finds_the_application_filled_in(client, db):
    loader.load_agencies()
    loader.load_catalog()
    (account,) = loader.load_citizens()
    assert loader.load_citizens() == [account]  # idempotent

    response = client.post(
        "/login/", {"username": account["username"], "password": loader.demo_password()}
    )
    assert response.status_code == 302
    assert client.get("/account/start/")["Location"] == "/account/dossiers/"
    page = client.get("/apply/1.001193/").content.decode()  # birth registration, online
    assert 'value="Trần Văn Bình"' in page
    assert 'value="0912345678"' in page


def test_the_readme_names_the_demo_citizen_and_where_codes_appear(db):
    (account,) = loader.load_citizens()
    assert f"`{account['username']}`" in README
    assert "công dân" in README
    # A new account's verification code is printed by `make run` (the console e-mail/SMS).
    assert "console" in README.split("## Demo accounts")[1].split("\n## ")[0]
