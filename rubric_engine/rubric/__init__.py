"""The rubric file: loading (YAML with positions), schema validation, the model, lint."""
