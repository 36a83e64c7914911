using Gantry.TestSupport;

namespace Gantry.Cli.Tests.Commands;

/// <summary><c>serve --cascade</c>: a malformed route or one over a model that is not served stops the start with one line.</summary>
public sealed class CascadeOptionsTests
{
    [Theory]
    [InlineData("c=small", "--cascade: 'c=small' is not NAME=SMALL,LARGE[,MIN_LOGPROB]")]
    [InlineData("c=small,big", "--cascade 'c' names 'big', which is not a served model")]
    [InlineData("small=small,small", "--cascade 'small' is also a served model's name")]
    [InlineData("c=small,small,high", "not a finite number")]
    public void Serve_BadCascade_ExitsTwoWithOneLine(string cascade, string message)
    {
        var r = CliRunner.Run("serve", "--model", SharedModels.Stories260K + ":small", "--port", "0", "--cascade", cascade);
        Assert.True(r.ExitCode == GantryCommand.UsageError, $"exit {r.ExitCode}, stderr: {r.Stderr}");
        var line = Assert.Single(r.StderrLines);
        Assert.StartsWith("gantry: ", line);
        Assert.Contains(message, line, StringComparison.Ordinal);
    }
}
