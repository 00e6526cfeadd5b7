// Two cores: each test class starts its own host and database; more at once only thrashes.
[assembly: CollectionBehavior(MaxParallelThreads = 2)]
