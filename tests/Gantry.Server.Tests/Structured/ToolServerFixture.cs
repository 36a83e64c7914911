using System.Runtime.CompilerServices;
using System.Text;
using Gantry.Models.Synthesis;
using Gantry.Server.Configuration;
using Gantry.Server.Hosting;
using Gantry.TestSupport;

namespace Gantry.Server.Tests.Structured;

/// <summary>
/// A server for tool calling: a random-weight tiny Llama (synthesized) carrying Qwen2.5-7B-Instruct's real chat template,
/// which renders <c>tools</c>, assistant <c>tool_calls</c> and tool results and shows the Hermes <c>&lt;tool_call&gt;</c>
/// syntax. Served as <see cref="Model"/>.
/// </summary>
public sealed class ToolServerFixture : IAsyncLifetime
{
    public const string Model = "tooly";

    private readonly TempFile _file = new();

    public GantryServer Server { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public Uri Url => Server.Url;

    public async Task InitializeAsync()
    {
        ModelSynthesizer.Build(ModelShape.Tiny with { ContextLength = 4096 }, "q8_0", seed: 11)
            .Set("tokenizer.chat_template", File.ReadAllText(QwenTemplatePath()))
            .WriteTo(_file.Path);
        (Server, Http) = await ServerFixture.StartAsync(ServerFixture.Options(models: new ModelSpec(_file.Path, Model)));
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        _file.Dispose();
    }

    public Task<HttpResponseMessage> PostAsync(string path, string json) =>
        Http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private static string QwenTemplatePath([CallerFilePath] string thisFile = "")
    {
        const string relative = "Gantry.Models.Tests/ChatTemplates/Corpus/Qwen-Qwen2.5-7B-Instruct.jinja";
        var beside = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile) ?? "", "../..", relative));
        if (File.Exists(beside)) return beside;
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var candidate = Path.Combine(d.FullName, "tests", relative);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("the Qwen2.5 chat template of the template corpus was not found", relative);
    }
}

[CollectionDefinition(Name)]
public sealed class ToolServerCollection : ICollectionFixture<ToolServerFixture>
{
    public const string Name = "tool-server";
}
