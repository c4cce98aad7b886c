"""One folder per page (main, classify, model, health): ``page.py`` builds the page
(``layout``); the folder also holds the page's callbacks (``register(app)``) and parts."""
