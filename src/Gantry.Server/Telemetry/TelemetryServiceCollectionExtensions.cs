using Gantry.Server.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Gantry.Server.Telemetry;

/// <summary>
/// Wires the OpenTelemetry .NET SDK to <see cref="GantryTelemetry"/>'s source and meter (plus ASP.NET Core's HTTP
/// server spans and metrics, which parent the request spans and honour an incoming <c>traceparent</c>) with OTLP
/// exporters. Only called when <see cref="TelemetrySettings"/> are given: off by default. The providers belong to the
/// host's container, so stopping the server flushes what is buffered.
/// </summary>
public static class TelemetryServiceCollectionExtensions
{
    public static IServiceCollection AddGantryTelemetry(this IServiceCollection services, TelemetrySettings settings)
    {
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(settings.ServiceName))
            .WithTracing(t => t
                .AddSource(GantryTelemetry.SourceName, "Microsoft.AspNetCore")
                .AddOtlpExporter(o => Configure(o, settings, "v1/traces")))
            .WithMetrics(m => m
                .AddMeter(GantryTelemetry.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
                .AddOtlpExporter((o, reader) =>
                {
                    Configure(o, settings, "v1/metrics");
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)settings.MetricExportInterval.TotalMilliseconds;
                }));
        return services;
    }

    /// <summary>Sends the log records to the same endpoint (alongside the console).</summary>
    public static ILoggingBuilder AddGantryTelemetry(this ILoggingBuilder logging, TelemetrySettings settings)
    {
        logging.AddOpenTelemetry(o =>
        {
            o.SetResourceBuilder(ResourceBuilder.CreateDefault().AddService(settings.ServiceName));
            o.AddOtlpExporter(e => Configure(e, settings, "v1/logs"));
        });
        return logging;
    }

    private static void Configure(OtlpExporterOptions o, TelemetrySettings settings, string signalPath)
    {
        if (settings.Protocol == OtlpProtocol.Grpc)
        {
            o.Protocol = OtlpExportProtocol.Grpc;
            o.Endpoint = settings.Endpoint;
            return;
        }
        o.Protocol = OtlpExportProtocol.HttpProtobuf;
        var root = settings.Endpoint.AbsoluteUri.EndsWith('/') ? settings.Endpoint : new Uri(settings.Endpoint.AbsoluteUri + "/");
        o.Endpoint = new Uri(root, signalPath); // an explicit HTTP endpoint is used as is, so the signal path is ours to add
    }
}
