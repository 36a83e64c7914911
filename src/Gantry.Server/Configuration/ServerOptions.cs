using Gantry.Engine;
using Gantry.Security;

namespace Gantry.Server.Configuration;

/// <summary>
/// What the server was asked for: where to listen, limits, and how to build each model's engine. Bound as
/// <c>IOptions&lt;ServerOptions&gt;</c> by <c>AddGantryServer</c> and checked at start by <see cref="ServerOptionsValidator"/>.
/// </summary>
public sealed record ServerOptions
{
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>0 picks a free port (tests).</summary>
    public int Port { get; set; } = 8000;

    /// <summary>Models to load; empty serves the built-in demo model.</summary>
    public IReadOnlyList<ModelSpec> Models { get; set; } = [];

    public int Threads { get; set; } = Environment.ProcessorCount;

    /// <summary>Repack weights at load for the CPU's eight-row kernels (Q4_0 on the AVX2 path); false reads every
    /// weight straight from the mapped file.</summary>
    public bool RepackWeights { get; set; } = true;

    public EngineOptions Engine { get; set; } = new();

    /// <summary>With speculative method Draft: the draft model, loaded once per served model (vocabularies must match).</summary>
    public string? DraftModelPath { get; set; }

    public long MaxBodyBytes { get; set; } = 1 << 20;

    /// <summary>LoRA adapters served from the start (<c>--lora NAME=PATH</c>), on the first model.</summary>
    public IReadOnlyList<LoraSpec> LoraAdapters { get; set; } = [];

    /// <summary>Most LoRA adapters loaded at once (<c>--max-loras</c>); loading one more is refused.</summary>
    public int MaxLoras { get; set; } = 8;

    /// <summary>A Jinja chat template (its text) that replaces the GGUF's template of every served model; null: each file's own.</summary>
    public string? ChatTemplate { get; set; }

    /// <summary>How long a stop (SIGTERM) waits for in-flight requests before cancelling them.</summary>
    public int DrainSeconds { get; set; } = 30;

    /// <summary>Most choices one request may ask for (prompts × n).</summary>
    public int MaxChoices { get; set; } = 64;

    /// <summary>How long <c>/ready</c> waits for its one-token probe before reporting the engine stuck.</summary>
    public TimeSpan ReadyProbeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Unload a model version nobody has called for this many seconds; the next request loads it again. 0: never.</summary>
    public int IdleUnloadSeconds { get; set; }

    /// <summary>Memory the loaded models may hold together (weights + KV caches); a load past it is refused. Null: the machine's available memory.</summary>
    public long? ModelMemoryBytes { get; set; }

    /// <summary>Drift monitoring: reference and comparison window sizes, alert threshold.</summary>
    public DriftSettings Drift { get; set; } = new();

    /// <summary>Keys, limits and audit; null runs without the security layer (tests, embedding).</summary>
    public SecuritySettings? Security { get; set; }

    /// <summary>Guardrail modes for requests whose key names none (all of them without authentication), and the deny-list.
    /// The default flags every check and never blocks or rewrites.</summary>
    public GuardrailSettings Guardrails { get; set; } = new();

    /// <summary>A guard model judging prompts and completions under the <c>guard_model</c> mode; null runs none.</summary>
    public GuardModelSettings? GuardModel { get; set; }

    /// <summary>
    /// Pipeline-parallel stages (<c>gantry worker</c> addresses, first layers first) that run the one served model's
    /// blocks; empty runs the model in this process.
    /// </summary>
    public IReadOnlyList<Uri> PipelineWorkers { get; set; } = [];

    /// <summary>How long one pipeline stage may take to answer one step before the step fails (503) rather than hangs.</summary>
    public TimeSpan PipelineTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How pipeline steps move: micro-batches in flight and the activation type on the wire.</summary>
    public Distributed.PipelineTransport PipelineTransport { get; set; } = new();

    /// <summary>Cascade routes (<c>--cascade NAME=SMALL,LARGE[,MIN_LOGPROB]</c>) over served models.</summary>
    public IReadOnlyList<CascadeSpec> Cascades { get; set; } = [];

    /// <summary>A cascade's least mean token log-probability of the small model's answer when its spec names none (<c>--cascade-min-logprob</c>).</summary>
    public double CascadeMinMeanLogProb { get; set; } = -1.0;

    /// <summary>Watts, grid intensity and price table that turn each request's measured work into energy, carbon and price.</summary>
    public Engine.Costs.CostSettings Costs { get; set; } = new();

    /// <summary>OpenTelemetry export (traces, metrics, logs over OTLP); null, the default, exports nothing.</summary>
    public TelemetrySettings? Telemetry { get; set; }
}
