"""FrontDesk: the front desk of a community night school (夜校).

This package is the core: store, domain rules, documents and the command
line. It never imports Qt; the windows live in the ``ui`` package.
"""

__version__ = "0.1.0"
