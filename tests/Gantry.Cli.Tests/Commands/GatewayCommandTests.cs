using Gantry.TestSupport;

namespace Gantry.Cli.Tests.Commands;

/// <summary><c>gantry gateway</c> with wrong arguments: exit code 2 and one line naming the flag, never a stack trace.</summary>
public sealed class GatewayCommandTests
{
    [Theory]
    [InlineData("no replicas", "gateway")]
    [InlineData("--replica", "gateway", "--replica", "not-a-url")]
    [InlineData("--replicas-from", "gateway", "--replicas-from", "srv:x:1")]
    [InlineData("--policy", "gateway", "--replica", "http://127.0.0.1:9/", "--policy", "random")]
    [InlineData("--tokenizer", "gateway", "--replica", "http://127.0.0.1:9/", "--tokenizer", "nomodel")]
    [InlineData("not both", "gateway", "--replica", "http://127.0.0.1:9/", "--replicas-from", "dns:localhost:9")]
    [InlineData("not found", "gateway", "--config", "/nonexistent/gateway.json")]
    public void Gateway_BadArguments_ExitTwoWithOneLine(string expected, params string[] args)
    {
        var result = CliRunner.Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.StderrLines);
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Gateway_ConfigWithUnknownKey_ExitsTwo()
    {
        using var file = new TempFile(".json");
        File.WriteAllText(file.Path, "{\"replicas\": [\"http://127.0.0.1:9/\"], \"polcy\": \"default\"}");
        var result = CliRunner.Run("gateway", "--config", file.Path);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("polcy", result.Stderr, StringComparison.Ordinal);
    }
}
