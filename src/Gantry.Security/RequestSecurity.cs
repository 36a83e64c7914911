using Gantry.Security.Keys;
using Gantry.Security.Limits;

namespace Gantry.Security;

/// <summary>
/// One request's security state, kept in <c>HttpContext.Features</c>: its id, the key that sent it (null with
/// <c>--auth none</c>), its admission, and what the audit record needs. Touched by the request's own thread(s) only.
/// </summary>
public sealed class RequestSecurity(string requestId, long startTimestamp)
{
    public string RequestId { get; } = requestId;
    public long StartTimestamp { get; } = startTimestamp;
    public KeyRecord? Key { get; set; }
    public KeyLimiter? Limiter { get; set; }
    public Admission? Admission { get; set; }
    public string? Model { get; set; }
    public string? ModelVersion { get; set; }
    public int PromptTokens { get; set; }
    public int CompletionTokens { get; set; }
    public string? Prompt { get; set; }
    public string? Guardrails { get; set; }
    public bool TimedOut { get; set; }

    /// <summary>What the request cost (FLOPs, bytes, CPU, energy, carbon, price); null when it generated nothing.</summary>
    public Gantry.Engine.Costs.RequestCost? Cost { get; set; }
}
