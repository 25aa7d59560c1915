// The simulator's fault switches are global to its process and the adapters' timeouts are short (0.5 s a try):
// test classes run one after the other, so that no test turns a fault on under another, and no population
// being generated on the other core makes an answer late.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
