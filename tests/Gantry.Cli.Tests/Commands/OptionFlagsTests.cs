using Gantry.Cli.Commands;
using Gantry.Engine;
using Gantry.Gateway;
using Gantry.Security.Keys;
using Gantry.Security.Storage;
using Gantry.Server.Configuration;
using Gantry.TestSupport;

namespace Gantry.Cli.Tests.Commands;

/// <summary>
/// Libraries refuse an option by its name (<see cref="ArgumentException.ParamName"/>, <see cref="OptionProblem.Option"/>);
/// the CLI alone turns that name into its flag, so the user still reads the flag they typed.
/// </summary>
public sealed class OptionFlagsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gantry-cli-flags-").FullName;

    public void Dispose()
    {
        StateDatabase.ReleaseAll();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void Describe_LibraryRefusal_PutsTheFlagInFrontOfTheProblem()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => new TenantLimits { MaxN = 0 }.Validate());
        Assert.Equal(nameof(TenantLimits.MaxN), e.ParamName);
        Assert.Equal("--max-n must be positive (got 0)", OptionFlags.Describe(e));
    }

    [Fact]
    public void Describe_GatewayRefusal_NamesItsFlag()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => new GatewayOptions { Replicas = [new Uri("http://127.0.0.1:9/")], MaxRetries = 11 }.Validate());
        Assert.Equal("--max-retries must be in 0..10 (got 11)", OptionFlags.Describe(e));
    }

    [Fact]
    public void Describe_OptionWithoutFlag_IsNull() =>
        Assert.Null(OptionFlags.Describe(new ArgumentException("bad", "somethingElse")));

    [Fact]
    public void Describe_ServerOptionProblem_NamesTheServeFlag() =>
        Assert.Equal("--max-queue must be at least 1 (got 0)", OptionFlags.Describe(new OptionProblem("Engine.Scheduler.MaxQueue", "must be at least 1 (got 0)")));

    [Fact]
    public void KeysCreate_ZeroRate_SaysTheFlag()
    {
        var r = CliRunner.Run("keys", "create", "--tenant", "acme", "--rpm", "0", "--state-dir", _dir);
        Assert.Equal(GantryCommand.UsageError, r.ExitCode);
        Assert.Equal("gantry: --rpm must be positive (got 0)", Assert.Single(r.StderrLines));
    }

    [Fact]
    public void Generate_KvCacheSmallerThanABlock_SaysTheFlag()
    {
        var r = CliRunner.Run("generate", "--model", SharedModels.Stories260K, "--prompt", "Once", "--kv-cache-memory", "1KiB");
        Assert.Equal(GantryCommand.UsageError, r.ExitCode);
        Assert.StartsWith("gantry: --kv-cache-memory (1024 bytes) is less than one KV block", Assert.Single(r.StderrLines));
    }

    [Fact]
    public void Gateway_BadRetries_SaysTheFlag()
    {
        var r = CliRunner.Run("gateway", "--replica", "http://127.0.0.1:9/", "--max-retries", "11");
        Assert.Equal(GantryCommand.UsageError, r.ExitCode);
        Assert.Equal("gantry: --max-retries must be in 0..10 (got 11)", Assert.Single(r.StderrLines));
    }
}
