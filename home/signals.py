"""Signals that let a lower app tell a higher one something happened, without importing it."""

from django.dispatch import Signal

# Sent by `events` when staff record that a person attended a training that carries credits.
# Arguments: person, source_key (str), earned_on (date), credits (Decimal), label_fr, label_en, by.
# `membership` awards the credits and the attestations.
training_attended = Signal()

# Sent by `invoices` once an invoice, credit note or receipt is mailed (after commit), to learn
# who else gets a copy in their own language. Argument: invoice. Receivers return a list of
# users (with `email` and `language`); `events` answers with the delegate who registered the
# person the invoice bills.
invoice_copies = Signal()

# Sent by `invoices` (inside the transaction) when an invoice becomes fully paid, by card or by a
# payment staff record. Arguments: invoice. `membership` activates the renewal it pays.
invoice_paid = Signal()

# Sent by `invoices` (inside the transaction) when a credit note cancels an invoice in full.
# Arguments: invoice. `membership` cancels the pending renewal it billed.
invoice_cancelled = Signal()
