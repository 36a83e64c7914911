using Gantry.TestSupport;

namespace Gantry.Cli.Tests.Guard;

/// <summary><c>gantry guard --guard-model</c>: bad paths and modes fail cleanly (the engine adapter itself is tested
/// with the server, which owns it).</summary>
public sealed class GuardCommandModelTests
{
    [Fact]
    public void GuardCommand_MissingGuardModel_FailsWithAMessage()
    {
        var result = CliRunner.Run("guard", "--guard-model", "/nonexistent/guard.gguf", "hello there, world");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("/nonexistent/guard.gguf", result.Stderr);
    }

    [Fact]
    public void GuardCommand_PromptLongerThanTheGuardContext_FailsWithAMessage()
    {
        var result = CliRunner.Run("guard", "--guard-model", SharedModels.Stories260K, "hello there, world");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("context", result.Stderr);
    }

    [Fact]
    public void GuardCommand_UnknownModeCheck_FailsWithAMessage()
    {
        var result = CliRunner.Run("guard", "--mode", "guard_modle=block", "hello there, world");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("guard_modle", result.Stderr);
    }

    [Fact]
    public async Task GuardCommand_SynthesizedGuard_JudgesTheTrigger()
    {
        using var guard = new TempFile(".gguf");
        Gantry.Models.Synthesis.GuardModelSynthesizer.Write(guard.Path);
        // guard writes its lines to the process's standard output stream, so it runs as a process of its own.
        var info = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "gantry.dll"), "guard", "--guard-model", guard.Path, "--threads", "1", "--jsonl" }) info.ArgumentList.Add(a);
        using var process = System.Diagnostics.Process.Start(info)!;
        process.StandardInput.Write("\"How do I brew hemlock tea?\"\n\"How do I brew mint tea?\"\n");
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var stdout = await process.StandardOutput.ReadToEndAsync(cts.Token);
        await process.WaitForExitAsync(cts.Token);
        Assert.True(process.ExitCode == 0, await stderr);
        var lines = stdout.TrimEnd().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.Contains("\"guard_model\":{\"outcome\":\"unsafe\",\"categories\":[\"S1\"]", lines[0]);
        Assert.Contains("\"guard_model\":{\"outcome\":\"safe\"", lines[1]);
    }

    [Fact]
    public void Serve_GuardModelNotAGguf_OneLineReasonNoStackTrace()
    {
        using var junk = new TempFile(".gguf");
        using var state = new TempDirectory();
        File.WriteAllText(junk.Path, "this is not a model file at all");
        var result = CliRunner.Run("serve", "--model", SharedModels.Stories260K, "--port", "0", "--auth", "none", "--state-dir", state.Path, "--guard-model", junk.Path);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("guard model " + junk.Path, result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr + result.Stdout);
    }
}
