using Gantry.TestSupport;

namespace Gantry.Cli.Tests.Commands;

/// <summary>Every wrong invocation ends with exit code 2 and exactly one line on stderr, never a stack trace.</summary>
public sealed class BadArgumentTests : IDisposable
{
    private const string Missing = "/nonexistent/dir/model.gguf";
    private readonly TempFile _corrupt = new();
    private readonly TempFile _empty = new();
    private readonly TempFile _out = new();

    public BadArgumentTests()
    {
        // A GGUF magic followed by garbage, and an empty file.
        File.WriteAllBytes(_corrupt.Path, [(byte)'G', (byte)'G', (byte)'U', (byte)'F', 3, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 1, 2, 3]);
        File.WriteAllBytes(_empty.Path, []);
    }

    [Theory]
    [InlineData("info")]
    [InlineData("tokenize", "hello")]
    [InlineData("generate", "--prompt", "hi")]
    [InlineData("bench")]
    [InlineData("quantize", "--out", "x.gguf", "--type", "Q8_0")]
    public void Command_MissingModel_ExitsTwoWithOneLine(params string[] args) => AssertUsageError(args);

    [Theory]
    [InlineData("info")]
    [InlineData("tokenize")]
    [InlineData("generate")]
    [InlineData("bench")]
    [InlineData("quantize")]
    public void Command_NonexistentModel_ExitsTwoWithOneLine(string command) =>
        AssertUsageError(WithModel(command, Missing), "not found");

    [Theory]
    [InlineData("info")]
    [InlineData("tokenize")]
    [InlineData("generate")]
    [InlineData("bench")]
    [InlineData("quantize")]
    public void Command_CorruptModel_ExitsTwoWithOneLine(string command)
    {
        AssertUsageError(WithModel(command, _corrupt.Path));
        AssertUsageError(WithModel(command, _empty.Path));
    }

    [Theory]
    [InlineData("generate", "--prompt", "hi", "--max-tokens", "0")]
    [InlineData("generate", "--prompt", "hi", "--max-tokens", "many")]
    [InlineData("generate", "--prompt", "hi", "--threads", "0")]
    [InlineData("generate", "--prompt", "hi", "--logprobs", "-1")]
    [InlineData("generate", "--prompt", "hi", "--kv-cache-type", "f8")]
    [InlineData("generate", "--prompt", "hi", "--kv-cache-memory", "lots")]
    [InlineData("generate", "--prompt", "hi", "--temperature", "-1")]
    [InlineData("generate")]
    [InlineData("tokenize")]
    [InlineData("tokenize", "--jsonl", "text")]
    [InlineData("bench", "--batch", "0")]
    [InlineData("bench", "--batch", "1,x")]
    [InlineData("bench", "--batch", "")]
    [InlineData("bench", "--prompt-tokens", "0")]
    [InlineData("bench", "--gen-tokens", "1")]
    [InlineData("bench", "--prefix-tokens", "-1")]
    [InlineData("bench", "--repeats", "0")]
    [InlineData("bench", "--threads", "0")]
    [InlineData("bench", "--kv-cache-type", "f16")]
    [InlineData("bench", "--kv-cache-memory", "-5")]
    [InlineData("bench", "--bandwidth-buffer", "big")]
    [InlineData("bench", "--prompt-tokens", "100000")]
    [InlineData("bench", "--unknown-flag")]
    [InlineData("bench", "--workload", "extractive")]
    [InlineData("bench", "--workload", "summarising", "--speculative", "ngram")]
    [InlineData("bench", "--workload", "copying")]
    [InlineData("bench", "--workload", "random", "--prompt-file", "MODEL", "--speculative", "ngram")]
    [InlineData("bench", "--prompt-file", "/nonexistent/prompt.txt", "--speculative", "ngram")]
    [InlineData("quantize", "--out", "OUT", "--type", "Q5_1")]
    [InlineData("quantize", "--out", "OUT")]
    [InlineData("quantize", "--out", "MODEL", "--type", "Q8_0")]
    public void Command_BadArgument_ExitsTwoWithOneLine(string command, params string[] rest)
    {
        // The model goes right after the command; OUT and MODEL stand for a temp path and the model itself.
        string[] args = [command, "--model", SharedModels.Stories260K, .. rest.Select(a => a == "OUT" ? _out.Path : a == "MODEL" ? SharedModels.Stories260K : a)];
        AssertUsageError(args);
    }

