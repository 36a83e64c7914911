using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gantry.Engine;
using Gantry.Models.Gguf;
using Gantry.Models.Tokenizers;
using Gantry.Server.Configuration;
using Gantry.Server.Hosting;
using Gantry.TestSupport;
using Microsoft.Extensions.Logging;

namespace Gantry.Cli.Tests.Commands;

/// <summary>
/// <c>POST /apply-template</c> and <c>gantry serve --chat-template FILE</c>: the server's rendered prompt equals the CLI's
/// <c>gantry chat-template --model</c> output for the same variables, and is what a chat completion tokenizes.
/// </summary>
public sealed class ApplyTemplateTests : IDisposable
{
    // Writes bos_token (the tokenizer adds BOS itself, so it is stripped), rejects a system message (normalisation
    // merges it into the first user turn), renders tools with tojson; 'boom' trips a runtime error, 'refuse' raises.
    private const string Override =
        "{{ bos_token }}{% if tools %}[TOOLS]{{ tools | tojson }}[/TOOLS]{% endif %}{% for m in messages %}"
        + "{% if m.role == 'system' %}{{ raise_exception('System role not supported') }}{% endif %}"
        + "{% if m.content == 'refuse' %}{{ raise_exception('refused by the template') }}{% endif %}"
        + "{% if m.content == 'boom' %}{{ m.content.nope.deeper }}{% endif %}"
        + "<|{{ m.role }}|>{{ m.content }}\n{% endfor %}{% if add_generation_prompt %}<|assistant|>{% endif %}";

    private const string Tools = """[{"type": "function", "function": {"name": "get_weather", "description": "Weather é", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}}]""";

    private readonly TempFile _template = new(".jinja");
    private readonly TempFile _broken = new(".jinja");

    public ApplyTemplateTests()
    {
        File.WriteAllText(_template.Path, Override);
        File.WriteAllText(_broken.Path, "line one\n{% for m in messages %}never closed");
    }

    public void Dispose()
    {
        _template.Dispose();
        _broken.Dispose();
    }

    private static ServerOptions Options(string? chatTemplate) => new()
    {
        Port = 0,
        Threads = 1,
        Models = [new ModelSpec(SharedModels.Stories260K, "stories")],
        DrainSeconds = 5,
        ChatTemplate = chatTemplate,
        Engine = new EngineOptions { KvCacheBytes = 16L << 20 },
    };

    private static async Task<(GantryServer Server, HttpClient Http)> StartAsync(string? chatTemplate)
    {
        var server = GantryServer.Create(Options(chatTemplate), logLevel: LogLevel.Warning);
        await server.StartAsync();
        await server.ModelsLoaded;
        return (server, new HttpClient { BaseAddress = server.Url, Timeout = TimeSpan.FromSeconds(60) });
    }

