"""The mixed load of bench/http_bench.py, for locust (headless). The plan (JSON, named by
MOTCUA_BENCH_PLAN) gives the codes to use; MOTCUA_BENCH_MIX=static asks for the
static-file baseline alone, =staff for the staff's pages alone. Users wait for nothing between requests: a closed loop at the
server's pace. URLs are grouped by pattern (`[code]`) in the statistics."""

import json
import os
import random
import re

from locust import FastHttpUser, task

PLAN = json.loads(open(os.environ["MOTCUA_BENCH_PLAN"]).read())  # noqa: SIM115
STATIC = os.environ.get("MOTCUA_BENCH_STATIC", "")
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION = re.compile(r'name="assign-expected_version" value="(\d+)"')
ASSIGNEE = re.compile(r'name="assign-assignee"[^>]*>\s*<option value="(\d+)"')
CSRF = "b" * 32


def posted(client, url: str, data: dict, headers: dict, name: str) -> bool:
    """POST a form; anything but the redirect that follows success counts as an error."""
    with client.post(
        url, data=data, headers=headers, name=name, allow_redirects=False, catch_response=True
    ) as response:
        if response.status_code != 302:
            response.failure(f"answered {response.status_code}")
            return False
    return True


class Citizen(FastHttpUser):
    """Searches the catalog, reads procedures, tracks a dossier with its code and ID."""

    weight = 6

    @task(3)
    def home(self):
        self.client.get("/", name="/")

    @task(3)
    def search(self):
        query = random.choice(PLAN["searches"])
        self.client.get("/procedures/", params={"q": query}, name="/procedures/?q=[words]")

    @task(4)
    def procedure(self):
        code = random.choice(PLAN["procedures"])
        self.client.get(f"/procedures/{code}/", name="/procedures/[code]/")

    @task(2)
    def track(self):
        form = self.client.get("/track/", name="/track/")
        token = TOKEN.search(form.text)
        code = random.choice(PLAN["tracked"])
        found = posted(
            self.client,
            "/track/",
            {"code": code, "secret": PLAN["secret"], "csrfmiddlewaretoken": token.group(1)},
            {"Referer": f"{self.host}/track/"},
            "/track/ (look up)",
        )
        if found:
            self.client.get(f"/track/{code}/", name="/track/[code]/")


class Staff(FastHttpUser):
    """An officer with a session: the dashboard, the work queue, a dossier's workspace, and
    acting on a dossier at their step (assigning it, an event in the lifecycle's
    transaction, which changes the dossier's version but not its step)."""

    weight = 3
    started = 0

    def on_start(self):
        # Each user its own officer: two users acting on one dossier would conflict.
        self.me = PLAN["staff"][Staff.started % len(PLAN["staff"])]
        Staff.started += 1
        self.client.cookiejar.clear()
        # Any 32-character secret is a valid CSRF cookie; the form sends it back unmasked.
        self.headers = {"Cookie": f"sessionid={self.me['session']}; csrftoken={CSRF}"}

    def page(self, url: str, name: str) -> None:
        # A lost session would redirect to the login page: that is an error here.
        with self.client.get(
            url, headers=self.headers, name=name, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"answered {response.status_code}")

    @task(2)
    def dashboard(self):
        self.page("/office/", "/office/")

    @task(3)
    def queue(self):
        self.page(f"/office/?queue={self.me['queue']}", "/office/?queue=[q]")

    @task(1)
    def assign(self):
        if not self.me["acting"]:
            return
        code = random.choice(self.me["acting"])
        page = self.client.get(
            f"/office/dossiers/{code}/", headers=self.headers, name="/office/dossiers/[code]/"
        )
        version = VERSION.search(page.text)
        assignee = ASSIGNEE.search(page.text)
        if version is None or assignee is None:
            return  # no longer at this officer's step
        posted(
            self.client,
            f"/office/dossiers/{code}/assign/",
            {
                "csrfmiddlewaretoken": CSRF,
                "assign-expected_version": version.group(1),
                "assign-assignee": assignee.group(1),
            },
            {**self.headers, "Referer": f"{self.host}/office/dossiers/{code}/"},
            "/office/dossiers/[code]/assign/ (POST)",
        )

    @task(3)
    def workspace(self):
        self.page(
            f"/office/dossiers/{random.choice(self.me['dossiers'])}/", "/office/dossiers/[code]/"
        )


class ApiClient(FastHttpUser):
    """Another system listing the catalog and the agencies through the public API."""

    weight = 1

    @task(2)
    def procedures(self):
        page = random.randint(1, 3)
        self.client.get(f"/api/v1/procedures?page={page}", name="/api/v1/procedures?page=[n]")

    @task(1)
    def agencies(self):
        self.client.get("/api/v1/agencies?kind=commune", name="/api/v1/agencies?kind=commune")

    @task(1)
    def fields(self):
        self.client.get("/api/v1/fields", name="/api/v1/fields")


class StaticFile(FastHttpUser):
    """The baseline: one stylesheet, served by the same gunicorn (WhiteNoise)."""

    weight = 1

    @task
    def stylesheet(self):
        self.client.get(STATIC, name="static file")


if os.environ.get("MOTCUA_BENCH_MIX") == "static":
    del Citizen, Staff, ApiClient
elif os.environ.get("MOTCUA_BENCH_MIX") == "staff":  # pages no cache serves
    del Citizen, ApiClient, StaticFile
else:
    del StaticFile
