"""Pure text functions for Chinese newspaper text: lines, unwrapping, sentences (no I/O, no state)."""
