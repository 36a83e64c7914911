using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gantry.Models.ToolCalls;

/// <summary>
/// Separates a model's streamed reply into content and tool calls, for one <see cref="ToolCallFormat"/>. Text comes in
/// arbitrary pieces (any split point); content is passed on as soon as it cannot be the start of a call marker, and
/// each call is reported once it is complete, with its name and arguments. Feeding the same text in any pieces yields
/// the same content and calls.
/// </summary>
/// <remarks>
/// One parser per reply, used by one thread. Markers are matched as text, so the detokenizer must render the
/// format's special tokens (<c>[TOOL_CALLS]</c>, <c>&lt;|python_tag|&gt;</c>) for the parser to see them.
/// A call that is cut off or is not valid JSON is passed on as content, never dropped.
/// </remarks>
public sealed class ToolCallParser
{
    /// <summary>Arguments are re-serialised compactly, escaping only what JSON requires (the SDKs parse them anyway).</summary>
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ToolCallFormat _format;
    private readonly string _start;
    private readonly string? _end;
    private readonly StringBuilder _pending = new();
    private bool _inCall;
    private bool _sawText;
    private bool _bareJson;
    private int _calls;
    private readonly StringBuilder _heldSpace = new(); // whitespace that opened the current content segment
    private bool _segmentHasText;

    public ToolCallParser(ToolCallFormat format)
    {
        _format = format;
        (_start, _end) = format switch
        {
            ToolCallFormat.Hermes => ("<tool_call>", "</tool_call>"),
            ToolCallFormat.Mistral => ("[TOOL_CALLS]", null),
            ToolCallFormat.Llama3 => ("<|python_tag|>", null),
            _ => ("", null),
        };
    }