    private static Task<HttpResponseMessage> Post(HttpClient http, string path, string json) =>
        http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>The CLI's rendering of the same messages/tools (with the server's add_generation_prompt), via --model.</summary>
    private static string CliRender(string messages, string? tools, string? template)
    {
        var input = new JsonObject { ["messages"] = JsonNode.Parse(messages), ["add_generation_prompt"] = true };
        if (tools is not null) input["tools"] = JsonNode.Parse(tools);
        if (template is not null) input["template"] = template;
        var r = CliRunner.RunWithInput(input.ToJsonString(), "chat-template", "--model", SharedModels.Stories260K);
        Assert.True(r.ExitCode == 0, r.Stderr);
        return r.Stdout;
    }

    private static async Task<string> ServerRender(HttpClient http, string messages, string? tools)
    {
        var body = tools is null ? $$"""{"model": "stories", "messages": {{messages}}}""" : $$"""{"model": "stories", "messages": {{messages}}, "tools": {{tools}}}""";
        using var r = await Post(http, "/apply-template", body);
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.OK, text);
        var json = JsonNode.Parse(text)!.AsObject();
        Assert.Single(json);
        return (string)json["prompt"]!;
    }

    private static int PromptTokens(string prompt)
    {
        using var file = GgufFile.Open(SharedModels.Stories260K);
        return TokenizerFactory.FromGguf(file.Metadata).Encode(prompt, addSpecial: true, parseSpecial: true).Length;
    }

    [Theory]
    [InlineData("""[{"role": "user", "content": "Once upon a time"}]""")]
    [InlineData("""[{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi é"}, {"role": "assistant", "content": "Hello"}, {"role": "user", "content": "More"}]""")]
    [InlineData("""[{"role": "developer", "content": "Rules"}, {"role": "user", "content": "Go"}]""")]
    public async Task ModelsOwnTemplate_ServerPromptEqualsCliAndChatCompletionTokens(string messages)
    {
        var (server, http) = await StartAsync(null);
        await using var _ = server;
        using var __ = http;
        var prompt = await ServerRender(http, messages, null);
        Assert.Equal(CliRender(messages, null, null), prompt);
        using var chat = await Post(http, "/v1/chat/completions", $$"""{"model": "stories", "messages": {{messages}}, "max_tokens": 1, "temperature": 0}""");
        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
        var usage = (await chat.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("usage");
        Assert.Equal(PromptTokens(prompt), usage.GetProperty("prompt_tokens").GetInt32());
    }

    [Fact]
    public async Task ChatTemplateOverride_AppliesToTheModel_NormalisedBosStrippedToolsRendered()
    {
        var (server, http) = await StartAsync(File.ReadAllText(_template.Path));
        await using var _ = server;
        using var __ = http;
        const string messages = """[{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi"}]""";
        var prompt = await ServerRender(http, messages, Tools);
        Assert.Equal(CliRender(messages, Tools, Override), prompt);
        Assert.StartsWith("[TOOLS][{", prompt); // the BOS text the template writes is left to the tokenizer
        Assert.EndsWith("<|user|>Be brief.\nHi\n<|assistant|>", prompt);
        using var chat = await Post(http, "/v1/chat/completions", $$"""{"model": "stories", "messages": {{messages}}, "tools": {{Tools}}, "max_tokens": 1, "temperature": 0}""");
        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
        var usage = (await chat.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("usage");
        Assert.Equal(PromptTokens(prompt), usage.GetProperty("prompt_tokens").GetInt32());
    }

    [Theory]
    [InlineData("/apply-template")]
    [InlineData("/v1/chat/completions")]
    public async Task ChatTemplateOverride_RuntimeError500_RaisedError400_ServerKeepsServing(string path)
    {
        var (server, http) = await StartAsync(Override);
        await using var _ = server;
        using var __ = http;
        using (var boom = await Post(http, path, """{"model": "stories", "messages": [{"role": "user", "content": "boom"}], "max_tokens": 2}"""))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, boom.StatusCode);
            var error = (await boom.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
            Assert.Equal("chat_template_error", error.GetProperty("code").GetString());
            Assert.Equal("server_error", error.GetProperty("type").GetString());
            Assert.Contains("chat template", error.GetProperty("message").GetString());
        }
        using (var refused = await Post(http, path, """{"model": "stories", "messages": [{"role": "user", "content": "refuse"}], "max_tokens": 2}"""))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var error = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
            Assert.Equal("messages", error.GetProperty("param").GetString());
            Assert.Contains("refused by the template", error.GetProperty("message").GetString());
        }
        using var ok = await Post(http, path, """{"model": "stories", "messages": [{"role": "user", "content": "fine"}], "max_tokens": 2}""");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Theory]
    [InlineData("""{"model": "stories", "messages": []}""", "messages")]
    [InlineData("""{"model": "stories", "messages": [{"role": "user", "content": "x"}], "top_logprobs": 3}""", "top_logprobs")]
    [InlineData("""{"model": "nope", "messages": [{"role": "user", "content": "x"}]}""", "model")]
    public async Task ApplyTemplate_InvalidBody_SameOpenAiErrorAsChatCompletions(string body, string param)
    {
        var (server, http) = await StartAsync(null);
        await using var _ = server;
        using var __ = http;
        using var applied = await Post(http, "/apply-template", body);
        using var chat = await Post(http, "/v1/chat/completions", body);
        Assert.Equal(chat.StatusCode, applied.StatusCode);
        Assert.True((int)applied.StatusCode is >= 400 and < 500);
        var a = (await applied.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        var c = (await chat.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        Assert.Equal(param, a.GetProperty("param").GetString());
        Assert.Equal(c.GetProperty("message").GetString(), a.GetProperty("message").GetString());
    }

    [Fact]
    public void Serve_MissingChatTemplateFile_OneLineError()
    {
        var r = CliRunner.Run("serve", "--chat-template", "/nonexistent/t.jinja", "--port", "0");
        Assert.Equal(2, r.ExitCode);
        var line = Assert.Single(r.StderrLines);
        Assert.Contains("/nonexistent/t.jinja", line);
    }

    [Fact]
    public void Serve_ChatTemplateThatDoesNotParse_OneLineErrorWithItsLine()
    {
        var r = CliRunner.Run("serve", "--chat-template", _broken.Path, "--port", "0");
        Assert.Equal(2, r.ExitCode);
        var line = Assert.Single(r.StderrLines);
        Assert.StartsWith("gantry: --chat-template does not parse: chat template, line 2", line);
        Assert.Contains("never closed", line);
    }
}
