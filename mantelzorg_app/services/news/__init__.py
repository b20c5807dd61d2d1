"""News: posts a wijk's trekkers write and the coordinator checks, their photos, a writing helper,
general news brought in from RSS and Atom feeds (sanitised), and the hub's news as RSS. Above the
agenda (a post may point to an activity); the chat above shares a post's card."""
