using System.CommandLine;
using Gantry.Server.Configuration;
using Microsoft.Extensions.Logging;

namespace Gantry.Cli.Commands;

/// <summary>
/// <c>--otlp-endpoint URL [--otlp-protocol http/protobuf|grpc]</c> (OpenTelemetry traces, metrics and logs; off by
/// default) and <c>--log-format text|json</c> (JSON: one object a line on stdout) for <c>serve</c>.
/// </summary>
internal sealed class ObservabilityOptions
{
    private readonly Option<string?> _endpoint = new("--otlp-endpoint")
    {
        Description = "Send OpenTelemetry traces, metrics and logs to this OTLP collector (e.g. http://127.0.0.1:4318); off by default",
    };

    private readonly Option<string> _protocol = new("--otlp-protocol")
    {
        Description = "http/protobuf (paths v1/traces, v1/metrics, v1/logs under the endpoint) or grpc",
        DefaultValueFactory = _ => "http/protobuf",
    };

    private readonly Option<string> _logFormat = new("--log-format")
    {
        Description = "text (one readable line per entry) or json (one JSON object per line)",
        DefaultValueFactory = _ => "text",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(_endpoint);
        command.Options.Add(_protocol);
        command.Options.Add(_logFormat);
    }

    /// <summary>The telemetry settings, or null without <c>--otlp-endpoint</c>.</summary>
    public TelemetrySettings? Telemetry(ParseResult parse)
    {
        var protocol = parse.GetValue(_protocol) switch
        {
            "http/protobuf" => OtlpProtocol.HttpProtobuf,
            "grpc" => OtlpProtocol.Grpc,
            var other => throw new CliUsageException($"--otlp-protocol must be http/protobuf or grpc (got '{other}')"),
        };
        if (parse.GetValue(_endpoint) is not { } text) return null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || url.Query.Length > 0)
            throw new CliUsageException($"--otlp-endpoint must be an http:// or https:// URL without a query (got '{text}')");
        return new TelemetrySettings { Endpoint = url, Protocol = protocol };
    }

    /// <summary>The console log provider for <c>--log-format</c>.</summary>
    public Action<ILoggingBuilder> Logging(ParseResult parse) => parse.GetValue(_logFormat) switch
    {
        "text" => static b => b.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; }),
        "json" => static b => b.AddJsonConsole(o =>
        {
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            o.UseUtcTimestamp = true;
            o.IncludeScopes = false;
            o.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Indented = false };
        }),
        var other => throw new CliUsageException($"--log-format must be text or json (got '{other}')"),
    };
}
