#!/usr/bin/env python
from kesos.cli import main

if __name__ == "__main__":
    main()
