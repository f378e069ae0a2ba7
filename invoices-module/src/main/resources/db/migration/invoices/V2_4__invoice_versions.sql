-- Write version of invoices_invoice for exact cached list counts (the design: ots V1_3__table_versions.sql).
SELECT table_versions_track('invoices_invoice');
