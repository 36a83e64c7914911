using System.Diagnostics;
using System.Text;
using Gantry.Server.Configuration;
using Gantry.Server.Hosting;
using Gantry.Server.Telemetry;
using Gantry.TestSupport;
using Microsoft.Extensions.Logging;

namespace Gantry.Server.Tests.Telemetry;

/// <summary>
/// OpenTelemetry end to end: a server with <see cref="ServerOptions.Telemetry"/> exports traces, metrics and logs over
/// OTLP/HTTP to a loopback collector; and, read in-process with an <see cref="ActivityListener"/>, one request's spans
/// nest and follow each other in time.
/// </summary>
public sealed class OtlpExportTests
{
    private const string Body = """{"model":"MODEL","prompt":"Once upon a time","max_tokens":6,"ignore_eos":true,"temperature":0}""";

    [Fact]
    public async Task Serve_WithOtlpEndpoint_ExportsSpansMetricsAndLogsToTheCollector()
    {
        using var collector = new OtlpReceiver();
        var options = ServerFixture.Options(1024, new ModelSpec(SharedModels.Stories260K, "otlp-model")) with
        {
            Telemetry = new TelemetrySettings { Endpoint = collector.Url, MetricExportInterval = TimeSpan.FromMilliseconds(500) },
        };
        var server = GantryServer.Create(options, logLevel: LogLevel.Information);
        await using (server)
        {
            await server.StartAsync();
            await server.ModelsLoaded;
            using var http = new HttpClient { BaseAddress = server.Url, Timeout = TimeSpan.FromSeconds(60) };
            using var r = await http.PostAsync("/v1/completions", new StringContent(Body.Replace("MODEL", "otlp-model"), Encoding.UTF8, "application/json"));
            Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync());
            // the engine gauges are observed at each periodic export while the models are loaded (at stop they are gone)
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
            while (!collector.Text("/v1/metrics").Contains("gantry.kv_cache.usage") && DateTime.UtcNow < deadline) await Task.Delay(100);
        } // stopping the server flushes the exporters

        var traces = collector.Text("/v1/traces");
        foreach (var span in new[] { GantryTelemetry.RequestSpan, GantryTelemetry.AdmissionSpan, GantryTelemetry.InputGuardrailsSpan,
                     GantryTelemetry.QueueWaitSpan, GantryTelemetry.PrefillSpan, GantryTelemetry.DecodeSpan, GantryTelemetry.OutputGuardrailsSpan })
            Assert.Contains(span, traces);
        Assert.Contains("otlp-model", traces);
        Assert.Contains("gen_ai.usage.output_tokens", traces);
        var metrics = collector.Text("/v1/metrics");
        foreach (var name in new[] { "gantry.time_to_first_token", "gantry.inter_token_latency", "gantry.requests", "gantry.tokens.generation", "gantry.queue_wait", "gantry.kv_cache.usage" })
            Assert.Contains(name, metrics);
        Assert.Contains("Listening on", collector.Text("/v1/logs"));
        Assert.All(collector.Received, p => Assert.Equal("application/x-protobuf", p.ContentType));
    }

    [Fact]
    public async Task Request_Traced_SpansNestAndFollowEachOtherInTime()
    {
        var spans = new System.Collections.Concurrent.ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == GantryTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var (server, http) = await ServerFixture.StartAsync(ServerFixture.Options(1024, new ModelSpec(SharedModels.Stories260K, "traced-model")));
        await using (server)
        using (http)
        {
            using var r = await http.PostAsync("/v1/completions", new StringContent(Body.Replace("MODEL", "traced-model"), Encoding.UTF8, "application/json"));
            Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync());
        }

        // other tests in this process may trace too: take the one request span of this model, then its trace
        var request = Assert.Single(spans, s => s.OperationName == GantryTelemetry.RequestSpan && (string?)s.GetTagItem(RequestTrace.ModelTag) == "traced-model");
        var trace = spans.Where(s => s.TraceId == request.TraceId).ToDictionary(s => s.OperationName);
        Activity Child(string name)
        {
            Assert.True(trace.TryGetValue(name, out var span), $"no {name} span; got {string.Join(", ", trace.Keys)}");
            Assert.Equal(request.SpanId, span!.ParentSpanId);
            Assert.True(span.StartTimeUtc >= request.StartTimeUtc && span.StartTimeUtc + span.Duration <= request.StartTimeUtc + request.Duration,
                $"{name} lies outside the request span");
            return span;
        }
        var admission = Child(GantryTelemetry.AdmissionSpan);
        var queue = Child(GantryTelemetry.QueueWaitSpan);
        var prefill = Child(GantryTelemetry.PrefillSpan);
        var decode = Child(GantryTelemetry.DecodeSpan);
        Child(GantryTelemetry.InputGuardrailsSpan);
        Child(GantryTelemetry.OutputGuardrailsSpan);
        Assert.True(admission.StartTimeUtc + admission.Duration <= queue.StartTimeUtc.AddTicks(1));
        Assert.True(queue.StartTimeUtc + queue.Duration <= prefill.StartTimeUtc.AddTicks(1));
        Assert.True(prefill.StartTimeUtc + prefill.Duration <= decode.StartTimeUtc.AddTicks(1));
        Assert.Equal(6, decode.GetTagItem("gen_ai.usage.output_tokens"));
        Assert.Equal(ActivityStatusCode.Unset, request.Status);
        Assert.Equal(200, request.GetTagItem("http.response.status_code"));
    }
}
