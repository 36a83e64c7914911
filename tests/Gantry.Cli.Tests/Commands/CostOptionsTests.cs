using Gantry.TestSupport;

namespace Gantry.Cli.Tests.Commands;

/// <summary><c>serve</c>'s cost flags: a bad value stops the start with one line naming the flag.</summary>
public sealed class CostOptionsTests : IDisposable
{
    private readonly TempFile _table = new();

    [Theory]
    [InlineData("--cost-watts", "-5", "--cost-watts must be a non-negative number")]
    [InlineData("--cost-watts", "Infinity", "--cost-watts must be a non-negative number")]
    [InlineData("--cost-grid-gco2-per-kwh", "-1", "--cost-grid-gco2-per-kwh must be a non-negative number")]
    [InlineData("--cost-watts", "lots", "lots")]
    [InlineData("--price-table", "/nonexistent/prices.txt", "not found")]
    public void Serve_BadCostFlag_ExitsTwoWithOneLine(string flag, string value, string message) =>
        AssertUsageError(["serve", "--model", SharedModels.Stories260K, "--port", "0", flag, value], message);

    [Theory]
    [InlineData("stories=1,2\nother=1\n", "line 2")]
    [InlineData("stories=-1,2\n", "non-negative")]
    [InlineData("stories=1,2\nstories=3,4\n", "twice")]
    public void Serve_BadPriceTable_NamesTheFlagAndLine(string text, string message)
    {
        File.WriteAllText(_table.Path, text);
        AssertUsageError(["serve", "--model", SharedModels.Stories260K, "--port", "0", "--price-table", _table.Path], "--price-table");
        AssertUsageError(["serve", "--model", SharedModels.Stories260K, "--port", "0", "--price-table", _table.Path], message);
    }

    private static void AssertUsageError(string[] args, string messagePart)
    {
        var r = CliRunner.Run(args);
        Assert.True(r.ExitCode == GantryCommand.UsageError, $"gantry {string.Join(' ', args)}: exit {r.ExitCode}, stderr: {r.Stderr}");
        var line = Assert.Single(r.StderrLines);
        Assert.StartsWith("gantry: ", line);
        Assert.Contains(messagePart, line, StringComparison.OrdinalIgnoreCase);
    }

    public void Dispose() => _table.Dispose();
}
