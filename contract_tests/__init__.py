"""The contract test kit: point it at any implementation of the three APIs."""
