"""Background work of the invoices app (django_tasks API)."""

from django_tasks import task


@task()
def request_stripe_refund(refund_id):
    from .services import send_stripe_refund

    send_stripe_refund(refund_id)
