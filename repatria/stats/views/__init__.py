"""The statistics pages (statistics), and those of the records they depend on: exchange rates (rates) and campaigns
with their targets (campaigns)."""
