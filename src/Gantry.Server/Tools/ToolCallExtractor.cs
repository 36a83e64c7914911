using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gantry.Models.ToolCalls;

namespace Gantry.Server.Tools;

/// <summary>
/// Reads one choice's reply into content and tool calls under its <see cref="ToolPlan"/>. In
/// <see cref="ToolMode.Auto"/> the model's own syntax is parsed as the text streams (<see cref="ToolCallParser"/>);
/// in <see cref="ToolMode.Forced"/> the reply is the constrained call JSON (<c>{"name","arguments"}</c> or an array of
/// them), parsed when it ends. Without <c>parallel_tool_calls</c> only the first call is kept. One instance per choice,
/// one thread.
/// </summary>
internal sealed class ToolCallExtractor
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ToolPlan _plan;
    private readonly ToolCallParser? _parser;
    private readonly StringBuilder? _forced;
    private readonly List<ToolCallEvent> _scratch = [];

    public ToolCallExtractor(ToolPlan plan)
    {
        _plan = plan;
        if (plan.Mode == ToolMode.Forced) _forced = new StringBuilder();
        else _parser = new ToolCallParser(plan.Format);
    }

    /// <summary>Calls reported so far (after the <c>parallel_tool_calls</c> cut).</summary>
    public int CallCount { get; private set; }

    /// <summary>Reads the next piece of the reply; what became certain is appended to <paramref name="output"/>.</summary>
    public void Push(string text, List<ToolCallEvent> output)
    {
        if (_forced is not null)
        {
            _forced.Append(text);
            return;
        }
        _scratch.Clear();
        _parser!.Push(text, _scratch);
        Keep(_scratch, output);
    }

    /// <summary>The reply ended: whatever was held back.</summary>
    public void Finish(List<ToolCallEvent> output)
    {
        _scratch.Clear();
        if (_forced is not null)
        {
            var text = _forced.ToString();
            if (!TryParseForced(text, _scratch) && text.Length > 0) _scratch.Add(ToolCallEvent.Text(text));
        }
        else _parser!.Finish(_scratch);
        Keep(_scratch, output);
    }

    /// <summary>Reads a whole reply at once (non-streaming responses).</summary>
    public (string? Content, List<ToolCallEvent> Calls) ReadAll(string text)
    {
        var events = new List<ToolCallEvent>();
        Push(text, events);
        Finish(events);
        var content = new StringBuilder();
        var calls = new List<ToolCallEvent>();
        foreach (var e in events)
        {
            if (e.IsToolCall) calls.Add(e);
            else content.Append(e.Content);
        }
        return (calls.Count > 0 && content.Length == 0 ? null : content.ToString(), calls);
    }

    private void Keep(List<ToolCallEvent> events, List<ToolCallEvent> output)
    {
        foreach (var e in events)
        {
            if (!e.IsToolCall)
            {
                output.Add(e);
                continue;
            }
            if (!_plan.Parallel && CallCount > 0) continue;
            output.Add(e with { Index = CallCount++ });
        }
    }

    /// <summary>The constrained reply: one call object or an array of them; adds nothing unless all of it parses.</summary>
    private static bool TryParseForced(string text, List<ToolCallEvent> output)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return false;
        }
        var items = node is JsonArray array ? array.ToList() : [node];
        var calls = new List<ToolCallEvent>();
        foreach (var item in items)
        {
            if (item is not JsonObject call || call["name"] is not JsonValue name || !name.TryGetValue<string>(out var n)) return false;
            var arguments = call["arguments"] is JsonObject args ? args.ToJsonString(Compact) : "{}";
            calls.Add(ToolCallEvent.Call(calls.Count, n, arguments));
        }
        if (calls.Count == 0) return false;
        output.AddRange(calls);
        return true;
    }

    /// <summary>A fresh call id in OpenAI's shape.</summary>
    public static string NewCallId() => "call_" + Guid.NewGuid().ToString("N")[..24];
}
