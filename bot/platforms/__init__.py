"""Chat platforms: each turns its events into `Turn`s for the conversation pipeline and shows the replies."""
