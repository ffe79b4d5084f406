"""The load generator for bench/load.py: locust, headless, run as a library in its own process
(locust patches the standard library for gevent, which Django's side of the bench must not
see). It reads one phase as JSON on stdin and prints what it measured as JSON on stdout.

A phase is either steady (`users` people requesting their routes back to back for `seconds`,
after `warmup` seconds that are not counted) or the Monday morning (`people` people, each
opening the reminder's link signed out, signing in through the form and checking in once).
"""

from __future__ import annotations

import itertools
import json
import re
import sys
import time
from pathlib import Path

import gevent
from locust import FastHttpUser, constant, task
from locust.env import Environment
from locust.exception import StopUser

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.load_routes import ROUTES

CSRF_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
ANSWERS = {"energy": "3", "calm": "4", "sleep": "2", "connection": "4", "boundaries": "3"}


def checkin_body(csrf: str, note: str = "") -> dict[str, str]:
    return {"csrfmiddlewaretoken": csrf, **ANSWERS, "note": note}


def steady_user(name: str, weight: int, accounts: dict, token: str) -> type[FastHttpUser]:
    """A person who requests one route back to back, signed in with a session made before."""
    whose, method, path, expected = ROUTES[name]
    turn = itertools.cycle(accounts.get(whose) or [None])

    class Person(FastHttpUser):
        wait_time = constant(0)

        def on_start(self) -> None:
            self.account = next(turn)
            self.headers = {}
            if whose == "token":
                self.headers["Authorization"] = f"Bearer {token}"
            elif self.account:
                cookies = f"sessionid={self.account['session']}; csrftoken={self.account['csrf']}"
                self.headers["Cookie"] = cookies

        @task
        def request(self) -> None:
            data = None
            if method == "POST":
                data = checkin_body(self.account["csrf"])
                self.headers["Referer"] = self.host + path
            with self.client.request(
                method,
                path,
                name=name,
                data=data,
                headers=self.headers,
                allow_redirects=False,
                catch_response=True,
            ) as response:
                if response.status_code != expected:
                    response.failure(f"{response.status_code}")

    Person.__name__ = Person.__qualname__ = re.sub(r"\W", "_", name)
    Person.weight = weight
    return Person


def monday_user(people: list[str], password: str, finished: list[int]) -> type[FastHttpUser]:
    """Someone who opens the check-in link from the reminder, signed out: the login form, back
    to the check-in, one check-in sent. Each step must answer as it should."""
    turn = iter(people)

    class MondayPerson(FastHttpUser):
        wait_time = constant(0)

        def expect(self, response, status: int, location: str | None = None) -> None:
            if response.status_code != status:
                response.failure(f"{response.status_code}")
                raise StopUser
            if location and not response.headers.get("Location", "").startswith(location):
                response.failure(f"went to {response.headers.get('Location')}")
                raise StopUser

        def csrf(self, response) -> str:
            return CSRF_FIELD.search(response.content).group(1).decode()

        @task
        def check_in(self) -> None:
            email = next(turn, None)
            if email is None:
                raise StopUser
            try:
                self.arrive(email)
            finally:
                finished.append(1)
            raise StopUser

        def arrive(self, email: str) -> None:
            client, link = self.client, "/self-care/check-in/"
            login = "/accounts/login/?next=" + link
            with client.get(
                link, name="1 the link, signed out", allow_redirects=False, catch_response=True
            ) as r:
                self.expect(r, 302, "/accounts/login/")
            with client.get(login, name="2 the login form", catch_response=True) as r:
                self.expect(r, 200)
                token = self.csrf(r)
            body = {"csrfmiddlewaretoken": token, "username": email, "password": password}
            headers = {"Referer": self.host + login}
            with client.post(
                login,
                data=body,
                headers=headers,
                name="3 sign in",
                allow_redirects=False,
                catch_response=True,
            ) as r:
                self.expect(r, 302, link)
            with client.get(link, name="4 the check-in form", catch_response=True) as r:
                self.expect(r, 200)
                token = self.csrf(r)
            with client.post(
                link,
                data=checkin_body(token, note=f"Monday, {email}"),
                headers={"Referer": self.host + link},
                name="5 check-in sent",
                allow_redirects=False,
                catch_response=True,
            ) as r:
                self.expect(r, 302, "/self-care/check-ins/")

    return MondayPerson


def summary(env: Environment, seconds: float) -> dict:
    rows = {}
    for (name, _method), entry in sorted(env.stats.entries.items()):
        rows[name] = {
            "requests": entry.num_requests,
            "failures": entry.num_failures,
            "rps": entry.num_requests / seconds,
            "p50": entry.get_response_time_percentile(0.5),
            "p99": entry.get_response_time_percentile(0.99),
            "max": entry.max_response_time,
        }
    errors = [
        {"name": e.name, "error": str(e.error), "count": e.occurrences}
        for e in env.stats.errors.values()
    ]
    return {"seconds": seconds, "routes": rows, "errors": errors}


def steady(spec: dict) -> dict:
    users = [
        steady_user(name, weight, spec["accounts"], spec["token"])
        for name, weight in spec["routes"].items()
    ]
    env = Environment(user_classes=users, host=spec["host"])
    runner = env.create_local_runner()
    runner.start(spec["users"], spawn_rate=spec["users"])
    gevent.sleep(spec["warmup"])
    env.stats.reset_all()
    started = time.perf_counter()
    gevent.sleep(spec["seconds"])
    seconds = time.perf_counter() - started
    result = summary(env, seconds)  # before stopping: a cut-off request is not a failure
    runner.quit()
    return result


def monday(spec: dict) -> dict:
    finished: list[int] = []
    people = spec["people"]
    env = Environment(
        user_classes=[monday_user(people, spec["password"], finished)], host=spec["host"]
    )
    runner = env.create_local_runner()
    started = time.perf_counter()
    runner.start(len(people), spawn_rate=spec["arrivals_per_second"])
    deadline = started + spec["timeout"]
    while len(finished) < len(people) and time.perf_counter() < deadline:
        gevent.sleep(0.2)
    seconds = time.perf_counter() - started
    runner.quit()
    result = summary(env, seconds)
    result["finished"] = len(finished)
    return result


if __name__ == "__main__":
    phase = json.load(sys.stdin)
    outcome = monday(phase) if phase["kind"] == "monday" else steady(phase)
    json.dump(outcome, sys.stdout)
