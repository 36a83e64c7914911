using Gantry.TestSupport;

namespace Gantry.Cli.Tests.Chat;

/// <summary><c>gantry chat</c> in a pipe: one message a line in, one streamed reply a line out.</summary>
public sealed class ChatCommandTests
{
    private static CliResult Chat(string input, params string[] extra) =>
        CliRunner.RunWithInput(input, ["chat", "--model", SharedModels.Stories260K, "--temperature", "0", "--max-tokens", "12", "--threads", "1", .. extra]);

    [Fact]
    public void Chat_Pipe_RepliesOnePerLineAndStopsAtExit()
    {
        var r = Chat("Once upon a time\n\nTell me about a dog.\n/exit\nnever read\n");

        Assert.True(r.ExitCode == 0, r.Stderr);
        var lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length); // two replies; no prompt, no banner, nothing after /exit
        Assert.All(lines, l => Assert.Contains(' ', l.Trim()));
        Assert.Equal("", r.Stderr);
    }

    [Fact]
    public void Chat_SecondTurn_SeesHistoryUnlessReset()
    {
        var withHistory = Chat("Once upon a time\nWhat happened next?\n").Stdout.Split('\n');
        var afterReset = Chat("Once upon a time\n/reset\nWhat happened next?\n").Stdout.Split('\n');
        var alone = Chat("What happened next?\n").Stdout.Split('\n');

        Assert.Equal(withHistory[0], afterReset[0]); // greedy: the same first reply
        Assert.Equal("(history cleared)", afterReset[1]);
        Assert.Equal(alone[0], afterReset[2]); // after /reset the second question is asked fresh...
        Assert.NotEqual(alone[0], withHistory[1]); // ...while without it the model saw the first turn
    }

    [Fact]
    public void Chat_SystemCommand_ChangesThePrompt()
    {
        var plain = Chat("Hello\n").Stdout.Split('\n');
        var withSystem = Chat("/system You tell stories about cats.\nHello\n").Stdout.Split('\n');
        var flag = Chat("Hello\n", "--system", "You tell stories about cats.").Stdout.Split('\n');

        Assert.Equal("(system message set)", withSystem[0]);
        Assert.NotEqual(plain[0], withSystem[1]);
        Assert.Equal(withSystem[1], flag[0]);
    }

    [Fact]
    public void Chat_UnknownCommand_SaysWhichExist()
    {
        var r = Chat("/frobnicate\n");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("/system TEXT, /reset, /exit", r.Stdout);
    }
}
