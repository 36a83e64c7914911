using System.Diagnostics;
using Gantry.Engine;

namespace Gantry.Server.Telemetry;

/// <summary>
/// One generation request's trace and OpenTelemetry measurements. The request span (<see cref="GantryTelemetry.RequestSpan"/>)
/// is open for the whole handler, so the input guardrails' span nests in it; the engine phases are known only as
/// timestamps (the engine reports its queue time on the final event), so their spans are written afterwards with
/// explicit start and end times, one set per choice:
/// admission (arrival → submitted to the engine: parsing, validation, input guardrails, key limits), queue wait
/// (submitted → first scheduled), prefill (→ first token) and decode (→ last token).
/// Owned by the request's flow; <see cref="OnEvent"/> runs on the thread reading the session, one event at a time.
/// </summary>
internal sealed class RequestTrace
{
    public const string ModelTag = "gen_ai.request.model";

    private readonly ServerMeter _meter;
    private readonly Activity? _request;
    private readonly long _start;
    private readonly DateTime _startUtc;
    private long _submitted;
    private KeyValuePair<string, object?> _model;
    private long[] _first = [];
    private long[] _last = [];
    private int _promptTokens;
    private int _completionTokens;
    private string? _finishReason;

    public RequestTrace(ServerMeter meter, long start)
    {
        _meter = meter;
        _start = start;
        _startUtc = DateTime.UtcNow - Stopwatch.GetElapsedTime(start);
        _request = GantryTelemetry.Source.StartActivity(GantryTelemetry.RequestSpan, ActivityKind.Internal, default(ActivityContext), startTime: _startUtc);
    }

    /// <summary>The plan is about to go to the engine: closes the admission phase.</summary>
    public void Submitting(string model, int choices)
    {
        _submitted = Stopwatch.GetTimestamp();
        _model = new(ModelTag, model);
        _first = new long[choices];
        _last = new long[choices];
        _request?.SetTag(ModelTag, model);
        Span(GantryTelemetry.AdmissionSpan, _start, _submitted)?.Dispose();
    }

    /// <summary>One engine event of choice <paramref name="index"/>, read at <paramref name="now"/> (a Stopwatch timestamp).</summary>
    public void OnEvent(int index, TokenEvent e, long now)
    {
        if (e.TokenId >= 0)
        {
            if (_first[index] == 0)
            {
                _first[index] = now;
                _meter.TimeToFirstToken.Record(Stopwatch.GetElapsedTime(_start, now).TotalSeconds, _model);
            }
            else
            {
                _meter.InterTokenLatency.Record(Stopwatch.GetElapsedTime(_last[index], now).TotalSeconds, _model);
            }
            _last[index] = now;
        }
        if (e.FinishReason is not { } reason) return;
        var reasonText = reason.ToString().ToLowerInvariant();
        _finishReason ??= reasonText;
        if (e.Usage is { } usage)
        {
            _promptTokens += usage.PromptTokens;
            _completionTokens += usage.CompletionTokens;
            _meter.PromptTokens.Add(usage.PromptTokens, _model);
            _meter.GenerationTokens.Add(usage.CompletionTokens, _model);
            if (e.QueueSeconds is { } queued) _meter.QueueWait.Record(queued, _model);
        }
        _meter.Requests.Add(1, _model, new("gen_ai.response.finish_reason", reasonText));
        if (reason != FinishReason.Cancelled) _meter.EndToEndLatency.Record(Stopwatch.GetElapsedTime(_start, now).TotalSeconds, _model);
        EnginePhases(index, e, reasonText, now);
    }

    private void EnginePhases(int index, TokenEvent e, string reason, long end)
    {
        if (_request is null) return;
        var scheduled = Math.Min(end, _submitted + (long)((e.QueueSeconds ?? 0) * Stopwatch.Frequency));
        var first = _first[index] == 0 ? end : Math.Max(_first[index], scheduled);
        Span(GantryTelemetry.QueueWaitSpan, _submitted, scheduled, index)?.Dispose();
        using (var prefill = Span(GantryTelemetry.PrefillSpan, scheduled, first, index))
        {
            prefill?.SetTag("gen_ai.usage.input_tokens", e.Usage?.PromptTokens);
            prefill?.SetTag("gantry.cached_prompt_tokens", e.Usage?.CachedPromptTokens);
        }
        using var decode = Span(GantryTelemetry.DecodeSpan, first, end, index);
        decode?.SetTag("gen_ai.usage.output_tokens", e.Usage?.CompletionTokens);
        decode?.SetTag("gen_ai.response.finish_reason", reason);
    }

    /// <summary>Closes the request span; <paramref name="status"/> is the HTTP status answered.</summary>
    public void End(int status)
    {
        if (_request is null) return;
        _request.SetTag("http.response.status_code", status);
        if (_finishReason is not null)
        {
            _request.SetTag("gen_ai.usage.input_tokens", _promptTokens);
            _request.SetTag("gen_ai.usage.output_tokens", _completionTokens);
            _request.SetTag("gen_ai.response.finish_reason", _finishReason);
        }
        if (status >= 400) _request.SetStatus(ActivityStatusCode.Error);
        _request.Dispose();
    }

    /// <summary>A finished child span of the request over [<paramref name="from"/>, <paramref name="to"/>] (Stopwatch timestamps).</summary>
    private Activity? Span(string name, long from, long to, int choice = -1)
    {
        if (_request is null) return null;
        var start = Utc(from);
        var current = Activity.Current;
        var span = GantryTelemetry.Source.StartActivity(name, ActivityKind.Internal, _request.Context, startTime: start);
        Activity.Current = current; // a finished phase, not the new ambient span
        if (span is null) return null;
        if (choice >= 0) span.SetTag("gantry.choice", choice);
        var end = Utc(to);
        span.SetEndTime(end > start ? end : start.AddTicks(1)); // a zero duration would make Stop stamp "now"
        return span;
    }

    private DateTime Utc(long timestamp) => _startUtc + Stopwatch.GetElapsedTime(_start, timestamp);
}
