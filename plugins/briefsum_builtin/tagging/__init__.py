"""Category tags from weighted-term category files."""
