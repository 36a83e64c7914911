using System.Diagnostics;
using Gantry.Cli.Commands;
using Gantry.TestSupport;

namespace Gantry.Cli.Tests.Terminal;

/// <summary>
/// Progress bars through the real program: under a pseudo-terminal (util-linux <c>script</c>) quantize, bench and the
/// page-in of a large model draw a bar; piped, or with <c>--json</c>, nothing of a bar appears.
/// </summary>
public sealed class ProgressBarTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gantry-progress-").FullName;

    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Quantize_OnTerminal_DrawsBarToTheEnd()
    {
        var output = await RunOnTerminalAsync("quantize", "--model", SharedModels.Stories260K, "--out", Path.Combine(_dir, "q.gguf"), "--type", "Q8_0");
        Assert.Contains("quantizing stories260K.gguf [", output);
        Assert.Contains("100.0%", output);
        Assert.Contains("\r", output);
    }

    [Fact]
    public async Task Quantize_Piped_NoBar()
    {
        var (stdout, stderr) = await RunPipedAsync("quantize", "--model", SharedModels.Stories260K, "--out", Path.Combine(_dir, "q.gguf"), "--type", "Q8_0");
        Assert.Contains("tensors quantized", stdout);
        Assert.DoesNotContain("\r", stderr + stdout);
        Assert.DoesNotContain("[#", stderr + stdout);
    }

    [Fact]
    public async Task Bench_OnTerminal_DrawsPhaseBar_AndJsonNever()
    {
        string[] args = ["bench", "--model", SharedModels.Stories260K, "--prompt-tokens", "4", "--gen-tokens", "2", "--batch", "1", "--repeats", "1", "--bandwidth-buffer", "16MiB"];
        var text = await RunOnTerminalAsync(args);
        Assert.Contains("bench [", text);
        Assert.Contains("decode: batch 1", text);
        Assert.Contains("done", text);

        var json = await RunOnTerminalAsync([.. args, "--json"]);
        Assert.DoesNotContain("bench [", json);
        Assert.DoesNotContain("\r\u001b[K", json);
        Assert.Contains("\"decode_tokens_per_second\"", json);
    }

    [Fact]
    public async Task Generate_LargeModelOnTerminal_ShowsLoadingBar()
    {
        // stories260K followed by zeros past the page-in threshold: a sparse file, so it costs no disk
        var large = Path.Combine(_dir, "large.gguf");
        File.Copy(SharedModels.Stories260K, large);
        using (var f = new FileStream(large, FileMode.Open)) f.SetLength(ModelLocator.LargeFileBytes + (1 << 20));
        var output = await RunOnTerminalAsync("generate", "--model", large, "--prompt", "Once upon a time", "--max-tokens", "2", "--seed", "1");
        Assert.Contains("loading large.gguf [", output);
        Assert.Contains("100.0%", output);
    }

    /// <summary>Runs gantry with stdout and stderr on a pseudo-terminal; returns what the terminal showed.</summary>
    private static async Task<string> RunOnTerminalAsync(params string[] args)
    {
        var command = string.Join(' ', new[] { "dotnet", Gantry() }.Concat(args).Select(Quote));
        var info = new ProcessStartInfo("script") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var a in new[] { "-qefc", command, "/dev/null" }) info.ArgumentList.Add(a);
        info.Environment["COLUMNS"] = "160";
        var (exit, stdout, stderr) = await RunAsync(info);
        Assert.True(exit == 0, $"exit {exit}: {stdout} {stderr}");
        return stdout;
    }

    private static async Task<(string Stdout, string Stderr)> RunPipedAsync(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var a in new[] { Gantry() }.Concat(args)) info.ArgumentList.Add(a);
        var (exit, stdout, stderr) = await RunAsync(info);
        Assert.True(exit == 0, $"exit {exit}: {stdout} {stderr}");
        return (stdout, stderr);
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(ProcessStartInfo info)
    {
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(Patience);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    private static string Gantry() => Path.Combine(AppContext.BaseDirectory, "gantry.dll");

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''") + "'";

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
