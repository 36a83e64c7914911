using System.Diagnostics;
using BenchmarkDotNet.Running;
using Gantry.Bench.Guardrails;
using Gantry.Guardrails.Pipeline;

// dotnet run -c Release --project bench/Gantry.Bench.Guardrails -- --filter '*'   (BenchmarkDotNet; results in
// BenchmarkDotNet.Artifacts/results as markdown and JSON). `-- --profile` prints a quick per-check breakdown;
// `-- --server --model m.gguf` measures what guardrails add per request at the server (see ServerBench).
if (args is ["--server", ..]) return await ServerBench.RunAsync(args);
if (args is ["--train-injection", ..]) return InjectionTraining.Run(args);
if (args is ["--cv-injection", ..]) return InjectionCrossValidation.Run(args);
if (args is ["--eval-injection", ..]) return InjectionEvaluation.Run(args);
if (args is ["--eval-injection-set", ..]) return IndependentSetEvaluation.Run(args);
if (args is ["--explain-injection", _]) return InjectionTraining.Explain(args);
if (args is ["--cost-injection", ..]) return InjectionEvaluation.RunCost(args);
if (args is ["--stages-injection", _]) return DetectorStages.Run(args);
if (args is ["--scores-injection", _]) return DetectorStages.Scores(args);
if (args is ["--profile", ..])
{
    var prompt = Prompts.OfLength(4096);
    var policy = GuardrailPolicy.Default.WithAllModes(GuardrailMode.Redact);
    foreach (var check in GuardrailPipelines.BuiltInChecks)
    {
        var findings = new GuardrailFindings();
        for (var i = 0; i < 200; i++) { findings.Clear(); check.Inspect(prompt, Gantry.Guardrails.Injection.TextOrigin.Instruction, policy, findings); }
        var sw = Stopwatch.StartNew();
        const int n = 1000;
        for (var i = 0; i < n; i++) { findings.Clear(); check.Inspect(prompt, Gantry.Guardrails.Injection.TextOrigin.Instruction, policy, findings); }
        Console.WriteLine($"{check.Name,-10} {sw.Elapsed.TotalMicroseconds / n,8:F1} us per 4 KB prompt");
    }
    foreach (var p in Gantry.Guardrails.Injection.InjectionPatterns.All)
    {
        var sw = Stopwatch.StartNew();
        var hits = 0;
        for (var i = 0; i < 200; i++) if (p.MayMatch(prompt)) foreach (var _ in p.Regex.EnumerateMatches(prompt)) hits++;
        Console.WriteLine($"  {p.Technique,-28} anchor={p.MayMatch(prompt),-5} {sw.Elapsed.TotalMicroseconds / 200,8:F1} us");
    }
    var sw2 = Stopwatch.StartNew();
    for (var i = 0; i < 200; i++) Gantry.Guardrails.Injection.EncodedPayloads.Decode(prompt);
    Console.WriteLine($"  encoded payloads {sw2.Elapsed.TotalMicroseconds / 200,8:F1} us");
    sw2.Restart();
    for (var i = 0; i < 200; i++) Gantry.Guardrails.Injection.TextNormalizer.Normalize(prompt, true);
    Console.WriteLine($"  leet normalize {sw2.Elapsed.TotalMicroseconds / 200,8:F1} us, candidates={Gantry.Guardrails.Injection.TextNormalizer.HasLeetCandidates(prompt)}");
    var ev = new List<Gantry.Guardrails.Injection.InjectionEvidence>();
    Console.WriteLine($"  score={Gantry.Guardrails.Injection.InjectionDetector.Analyze(prompt, ev)} evidence={ev.Count}");
    sw2.Restart();
    for (var i = 0; i < 200; i++) foreach (var _ in Gantry.Guardrails.Injection.InjectionPatterns.HexRun().EnumerateMatches(prompt)) { }
    Console.WriteLine($"  hex {sw2.Elapsed.TotalMicroseconds / 200,8:F1} us");
    sw2.Restart();
    for (var i = 0; i < 200; i++) foreach (var _ in Gantry.Guardrails.Injection.InjectionPatterns.Base64Run().EnumerateMatches(prompt)) { }
    Console.WriteLine($"  b64 {sw2.Elapsed.TotalMicroseconds / 200,8:F1} us");
    foreach (var r in new System.Text.RegularExpressions.Regex[] { Gantry.Guardrails.Pii.PiiPatterns.Phone(), Gantry.Guardrails.Pii.PiiPatterns.PaymentCard(), Gantry.Guardrails.Pii.PiiPatterns.Iban(), Gantry.Guardrails.Pii.PiiPatterns.UsSsn(), Gantry.Guardrails.Pii.PiiPatterns.IPv4(), Gantry.Guardrails.Pii.PiiPatterns.IPv6(), Gantry.Guardrails.Pii.PiiPatterns.Email() })
    {
        sw2.Restart();
        for (var i = 0; i < 200; i++) foreach (var _ in r.EnumerateMatches(prompt)) { }
        Console.WriteLine($"  pii regex {sw2.Elapsed.TotalMicroseconds / 200,8:F1} us");
    }
    return 0;
}
BenchmarkSwitcher.FromAssembly(typeof(GuardrailsBenchmarks).Assembly).Run(args);
return 0;
