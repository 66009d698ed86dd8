"""English date formats: Django's own English DATE_FORMAT abbreviates months ("Sept. 17, 2026");
Quorum writes them in full, "April 17, 2026" (French keeps Django's "17 avril 2026")."""

DATE_FORMAT = "F j, Y"
