"""The only package that knows events: evidence kinds, session state, the store, actions."""
