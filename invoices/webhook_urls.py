# Language-neutral callbacks (the Stripe webhook) arrive with the invoices issue.
urlpatterns = []
