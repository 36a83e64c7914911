using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Gantry.Bench.Guardrails -- --filter '*' [--job short]
// Results (markdown, JSON) land in BenchmarkDotNet.Artifacts/results.
BenchmarkSwitcher.FromAssembly(typeof(Gantry.Bench.Guardrails.GuardrailsBenchmarks).Assembly).Run(args);
