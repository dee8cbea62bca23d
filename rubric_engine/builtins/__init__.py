"""Built-in plugins. Each module registers through the same hooks a user's plugin uses."""
