using Gantry.Engine;
using Gantry.Security;
using Gantry.Security.Storage;
using Gantry.Server.Configuration;
using Gantry.Server.Hosting;
using Gantry.TestSupport;
using Microsoft.Extensions.Logging;

namespace Gantry.Cli.Tests.Lifecycle;

/// <summary><c>gantry models</c>: the registry in a temporary state folder, and swap/load/unload against a running server.</summary>
public sealed class ModelsCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gantry-cli-models-").FullName;

    public void Dispose()
    {
        StateDatabase.ReleaseAll();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void AddListRemove_RoundTrip()
    {
        var add = CliRunner.Run("models", "add", "stories", "--path", SharedModels.Stories260K, "--version", "v1", "--notes", "first", "--state-dir", _dir);
        Assert.Equal(0, add.ExitCode);
        Assert.Contains("registered stories v1: llama, F32", add.Stdout);
        var list = CliRunner.Run("models", "list", "--state-dir", _dir);
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("stories", list.Stdout);
        Assert.Contains("# first", list.Stdout);
        var again = CliRunner.Run("models", "add", "stories", "--path", SharedModels.Stories260K, "--version", "v1", "--state-dir", _dir);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("--version: model 'stories' already has a version 'v1'", again.Stderr);
        Assert.Equal(0, CliRunner.Run("models", "remove", "stories", "--version", "v1", "--state-dir", _dir).ExitCode);
        var gone = CliRunner.Run("models", "remove", "stories", "--version", "v1", "--state-dir", _dir);
        Assert.Equal(2, gone.ExitCode);
        Assert.Single(gone.StderrLines);
    }

    [Theory]
    [InlineData("models", "add", "m", "--path", "/nonexistent.gguf", "--version", "v1")]
    [InlineData("models", "add", "m", "--version", "v1")]
    [InlineData("models", "add", "a/b", "--path", "PLACEHOLDER", "--version", "v1")]
    [InlineData("models", "swap", "m", "--server", "http://127.0.0.1:1")]
    [InlineData("models", "swap", "m", "--version", "v1", "--server", "not a url")]
    public void BadArguments_OneLineExit2(params string[] args)
    {
        var r = CliRunner.Run([.. args.Select(a => a == "PLACEHOLDER" ? SharedModels.Stories260K : a), "--state-dir", _dir]);
        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.StderrLines);
        Assert.StartsWith("gantry: ", r.Stderr);
    }

    [Fact]
    public async Task SwapLoadUnload_AgainstARunningServer()
    {
        var options = new ServerOptions
        {
            Port = 0, Threads = 1, Models = [new ModelSpec(SharedModels.Stories260K, "stories")],
            Engine = new EngineOptions { KvCacheBytes = 16L << 20 },
            Security = new SecuritySettings { StateDir = _dir, Auth = AuthMode.None },
        };
        await using var server = GantryServer.Create(options, logLevel: LogLevel.Warning);
        await server.StartAsync();
        await server.ModelsLoaded;
        var url = server.Url.ToString();
        var swap = await Task.Run(() => CliRunner.Run("models", "swap", "stories", "--path", SharedModels.Stories260K, "--version", "v2", "--server", url));
        Assert.Equal(0, swap.ExitCode);
        Assert.Contains("stories: serving v2", swap.Stdout);
        Assert.Contains("retiring v1", swap.Stdout);
        var back = await Task.Run(() => CliRunner.Run("models", "swap", "stories", "--version", "v1", "--server", url));
        Assert.Equal(0, back.ExitCode);
        var unknown = await Task.Run(() => CliRunner.Run("models", "swap", "stories", "--version", "v9", "--server", url));
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("404", unknown.Stderr);
        Assert.Equal(0, (await Task.Run(() => CliRunner.Run("models", "unload", "stories", "--server", url))).ExitCode);
        Assert.Empty(server.Registry.Routes);
        var load = await Task.Run(() => CliRunner.Run("models", "load", "stories", "--version", "v2", "--server", url));
        Assert.Equal(0, load.ExitCode);
        Assert.Equal("v2", Assert.Single(server.Registry.Routes).Primary.Version);

        var split = await Task.Run(() => CliRunner.Run("models", "split", "stories", "--weights", "v1=30,v2=70", "--sticky", "user", "--server", url));
        Assert.Equal(0, split.ExitCode);
        Assert.Contains("stories: v1=30, v2=70 sticky user", split.Stdout);
        var badWeights = await Task.Run(() => CliRunner.Run("models", "split", "stories", "--weights", "v1", "--server", url));
        Assert.Equal(2, badWeights.ExitCode);
        var noCanary = await Task.Run(() => CliRunner.Run("models", "canary", "stories", "--status", "--server", url));
        Assert.Equal(2, noCanary.ExitCode);
        Assert.Contains("404", noCanary.Stderr);
        var toSingle = await Task.Run(() => CliRunner.Run("models", "swap", "stories", "--version", "v1", "--server", url));
        Assert.Equal(0, toSingle.ExitCode);
        var canary = await Task.Run(() => CliRunner.Run("models", "canary", "stories", "--version", "v2", "--steps", "10,100", "--server", url));
        Assert.Equal(0, canary.ExitCode);
        Assert.Contains("canary v2 over v1 running at 10%", canary.Stdout);
        var promote = await Task.Run(() => CliRunner.Run("models", "canary", "stories", "--advance", "--server", url));
        Assert.Contains("promoted at 100%", promote.Stdout);
    }
}
