using ArtifactRegistry.Benchmarks;

// dotnet run -c Release --project benchmarks/ArtifactRegistry.Benchmarks -- <command> [options]
return await BenchmarkCommands.RunAsync(args);
