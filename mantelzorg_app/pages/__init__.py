"""One module per page; a page lays out components and binds state, nothing else."""
