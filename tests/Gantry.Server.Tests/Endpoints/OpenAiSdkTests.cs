using System.ClientModel;
using System.Text.Json;
using OpenAI;
using OpenAI.Chat;

namespace Gantry.Server.Tests.Endpoints;

/// <summary>The official OpenAI .NET SDK against the real server: chat, streaming chat, models, seeds; completions over raw HTTP (the SDK has no legacy-completions client).</summary>
[Collection(ServerCollection.Name)]
public sealed class OpenAiSdkTests(ServerFixture fx)
{
    private OpenAIClient Client => new(new ApiKeyCredential("unused"), new OpenAIClientOptions { Endpoint = new Uri(fx.Url, "/v1") });

    [Fact]
    public async Task ChatCompletion_Sdk_ReturnsAssistantMessageAndUsage()
    {
        var chat = Client.GetChatClient(ServerFixture.Model);
        ChatCompletion result = await chat.CompleteChatAsync([new UserChatMessage("Tell me a story")], new ChatCompletionOptions { MaxOutputTokenCount = 12, Temperature = 0 });
        Assert.Equal(ChatMessageRole.Assistant, result.Role);
        Assert.NotEmpty(result.Content[0].Text);
        Assert.True(result.FinishReason is ChatFinishReason.Length or ChatFinishReason.Stop);
        Assert.True(result.Usage.InputTokenCount > 0);
        Assert.InRange(result.Usage.OutputTokenCount, 1, 12);
        Assert.Equal(result.Usage.InputTokenCount + result.Usage.OutputTokenCount, result.Usage.TotalTokenCount);
    }

    [Fact]
    public async Task ChatCompletionStreaming_Sdk_ConcatenatesToTheNonStreamedText()
    {
        var chat = Client.GetChatClient(ServerFixture.Model);
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 16, Temperature = 0 };
        ChatCompletion whole = await chat.CompleteChatAsync([new UserChatMessage("Once upon a time")], options);
        var text = new System.Text.StringBuilder();
        ChatFinishReason? finish = null;
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("Once upon a time")], options))
        {
            foreach (var part in update.ContentUpdate) text.Append(part.Text);
            finish ??= update.FinishReason;
        }
        Assert.Equal(whole.Content[0].Text, text.ToString());
        Assert.Equal(whole.FinishReason, finish);
    }

    [Fact]
    public async Task ListModels_Sdk_ListsTheServedModel()
    {
        var models = await Client.GetOpenAIModelClient().GetModelsAsync();
        Assert.Contains(models.Value, m => m.Id == ServerFixture.Model);
    }

#pragma warning disable OPENAI001 // Seed is marked experimental in the SDK
    [Fact]
    public async Task ChatCompletion_SameSeed_SameText()
    {
        var chat = Client.GetChatClient(ServerFixture.Model);
        async Task<string> Run(long seed) =>
            (await chat.CompleteChatAsync([new UserChatMessage("Lily")], new ChatCompletionOptions { MaxOutputTokenCount = 24, Temperature = 1f, Seed = seed })).Value.Content[0].Text;
        var a = await Run(7);
        var b = await Run(7);
        var c = await Run(8);
        var d = await Run(9);
        Assert.Equal(a, b);
        Assert.False(a == c && a == d, "three seeds gave identical samples");
    }
#pragma warning restore OPENAI001

    [Fact]
    public async Task Completion_PromptArrayAndN_ReturnsEveryChoiceWithUsage()
    {
        using var response = await fx.PostAsync("/v1/completions",
            """{"model":"stories","prompt":["Once upon a time","The cat"],"n":2,"max_tokens":5,"temperature":0.8,"seed":3,"logprobs":2}""");
        Assert.Equal(200, (int)response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = doc.RootElement;
        Assert.Equal("text_completion", root.GetProperty("object").GetString());
        var choices = root.GetProperty("choices");
        Assert.Equal(4, choices.GetArrayLength());
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(i, choices[i].GetProperty("index").GetInt32());
            Assert.Equal("length", choices[i].GetProperty("finish_reason").GetString());
            var lp = choices[i].GetProperty("logprobs");
            Assert.Equal(5, lp.GetProperty("tokens").GetArrayLength());
            Assert.All(lp.GetProperty("token_logprobs").EnumerateArray(), v => Assert.True(v.GetSingle() <= 0));
        }
        var usage = root.GetProperty("usage");
        Assert.Equal(20, usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal(usage.GetProperty("prompt_tokens").GetInt32() + 20, usage.GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task CompletionStreaming_IncludeUsage_EndsWithUsageChunkThenDone()
    {
        using var response = await fx.PostAsync("/v1/completions",
            """{"model":"stories","prompt":"Once","max_tokens":6,"stream":true,"stream_options":{"include_usage":true},"ignore_eos":true}""");
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n').Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).ToList();
        Assert.Equal("data: [DONE]", lines[^1]);
        using var usageChunk = JsonDocument.Parse(lines[^2][6..]);
        Assert.Equal(0, usageChunk.RootElement.GetProperty("choices").GetArrayLength());
        Assert.Equal(6, usageChunk.RootElement.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        using var finalChunk = JsonDocument.Parse(lines[^3][6..]);
        Assert.Equal("length", finalChunk.RootElement.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Completion_StopString_FinishesWithStopAndOmitsIt()
    {
        using var greedy = await fx.PostAsync("/v1/completions", """{"model":"stories","prompt":"Once upon a time","max_tokens":30,"temperature":0}""");
        var full = JsonDocument.Parse(await greedy.Content.ReadAsStringAsync()).RootElement.GetProperty("choices")[0].GetProperty("text").GetString()!;
        var words = full.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(words.Length > 3, full);
        var stop = words[2];
        using var stopped = await fx.PostAsync("/v1/completions",
            JsonSerializer.Serialize(new Dictionary<string, object> { ["model"] = "stories", ["prompt"] = "Once upon a time", ["max_tokens"] = 30, ["temperature"] = 0, ["stop"] = new[] { stop } }));
        var choice = JsonDocument.Parse(await stopped.Content.ReadAsStringAsync()).RootElement.GetProperty("choices")[0];
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(full[..full.IndexOf(stop, StringComparison.Ordinal)], choice.GetProperty("text").GetString());
    }
}
