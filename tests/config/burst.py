"""Bursts of simultaneous requests over real HTTP, shared by the live-server tests and the
two-process scale-out test. Each scenario builds its data through the factories, sends its
requests from threads that start together, and checks what people would see: no server error,
no seat sold twice, every payment recorded once.

The URLs and forms they use (keep in step if they move):
- events:register / events:review (POST "option", "q_<question id>"; then the review's POST),
- invoice_admin:record_payment (POST "amount", "received_at", "method", "reference"),
- members:information (POST "expertise", "other_associations", "linkedin_url"),
- members:email_confirm (GET, the link of members.services.request_email_change).
"""

import itertools
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import requests

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.timezone import localdate

from events.models import Registration, RegistrationStatus
from invoices.models import Payment, Status
from members import services as member_services
from members.models import User
from tests.events.factories import make_event, option
from tests.factories import UserFactory
from tests.invoices.factories import make_invoice

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def signed_in(user, base_url):
    """An HTTP session signed in as `user` (a session made by Django's test client)."""
    client = Client()
    client.force_login(user)
    session = requests.Session()
    session.cookies.set(
        settings.SESSION_COOKIE_NAME, client.cookies[settings.SESSION_COOKIE_NAME].value
    )
    session.base_url = base_url
    return session


def get_token(session, path):
    response = session.get(session.base_url + path, allow_redirects=False, timeout=60)
    assert response.status_code == 200, (path, response.status_code)
    return CSRF.search(response.text).group(1)


def post(session, path, data, token):
    return session.post(
        session.base_url + path,
        data={**data, "csrfmiddlewaretoken": token},
        headers={"Referer": session.base_url + path},
        allow_redirects=False,
        timeout=120,
    )


def together(sessions, work):
    """Run work(index, session) for every session at once; return the results in order."""
    barrier = threading.Barrier(len(sessions))

    def run(pair):
        index, session = pair
        barrier.wait()
        return work(index, session)

    with ThreadPoolExecutor(max_workers=len(sessions)) as pool:
        return list(pool.map(run, enumerate(sessions)))


def spread(base_urls):
    return itertools.cycle(base_urls)


def thirty_confirmations_for_five_seats(base_urls):
    event = make_event(capacity=5)
    with translation.override("fr"):
        form_path = reverse("events:register", kwargs={"key": event.translation_key})
        review_path = reverse("events:review", kwargs={"key": event.translation_key})
    workshop = list(event.questions)[0].id
    people = [UserFactory() for _ in range(30)]
    sessions = [signed_in(p, url) for p, url in zip(people, spread(base_urls), strict=False)]
    tokens = []
    for session in sessions:  # each fills the form and reaches the review page
        token = get_token(session, form_path)
        response = post(
            session, form_path, {"option": option(event).pk, f"q_{workshop}": "0"}, token
        )
        assert response.status_code == 302 and response.headers["Location"].endswith(review_path)
        tokens.append(get_token(session, review_path))

    responses = together(sessions, lambda i, s: post(s, review_path, {}, tokens[i]))

    statuses = [r.status_code for r in responses]
    assert not [s for s in statuses if s >= 500], statuses
    confirmed = [r for r in responses if r.status_code == 302]
    full = [r for r in responses if r.status_code == 200]
    assert len(confirmed) == 5, statuses
    assert all("/registrations/" in r.headers["Location"] for r in confirmed)
    # The other 25 hear the event is full and are offered the waiting list.
    assert len(full) == 25, statuses
    assert all('name="waiting_list"' in r.text for r in full)
    registered = Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED)
    assert registered.count() == 5


def twenty_staff_payments(base_urls):
    group = Group.objects.create(name="Comptabilité (rafale)")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="record_payment"),
    )
    staff = [UserFactory(is_staff=True) for _ in range(20)]
    for person in staff:
        person.groups.add(group)
    invoices = [make_invoice(amount="100") for _ in range(20)]
    sessions = [signed_in(p, url) for p, url in zip(staff, spread(base_urls), strict=False)]
    paths = [reverse("invoice_admin:record_payment", args=[i.pk]) for i in invoices]
    tokens = [get_token(s, path) for s, path in zip(sessions, paths, strict=True)]
    data = {"amount": "114.98", "received_at": str(localdate()), "method": "cheque"}

    responses = together(
        sessions, lambda i, s: post(s, paths[i], {**data, "reference": f"C-{i}"}, tokens[i])
    )

    statuses = [r.status_code for r in responses]
    assert statuses == [302] * 20, statuses
    payments = Payment.objects.filter(invoice__in=invoices)
    assert payments.count() == 20
    assert sum(p.amount for p in payments) == Decimal("114.98") * 20
    receipts = [p.receipt_number for p in payments]
    assert len(set(receipts)) == 20  # one receipt number each, none shared
    for invoice in invoices:
        invoice.refresh_from_db()
        assert invoice.status == Status.PAID


def ten_members_saving_their_file(base_urls, seconds=4):
    people = [UserFactory() for _ in range(10)]
    sessions = [signed_in(p, url) for p, url in zip(people, spread(base_urls), strict=False)]
    with translation.override("fr"):
        path = reverse("members:information")
    tokens = [get_token(s, path) for s in sessions]

    def keep_saving(index, session):
        statuses, n = [], 0
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            n += 1
            data = {"expertise": f"Finances municipales {n}", "other_associations": ""}
            statuses.append(post(session, path, data, tokens[index]).status_code)
        return statuses, f"Finances municipales {n}"

    results = together(sessions, keep_saving)

    every = [s for statuses, _ in results for s in statuses]
    assert every and set(every) == {302}, sorted(set(every))
    assert len(every) >= 20  # the saves really overlapped, several per member
    for person, (_, last) in zip(people, results, strict=True):
        person.refresh_from_db()
        assert person.expertise == last  # the last save of each member is the one kept


def ten_confirmations_of_one_address(base_urls):
    """Ten people follow, at once, the links that give each of them the same e-mail address,
    written in other capitals: one gets it, the nine others are told another file uses it."""
    address = "jo.dupuis@example.org"
    people = [UserFactory(language="fr") for _ in range(10)]
    links = []
    for n, person in enumerate(people):
        token = member_services.request_email_change(
            person, new_email=address[:n].upper() + address[n:], by=person
        )
        with translation.override("fr"):
            links.append(reverse("members:email_confirm", args=[token]))
    sessions = []
    for url in itertools.islice(spread(base_urls), len(people)):
        session = requests.Session()
        session.base_url = url
        sessions.append(session)

    responses = together(
        sessions,
        lambda i, s: s.get(s.base_url + links[i], allow_redirects=False, timeout=120),
    )

    statuses = [r.status_code for r in responses]
    assert sorted(statuses) == [302] + [400] * 9, statuses
    with translation.override("fr"):
        taken = translation.gettext(
            "Another file now uses this address. Ask for the change again with another address."
        )
    assert all(taken in r.text.replace("&#x27;", "'") for r in responses if r.status_code == 400)
    assert User.objects.filter(email__iexact=address).count() == 1
