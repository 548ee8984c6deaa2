"""Entry point of the frozen build: the same `nargis` command as the pip install."""

from nargis_desktop.cli.main import main

if __name__ == "__main__":
    main()
