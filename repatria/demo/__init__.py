"""Synthetic demo data: plausible, deterministic and never about real people.

``generator`` plans the persons and their cases from a seed as plain values without touching the database,
``rates`` the monthly exchange rates and ``campaigns`` the yearly Sky Net campaigns with targets near what the
planned cases achieve; ``writer`` loads a plan, either through the services (so every rule and timeline event is
the real one) or in bulk with the same records and events, for large volumes. ``tables`` holds the frequencies and
word lists the plan draws from.
"""
