"""Reporters: each turns a check result into text for one output format."""
