using System.Text;
using System.Text.Json;

namespace Gantry.Server.Tests.Structured;

/// <summary>tools / tool_choice / parallel_tool_calls over raw HTTP: the response shapes OpenAI clients rely on.</summary>
[Collection(ToolServerCollection.Name)]
public sealed class ToolCallingHttpTests(ToolServerFixture fx)
{
    internal const string Tools = """
        [{"type":"function","function":{"name":"get_weather","description":"Weather in a city","parameters":{"type":"object","properties":{"city":{"type":"string","maxLength":16},"unit":{"enum":["c","f"]}},"required":["city","unit"],"additionalProperties":false}}},
         {"type":"function","function":{"name":"add","parameters":{"type":"object","properties":{"a":{"type":"integer"},"b":{"type":"integer"}},"required":["a","b"],"additionalProperties":false}}}]
        """;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Required_NonStreaming_ToolCallsWithNullContent(bool parallel)
    {
        var choice = await ChatAsync($$"""{"tool_choice":"required","parallel_tool_calls":{{(parallel ? "true" : "false")}},"temperature":1,"seed":3}""");
        Assert.Equal("tool_calls", choice.GetProperty("finish_reason").GetString());
        var message = choice.GetProperty("message");
        Assert.Equal(JsonValueKind.Null, message.GetProperty("content").ValueKind);
        var calls = message.GetProperty("tool_calls");
        Assert.True(calls.GetArrayLength() >= 1);
        if (!parallel) Assert.Equal(1, calls.GetArrayLength());
        foreach (var call in calls.EnumerateArray()) AssertValidCall(call.GetProperty("id").GetString()!, call.GetProperty("type").GetString()!, call.GetProperty("function"));
    }

