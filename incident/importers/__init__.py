"""Exchange history exports -> typed transaction rows, one module per exchange."""
