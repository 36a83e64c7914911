using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gantry.Server.Hosting;
using Gantry.TestSupport;

namespace Gantry.Server.Tests.Hosting;

/// <summary>The built-in demo models: stories260K embedded in the build (the default) and <c>demo:random</c>.</summary>
[Collection(ServerCollection.Name)]
public sealed class DemoModelTests(ServerFixture fixture)
{
    private const string Greedy = """{"model":"M","prompt":"Once upon a time","max_tokens":24,"temperature":0}""";

    [Fact]
    public void OpenTrained_IsTheSharedStories260KFileByteForByte()
    {
        using var embedded = DemoModel.OpenTrained();
        using var shared = File.OpenRead(SharedModels.Stories260K);
        Assert.Equal(Convert.ToHexString(SHA256.HashData(shared)), Convert.ToHexString(SHA256.HashData(embedded)));
    }

    [Fact]
    public void Parse_DemoRandom_IsBuiltInRandomModel()
    {
        var spec = ModelSpec.Parse("demo:random");
        Assert.True(spec.IsBuiltIn);
        Assert.Equal(DemoModel.RandomName, spec.Name);
        Assert.False(ModelSpec.Parse("demo.gguf:random").IsBuiltIn);
    }

    [Fact]
    public async Task Serve_NoModel_ServesEmbeddedStories260KAnsweringLikeTheFile()
    {
        var options = ServerFixture.Options() with { Models = [] };
        var (server, http) = await ServerFixture.StartAsync(options);
        await using var _ = server;
        using var __ = http;

        var model = JsonDocument.Parse(await http.GetStringAsync("/v1/models")).RootElement.GetProperty("data")[0];
        Assert.Equal(DemoModel.TrainedName, model.GetProperty("id").GetString());
        Assert.Contains("stories260K", model.GetProperty("description").GetString());

        var builtIn = await CompleteAsync(http, DemoModel.TrainedName);
        var fromFile = await CompleteAsync(fixture.Http, ServerFixture.Model);
        Assert.Equal(fromFile, builtIn); // the same weights, so greedy decoding gives the same text
        var words = builtIn.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(words.Length >= 8, builtIn);
        Assert.True(builtIn.Count(c => char.IsAsciiLetter(c) || c == ' ') >= 0.8 * builtIn.Length, builtIn); // words, not byte noise
        Assert.Empty(Directory.GetFiles(Path.GetTempPath(), $"gantry-demo-{Environment.ProcessId}-*.gguf"));
    }

    [Fact]
    public async Task Serve_DemoRandom_ListsRandomWeightsModel()
    {
        var options = ServerFixture.Options(1024, ModelSpec.Parse("demo:random"));
        var (server, http) = await ServerFixture.StartAsync(options);
        await using var _ = server;
        using var __ = http;

        var model = JsonDocument.Parse(await http.GetStringAsync("/v1/models")).RootElement.GetProperty("data")[0];
        Assert.Equal(DemoModel.RandomName, model.GetProperty("id").GetString());
        Assert.Contains("RANDOM", model.GetProperty("description").GetString());
        Assert.Equal(24, JsonDocument.Parse(await (await http.PostAsync("/v1/completions", Body(DemoModel.RandomName))).Content.ReadAsStringAsync())
            .RootElement.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    private static StringContent Body(string model) => new(Greedy.Replace("\"M\"", $"\"{model}\""), Encoding.UTF8, "application/json");

    private static async Task<string> CompleteAsync(HttpClient http, string model)
    {
        var response = await http.PostAsync("/v1/completions", Body(model));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("choices")[0].GetProperty("text").GetString()!;
    }
}
