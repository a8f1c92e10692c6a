"""Pydantic models of the two plan files.  Importing this package builds the model classes."""
