using System.Text.Json;
using System.Text.RegularExpressions;

namespace Gantry.Server.Tests.Structured;

/// <summary>Constrained output over HTTP on stories260K: OpenAI's response_format, llama.cpp's grammar/json_schema and
/// vLLM's guided_* fields, on both endpoints, whole and streamed.</summary>
[Collection(ServerCollection.Name)]
public sealed class StructuredOutputHttpTests(ServerFixture fx)
{
    private const string PersonSchema =
        """{"type":"object","properties":{"name":{"type":"string","maxLength":12},"age":{"type":"integer","minimum":0,"maximum":120},"pets":{"type":"array","items":{"enum":["cat","dog"]},"maxItems":3}},"required":["name","age"],"additionalProperties":false}""";

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task ResponseFormatJsonSchema_Chat_ContentValidates(int seed)
    {
        var body = $$"""{"model":"stories","messages":[{"role":"user","content":"Who are you?"}],"max_tokens":120,"temperature":1,"seed":{{seed}},"response_format":{"type":"json_schema","json_schema":{"name":"person","strict":true,"schema":{{PersonSchema}}""" + "}}}";
        var content = (await ChatAsync(body)).GetProperty("message").GetProperty("content").GetString()!;
        AssertPerson(content);
    }

    [Fact]
    public async Task ResponseFormatJsonSchema_Streaming_ConcatenatedContentValidates()
    {
        var body = $$"""{"model":"stories","messages":[{"role":"user","content":"Who?"}],"max_tokens":120,"temperature":1,"seed":5,"stream":true,"response_format":{"type":"json_schema","json_schema":{"name":"person","schema":{{PersonSchema}}""" + "}}}";
        using var response = await fx.PostAsync("/v1/chat/completions", body);
        Assert.Equal(200, (int)response.StatusCode);
        var text = new System.Text.StringBuilder();
        foreach (var line in (await response.Content.ReadAsStringAsync()).Split('\n'))
        {
            if (!line.StartsWith("data: {", StringComparison.Ordinal)) continue;
            using var chunk = JsonDocument.Parse(line[6..]);
            foreach (var choice in chunk.RootElement.GetProperty("choices").EnumerateArray())
                if (choice.GetProperty("delta").TryGetProperty("content", out var c)) text.Append(c.GetString());
        }
        AssertPerson(text.ToString());
    }

    [Fact]
    public async Task ResponseFormatJsonObject_Completions_TextIsAnObject()
    {
        var text = await CompleteAsync("""{"model":"stories","prompt":"Once","max_tokens":60,"temperature":1,"seed":3,"response_format":{"type":"json_object"}}""");
        using var doc = JsonDocument.Parse(text);
        Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
    }

    [Fact]
    public async Task Grammar_Completions_TextFollowsTheGrammar()
    {
        var text = await CompleteAsync("""{"model":"stories","prompt":"Once","max_tokens":20,"temperature":1,"seed":4,"grammar":"root ::= answer \".\"\nanswer ::= \"yes\" | \"no\" | \"maybe\""}""");
        Assert.Contains(text, new[] { "yes.", "no.", "maybe." });
    }

    [Fact]
    public async Task GuidedRegex_Completions_WholeTextMatches()
    {
        var text = await CompleteAsync("""{"model":"stories","prompt":"Once","max_tokens":20,"temperature":1,"seed":6,"guided_regex":"[0-9]{3}-[a-z]{2,4}"}""");
        Assert.Matches(new Regex("^[0-9]{3}-[a-z]{2,4}$"), text);
    }

    [Fact]
    public async Task GuidedChoice_Chat_IsOneOfTheChoices()
    {
        var content = (await ChatAsync("""{"model":"stories","messages":[{"role":"user","content":"Color?"}],"max_tokens":10,"temperature":1,"seed":2,"guided_choice":["red","green","blue"]}"""))
            .GetProperty("message").GetProperty("content").GetString();
        Assert.Contains(content, new[] { "red", "green", "blue" });
    }

    [Theory]
    [InlineData("json_schema")]
    [InlineData("guided_json")]
    public async Task TopLevelSchemaFields_Completions_TextValidates(string field)
    {
        var schema = field == "guided_json" ? JsonSerializer.Serialize(PersonSchema) : PersonSchema; // vLLM also takes the schema as a string
        var text = await CompleteAsync($$"""{"model":"stories","prompt":"Lily","max_tokens":120,"temperature":1,"seed":8,"{{field}}":{{schema}}}""");
        AssertPerson(text);
    }

    [Fact]
    public async Task GuidedGrammar_CompletionsStreaming_ConcatenatedTextFollowsTheGrammar()
    {
        using var response = await fx.PostAsync("/v1/completions",
            """{"model":"stories","prompt":"Once","max_tokens":30,"temperature":1,"seed":9,"stream":true,"guided_grammar":"root ::= [a-c]{2,5} \"!\""}""");
        var text = new System.Text.StringBuilder();
        foreach (var line in (await response.Content.ReadAsStringAsync()).Split('\n'))
        {
            if (!line.StartsWith("data: {", StringComparison.Ordinal)) continue;
            using var chunk = JsonDocument.Parse(line[6..]);
            foreach (var choice in chunk.RootElement.GetProperty("choices").EnumerateArray()) text.Append(choice.GetProperty("text").GetString());
        }
        Assert.Matches(new Regex("^[a-c]{2,5}!$"), text.ToString());
    }

    private async Task<JsonElement> ChatAsync(string body)
    {
        using var response = await fx.PostAsync("/v1/chat/completions", body);
        var json = await response.Content.ReadAsStringAsync();
        Assert.True(200 == (int)response.StatusCode, json);
        return JsonDocument.Parse(json).RootElement.GetProperty("choices")[0];
    }

    private async Task<string> CompleteAsync(string body)
    {
        using var response = await fx.PostAsync("/v1/completions", body);
        var json = await response.Content.ReadAsStringAsync();
        Assert.True(200 == (int)response.StatusCode, json);
        return JsonDocument.Parse(json).RootElement.GetProperty("choices")[0].GetProperty("text").GetString()!;
    }

    /// <summary>Parses and checks every rule of <see cref="PersonSchema"/>.</summary>
    internal static void AssertPerson(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        Assert.True(root.GetProperty("name").GetString()!.EnumerateRunes().Count() <= 12, json);
        Assert.InRange(root.GetProperty("age").GetInt64(), 0, 120);
        foreach (var p in root.EnumerateObject()) Assert.Contains(p.Name, new[] { "name", "age", "pets" });
        if (root.TryGetProperty("pets", out var pets))
        {
            Assert.InRange(pets.GetArrayLength(), 0, 3);
            Assert.All(pets.EnumerateArray(), p => Assert.Contains(p.GetString(), new[] { "cat", "dog" }));
        }
    }
}
