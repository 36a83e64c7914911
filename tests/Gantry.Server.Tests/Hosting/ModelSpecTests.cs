using Gantry.Server.Configuration;
using Gantry.Server.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gantry.Server.Tests.Hosting;

public sealed class ModelSpecTests
{
    [Theory]
    [InlineData("models/tiny.gguf", "models/tiny.gguf", "tiny")]
    [InlineData("models/tiny.gguf:chat", "models/tiny.gguf", "chat")]
    [InlineData("/abs/Qwen2.5-0.5B-Instruct-Q8_0.gguf", "/abs/Qwen2.5-0.5B-Instruct-Q8_0.gguf", "Qwen2.5-0.5B-Instruct-Q8_0")]
    [InlineData(@"C:\m\llama.gguf", @"C:\m\llama.gguf", "llama")]
    [InlineData(@"C:\m\llama.gguf:l3", @"C:\m\llama.gguf", "l3")]
    public void Parse_PathWithOptionalName_SplitsAtLastColon(string text, string path, string name)
    {
        var spec = ModelSpec.Parse(text);
        Assert.Equal(path, spec.Path);
        Assert.Equal(name, spec.Name);
    }

    [Fact]
    public async Task Validate_TwoModelsSameName_Throws()
    {
        var options = new ServerOptions { Port = 0, Models = [ModelSpec.Parse("a/x.gguf"), ModelSpec.Parse("b/x.gguf")] };
        Assert.Equal(nameof(ServerOptions.Models), Assert.Single(ServerOptionsValidator.Problems(options)).Option);
        Assert.True(new ServerOptionsValidator().Validate(null, options).Failed);
        // The server refuses to start with them (options are validated on start).
        await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var server = GantryServer.Create(options, logLevel: LogLevel.Warning);
            await server.StartAsync();
        });
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(64, true)]
    [InlineData(65537, false)]
    public void Validate_GuardModelStreamInterval(int tokens, bool valid)
    {
        var options = new ServerOptions { Port = 0, Models = [ModelSpec.Parse("a/x.gguf")], GuardModel = new GuardModelSettings { Path = "guard.gguf", StreamIntervalTokens = tokens } };
        var problems = ServerOptionsValidator.Problems(options);
        if (valid) Assert.Empty(problems);
        else Assert.Equal("GuardModel.StreamIntervalTokens", Assert.Single(problems).Option);
    }
}
