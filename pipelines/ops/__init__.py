"""Running the radar: backup and restore (``backup``) and the health check (``doctor``).

May import every capability below the command line.
"""
