// Fixtures run side by side. Each test starts its own sandbox on free loopback ports and gives docker and gcloud their own
// throwaway configs; the one thing shared, the private dockerd, serves concurrent clients. The longest test (a push without
// a REPOSITORY segment) spends ~50 s waiting for docker's upload retries; the other fixtures run during that wait.
[assembly: Parallelizable(ParallelScope.Fixtures)]
// Most of a test's time is spent waiting on dockerd, docker and gcloud processes, not on this process's CPU.
[assembly: LevelOfParallelism(4)]
