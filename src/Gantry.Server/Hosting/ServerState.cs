using Gantry.Server.Metrics;
using Microsoft.Extensions.Logging;

namespace Gantry.Server.Hosting;

/// <summary>What every handler needs: the models, the limits, the metrics and the logger. Shared by all request threads.</summary>
internal sealed class ServerState(ModelRegistry registry, ServerOptions options, ServerMetrics metrics, ILogger logger)
{
    private int _inFlight;

    public ModelRegistry Registry { get; } = registry;
    public ServerOptions Options { get; } = options;
    public ServerMetrics Metrics { get; } = metrics;
    public ILogger Logger { get; } = logger;

    /// <summary>Keys, limits and audit; null when the server runs without them.</summary>
    public Security.SecurityServices? Security { get; init; }

    /// <summary>The guardrail policies: the server's base and each key's.</summary>
    public required Guardrails.ServerGuardrails Guardrails { get; init; }

    /// <summary>Generation requests being answered now (for draining).</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    public void Enter() => Interlocked.Increment(ref _inFlight);

    public void Leave() => Interlocked.Decrement(ref _inFlight);
}
