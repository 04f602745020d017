"""The embedded registry: models, the mandate lifecycle, import/export and the demo world."""
