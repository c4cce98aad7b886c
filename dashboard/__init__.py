"""The Dash front end: layout, pages, callbacks and figures (``dashboard.factory.create_app``)."""
