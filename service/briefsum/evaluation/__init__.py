"""Measuring quality on evaluation data that lives outside the repository.

Every evaluation takes the data path as an argument (``briefsum eval <what> PATH``); nothing here
reads ``../shared`` by itself, and no evaluation text is shipped with briefsum.
"""
