enum _PlaceholderGrassrootsWeb {}
