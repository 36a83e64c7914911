using System.Diagnostics;
using System.Text.Json;
using Gantry.TestSupport;

namespace Gantry.Cli.Tests.Commands;

/// <summary><c>serve</c>'s <c>--otlp-endpoint</c>, <c>--otlp-protocol</c> and <c>--log-format</c>: bad values, and JSON log lines from the real program.</summary>
public sealed class ObservabilityOptionsTests
{
    [Theory]
    [InlineData("--otlp-endpoint", "not a url", "--otlp-endpoint")]
    [InlineData("--otlp-endpoint", "ftp://127.0.0.1:4318", "--otlp-endpoint")]
    [InlineData("--otlp-protocol", "thrift", "--otlp-protocol")]
    [InlineData("--log-format", "xml", "--log-format")]
    public void Serve_BadObservabilityFlag_ExitsTwoWithOneLine(string flag, string value, string named)
    {
        var r = CliRunner.Run("serve", "--model", SharedModels.Stories260K, "--port", "0", flag, value);
        Assert.Equal(GantryCommand.UsageError, r.ExitCode);
        var line = Assert.Single(r.StderrLines);
        Assert.StartsWith("gantry: ", line);
        Assert.Contains(named, line);
        Assert.DoesNotContain("   at ", r.Stderr);
    }

    [Fact]
    public async Task Serve_LogFormatJson_WritesOneJsonObjectPerLine()
    {
        var state = Directory.CreateTempSubdirectory("gantry-logjson-").FullName;
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "gantry.dll"), "serve", "--model", SharedModels.Stories260K,
                     "--port", "0", "--threads", "1", "--kv-cache-memory", "16MiB", "--state-dir", state, "--log-format", "json" })
            info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        _ = process.StandardError.ReadToEndAsync();
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            var lines = new List<string>();
            while (await process.StandardOutput.ReadLineAsync(cts.Token) is { } line)
            {
                lines.Add(line);
                using var entry = JsonDocument.Parse(line); // every stdout line is a whole JSON object
                Assert.True(entry.RootElement.TryGetProperty("LogLevel", out _), line);
                Assert.True(entry.RootElement.TryGetProperty("Timestamp", out _), line);
                if (entry.RootElement.GetProperty("Message").GetString()!.Contains("Listening on http://", StringComparison.Ordinal)) return;
            }
            Assert.Fail("the server exited without logging where it listens: " + string.Join('\n', lines));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Directory.Delete(state, recursive: true);
        }
    }
}
