using BenchmarkDotNet.Attributes;
using Gantry.Guardrails.Pipeline;
using Gantry.Guardrails.Streaming;

namespace Gantry.Bench.Guardrails;

/// <summary>
/// Guardrail cost per request on typical 1–4 KB prompts: the full input pipeline (injection, PII, secrets,
/// content) and the output side as a streaming guard fed 4-character deltas. Target: median under 2 ms.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[JsonExporterAttribute.Full]
public class GuardrailsBenchmarks
{
    private static readonly GuardrailPolicy Policy = GuardrailPolicy.Default.WithAllModes(GuardrailMode.Redact);
    private string _prompt = "";

    [Params(1024, 2048, 4096)]
    public int PromptChars { get; set; }

    [GlobalSetup]
    public void Setup() => _prompt = Prompts.OfLength(PromptChars);

    [Benchmark(Description = "input pipeline")]
    public GuardrailVerdict Input() => GuardrailPipelines.Input.Evaluate(_prompt, Policy);

    [Benchmark(Description = "output pipeline, whole text")]
    public GuardrailVerdict Output() => GuardrailPipelines.Output.Evaluate(_prompt, Policy);

    [Benchmark(Description = "streaming output guard, 4-char deltas")]
    public int Streaming()
    {
        var guard = new StreamingOutputGuard(Policy);
        var released = 0;
        for (var i = 0; i < _prompt.Length; i += 4)
            released += guard.Push(_prompt.AsSpan(i, Math.Min(4, _prompt.Length - i))).Text.Length;
        return released + guard.Complete().Text.Length;
    }
}
