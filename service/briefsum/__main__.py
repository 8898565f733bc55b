"""``python -m briefsum``: the same command line as ``briefsum``."""

from briefsum.cli.main import main

if __name__ == "__main__":
    main()
