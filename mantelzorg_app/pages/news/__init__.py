"""The news pages: Nieuws (Uit uw wijk, the hub, general news), one post, one general item, the
trekker's writing page and their posts, and the coordinator's check and feeds."""
