using Gantry.Engine;
using Gantry.Server.Security;

namespace Gantry.Server.Hosting;

/// <summary>What <c>gantry serve</c> was asked for: where to listen, limits, and how to build each model's engine.</summary>
public sealed record ServerOptions
{
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>0 picks a free port (tests).</summary>
    public int Port { get; init; } = 8000;

    /// <summary>Models to load; empty serves the built-in demo model.</summary>
    public IReadOnlyList<ModelSpec> Models { get; init; } = [];

    public int Threads { get; init; } = Environment.ProcessorCount;

    public EngineOptions Engine { get; init; } = new();

    /// <summary>With speculative method Draft: the draft model, loaded once per served model (vocabularies must match).</summary>
    public string? DraftModelPath { get; init; }

    public long MaxBodyBytes { get; init; } = 1 << 20;

    /// <summary>How long a SIGTERM waits for in-flight requests before cancelling them.</summary>
    public int DrainSeconds { get; init; } = 30;

    /// <summary>Most choices one request may ask for (prompts × n).</summary>
    public int MaxChoices { get; init; } = 64;

    /// <summary>How long <c>/ready</c> waits for its one-token probe before reporting the engine stuck.</summary>
    public TimeSpan ReadyProbeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Keys, limits and audit (<c>--state-dir</c>, <c>--auth</c>, <c>--log-prompts</c>); null runs without the security layer (tests, embedding).</summary>
    public SecuritySettings? Security { get; init; }

    /// <summary>Guardrail modes for requests whose key names none (all of them under <c>--auth none</c>), and the deny-list.
    /// The default flags every check and never blocks or rewrites.</summary>
    public Guardrails.GuardrailSettings Guardrails { get; init; } = new();

    public void Validate()
    {
        Security?.Validate();
        Guardrails.Validate();
        if (Port is < 0 or > 65535) throw new ArgumentException($"--port must be in 0..65535 (got {Port})");
        if (Threads is < 1 or > 1024) throw new ArgumentException($"--threads must be between 1 and 1024 (got {Threads})");
        if (MaxBodyBytes < 1024) throw new ArgumentException($"--max-body-bytes must be at least 1024 (got {MaxBodyBytes})");
        if (DrainSeconds < 0) throw new ArgumentException($"--drain-seconds must not be negative (got {DrainSeconds})");
        if (Engine.StreamInterval < 1) throw new ArgumentException($"--stream-interval must be at least 1 (got {Engine.StreamInterval})");
        Engine.Scheduler.Validate();
        var names = Models.GroupBy(m => m.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (names is not null) throw new ArgumentException($"two --model arguments are both named '{names.Key}'; name them with path:name");
    }
}
