"""The domain core: what the tool knows about incidents, networks and evidence."""
