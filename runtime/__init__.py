"""The composition root: reads the settings, builds the services once, runs the commands."""