    /// <summary>Reads the next piece of the reply, appending what became certain to <paramref name="output"/>.</summary>
    public void Push(string text, List<ToolCallEvent> output)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (_format == ToolCallFormat.None)
        {
            if (text.Length > 0) output.Add(ToolCallEvent.Text(text));
            return;
        }
        _pending.Append(text);
        Drain(output);
    }

    /// <summary>The reply ended: reports what was held back (a call without its closing marker is parsed if it is complete JSON).</summary>
    public void Finish(List<ToolCallEvent> output)
    {
        if (_format == ToolCallFormat.None) return;
        var rest = _pending.ToString();
        _pending.Clear();
        if (_bareJson)
        {
            if (!TryCalls(rest, output)) output.Add(ToolCallEvent.Text(rest));
            return;
        }
        if (_inCall)
        {
            if (!TryCalls(rest, output)) output.Add(ToolCallEvent.Text(_start + rest));
            return;
        }
        EmitContent(rest, output);
        EndSegment(output, beforeCall: false);
    }

    private void Drain(List<ToolCallEvent> output)
    {
        while (true)
        {
            var text = _pending.ToString();
            if (_bareJson) return; // Llama 3 reply that starts with '{': decided at the end
            if (_inCall)
            {
                if (_end is null) return; // the call runs to the end of the reply
                var close = text.IndexOf(_end, StringComparison.Ordinal);
                if (close < 0) return;
                var body = text[..close];
                if (!TryCalls(body, output)) output.Add(ToolCallEvent.Text(_start + body + _end));
                _pending.Remove(0, close + _end.Length);
                _inCall = false;
                continue;
            }
            if (_format == ToolCallFormat.Llama3 && !_sawText)
            {
                var trimmed = text.TrimStart();
                if (trimmed.Length == 0) return;
                if (trimmed[0] == '{')
                {
                    _bareJson = true;
                    return;
                }
            }
            var open = text.IndexOf(_start, StringComparison.Ordinal);
            if (open >= 0)
            {
                EmitContent(text[..open], output);
                EndSegment(output, beforeCall: true);
                _pending.Remove(0, open + _start.Length);
                _inCall = true;
                continue;
            }
            // Hold back the longest tail that could still grow into the start marker.
            var keep = 0;
            for (var n = Math.Min(_start.Length - 1, text.Length); n > 0; n--)
                if (string.CompareOrdinal(text, text.Length - n, _start, 0, n) == 0)
                {
                    keep = n;
                    break;
                }
            EmitContent(text[..^keep], output);
            _pending.Remove(0, text.Length - keep);
            return;
        }
    }

    /// <summary>
    /// Passes content on. A segment (text between calls) that is only whitespace is layout around the calls and is
    /// dropped; so whitespace opening a segment is held until real text follows, whatever the piece boundaries.
    /// </summary>
    private void EmitContent(string text, List<ToolCallEvent> output)
    {
        if (text.Length == 0) return;
        if (!_segmentHasText && string.IsNullOrWhiteSpace(text))
        {
            _heldSpace.Append(text);
            return;
        }
        _sawText = true;
        if (!_segmentHasText && _heldSpace.Length > 0)
        {
            text = _heldSpace + text;
            _heldSpace.Clear();
        }
        _segmentHasText = true;
        output.Add(ToolCallEvent.Text(text));
    }

    private void EndSegment(List<ToolCallEvent> output, bool beforeCall)
    {
        if (!_segmentHasText && _heldSpace.Length > 0 && !beforeCall && _calls == 0) output.Add(ToolCallEvent.Text(_heldSpace.ToString()));
        _heldSpace.Clear();
        _segmentHasText = false;
    }

    /// <summary>Parses one call, a JSON array of calls, or Mistral's <c>name[ARGS]{…}</c>; adds nothing unless all parse.</summary>
    private bool TryCalls(string body, List<ToolCallEvent> output)
    {
        var calls = new List<(string Name, string Arguments)>();
        var trimmed = body.Trim();
        if (_format == ToolCallFormat.Mistral && !trimmed.StartsWith('[') && !trimmed.StartsWith('{'))
        {
            foreach (var part in trimmed.Split("[TOOL_CALLS]", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var args = part.IndexOf("[ARGS]", StringComparison.Ordinal);
                if (args <= 0 || Arguments(part[(args + 6)..]) is not { } a) return false;
                calls.Add((part[..args].Trim(), a));
            }
        }
        else
        {
            // Llama 3 may separate several calls with ';'.
            var pieces = _format == ToolCallFormat.Llama3 ? SplitTopLevel(trimmed, ';') : [trimmed];
            foreach (var piece in pieces)
            {
                JsonNode? node;
                try
                {
                    node = JsonNode.Parse(piece);
                }
                catch (JsonException)
                {
                    return false;
                }
                var items = node is JsonArray array ? array.ToList() : [node];
                if (items.Count == 0) return false;
                foreach (var item in items)
                {
                    if (item is not JsonObject obj || obj["name"] is not JsonValue nameValue || !nameValue.TryGetValue<string>(out var name)) return false;
                    var argsNode = obj["arguments"] ?? obj["parameters"];
                    var argsText = argsNode switch
                    {
                        JsonObject o => o.ToJsonString(Compact),
                        JsonValue v when v.TryGetValue<string>(out var s) => Arguments(s),
                        null => "{}",
                        _ => null,
                    };
                    if (argsText is null) return false;
                    calls.Add((name, argsText));
                }
            }
        }
        if (calls.Count == 0) return false;
        foreach (var (name, args) in calls) output.Add(ToolCallEvent.Call(_calls++, name, args));
        return true;
    }

    /// <summary>Arguments text if it is a JSON object, compacted; else null.</summary>
    private static string? Arguments(string text)
    {
        try
        {
            return JsonNode.Parse(text) is JsonObject o ? o.ToJsonString(Compact) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Splits on a separator outside JSON strings and brackets.</summary>
    private static List<string> SplitTopLevel(string text, char separator)
    {
        var parts = new List<string>();
        int depth = 0, start = 0;
        var inString = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
            }
            else if (c == '"') inString = true;
            else if (c is '{' or '[') depth++;
            else if (c is '}' or ']') depth--;
            else if (c == separator && depth == 0)
            {
                parts.Add(text[start..i].Trim());
                start = i + 1;
            }
        }
        parts.Add(text[start..].Trim());
        return parts.Where(p => p.Length > 0).ToList();
    }
}
