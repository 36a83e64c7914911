using System.Text;
using Gantry.Models.ToolCalls;

namespace Gantry.Models.Tests.ToolCalls;

public sealed class ToolCallParserTests
{
    public static TheoryData<ToolCallFormat, string, string, string[]> Recorded => new()
    {
        // Qwen 2.5 (Hermes): two parallel calls after a sentence.
        {
            ToolCallFormat.Hermes,
            "Let me check both cities.\n<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\", \"unit\": \"celsius\"}}\n</tool_call>\n<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Tōkyō\"}}\n</tool_call>",
            "Let me check both cities.\n",
            ["get_weather {\"city\":\"Paris\",\"unit\":\"celsius\"}", "get_weather {\"city\":\"Tōkyō\"}"]
        },
        // Hermes: only a call; the closing tag was cut by the end of generation.
        { ToolCallFormat.Hermes, "<tool_call>\n{\"name\": \"lookup\", \"arguments\": {\"q\": \"a<b\"}}", "", ["lookup {\"q\":\"a<b\"}"] },
        // Hermes: a broken call is content, never lost.
        { ToolCallFormat.Hermes, "Hi <tool_call>{\"name\": oops}</tool_call> there", "Hi <tool_call>{\"name\": oops}</tool_call> there", [] },
        // Hermes: plain text that merely looks like the marker's start.
        { ToolCallFormat.Hermes, "Use <tool or <tool_cal to be safe.", "Use <tool or <tool_cal to be safe.", [] },
        // Llama 3.x custom tool: bare JSON with "parameters".
        { ToolCallFormat.Llama3, " {\"name\": \"get_time\", \"parameters\": {\"zone\": \"UTC\"}}", "", ["get_time {\"zone\":\"UTC\"}"] },
        // Llama 3.x: python_tag with two calls separated by ';'.
        {
            ToolCallFormat.Llama3,
            "<|python_tag|>{\"name\": \"a\", \"parameters\": {\"x\": 1}}; {\"name\": \"b\", \"parameters\": {\"s\": \"p;q\"}}",
            "", ["a {\"x\":1}", "b {\"s\":\"p;q\"}"]
        },
        // Llama 3.x: a JSON reply that is not a call stays content.
        { ToolCallFormat.Llama3, "{\"answer\": 42}", "{\"answer\": 42}", [] },
        { ToolCallFormat.Llama3, "The answer is {42}.", "The answer is {42}.", [] },
        // Mistral v3: JSON array with model ids.
        {
            ToolCallFormat.Mistral,
            "[TOOL_CALLS] [{\"name\": \"add\", \"arguments\": {\"a\": 1, \"b\": 2}, \"id\": \"abc123DEF\"}, {\"name\": \"neg\", \"arguments\": {\"a\": 3}}]",
            "", ["add {\"a\":1,\"b\":2}", "neg {\"a\":3}"]
        },
        // Mistral v11: name[ARGS]{...}.
        { ToolCallFormat.Mistral, "[TOOL_CALLS]search[ARGS]{\"q\": \"x\"}", "", ["search {\"q\":\"x\"}"] },
        // No tool syntax: everything is content.
        { ToolCallFormat.None, "<tool_call>{\"name\": \"x\"}</tool_call>", "<tool_call>{\"name\": \"x\"}</tool_call>", [] },
    };

    [Theory]
    [MemberData(nameof(Recorded))]
    public void Parse_Whole_FindsContentAndCalls(ToolCallFormat format, string reply, string content, string[] calls)
    {
        var (actualContent, actualCalls) = Run(format, [reply]);
        Assert.Equal(content, actualContent);
        Assert.Equal(calls, actualCalls);
    }

    /// <summary>Streaming: the reply split into two pieces at every position, and one character at a time, gives the same result.</summary>
    [Theory]
    [MemberData(nameof(Recorded))]
    public void Parse_SplitAtEveryBoundary_GivesTheSameResult(ToolCallFormat format, string reply, string content, string[] calls)
    {
        for (var i = 0; i <= reply.Length; i++)
        {
            if (i > 0 && i < reply.Length && char.IsLowSurrogate(reply[i])) continue;
            var (c, k) = Run(format, [reply[..i], reply[i..]]);
            Assert.True(c == content, $"split at {i}: content '{c}'");
            Assert.Equal(calls, k);
        }
        var pieces = reply.Select(ch => ch.ToString()).ToList();
        var (c1, k1) = Run(format, pieces);
        Assert.Equal(content, c1);
        Assert.Equal(calls, k1);
    }

    [Fact]
    public void Parse_Streaming_ReleasesContentBeforeTheReplyEnds()
    {
        var parser = new ToolCallParser(ToolCallFormat.Hermes);
        var events = new List<ToolCallEvent>();
        parser.Push("Hello wor", events);
        parser.Push("ld <tool", events);
        Assert.Equal("Hello world ", string.Concat(events.Select(e => e.Content)));
        parser.Push("_call>{\"name\": \"f\", \"arguments\": {}}</tool_call>", events);
        Assert.Equal("f", events[^1].Name);
        Assert.Equal(0, events[^1].Index);
    }

    [Fact]
    public void Detect_FromTemplateMarkers()
    {
        Assert.Equal(ToolCallFormat.Hermes, ToolCallFormats.Detect("{% if tools %}<tool_call>{{ x }}</tool_call>{% endif %}"));
        Assert.Equal(ToolCallFormat.Mistral, ToolCallFormats.Detect("{{ '[TOOL_CALLS]' }}"));
        Assert.Equal(ToolCallFormat.Llama3, ToolCallFormats.Detect("{{- '<|python_tag|>' }}"));
        Assert.Equal(ToolCallFormat.None, ToolCallFormats.Detect("{{ messages }}"));
    }

    private static (string Content, string[] Calls) Run(ToolCallFormat format, IEnumerable<string> pieces)
    {
        var parser = new ToolCallParser(format);
        var events = new List<ToolCallEvent>();
        foreach (var p in pieces) parser.Push(p, events);
        parser.Finish(events);
        var content = new StringBuilder();
        foreach (var e in events.Where(e => !e.IsToolCall)) content.Append(e.Content);
        var calls = events.Where(e => e.IsToolCall).ToList();
        Assert.Equal(Enumerable.Range(0, calls.Count), calls.Select(c => c.Index));
        return (content.ToString(), calls.Select(c => $"{c.Name} {c.ArgumentsJson}").ToArray());
    }
}
