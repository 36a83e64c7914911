using System.Diagnostics;

namespace Gantry.Server.Telemetry;

/// <summary>
/// The names OpenTelemetry listens to: one <see cref="ActivitySource"/> for request traces and one meter name for
/// <see cref="ServerMeter"/>. Both are plain <c>System.Diagnostics</c> types, so with no listener (the default: no
/// <c>--otlp-endpoint</c>) no span is ever created and no measurement recorded.
/// </summary>
public static class GantryTelemetry
{
    public const string SourceName = "Gantry.Server";
    public const string MeterName = "Gantry.Server";

    /// <summary>Span names, in the order a request meets them.</summary>
    public const string RequestSpan = "gantry.request";
    public const string AdmissionSpan = "gantry.admission";
    public const string InputGuardrailsSpan = "gantry.guardrails.input";
    public const string QueueWaitSpan = "gantry.queue_wait";
    public const string PrefillSpan = "gantry.prefill";
    public const string DecodeSpan = "gantry.decode";
    public const string OutputGuardrailsSpan = "gantry.guardrails.output";

    internal static readonly ActivitySource Source = new(SourceName);

    /// <summary>A span around one guardrail pipeline run (null, and free, when nobody listens).</summary>
    internal static Activity? StartGuardrails(string name) => Source.StartActivity(name);
}
