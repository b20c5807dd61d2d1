"""HTTP routes of the news: the hub's news as RSS 2.0 (``/feeds/<hub>/nieuws.rss``, services.news.rss)."""

routes = []
