using System.Text;
using System.Text.Json;

namespace Gantry.Server.Tools;

/// <summary>
/// Streams a forced reply's calls as they are generated. The reply is constrained to <c>{"name": …, "arguments": {…}}</c>
/// or an array of those (<see cref="Engine.Constraints.ToolCallSchema"/>), properties in that order, so one pass over
/// the characters — JSON nesting depth and string state only — knows when a call starts, its name once the name's
/// string closes, and every character of its arguments object as it arrives. The arguments are passed on as the model
/// wrote them (whitespace included), which is what OpenAI sends too. One instance per choice.
/// </summary>
internal sealed class ForcedCallScanner
{
    private readonly StringBuilder _all = new();
    private readonly StringBuilder _string = new();
    private readonly StringBuilder _arguments = new();
    private int _callDepth;        // depth of a call object: 1 for a lone object, 2 inside an array; 0 until the first bracket
    private int _depth;
    private bool _inString;
    private bool _escape;
    private bool _capturingString;
    private bool _afterColon;
    private string? _key;
    private bool _inArguments;
    private int _calls = -1;

    /// <summary>Calls started so far.</summary>
    public int CallCount => _calls + 1;

    /// <summary>The whole reply so far.</summary>
    public string Text => _all.ToString();

    /// <summary>Reads the next piece, appending call starts and argument fragments to <paramref name="output"/>.</summary>
    public void Push(string text, List<ToolDelta> output)
    {
        _all.Append(text);
        foreach (var c in text) Step(c, output);
        FlushArguments(output);
    }

    private void Step(char c, List<ToolDelta> output)
    {
        if (_inArguments) _arguments.Append(c);
        if (_inString)
        {
            if (_escape) _escape = false;
            else if (c == '\\') _escape = true;
            else if (c == '"')
            {
                _inString = false;
                if (_capturingString) EndString(output);
                return;
            }
            if (_capturingString) _string.Append(c);
            return;
        }
        switch (c)
        {
            case '"':
                _inString = true;
                _capturingString = !_inArguments && _depth == _callDepth && _callDepth > 0;
                _string.Clear();
                break;
            case '{' or '[':
                if (_callDepth == 0) _callDepth = c == '[' ? 2 : 1;
                _depth++;
                if (_depth == _callDepth && c == '{')
                {
                    _calls++;
                    _key = null;
                    _afterColon = false;
                }
                else if (_depth == _callDepth + 1 && _afterColon && _key == "arguments" && !_inArguments)
                {
                    _inArguments = true;
                    _arguments.Append(c);
                }
                break;
            case '}' or ']':
                _depth--;
                if (_inArguments && _depth == _callDepth)
                {
                    _inArguments = false;
                    FlushArguments(output);
                }
                break;
            case ':' when _depth == _callDepth:
                _afterColon = true;
                break;
            case ',' when _depth == _callDepth:
                _afterColon = false;
                _key = null;
                break;
        }
    }

    private void EndString(List<ToolDelta> output)
    {
        _capturingString = false;
        var value = Decode(_string.ToString());
        if (!_afterColon)
        {
            _key = value;
            return;
        }
        if (_key == "name") output.Add(new ToolDelta(ToolDeltaKind.CallStart, _calls, value));
    }

    private void FlushArguments(List<ToolDelta> output)
    {
        if (_arguments.Length == 0) return;
        output.Add(new ToolDelta(ToolDeltaKind.Arguments, _calls, _arguments.ToString()));
        _arguments.Clear();
    }

    /// <summary>A JSON string's body (without its quotes) as text; the grammar only lets valid escapes through.</summary>
    private static string Decode(string body)
    {
        if (body.IndexOf('\\') < 0) return body;
        try
        {
            return JsonSerializer.Deserialize("\"" + body + "\"", Protocol.ProtocolJson.Default.String) ?? body;
        }
        catch (JsonException)
        {
            return body;
        }
    }
}
