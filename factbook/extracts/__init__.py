"""The extract steps: one module per producer, each turning raw files into one tidy table; ``run`` regenerates them."""
