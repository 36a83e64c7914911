using System.ClientModel;
using System.Text;
using System.Text.Json;
using OpenAI;
using OpenAI.Chat;

namespace Gantry.Server.Tests.Structured;

/// <summary>
/// The official OpenAI .NET SDK end to end: structured output parsed into a typed object, and a tool-calling loop
/// (calls, tool results, final answer), non-streaming and streaming, with parallel tool calls. The model has random
/// weights, so <c>tool_choice: required</c> makes it call tools; its arguments are constrained by the tools' schemas.
/// </summary>
[Collection(ToolServerCollection.Name)]
public sealed class OpenAiSdkToolTests(ToolServerFixture fx)
{
    private const string WeatherParameters =
        """{"type":"object","properties":{"city":{"type":"string","maxLength":16},"unit":{"enum":["c","f"]}},"required":["city","unit"],"additionalProperties":false}""";

    private ChatClient Chat => new OpenAIClient(new ApiKeyCredential("unused"), new OpenAIClientOptions { Endpoint = new Uri(fx.Url, "/v1") })
        .GetChatClient(ToolServerFixture.Model);

    private static ChatTool Weather => ChatTool.CreateFunctionTool("get_weather", "Weather in a city", BinaryData.FromString(WeatherParameters));

    public sealed record Person(string Name, int Age, string[]? Pets);

    [Fact]
    public async Task StructuredOutput_Sdk_ParsesIntoATypedObject()
    {
        const string schema = """{"type":"object","properties":{"Name":{"type":"string","maxLength":10},"Age":{"type":"integer","minimum":1,"maximum":99},"Pets":{"type":"array","items":{"type":"string","maxLength":6},"maxItems":2}},"required":["Name","Age","Pets"],"additionalProperties":false}""";
        var options = new ChatCompletionOptions
        {
            MaxOutputTokenCount = 150,
            Temperature = 1f,
            ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat("person", BinaryData.FromString(schema), jsonSchemaIsStrict: true),
        };
        ChatCompletion result = await Chat.CompleteChatAsync([new UserChatMessage("Describe a person")], options);
        var person = JsonSerializer.Deserialize<Person>(result.Content[0].Text);
        Assert.NotNull(person);
        Assert.True(person.Name.EnumerateRunes().Count() <= 10);
        Assert.InRange(person.Age, 1, 99);
        Assert.NotNull(person.Pets);
        Assert.InRange(person.Pets.Length, 0, 2);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ToolLoop_Sdk_CallsToolsThenAnswers(bool parallel)
    {
        List<ChatMessage> messages = [new UserChatMessage("What is the weather in Paris and in Rome?")];
        var options = new ChatCompletionOptions
        {
            MaxOutputTokenCount = 200,
            Temperature = 1f,
            Tools = { Weather },
            ToolChoice = ChatToolChoice.CreateRequiredChoice(),
            AllowParallelToolCalls = parallel,
        };
        ChatCompletion first = await Chat.CompleteChatAsync(messages, options);
        Assert.Equal(ChatFinishReason.ToolCalls, first.FinishReason);
        Assert.NotEmpty(first.ToolCalls);
        if (!parallel) Assert.Single(first.ToolCalls);
        Assert.Empty(first.Content);
        messages.Add(new AssistantChatMessage(first));
        foreach (var call in first.ToolCalls)
        {
            Assert.Equal("get_weather", call.FunctionName);
            AssertWeatherArguments(call.FunctionArguments.ToString());
            messages.Add(new ToolChatMessage(call.Id, """{"temperature": 21}"""));
        }
        options.ToolChoice = ChatToolChoice.CreateNoneChoice();
        ChatCompletion final = await Chat.CompleteChatAsync(messages, options);
        Assert.True(final.FinishReason is ChatFinishReason.Stop or ChatFinishReason.Length);
        Assert.Empty(final.ToolCalls);
        Assert.NotEmpty(final.Content[0].Text);
    }

    [Fact]
    public async Task ToolLoop_SdkStreaming_AssemblesCallsThenStreamsTheAnswer()
    {
        List<ChatMessage> messages = [new UserChatMessage("Weather in Oslo and Lima?")];
        var options = new ChatCompletionOptions
        {
            MaxOutputTokenCount = 200,
            Temperature = 1f,
            Tools = { Weather },
            ToolChoice = ChatToolChoice.CreateRequiredChoice(),
            AllowParallelToolCalls = true,
        };
        var ids = new Dictionary<int, string>();
        var names = new Dictionary<int, string>();
        var arguments = new Dictionary<int, StringBuilder>();
        ChatFinishReason? finish = null;
        await foreach (var update in Chat.CompleteChatStreamingAsync(messages, options))
        {
            foreach (var part in update.ToolCallUpdates)
            {
                if (part.ToolCallId is { } id) ids[part.Index] = id;
                if (part.FunctionName is { } name) names[part.Index] = name;
                if (!arguments.TryGetValue(part.Index, out var sb)) arguments[part.Index] = sb = new StringBuilder();
                if (part.FunctionArgumentsUpdate is { } fragment && !fragment.ToMemory().IsEmpty) sb.Append(fragment.ToString());
            }
            finish ??= update.FinishReason;
        }
        Assert.Equal(ChatFinishReason.ToolCalls, finish);
        Assert.NotEmpty(ids);
        var calls = ids.Keys.Order().Select(i => ChatToolCall.CreateFunctionToolCall(ids[i], names[i], BinaryData.FromString(arguments[i].ToString()))).ToList();
        foreach (var call in calls) AssertWeatherArguments(call.FunctionArguments.ToString());
        messages.Add(new AssistantChatMessage(calls));
        foreach (var call in calls) messages.Add(new ToolChatMessage(call.Id, "sunny"));
        options.ToolChoice = ChatToolChoice.CreateAutoChoice();
        var answer = new StringBuilder();
        ChatFinishReason? finalFinish = null;
        await foreach (var update in Chat.CompleteChatStreamingAsync(messages, options))
        {
            foreach (var part in update.ContentUpdate) answer.Append(part.Text);
            finalFinish ??= update.FinishReason;
        }
        Assert.NotNull(finalFinish);
        Assert.True(answer.Length > 0 || finalFinish == ChatFinishReason.ToolCalls);
    }

    private static void AssertWeatherArguments(string json)
    {
        using var doc = JsonDocument.Parse(json);
        // JSON Schema lengths count code points; a random-weight model may pick characters outside the BMP, which .NET's
        // string.Length counts twice.
        Assert.True(doc.RootElement.GetProperty("city").GetString()!.EnumerateRunes().Count() <= 16, json);
        Assert.Contains(doc.RootElement.GetProperty("unit").GetString(), new[] { "c", "f" });
    }
}
