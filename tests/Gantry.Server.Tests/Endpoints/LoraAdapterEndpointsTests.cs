using System.Net;
using System.Text;
using System.Text.Json;
using Gantry.Models.Synthesis;
using Gantry.Server.Configuration;
using Gantry.Server.Hosting;
using Gantry.TestSupport;

namespace Gantry.Server.Tests.Endpoints;

/// <summary>
/// Adapters served beside their base: named as NAME or BASE:NAME, listed with their parent, loaded and unloaded at
/// run time with vLLM's bodies, refused with OpenAI-style errors, and counted in <c>vllm:lora_requests_info</c>.
/// </summary>
public sealed class LoraAdapterEndpointsTests : IAsyncLifetime
{
    private readonly TempFile _base = new();
    private readonly TempFile _first = new();
    private readonly TempFile _second = new();
    private GantryServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        ModelSynthesizer.Write(ModelShape.Tiny, "q8_0", 1, _base.Path);
        LoraSynthesizer.Build(ModelShape.Tiny, 8, seed: 11, strength: 1f).WriteTo(_first.Path);
        LoraSynthesizer.Build(ModelShape.Tiny, 4, seed: 12, strength: 1f).WriteTo(_second.Path);
        var options = ServerFixture.Options(models: new ModelSpec(_base.Path, "base"));
        options.LoraAdapters = [new LoraSpec("first", _first.Path)];
        options.MaxLoras = 2;
        (_server, _http) = await ServerFixture.StartAsync(options);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
        _base.Dispose();
        _first.Dispose();
        _second.Dispose();
    }

    private Task<HttpResponseMessage> Post(string path, string json) => _http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private async Task<(HttpStatusCode Status, JsonElement Body)> Complete(string model)
    {
        using var r = await Post("/v1/completions", $$"""{"model":"{{model}}","prompt":"a b c d","max_tokens":12,"temperature":0,"ignore_eos":true}""");
        return (r.StatusCode, JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private async Task<string> Text(string model)
    {
        var (status, body) = await Complete(model);
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        return body.GetProperty("choices")[0].GetProperty("text").GetString()!;
    }

    [Fact]
    public async Task Completions_AdapterByNameOrBaseColonName_RunTheAdapterOnTheBase()
    {
        var plain = await Text("base");
        var byName = await Text("first");
        Assert.Equal(byName, await Text("base:first"));
        Assert.NotEqual(plain, byName);
        Assert.Equal(HttpStatusCode.NotFound, (await Complete("other:first")).Status);
    }

    [Fact]
    public async Task Responses_EchoTheAdapterName_WholeStreamedAndChat()
    {
        Assert.Equal("first", (await Complete("first")).Body.GetProperty("model").GetString());
        Assert.Equal("first", (await Complete("base:first")).Body.GetProperty("model").GetString());
        Assert.Equal("base", (await Complete("base")).Body.GetProperty("model").GetString());
        using var streamed = await Post("/v1/completions", """{"model":"base:first","prompt":"a b","max_tokens":3,"stream":true}""");
        var chunks = (await streamed.Content.ReadAsStringAsync()).Split('\n').Where(l => l.StartsWith("data: {", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(chunks);
        Assert.All(chunks, c => Assert.Equal("first", JsonDocument.Parse(c["data: ".Length..]).RootElement.GetProperty("model").GetString()));
        using var chat = await Post("/v1/chat/completions", """{"model":"first","messages":[{"role":"user","content":"hi"}],"max_tokens":3}""");
        Assert.True(chat.IsSuccessStatusCode, await chat.Content.ReadAsStringAsync());
        Assert.Equal("first", JsonDocument.Parse(await chat.Content.ReadAsStringAsync()).RootElement.GetProperty("model").GetString());
    }

    [Fact]
    public async Task Models_ListsAdaptersWithTheirParent()
    {
        var data = JsonDocument.Parse(await _http.GetStringAsync("/v1/models")).RootElement.GetProperty("data");
        var adapter = data.EnumerateArray().Single(m => m.GetProperty("id").GetString() == "first");
        Assert.Equal("base", adapter.GetProperty("parent").GetString());
        Assert.Contains(data.EnumerateArray(), m => m.GetProperty("id").GetString() == "base");
    }

    [Fact]
    public async Task LoadAndUnload_AtRunTime_ServeThenForgetTheAdapter()
    {
        using (var r = await Post("/v1/load_lora_adapter", $$"""{"lora_name":"second","lora_path":{{JsonSerializer.Serialize(_second.Path)}}}"""))
            Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync());
        var withSecond = await Text("second");
        Assert.NotEqual(await Text("first"), withSecond);

        // At --max-loras 2 a third is refused.
        using (var r = await Post("/v1/load_lora_adapter", $$"""{"lora_name":"third","lora_path":{{JsonSerializer.Serialize(_first.Path)}}}"""))
        {
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.Contains("the most this server allows", await r.Content.ReadAsStringAsync());
        }
        using (var r = await Post("/v1/unload_lora_adapter", """{"lora_name":"second"}"""))
            Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync());
        var (status, body) = await Complete("second");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("model_not_found", body.GetProperty("error").GetProperty("code").GetString());
        using (var r = await Post("/v1/unload_lora_adapter", """{"lora_name":"second"}"""))
            Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
    }

    [Fact]
    public async Task Load_BadFileOrBody_IsOpenAiError()
    {
        var notAdapter = JsonSerializer.Serialize(_base.Path);
        using (var r = await Post("/v1/load_lora_adapter", $$"""{"lora_name":"bad","lora_path":{{notAdapter}}}"""))
        {
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            var error = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
            Assert.Contains("general.type", error.GetProperty("message").GetString());
            Assert.Equal("lora_path", error.GetProperty("param").GetString());
        }
        using (var r = await Post("/v1/load_lora_adapter", """{"lora_path":"/x.gguf"}"""))
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        using (var r = await Post("/v1/load_lora_adapter", "[1]"))
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        using (var r = await Post("/v1/load_lora_adapter", $$"""{"lora_name":"base","lora_path":{{JsonSerializer.Serialize(_second.Path)}}}"""))
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
    }

    [Fact]
    public async Task Load_PeftDirectory_ServesWhatTheSameGgufAdapterServes()
    {
        using var peft = new TempDirectory();
        PeftAdapterWriter.FromGguf(_first.Path, peft.Path);
        using (var r = await Post("/v1/load_lora_adapter", $$"""{"lora_name":"peft","lora_path":{{JsonSerializer.Serialize(peft.Path)}}}"""))
            Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync());
        Assert.Equal(await Text("first"), await Text("peft"));
        Assert.Equal(await Text("first"), await Text("base:peft"));
    }

    [Theory]
    [InlineData("untargeted", "lora_unknown_module")]
    [InlineData("corrupt", "lora_corrupt_file")]
    [InlineData("no-config", "lora_file_not_found")]
    public async Task Load_BadPeftDirectory_Is400WithTheProblemAsCode(string problem, string code)
    {
        using var peft = new TempDirectory();
        PeftAdapterWriter.FromGguf(_first.Path, peft.Path, targetModules: problem == "untargeted" ? ["q_proj"] : null);
        if (problem == "corrupt") File.WriteAllText(Path.Combine(peft.Path, "adapter_model.safetensors"), "not safetensors");
        if (problem == "no-config") File.Delete(Path.Combine(peft.Path, "adapter_config.json"));
        using var r = await Post("/v1/load_lora_adapter", $$"""{"lora_name":"peft","lora_path":{{JsonSerializer.Serialize(peft.Path)}}}""");
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var error = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal("lora_path", error.GetProperty("param").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await Complete("peft")).Status);
    }

    [Fact]
    public async Task Metrics_LoraRequestsInfo_ReportsMaxLoras()
    {
        await Text("first");
        var line = (await _http.GetStringAsync("/metrics")).Split('\n').Single(l => l.StartsWith("vllm:lora_requests_info{", StringComparison.Ordinal));
        Assert.Contains("max_lora=\"2\"", line);
        Assert.Contains("model_name=\"base\"", line);
    }
}
