"""Reading and validating content/: YAML files, schemas, one loader per content type, all of it loaded (load.py)."""
