"""The only package that knows events: evidence kinds, session state, the store, actions,
and the checks on what a user records (secrets, channels, addresses)."""
