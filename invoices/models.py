# Invoices, credit notes and payments arrive with the invoices issue.
