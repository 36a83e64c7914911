using System.Text;
using Gantry.Models.ToolCalls;

namespace Gantry.Server.Tools;

/// <summary>
/// Reads one choice's reply into content and tool calls under its <see cref="ToolPlan"/>, as <see cref="ToolDelta"/>s.
/// In <see cref="ToolMode.Auto"/> the model's own syntax is parsed as the text streams (<see cref="ToolCallParser"/>),
/// each call passed on once it is complete; in <see cref="ToolMode.Forced"/> the constrained call JSON is streamed as it
/// is generated (<see cref="ForcedCallScanner"/>). Without <c>parallel_tool_calls</c> only the first call is kept.
/// One instance per choice, one thread.
/// </summary>
internal sealed class ToolCallExtractor
{
    private readonly ToolPlan _plan;
    private readonly ToolCallParser? _parser;
    private readonly ForcedCallScanner? _forced;
    private readonly List<ToolCallEvent> _events = [];
    private readonly List<ToolDelta> _deltas = [];

    public ToolCallExtractor(ToolPlan plan)
    {
        _plan = plan;
        if (plan.Mode == ToolMode.Forced) _forced = new ForcedCallScanner();
        else _parser = new ToolCallParser(plan.Format);
    }

    /// <summary>Calls passed on so far (after the <c>parallel_tool_calls</c> cut).</summary>
    public int CallCount { get; private set; }

    /// <summary>Reads the next piece of the reply; what became certain is appended to <paramref name="output"/>.</summary>
    public void Push(string text, List<ToolDelta> output)
    {
        if (_forced is not null)
        {
            _deltas.Clear();
            _forced.Push(text, _deltas);
            KeepForced(output);
            return;
        }
        _events.Clear();
        _parser!.Push(text, _events);
        KeepParsed(output);
    }

    /// <summary>The reply ended: whatever was held back. A forced reply that held no call at all is passed on as content.</summary>
    public void Finish(List<ToolDelta> output)
    {
        if (_forced is not null)
        {
            if (_forced.CallCount == 0 && _forced.Text is { Length: > 0 } text) output.Add(new ToolDelta(ToolDeltaKind.Content, -1, text));
            return;
        }
        _events.Clear();
        _parser!.Finish(_events);
        KeepParsed(output);
    }

    /// <summary>Reads a whole reply at once (non-streaming responses): its content (null when it only called tools) and calls.</summary>
    public (string? Content, List<(string Name, string Arguments)> Calls) ReadAll(string text)
    {
        var deltas = new List<ToolDelta>();
        Push(text, deltas);
        Finish(deltas);
        var content = new StringBuilder();
        var calls = new List<(string Name, StringBuilder Arguments)>();
        foreach (var d in deltas)
        {
            switch (d.Kind)
            {
                case ToolDeltaKind.Content:
                    content.Append(d.Text);
                    break;
                case ToolDeltaKind.CallStart:
                    calls.Add((d.Text, new StringBuilder()));
                    break;
                default:
                    calls[d.Index].Arguments.Append(d.Text);
                    break;
            }
        }
        var list = calls.Select(c => (c.Name, c.Arguments.Length == 0 ? "{}" : c.Arguments.ToString())).ToList();
        return (list.Count > 0 && content.Length == 0 ? null : content.ToString(), list);
    }

    private void KeepForced(List<ToolDelta> output)
    {
        foreach (var d in _deltas)
        {
            if (!_plan.Parallel && d.Index > 0) continue;
            if (d.Kind == ToolDeltaKind.CallStart) CallCount++;
            output.Add(d);
        }
    }

    private void KeepParsed(List<ToolDelta> output)
    {
        foreach (var e in _events)
        {
            if (!e.IsToolCall)
            {
                if (e.Content is { Length: > 0 } content) output.Add(new ToolDelta(ToolDeltaKind.Content, -1, content));
                continue;
            }
            if (!_plan.Parallel && CallCount > 0) continue;
            var index = CallCount++;
            output.Add(new ToolDelta(ToolDeltaKind.CallStart, index, e.Name!));
            output.Add(new ToolDelta(ToolDeltaKind.Arguments, index, e.ArgumentsJson ?? "{}"));
        }
    }

    /// <summary>A fresh call id in OpenAI's shape.</summary>
    public static string NewCallId() => "call_" + Guid.NewGuid().ToString("N")[..24];
}
