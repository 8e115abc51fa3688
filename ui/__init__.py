"""FrontDesk's windows (Qt), on top of the Qt-free core in ``frontdesk``."""
