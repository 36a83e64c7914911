using System.Text.Json;

namespace Gantry.Server.Tests.Structured;

/// <summary>Bad constraints and bad chat messages are 400s in OpenAI's error shape that name the field and the problem.</summary>
[Collection(ServerCollection.Name)]
public sealed class StructuredOutputErrorTests(ServerFixture fx)
{
    [Theory]
    // a schema error names its path inside the schema
    [InlineData("""{"response_format":{"type":"json_schema","json_schema":{"name":"x","schema":{"type":"object","properties":{"age":{"type":"strange"}}}}}}""",
        "response_format.json_schema.schema", "invalid_json_schema", "#/properties/age")]
    // an unsupported feature is named
    [InlineData("""{"response_format":{"type":"json_schema","json_schema":{"name":"x","schema":{"type":"array","uniqueItems":true}}}}""",
        "response_format.json_schema.schema", "invalid_json_schema", "uniqueItems")]
    [InlineData("""{"json_schema":{"type":"object","properties":{"a":{"$ref":"#/$defs/missing"}}}}""", "json_schema", "invalid_json_schema", "#/properties/a")]
    [InlineData("""{"guided_json":"{not json"}""", "guided_json", "invalid_json_schema", "not JSON")]
    // a grammar error names its line and column
    [InlineData("""{"grammar":"root ::= item\nitem ::= \"a\" missing"}""", "grammar", "invalid_grammar", "line 2, column")]
    [InlineData("""{"guided_grammar":"root ::= (\"a\""}""", "guided_grammar", "invalid_grammar", "line 1, column")]
    // a regex error names its offset
    [InlineData("""{"guided_regex":"(ab"}""", "guided_regex", "invalid_regex", "offset")]
    [InlineData("""{"guided_regex":"(a)\\1"}""", "guided_regex", "invalid_regex", "offset")]
    [InlineData("""{"guided_choice":[]}""", "guided_choice", null, "non-empty")]
    [InlineData("""{"response_format":{"type":"xml"}}""", "response_format.type", null, "json_schema")]
    [InlineData("""{"response_format":{"type":"json_schema"}}""", "response_format.json_schema", null, "schema")]
    [InlineData("""{"grammar":"root ::= \"a\"","guided_regex":"a"}""", "guided_regex", null, "only one")]
    public async Task BadConstraint_Completions_400NamingTheProblem(string fields, string param, string? code, string fragment)
    {
        var body = """{"model":"stories","prompt":"Once","max_tokens":8,""" + fields[1..];
        await AssertErrorAsync("/v1/completions", body, param, code, fragment);
    }

    [Theory]
    [InlineData("""[{"role":"user"}]""", "messages[0].content", "required")]
    [InlineData("""[{"role":"system","content":null},{"role":"user","content":"hi"}]""", "messages[0].content", "required")]
    [InlineData("""[{"role":"user","content":"hi"},{"role":"assistant"}]""", "messages[1].content", "tool_calls")]
    [InlineData("""[{"role":"user","content":"hi"},{"role":"assistant","content":null,"tool_calls":[]}]""", "messages[1].tool_calls", "non-empty")]
    [InlineData("""[{"role":"user","content":"hi"},{"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}}]},{"role":"tool","content":"42"}]""",
        "messages[2].tool_call_id", "required")]
    [InlineData("""[{"role":"user","content":"hi","tool_calls":[{"id":"c1","function":{"name":"f","arguments":"{}"}}]}]""", "messages[0].tool_calls", "assistant")]
    [InlineData("""[{"role":"user","content":"hi"},{"role":"assistant","tool_calls":[{"type":"function","function":{"name":"f","arguments":"{}"}}]}]""", "messages[1].tool_calls[0].id", "required")]
    public async Task BadMessage_Chat_400NamingTheField(string messages, string param, string fragment)
    {
        var body = $$"""{"model":"stories","max_tokens":4,"messages":{{messages}}}""";
        await AssertErrorAsync("/v1/chat/completions", body, param, null, fragment);
    }

    [Fact]
    public async Task AssistantWithToolCallsAndToolResult_Chat_Accepted()
    {
        using var response = await fx.PostAsync("/v1/chat/completions", """
            {"model":"stories","max_tokens":4,"messages":[{"role":"user","content":"hi"},
             {"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{\"a\":1}"}}]},
             {"role":"tool","tool_call_id":"c1","content":"42"}]}
            """);
        Assert.Equal(200, (int)response.StatusCode);
    }

    private async Task AssertErrorAsync(string path, string body, string param, string? code, string fragment)
    {
        using var response = await fx.PostAsync(path, body);
        var json = await response.Content.ReadAsStringAsync();
        Assert.True(400 == (int)response.StatusCode, json);
        var error = JsonDocument.Parse(json).RootElement.GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
        if (code is not null) Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Contains(fragment, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