    [Fact]
    public void Quantize_AlreadyQuantizedToAnotherType_ExitsTwoWithOneLine()
    {
        // stories260K is F32, so make a Q8_0 copy first, then ask for Q4_0 from it.
        Assert.Equal(0, CliRunner.Run("quantize", "--model", SharedModels.Stories260K, "--out", _out.Path, "--type", "Q8_0").ExitCode);
        using var again = new TempFile();
        AssertUsageError(["quantize", "--model", _out.Path, "--out", again.Path, "--type", "Q4_0"], "already quantized");
    }

    [Theory]
    [InlineData("synth", "--shape", "huge", "--out", "OUT")]
    [InlineData("synth", "--shape", "tiny", "--type", "q3_k", "--out", "OUT")]
    [InlineData("synth", "--shape", "tiny")]
    [InlineData("synth", "--out", "OUT")]
    [InlineData("synth", "--arch", "gpt5", "--out", "OUT")]
    [InlineData("synth", "--arch", "gemma3", "--shape", "huge", "--out", "OUT")]
    [InlineData("synth", "--shape", "tiny", "--out", "/nonexistent/dir/x.gguf")]
    [InlineData("synth", "--shape", "tiny", "--map-cycle", "64", "--out", "OUT")]
    [InlineData("synth", "--shape", "tiny", "--follow-map", "5", "--map-cycle", "1", "--out", "OUT")]
    [InlineData("synth", "--shape", "tiny", "--follow-map", "5", "--map-cycle", "1022", "--out", "OUT")]
    [InlineData("no-such-command")]
    [InlineData("bench-serve", "--model", "m", "--warmup-requests", "-1")]
    [InlineData("bench-serve", "--model", "m", "--concurrency", "0")]
    public void Other_BadArgument_ExitsTwoWithOneLine(params string[] args) =>
        AssertUsageError(args.Select(a => a == "OUT" ? _out.Path : a).ToArray());

    [Theory]
    [InlineData("serve", "--stream-interval", "0")]
    [InlineData("serve", "--stream-interval", "-3")]
    [InlineData("bench-serve", "--model", "m", "--direct", "MODEL", "--stream-interval", "0")]
    public void StreamInterval_BelowOne_ExitsTwoWithOneLine(params string[] args) =>
        AssertUsageError(args.Select(a => a == "MODEL" ? SharedModels.Stories260K : a).ToArray(), "--stream-interval must be at least 1");

    private static string[] WithModel(string command, string path) => command switch
    {
        "tokenize" => [command, "--model", path, "hello"],
        "generate" => [command, "--model", path, "--prompt", "hi"],
        "quantize" => [command, "--model", path, "--out", Path.Combine(Path.GetTempPath(), "gantry-never-written.gguf"), "--type", "Q8_0"],
        "bench" => [command, "--model", path, "--prompt-tokens", "4", "--gen-tokens", "2", "--batch", "1", "--repeats", "1", "--bandwidth-buffer", "16MiB", "--json"],
        _ => [command, "--model", path],
    };

    private static void AssertUsageError(string[] args, string? messagePart = null)
    {
        var r = CliRunner.Run(args);
        Assert.True(r.ExitCode == GantryCommand.UsageError, $"gantry {string.Join(' ', args)}: exit {r.ExitCode}, stderr: {r.Stderr}");
        var line = Assert.Single(r.StderrLines);
        Assert.StartsWith("gantry: ", line);
        Assert.DoesNotContain("   at ", r.Stderr);
        if (messagePart is not null) Assert.Contains(messagePart, line, StringComparison.OrdinalIgnoreCase);
    }

    public void Dispose()
    {
        _corrupt.Dispose();
        _empty.Dispose();
        _out.Dispose();
    }
}
