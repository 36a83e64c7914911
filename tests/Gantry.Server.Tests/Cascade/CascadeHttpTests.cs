using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gantry.Engine.Costs;
using Gantry.Server.Configuration;
using Gantry.Server.Hosting;
using Gantry.TestSupport;

namespace Gantry.Server.Tests.Cascade;

/// <summary>
/// Cascade routes through the real server over two real models — stories260K as "small", the tiny random Llama as
/// "large" — with thresholds that force the decision: "never" (the small answer always stands on confidence), "always"
/// (a threshold above 0: always escalates). Answers are compared with the same request sent to each model directly.
/// </summary>
public sealed class CascadeHttpTests : IAsyncLifetime
{
    private GantryServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync() =>
        (_server, _http) = await ServerFixture.StartAsync(ServerFixture.Options(1024,
            new ModelSpec(SharedModels.Stories260K, "small"), new ModelSpec(SharedModels.LlamaTinyRandom, "large")) with
        {
            Cascades = [CascadeSpec.Parse("never=small,large,-1e9"), CascadeSpec.Parse("always=small,large,1")],
            Costs = new CostSettings { Prices = new Dictionary<string, TokenPrice> { ["small"] = new(1, 2), ["large"] = new(10, 20) } },
        });

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private async Task<(HttpResponseMessage Response, JsonElement Body)> Complete(string model, string prompt, int maxTokens, string extra = "")
    {
        var json = $$"""{"model":"{{model}}","prompt":{{JsonSerializer.Serialize(prompt)}},"max_tokens":{{maxTokens}},"temperature":0{{extra}}}""";
        var response = await _http.PostAsync("/v1/completions", new StringContent(json, Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return (response, body);
    }

    private async Task<(HttpResponseMessage Response, string Text, string Model)> Stream(string model, string prompt, int maxTokens)
    {
        var json = $$"""{"model":"{{model}}","prompt":{{JsonSerializer.Serialize(prompt)}},"max_tokens":{{maxTokens}},"temperature":0,"stream":true}""";
        var response = await _http.PostAsync("/v1/completions", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = new StringBuilder();
        var served = "";
        foreach (var line in (await response.Content.ReadAsStringAsync()).Split('\n'))
        {
            if (!line.StartsWith("data: {", StringComparison.Ordinal)) continue;
            var chunk = JsonDocument.Parse(line["data: ".Length..]).RootElement;
            served = chunk.GetProperty("model").GetString()!;
            foreach (var choice in chunk.GetProperty("choices").EnumerateArray()) text.Append(choice.GetProperty("text").GetString());
        }
        return (response, text.ToString(), served);
    }

    private static string Header(HttpResponseMessage r, string name) => r.Headers.TryGetValues(name, out var v) ? v.Single() : "";

    private static string Text(JsonElement body) => body.GetProperty("choices")[0].GetProperty("text").GetString()!;

    private async Task<string> MetricsAfterAsync(string cascade, int requests)
    {
        // A request's cascade series are booked just after its answer went out: wait until this one's are in.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var metrics = await _http.GetStringAsync("/metrics");
            if (Series(metrics, $"gantry_cascade_requests_total{{cascade=\"{cascade}\"}}") >= requests || DateTime.UtcNow > deadline) return metrics;
            await Task.Delay(20);
        }
    }

    private static double Series(string metrics, string series)
    {
        var line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Confident_SmallAnswerStands_SameAsTheSmallModelAlone_AndSavingsAreTheLargeEstimate()
    {
        var info = new Dictionary<string, Gantry.Models.ModelInfo>(_server.Registry.Models.Select(m => KeyValuePair.Create(m.Name, m.Model.Info)));
        var (_, direct) = await Complete("small", "Once upon a time", 8);
        var (response, body) = await Complete("never", "Once upon a time", 8);
        Assert.Equal("small", body.GetProperty("model").GetString());
        Assert.Equal("small", Header(response, "x-gantry-cascade-model"));
        Assert.Equal("false", Header(response, "x-gantry-cascade-escalated"));
        Assert.Equal(Text(direct), Text(body));
        Assert.False(body.TryGetProperty("logprobs", out var lp) && lp.ValueKind != JsonValueKind.Null, "log-probabilities only when asked");

        var (streamed, streamedText, streamedModel) = await Stream("never", "Once upon a time", 8);
        Assert.Equal(("small", "false"), (Header(streamed, "x-gantry-cascade-model"), Header(streamed, "x-gantry-cascade-escalated")));
        Assert.Equal((Text(direct), "small"), (streamedText, streamedModel));

        var metrics = await MetricsAfterAsync("never", 2);
        Assert.Equal(2, Series(metrics, "gantry_cascade_requests_total{cascade=\"never\"}"));
        Assert.DoesNotContain("gantry_cascade_escalations_total{cascade=\"never\"", metrics);
        var usage = body.GetProperty("usage");
        var (p, c) = (usage.GetProperty("prompt_tokens").GetInt32(), usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal(2 * (p + c), Series(metrics, "gantry_cascade_saved_tokens_total{cascade=\"never\"}"));
        // Saved per request: the large model's FLOPs and price for the same tokens less what the small model cost (short prompts: no prefix-cache hits).
        var saved = CostModel.Flops(info["large"], p, c) - CostModel.Flops(info["small"], p, c);
        Assert.Equal(2 * saved, Series(metrics, "gantry_cascade_saved_flops{cascade=\"never\"}"), 0);
        var price = (p * 10 + c * 20 - (p * 1 + c * 2)) / 1e6;
        Assert.Equal(2 * price, Series(metrics, "gantry_cascade_saved_price{cascade=\"never\"}"), 12);
    }

    [Fact]
    public async Task Unconfident_LargeModelAnswers_CostsAddUp()
    {
        var info = new Dictionary<string, Gantry.Models.ModelInfo>(_server.Registry.Models.Select(m => KeyValuePair.Create(m.Name, m.Model.Info)));
        var (_, direct) = await Complete("large", "The cat", 6);
        var before = await _http.GetStringAsync("/metrics");
        var (response, body) = await Complete("always", "The cat", 6);
        Assert.Equal("large", body.GetProperty("model").GetString());
        Assert.Equal(("large", "true", "low_confidence"),
            (Header(response, "x-gantry-cascade-model"), Header(response, "x-gantry-cascade-escalated"), Header(response, "x-gantry-cascade-reason")));
        Assert.Equal(Text(direct), Text(body));

        var after = await MetricsAfterAsync("always", 1);
        Assert.Equal(1, Series(after, "gantry_cascade_escalations_total{cascade=\"always\",reason=\"low_confidence\"}"));
        Assert.Equal(0, Series(after, "gantry_cascade_saved_tokens_total{cascade=\"always\"}"));
        // Both models ran: the large one's FLOPs are the formula's for its usage; the small try is what the cascade lost.
        double Delta(string series) => Series(after, series) - Series(before, series);
        var usage = body.GetProperty("usage");
        Assert.Equal(CostModel.Flops(info["large"], usage.GetProperty("prompt_tokens").GetInt32(), usage.GetProperty("completion_tokens").GetInt32()),
            Delta("gantry_request_flops_total{model_name=\"large\",tenant=\"\"}"), 0);
        var smallFlops = Delta("gantry_request_flops_total{model_name=\"small\",tenant=\"\"}");
        Assert.True(smallFlops > 0);
        Assert.Equal(-smallFlops, Series(after, "gantry_cascade_saved_flops{cascade=\"always\"}"), 0);
        Assert.Equal(-Delta("gantry_request_price_total{model_name=\"small\",tenant=\"\"}"), Series(after, "gantry_cascade_saved_price{cascade=\"always\"}"), 12);

        var (streamed, streamedText, streamedModel) = await Stream("always", "The cat", 6);
        Assert.Equal(("large", "true"), (Header(streamed, "x-gantry-cascade-model"), Header(streamed, "x-gantry-cascade-escalated")));
        Assert.Equal((Text(direct), "large"), (streamedText, streamedModel));
    }

    [Fact]
    public async Task JsonAsked_TruncatedSmallAnswer_EscalatesOnFormat()
    {
        // One token of a JSON object cannot close it, however confident the small model is.
        var (response, body) = await Complete("never", "Once", 1, ""","response_format":{"type":"json_object"}""");
        Assert.Equal(("large", "true", "invalid_format"),
            (Header(response, "x-gantry-cascade-model"), Header(response, "x-gantry-cascade-escalated"), Header(response, "x-gantry-cascade-reason")));
        Assert.Equal("large", body.GetProperty("model").GetString());
        var metrics = await MetricsAfterAsync("never", 1);
        Assert.Equal(1, Series(metrics, "gantry_cascade_escalations_total{cascade=\"never\",reason=\"invalid_format\"}"));
    }

    [Fact]
    public async Task Chat_CascadeAnswers_AndModelsListsTheRoutes()
    {
        var chat = $$"""{"model":"MODEL","messages":[{"role":"user","content":"Tell me a story"}],"max_tokens":5,"temperature":0}""";
        async Task<(HttpResponseMessage, JsonElement)> Chat(string model)
        {
            var r = await _http.PostAsync("/v1/chat/completions", new StringContent(chat.Replace("MODEL", model), Encoding.UTF8, "application/json"));
            var body = await r.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(r.StatusCode == HttpStatusCode.OK, body.ToString());
            return (r, body);
        }
        static string Content(JsonElement body) => body.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
        var (_, small) = await Chat("small");
        var (kept, keptBody) = await Chat("never");
        Assert.Equal(("small", "false"), (Header(kept, "x-gantry-cascade-model"), Header(kept, "x-gantry-cascade-escalated")));
        Assert.Equal(("small", Content(small)), (keptBody.GetProperty("model").GetString(), Content(keptBody)));
        var (escalated, escalatedBody) = await Chat("always");
        Assert.Equal(("large", "true"), (Header(escalated, "x-gantry-cascade-model"), Header(escalated, "x-gantry-cascade-escalated")));
        Assert.Equal("large", escalatedBody.GetProperty("model").GetString());

        var cards = (await _http.GetFromJsonAsync<JsonElement>("/v1/models")).GetProperty("data").EnumerateArray().ToList();
        var route = cards.Single(c => c.GetProperty("id").GetString() == "always");
        Assert.Contains("small answers, large when", route.GetProperty("description").GetString());
        Assert.Equal(cards.Where(c => c.GetProperty("id").GetString() is "small" or "large").Min(c => c.GetProperty("max_model_len").GetInt32()),
            route.GetProperty("max_model_len").GetInt32());
    }
}
