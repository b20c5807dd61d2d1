"""The news's states: the Nieuws list, one post, one general item, the writing page with its photo,
a trekker's posts, and the coordinator's check and feeds."""
