"""Stripe faked at its HTTP boundary only: a `stripe.HTTPClient` that answers the few API
calls Quorum makes with canned JSON, the way api.stripe.com would. Webhook signatures are
computed for real with the test secret."""

import hashlib
import hmac
import itertools
import json
import time
from urllib.parse import parse_qsl, urlsplit

import stripe
from stripe._http_client import HTTPClient

from django.conf import settings

_ids = itertools.count(1)


class FakeStripe(HTTPClient):
    name = "quorum-fake"

    def __init__(self):
        super().__init__()
        self.calls = []  # (method, path, params, idempotency key)
        self.sessions = {}
        self.refunds = {}
        self._by_key = {}
        # When True, Checkout "pays" as soon as the session opens (the person paid on
        # Stripe's page) and sends them straight back to the success address.
        self.pay_immediately = False
        self.redirect_to_success = False
        self.refund_status = "succeeded"

    # The API calls ---------------------------------------------------------------------

    def request(self, method, url, headers, post_data=None, *, _usage=None):
        parts = urlsplit(url)
        params = dict(parse_qsl(post_data or parts.query or "", keep_blank_values=True))
        key = (headers or {}).get("Idempotency-Key")
        self.calls.append((method.upper(), parts.path, params, key))
        if key and key in self._by_key:
            return self._by_key[key]
        response = self._route(method.upper(), parts.path, params)
        if key and method.upper() == "POST":
            self._by_key[key] = response
        return response

    def _route(self, method, path, params):
        if method == "POST" and path == "/v1/checkout/sessions":
            return self._ok(self._create_session(params))
        if method == "GET" and path.startswith("/v1/checkout/sessions/"):
            session = self.sessions.get(path.rsplit("/", 1)[1])
            return self._ok(session) if session else self._not_found()
        if method == "POST" and path == "/v1/refunds":
            return self._ok(self._create_refund(params))
        return self._not_found()

    def _create_session(self, params):
        session_id = f"cs_test_{next(_ids):08d}"
        success_url = params["success_url"].replace("{CHECKOUT_SESSION_ID}", session_id)
        session = {
            "id": session_id,
            "object": "checkout.session",
            "mode": "payment",
            "status": "open",
            "payment_status": "unpaid",
            "amount_total": sum(unit * quantity for unit, quantity in _line_items(params)),
            "currency": params["line_items[0][price_data][currency]"],
            "client_reference_id": params.get("client_reference_id"),
            "metadata": {
                k[len("metadata[") : -1]: v for k, v in params.items() if k.startswith("metadata[")
            },
            "payment_intent": None,
            "expires_at": int(time.time()) + 24 * 3600,
            "success_url": success_url,
            "url": (
                success_url
                if self.redirect_to_success
                else f"https://checkout.stripe.test/c/pay/{session_id}"
            ),
        }
        self.sessions[session_id] = session
        if self.pay_immediately:
            self.pay(session_id)
        return session

    def _create_refund(self, params):
        refund = {
            "id": f"re_test_{next(_ids):08d}",
            "object": "refund",
            "amount": int(params["amount"]),
            "currency": "cad",
            "payment_intent": params["payment_intent"],
            "status": self.refund_status,
            "metadata": {
                k[len("metadata[") : -1]: v for k, v in params.items() if k.startswith("metadata[")
            },
        }
        self.refunds[refund["id"]] = refund
        return refund

    @staticmethod
    def _ok(body):
        return json.dumps(body), 200, {"Request-Id": f"req_{next(_ids)}"}

    @staticmethod
    def _not_found():
        body = {"error": {"type": "invalid_request_error", "message": "No such object"}}
        return json.dumps(body), 404, {}

    def request_stream(self, *args, **kwargs):
        raise NotImplementedError

    def close(self):
        pass

    # What happens on Stripe's side ------------------------------------------------------

    def pay(self, session_id):
        session = self.sessions[session_id]
        session.update(
            status="complete", payment_status="paid", payment_intent=f"pi_test_{session_id[-8:]}"
        )
        return session

    def expire(self, session_id):
        self.sessions[session_id].update(status="expired")
        return self.sessions[session_id]

    def posts(self, path):
        return [call for call in self.calls if call[0] == "POST" and call[1] == path]


def _line_items(params):
    """(unit amount, quantity) of each line item of a form-encoded Checkout request."""
    items = []
    while f"line_items[{len(items)}][quantity]" in params:
        prefix = f"line_items[{len(items)}]"
        items.append(
            (int(params[f"{prefix}[price_data][unit_amount]"]), int(params[f"{prefix}[quantity]"]))
        )
    return items


def event(kind, obj, event_id=None):
    return {
        "id": event_id or f"evt_test_{next(_ids):08d}",
        "object": "event",
        "api_version": "2025-01-27.acacia",
        "created": int(time.time()),
        "type": kind,
        "livemode": False,
        "data": {"object": obj},
    }


def sign(payload, secret=None, timestamp=None):
    """The Stripe-Signature header for `payload`, computed as Stripe computes it."""
    timestamp = int(timestamp or time.time())
    secret = secret or settings.STRIPE_WEBHOOK_SECRET
    digest = hmac.new(
        secret.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256
    ).hexdigest()
    return f"t={timestamp},v1={digest}"


def post_event(client, evt, *, secret=None):
    payload = json.dumps(evt)
    return client.post(
        "/stripe/webhook/",
        data=payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=sign(payload, secret),
    )


def install(monkeypatch):
    fake = FakeStripe()
    monkeypatch.setattr(stripe, "default_http_client", fake)
    return fake
