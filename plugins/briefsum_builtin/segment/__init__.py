"""Reading newspaper pages: articles, titles, bylines, paragraphs and sentences with offsets."""
