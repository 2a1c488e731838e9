"""The screening pages: alerts and the log of queries (alerts), and bulk screening (bulk)."""
