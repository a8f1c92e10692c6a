"""Renderers by medium: each lays out a prepared view (text, Markdown, JSON, CSV, Word, Excel,
HTML) and computes nothing.  Words come from `words/` and the catalogue; plan text is made
harmless for the medium with `base/escapes`."""
