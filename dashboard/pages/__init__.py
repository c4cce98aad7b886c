"""One module per page: ``layout(search)`` builds the page for the router."""