    [Fact]
    public async Task NamedFunction_NonStreaming_CallsThatFunction()
    {
        var choice = await ChatAsync("""{"tool_choice":{"type":"function","function":{"name":"add"}},"temperature":1,"seed":4}""");
        foreach (var call in choice.GetProperty("message").GetProperty("tool_calls").EnumerateArray())
            Assert.Equal("add", call.GetProperty("function").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Required_Streaming_DeltasAssembleToTheNonStreamedCalls()
    {
        const string fields = """{"tool_choice":"required","temperature":0}""";
        var whole = (await ChatAsync(fields)).GetProperty("message").GetProperty("tool_calls");
        var (calls, finish, content) = await StreamAsync(fields);
        Assert.Equal("tool_calls", finish);
        Assert.Equal("", content);
        Assert.True(calls.Max(c => c.Fragments) > 1, "a forced call's arguments stream in fragments as they are generated");
        Assert.Equal(whole.GetArrayLength(), calls.Count);
        for (var i = 0; i < calls.Count; i++)
        {
            Assert.Equal(whole[i].GetProperty("function").GetProperty("name").GetString(), calls[i].Name);
            Assert.Equal(whole[i].GetProperty("function").GetProperty("arguments").GetString(), calls[i].Arguments.ToString());
        }
    }

    [Fact]
    public async Task Auto_ModelWritesHermesCall_ParsedWholeAndStreamed()
    {
        // The grammar makes the random model write what a Qwen model writes when it calls a tool.
        const string fields = """{"tool_choice":"auto","grammar":"root ::= \"Let me check.\\n<tool_call>\\n{\\\"name\\\": \\\"get_weather\\\", \\\"arguments\\\": {\\\"city\\\": \\\"Paris\\\", \\\"unit\\\": \\\"c\\\"}}\\n</tool_call>\""}""";
        var choice = await ChatAsync(fields);
        Assert.Equal("tool_calls", choice.GetProperty("finish_reason").GetString());
        var message = choice.GetProperty("message");
        Assert.Equal("Let me check.\n", message.GetProperty("content").GetString());
        var call = Assert.Single(message.GetProperty("tool_calls").EnumerateArray());
        Assert.Equal("get_weather", call.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("""{"city":"Paris","unit":"c"}""", call.GetProperty("function").GetProperty("arguments").GetString());
        var (calls, finish, content) = await StreamAsync(fields);
        Assert.Equal("tool_calls", finish);
        Assert.Equal("Let me check.\n", content);
        Assert.Equal("get_weather", Assert.Single(calls).Name);
        Assert.Equal("""{"city":"Paris","unit":"c"}""", calls[0].Arguments.ToString());
    }

    [Fact]
    public async Task Tools_AreRenderedIntoThePrompt()
    {
        async Task<int> PromptTokens(string extra)
        {
            using var r = await fx.PostAsync("/v1/chat/completions", $$"""{"model":"tooly","max_tokens":1,"messages":[{"role":"user","content":"hi"}]{{extra}}}""");
            return JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("usage").GetProperty("prompt_tokens").GetInt32();
        }
        var without = await PromptTokens("");
        var with = await PromptTokens(",\"tools\":" + Tools);
        var none = await PromptTokens(",\"tool_choice\":\"none\",\"tools\":" + Tools);
        Assert.True(with > without + 50, $"{with} vs {without}");
        Assert.Equal(without, none);
    }

    [Theory]
    [InlineData("""{"tool_choice":"required","tools":null}""", "tool_choice")]
    [InlineData("""{"tool_choice":{"type":"function","function":{"name":"nope"}}}""", "tool_choice.function.name")]
    [InlineData("""{"tool_choice":"sometimes"}""", "tool_choice")]
    [InlineData("""{"tools":[{"type":"function","function":{"name":"bad name"}}]}""", "tools[0].function.name")]
    [InlineData("""{"tools":[{"type":"retrieval"}]}""", "tools[0].type")]
    [InlineData("""{"tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object","properties":{"x":{"type":"string","format":"hostname"}}}}}],"tool_choice":"required"}""", "tools[0].function.parameters")]
    [InlineData("""{"tool_choice":"required","response_format":{"type":"json_object"}}""", "response_format")]
    [InlineData("""{"logprobs":true}""", "logprobs")]
    public async Task BadToolFields_400NamingTheField(string fields, string param)
    {
        var body = """{"model":"tooly","max_tokens":8,"messages":[{"role":"user","content":"hi"}],"tools":""" + Tools + "," + fields[1..];
        using var response = await fx.PostAsync("/v1/chat/completions", body);
        var json = await response.Content.ReadAsStringAsync();
        Assert.True(400 == (int)response.StatusCode, json);
        Assert.Equal(param, JsonDocument.Parse(json).RootElement.GetProperty("error").GetProperty("param").GetString());
    }

    internal static void AssertValidCall(string id, string type, JsonElement function)
    {
        Assert.StartsWith("call_", id, StringComparison.Ordinal);
        Assert.Equal("function", type);
        var name = function.GetProperty("name").GetString();
        using var args = JsonDocument.Parse(function.GetProperty("arguments").GetString()!);
        var a = args.RootElement;
        if (name == "get_weather")
        {
            Assert.True(a.GetProperty("city").GetString()!.EnumerateRunes().Count() <= 16);
            Assert.Contains(a.GetProperty("unit").GetString(), new[] { "c", "f" });
            Assert.Equal(2, a.EnumerateObject().Count());
        }
        else
        {
            Assert.Equal("add", name);
            Assert.Equal(JsonValueKind.Number, a.GetProperty("a").ValueKind);
            Assert.Equal(JsonValueKind.Number, a.GetProperty("b").ValueKind);
        }
    }

    private async Task<JsonElement> ChatAsync(string fields)
    {
        var body = """{"model":"tooly","max_tokens":200,"messages":[{"role":"user","content":"Weather in Paris?"}],"tools":""" + Tools + "," + fields[1..];
        using var response = await fx.PostAsync("/v1/chat/completions", body);
        var json = await response.Content.ReadAsStringAsync();
        Assert.True(200 == (int)response.StatusCode, json);
        return JsonDocument.Parse(json).RootElement.GetProperty("choices")[0].Clone();
    }

    internal sealed record StreamedCall(string Id, string Name, StringBuilder Arguments)
    {
        public int Fragments { get; set; }
    }

    /// <summary>Assembles a streamed reply as the OpenAI SDKs do: tool-call deltas by index, the first carrying id and name.</summary>
    private async Task<(List<StreamedCall> Calls, string? Finish, string Content)> StreamAsync(string fields)
    {
        var body = """{"model":"tooly","max_tokens":200,"stream":true,"messages":[{"role":"user","content":"Weather in Paris?"}],"tools":""" + Tools + "," + fields[1..];
        using var response = await fx.PostAsync("/v1/chat/completions", body);
        Assert.Equal(200, (int)response.StatusCode);
        var calls = new List<StreamedCall>();
        string? finish = null;
        var content = new StringBuilder();
        foreach (var line in (await response.Content.ReadAsStringAsync()).Split('\n'))
        {
            if (!line.StartsWith("data: {", StringComparison.Ordinal)) continue;
            using var chunk = JsonDocument.Parse(line[6..]);
            var choice = chunk.RootElement.GetProperty("choices")[0];
            if (choice.GetProperty("finish_reason").GetString() is { } f) finish = f;
            var delta = choice.GetProperty("delta");
            if (delta.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String) content.Append(c.GetString());
            if (!delta.TryGetProperty("tool_calls", out var deltas)) continue;
            foreach (var d in deltas.EnumerateArray())
            {
                var index = d.GetProperty("index").GetInt32();
                var function = d.GetProperty("function");
                if (index == calls.Count)
                {
                    Assert.Equal("function", d.GetProperty("type").GetString());
                    calls.Add(new StreamedCall(d.GetProperty("id").GetString()!, function.GetProperty("name").GetString()!, new StringBuilder()));
                }
                else
                {
                    Assert.False(d.TryGetProperty("id", out _)); // only the first delta of a call carries its id and name
                    Assert.False(function.TryGetProperty("name", out _));
                }
                var fragment = function.GetProperty("arguments").GetString()!;
                calls[index].Arguments.Append(fragment);
                if (fragment.Length > 0) calls[index].Fragments++;
            }
        }
        return (calls, finish, content.ToString());
    }
}
