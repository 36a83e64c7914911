namespace Gantry.Server.Configuration;

/// <summary>How OpenTelemetry data leaves the server: traces, metrics and logs to one OTLP endpoint.</summary>
public sealed record TelemetrySettings
{
    /// <summary>The collector's base address, e.g. <c>http://127.0.0.1:4318</c> (HTTP) or <c>http://127.0.0.1:4317</c> (gRPC).
    /// Over HTTP the signal paths <c>v1/traces</c>, <c>v1/metrics</c> and <c>v1/logs</c> are appended.</summary>
    public required Uri Endpoint { get; init; }

    public OtlpProtocol Protocol { get; init; } = OtlpProtocol.HttpProtobuf;

    /// <summary>How often metrics are exported (traces leave in batches within seconds; everything is flushed at stop).</summary>
    public TimeSpan MetricExportInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The <c>service.name</c> resource attribute.</summary>
    public string ServiceName { get; init; } = "gantry";
}

public enum OtlpProtocol
{
    HttpProtobuf,
    Grpc,
}
